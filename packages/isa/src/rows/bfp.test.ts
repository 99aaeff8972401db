// The BFP rows decode what binutils encodes: every line below is s390x-linux-gnu-objdump
// output (hex, mnemonic, operands) for an instruction assembled by s390x-linux-gnu-as
// -march=z196 from the mnemonic and operands shown. The decoder must find the row of the
// same mnemonic (the floating-point-extension "...A" forms share their base row) and
// extract the same operand fields.
import { describe, expect, it } from 'vitest';
import { Insn, decode, rowDef } from '../decode.ts';
import { bfp } from './bfp.ts';

const OBJDUMP = `
  78134002 le %f1,2(%r3,%r4)
  ed1340020064 ley %f1,2(%r3,%r4)
  68134002 ld %f1,2(%r3,%r4)
  ed1340020065 ldy %f1,2(%r3,%r4)
  70134002 ste %f1,2(%r3,%r4)
  ed1340020066 stey %f1,2(%r3,%r4)
  60134002 std %f1,2(%r3,%r4)
  ed1340020067 stdy %f1,2(%r3,%r4)
  3812 ler %f1,%f2
  2812 ldr %f1,%f2
  b3650015 lxr %f1,%f5
  b3740010 lzer %f1
  b3750010 lzdr %f1
  b3760010 lzxr %f1
  b3700012 lpdfr %f1,%f2
  b3710012 lndfr %f1,%f2
  b3730012 lcdfr %f1,%f2
  b3723012 cpsdr %f1,%f3,%f2
  b3cd0012 lgdr %r1,%f2
  b3c10012 ldgr %f1,%r2
  b3840010 sfpc %r1
  b3850010 sfasr %r1
  b38c0010 efpc %r1
  b29d1004 lfpc 4(%r1)
  b2bd1004 lfas 4(%r1)
  b29c1004 stfpc 4(%r1)
  b2991004 srnm 4(%r1)
  b2b81004 srnmb 4(%r1)
  b30a0012 aebr %f1,%f2
  ed134002000a aeb %f1,2(%r3,%r4)
  b31a0012 adbr %f1,%f2
  ed134002001a adb %f1,2(%r3,%r4)
  b34a0015 axbr %f1,%f5
  b30b0012 sebr %f1,%f2
  ed134002000b seb %f1,2(%r3,%r4)
  b31b0012 sdbr %f1,%f2
  ed134002001b sdb %f1,2(%r3,%r4)
  b34b0015 sxbr %f1,%f5
  b3170012 meebr %f1,%f2
  ed1340020017 meeb %f1,2(%r3,%r4)
  b31c0012 mdbr %f1,%f2
  ed134002001c mdb %f1,2(%r3,%r4)
  b34c0015 mxbr %f1,%f5
  b30c0012 mdebr %f1,%f2
  ed134002000c mdeb %f1,2(%r3,%r4)
  b3070012 mxdbr %f1,%f2
  ed1340020007 mxdb %f1,2(%r3,%r4)
  b30d0012 debr %f1,%f2
  ed134002000d deb %f1,2(%r3,%r4)
  b31d0012 ddbr %f1,%f2
  ed134002001d ddb %f1,2(%r3,%r4)
  b34d0015 dxbr %f1,%f5
  b30e1032 maebr %f1,%f3,%f2
  ed345002100e maeb %f1,%f3,2(%r4,%r5)
  b31e1032 madbr %f1,%f3,%f2
  ed345002101e madb %f1,%f3,2(%r4,%r5)
  b30f1032 msebr %f1,%f3,%f2
  ed345002100f mseb %f1,%f3,2(%r4,%r5)
  b31f1032 msdbr %f1,%f3,%f2
  ed345002101f msdb %f1,%f3,2(%r4,%r5)
  b3140012 sqebr %f1,%f2
  ed1340020014 sqeb %f1,2(%r3,%r4)
  b3150012 sqdbr %f1,%f2
  ed1340020015 sqdb %f1,2(%r3,%r4)
  b3160015 sqxbr %f1,%f5
  b3090012 cebr %f1,%f2
  ed1340020009 ceb %f1,2(%r3,%r4)
  b3190012 cdbr %f1,%f2
  ed1340020019 cdb %f1,2(%r3,%r4)
  b3490015 cxbr %f1,%f5
  b3080012 kebr %f1,%f2
  ed1340020008 keb %f1,2(%r3,%r4)
  b3180012 kdbr %f1,%f2
  ed1340020018 kdb %f1,2(%r3,%r4)
  b3480015 kxbr %f1,%f5
  b3020012 ltebr %f1,%f2
  b3120012 ltdbr %f1,%f2
  b3420015 ltxbr %f1,%f5
  b3030012 lcebr %f1,%f2
  b3130012 lcdbr %f1,%f2
  b3430015 lcxbr %f1,%f5
  b3010012 lnebr %f1,%f2
  b3110012 lndbr %f1,%f2
  b3410015 lnxbr %f1,%f5
  b3000012 lpebr %f1,%f2
  b3100012 lpdbr %f1,%f2
  b3400015 lpxbr %f1,%f5
  b3040012 ldebr %f1,%f2
  ed1340020004 ldeb %f1,2(%r3,%r4)
  b3050012 lxdbr %f1,%f2
  ed1340020005 lxdb %f1,2(%r3,%r4)
  b3060012 lxebr %f1,%f2
  ed1340020006 lxeb %f1,2(%r3,%r4)
  b3443412 ledbra %f1,3,%f2,4
  b3453415 ldxbra %f1,3,%f5,4
  b3463415 lexbra %f1,3,%f5,4
  b3573412 fiebra %f1,3,%f2,4
  b35f3412 fidbra %f1,3,%f2,4
  b3473415 fixbra %f1,3,%f5,4
  b3943412 cefbra %f1,3,%r2,4
  b3953412 cdfbra %f1,3,%r2,4
  b3963412 cxfbra %f1,3,%r2,4
  b3a43412 cegbra %f1,3,%r2,4
  b3a53412 cdgbra %f1,3,%r2,4
  b3a63412 cxgbra %f1,3,%r2,4
  b3903412 celfbr %f1,3,%r2,4
  b3913412 cdlfbr %f1,3,%r2,4
  b3923412 cxlfbr %f1,3,%r2,4
  b3a03412 celgbr %f1,3,%r2,4
  b3a13412 cdlgbr %f1,3,%r2,4
  b3a23412 cxlgbr %f1,3,%r2,4
  b3983412 cfebra %r1,3,%f2,4
  b3993412 cfdbra %r1,3,%f2,4
  b39a3415 cfxbra %r1,3,%f5,4
  b3a83412 cgebra %r1,3,%f2,4
  b3a93412 cgdbra %r1,3,%f2,4
  b3aa3415 cgxbra %r1,3,%f5,4
  b39c3412 clfebr %r1,3,%f2,4
  b39d3412 clfdbr %r1,3,%f2,4
  b39e3415 clfxbr %r1,3,%f5,4
  b3ac3412 clgebr %r1,3,%f2,4
  b3ad3412 clgdbr %r1,3,%f2,4
  b3ae3415 clgxbr %r1,3,%f5,4
  ed1340020010 tceb %f1,2(%r3,%r4)
  ed1340020011 tcdb %f1,2(%r3,%r4)
  ed1340020012 tcxb %f1,2(%r3,%r4)
  b3533412 diebr %f1,%f3,%f2,4
  b35b3412 didbr %f1,%f3,%f2,4
`;

/** Operand fields named by the objdump operand text, per the row's format. */
function fields(fmt: string, ops: string): Record<string, number> {
  const n = ops.match(/\d+/g)!.map(Number);
  switch (fmt) {
    case 'RR': case 'RRE': return n.length === 1 ? { r1: n[0]! } : { r1: n[0]!, r2: n[1]! };
    case 'RRF-e': return { r1: n[0]!, m3: n[1]!, r2: n[2]!, m4: n[3]! };
    case 'RRF-b': return n.length === 4 ? { r1: n[0]!, r3: n[1]!, r2: n[2]!, m4: n[3]! } : { r1: n[0]!, r3: n[1]!, r2: n[2]! };
    case 'RRD': return { r1: n[0]!, r3: n[1]!, r2: n[2]! };
    case 'RX-a': case 'RXY-a': case 'RXE': return { r1: n[0]!, d2: n[1]!, x2: n[2]!, b2: n[3]! };
    case 'RXF': return { r1: n[0]!, r3: n[1]!, d2: n[2]!, x2: n[3]!, b2: n[4]! };
    case 'S': return { d2: n[0]!, b2: n[1]! };
    default: throw new Error(fmt);
  }
}

describe('BFP rows against binutils encodings', () => {
  const lines = OBJDUMP.trim().split('\n').map((l) => l.trim().split(' '));
  it('every row of the family appears once in the binutils list', () => {
    const base = (m: string): string => bfp.some((r) => r.mn === m) ? m : m.replace(/a$/, '');
    expect(lines.map((l) => base(l[1]!)).sort()).toEqual(bfp.map((r) => r.mn).sort());
  });
  for (const [hex, mn, ops] of lines) {
    it(`${mn} ${ops}`, () => {
      const h = hex!.padEnd(12, '0');
      const o = decode(parseInt(h.slice(0, 8), 16) >>> 0, parseInt(h.slice(8), 16), new Insn());
      expect(o.row).toBeGreaterThanOrEqual(0);
      const def = rowDef(o.row);
      expect(def.mn === mn || `${def.mn}a` === mn).toBe(true);
      expect(o.len).toBe(hex!.length / 2);
      const want = fields(def.fmt, ops!);
      for (const [k, v] of Object.entries(want)) expect((o as unknown as Record<string, number>)[k], k).toBe(v);
    });
  }
});
