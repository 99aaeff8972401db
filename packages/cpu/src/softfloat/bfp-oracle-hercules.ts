// A second BFP oracle, Hercules 3.13 (bare-metal z/Architecture), for what qemu-s390x
// cannot judge: DIVIDE TO INTEGER (DIEBR/DIDBR, absent from qemu-s390x 7.2) and cases
// where qemu departs from the architecture (LOAD AND TEST with an SNaN, 0 * infinity
// plus a QNaN, MDEBR operand widths). Hercules 3.13 predates parts of the architecture
// ztab implements (scaled results of trapped overflow/underflow, the incremented DXC,
// exact tiny results with underflow unmasked, ties-away rounding), so those are not
// asked of it.
//
//   npx tsx packages/cpu/src/softfloat/bfp-oracle-hercules.ts
//
// assembles one straight-line program (AFP control on; per case: load the FPC and FPRs
// 0/2/4/6, run the instruction, store FPC, CC and the FPRs; the program-check new PSW
// records the interruption code and the DXC and resumes with the next case), runs it
// under Hercules and writes bfp-oracle.hercules.json beside this file.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HCase {
  name: string;
  asm: string;
  /** FPC, then FPR 0, 2, 4, 6 as (high, low) words. */
  in: number[];
}

export interface HResult extends HCase {
  insn: string;
  fpc: number;
  cc: number;
  /** FPR 0, 2, 4, 6 as (high, low) words after the instruction or at the interruption. */
  f: number[];
  pgm: number;
  dxc: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

const dv = new DataView(new ArrayBuffer(8));
const L = (x: number): [number, number] => { dv.setFloat64(0, x); return [dv.getUint32(0), dv.getUint32(4)]; };
const S = (x: number): number => { dv.setFloat32(0, x); return dv.getUint32(0); };

export function generate(): HCase[] {
  const next = rng(0x4e7c);
  const cases: HCase[] = [];
  const fill = (): number[] => [0x5a5a5a5a, 0xa5a5a5a5, 0x5a5a5a5a, 0xa5a5a5a5, 0x5a5a5a5a, 0xa5a5a5a5, 0x5a5a5a5a, 0xa5a5a5a5];
  // DIDBR/DIEBR f0 (dividend, remainder), f6 (quotient), f2 (divisor) with every M4.
  const pairs: [number, number][] = [
    [10.5, 3], [7, 2], [-7, 2], [6, 3], [-6, 3], [1, 3], [-1, 3], [5, Infinity], [2 ** 60, 3], [1e300, 1e-300],
    [12345.678, 0.001], [-0, 5], [0, -5], [3.5, 0.5], [2.5, 1], [-2.5, 1], [1, 1e-310], [1e-310, 3e-311],
  ];
  for (let k = 0; k < 30; k++) {
    const a = (next() / 2 ** 32 - 0.5) * 2 ** ((next() % 80) - 20);
    const b = (next() / 2 ** 32 - 0.5) * 2 ** ((next() % 40) - 20);
    if (b !== 0) pairs.push([a, b]);
  }
  // M4 1 and 3 are left out: Hercules 3.13 rounds both to nearest-even, not ties-away
  // and prepare-for-shorter-precision (bfp-divint.test.ts covers 1 with an exact reference).
  // M4 0 takes the FPC's mode: toward zero for DIDBR, toward +infinity for DIEBR here.
  for (const m4 of [0, 4, 5, 6, 7]) {
    for (const [a, b] of pairs) {
      const f = fill();
      [f[0], f[1]] = L(a); [f[2], f[3]] = L(b); f[6] = 0; f[7] = 0;
      cases.push({ name: `didbr/${m4}`, asm: `didbr %f0,%f6,%f2,${m4}`, in: [m4 === 0 ? 1 : 0, ...f] });
      const g = fill();
      g[0] = S(a); g[2] = S(b); g[6] = 0;
      if (Number.isFinite(Math.fround(a)) && Math.fround(b) !== 0) cases.push({ name: `diebr/${m4}`, asm: `diebr %f0,%f6,%f2,${m4}`, in: [m4 === 0 ? 2 : 0, ...g] });
    }
  }
  // Specification: M4 2, overlapping registers.
  for (const asm of ['didbr %f0,%f6,%f2,2', 'didbr %f0,%f0,%f2,4', 'didbr %f0,%f6,%f0,4', 'diebr %f0,%f2,%f2,5']) {
    const f = fill();
    [f[0], f[1]] = L(7); [f[2], f[3]] = L(2);
    cases.push({ name: asm.split(' ')[0]!, asm, in: [0, ...f] });
  }
  // LOAD AND TEST with an SNaN, masked and unmasked.
  for (const fpc of [0, 0x80000000]) {
    const f = fill();
    f[2] = 0x7ff40000; f[3] = 0x12345678;
    cases.push({ name: 'ltdbr', asm: 'ltdbr %f0,%f2', in: [fpc, ...f] });
  }
  // MULTIPLY AND ADD: QNaN second operand, SNaN third and first; 0 * inf + QNaN.
  {
    const f = fill();
    [f[0], f[1]] = [0x7ff40000, 1]; [f[2], f[3]] = [0x7ff40000, 3]; [f[4], f[5]] = [0x7ff80000, 2];
    cases.push({ name: 'madbr', asm: 'madbr %f0,%f2,%f4', in: [0, ...f] });
    const g = fill();
    [g[0], g[1]] = [0x7ff80000, 7]; [g[2], g[3]] = L(Infinity); [g[4], g[5]] = L(0);
    cases.push({ name: 'madbr', asm: 'madbr %f0,%f2,%f4', in: [0, ...g] });
  }
  // MULTIPLY with a longer result reads short (long) operands.
  {
    const f = fill();
    f[0] = S(3.5); f[1] = 0x12345678; f[2] = S(-1.25); f[3] = 0x9abcdef0;
    cases.push({ name: 'mdebr', asm: 'mdebr %f0,%f2', in: [0, ...f] });
  }
  return cases;
}

const REC = 64;

function program(cases: HCase[]): string {
  let s = `
  .section .text
  .org 0x1a0
  .quad 0x0000000180000000, start
  .org 0x1d0
  .quad 0x0000000180000000, pgm
  .org 0x2000
  .globl start
start:
  larl %r1,cr0
  lctlg %c0,%c0,0(%r1)
  larl %r11,results
`;
  cases.forEach((c, k) => {
    s += `
  larl %r10,st${k}
  larl %r1,in${k}
  lfpc 0(%r1)
  ld %f0,8(%r1)
  ld %f2,16(%r1)
  ld %f4,24(%r1)
  ld %f6,32(%r1)
  xgr %r3,%r3
  xgr %r4,%r4
  ipm %r2
  ${c.asm}
  ipm %r2
st${k}:
  stfpc 0(%r11)
  st %r2,4(%r11)
  std %f0,8(%r11)
  std %f2,16(%r11)
  std %f4,24(%r11)
  std %f6,32(%r11)
  st %r3,40(%r11)
  st %r4,44(%r11)
  la %r11,${REC}(%r11)
  lghi %r0,0
  sfpc %r0
`;
  });
  s += `
  larl %r1,wpsw
  lpswe 0(%r1)
pgm:
  llgh %r3,0x8e
  llgc %r4,0x93
  l %r2,0x150
  sll %r2,16
  br %r10
  .align 8
wpsw: .quad 0x0002000180000000, 0
cr0: .quad 0x0000000000040000
`;
  cases.forEach((c, k) => {
    // FPC word, a pad word, then the FPRs at offsets 8, 16, 24, 32.
    const w = [c.in[0]!, 0, ...c.in.slice(1)];
    s += `  .align 8\nin${k}: .long ${w.map((v) => `0x${(v >>> 0).toString(16)}`).join(', ')}\n`;
  });
  s += `  .align 8\nresults:\n  .fill ${cases.length * REC}, 1, 0\nresultsEnd:\n`;
  return s;
}

export function run(cases: HCase[]): HResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-bfp-h-'));
  writeFileSync(join(dir, 'prog.s'), program(cases));
  execFileSync('s390x-linux-gnu-as', ['-march=z196', '-o', join(dir, 'prog.o'), join(dir, 'prog.s')]);
  execFileSync('s390x-linux-gnu-ld', ['-Ttext=0', '-e', 'start', '-o', join(dir, 'prog'), join(dir, 'prog.o')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', join(dir, 'prog'), join(dir, 'prog.bin')]);
  const nm = execFileSync('s390x-linux-gnu-nm', [join(dir, 'prog')]).toString();
  const sym = (n: string): number => parseInt(nm.split('\n').find((l) => l.endsWith(` ${n}`))!.split(' ')[0]!, 16);
  // The instruction bytes, from the assembled list of the same instructions.
  writeFileSync(join(dir, 'i.s'), cases.map((c) => `  ${c.asm}\n`).join(''));
  execFileSync('s390x-linux-gnu-as', ['-march=z196', '-o', join(dir, 'i.o'), join(dir, 'i.s')]);
  const bytes = execFileSync('s390x-linux-gnu-objdump', ['-d', join(dir, 'i.o')]).toString().split('\n')
    .map((l) => /^\s+[0-9a-f]+:\t([0-9a-f ]+)\t/.exec(l)).filter((m) => m).map((m) => m![1]!.replace(/\s+/g, ''));
  const results = sym('results'), end = sym('resultsEnd');
  // Hercules wants at least one device in its configuration.
  writeFileSync(join(dir, 'h.cnf'), ['ARCHMODE z/Arch', 'MAINSIZE 8', 'NUMCPU 1', 'CPUSERIAL 000001', 'CPUMODEL 2094',
    `000E 1403 ${join(dir, 'prt.txt')}`, ''].join('\n'));
  writeFileSync(join(dir, 'h.rc'), [`loadcore ${join(dir, 'prog.bin')} 0`, 'restart', 'pause 3',
    `savecore ${join(dir, 'out.bin')} ${results.toString(16)} ${(end - 1).toString(16)}`, 'quit', ''].join('\n'));
  const log = execFileSync('hercules', ['-f', join(dir, 'h.cnf'), '-d'], {
    cwd: dir, env: { ...process.env, HERCULES_RC: join(dir, 'h.rc') }, input: '', timeout: 60000,
  }).toString();
  if (!log.includes('Disabled wait state')) throw new Error(`hercules did not finish:\n${log}`);
  const out = readFileSync(join(dir, 'out.bin'));
  return cases.map((c, k) => {
    const o = k * REC;
    const f: number[] = [];
    for (let j = 0; j < 8; j++) f.push(out.readUInt32BE(o + 8 + 4 * j));
    return { ...c, insn: bytes[k]!, fpc: out.readUInt32BE(o), cc: (out.readUInt32BE(o + 4) >>> 28) & 3, f, pgm: out.readUInt32BE(o + 40), dxc: out.readUInt32BE(o + 44) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const res = run(generate());
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'bfp-oracle.hercules.json'), JSON.stringify(res) + '\n');
  console.log(`hercules: ${res.length} cases`);
}
