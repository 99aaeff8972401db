// The general instructions against qemu-s390x: every case of general-oracle.qemu.json
// (produced by general-oracle.gen.ts from real s390x code run under qemu-s390x) is
// replayed in a ztab Cpu: same registers, CC, program mask, addressing mode, operand
// buffer and instruction bytes at the same address. Registers, CC, the buffer, and the
// program interruption (as the signal and si_code qemu-user turns it into, and the PSW
// address) must all match.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { F, TABLE, decode, Insn, rowDef } from '@ztab/isa';
import { createCpu, PGM, type Cpu } from '../index.ts';
import { BUF, BUF_LEN, DEFAULT_REG, runOracle, type FixtureCase, type Outcome } from './general-oracle.gen.ts';
import { general as generalRows } from '../../../isa/src/rows/general.ts';

const fixture = JSON.parse(readFileSync(new URL('./general-oracle.qemu.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

/** The signal and si_code qemu-user (linux-user/s390x/cpu_loop.c) delivers for a program interruption. */
function signalOf(c: Cpu, code: number): [number, number] {
  switch (code) {
    case PGM.OPERATION: case PGM.PRIVILEGED: return [4, 1];
    case PGM.SPECIFICATION: case PGM.EXECUTE: case PGM.SPECIAL_OPERATION: case PGM.OPERAND: return [4, 2];
    case PGM.FIXED_OVERFLOW: return [8, 2];
    case PGM.FIXED_DIVIDE: return [8, 1];
    case PGM.DATA: return c.dxc === 0 ? [4, 2] : [8, 0];
    case PGM.PROTECTION: return [11, 2];
    case PGM.ADDRESSING: return [11, 1];
    default: return [-1, code];
  }
}

/** Cases by instruction text and initial registers. */
const byKey = new Map<string, FixtureCase>(fixture.cases.map((k) => [`${k.asm}|${JSON.stringify(k.regs)}`, k]));

const hex64 = (hi: number, lo: number): string => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

interface Result { ok: boolean; why: string }

/** Rows whose CC 3 means signed overflow (the others with CC 3 mean carry or all ones). */
const SIGNED_OVERFLOW = new Set(generalRows.filter((r) => (r.flags & F.TRAP) && (r.flags & F.CC) && !/^(laal|lan|lao|lax|crl|cgrl|cgfrl|clrl|clgrl|clgfrl|flogr|srda|slda$)/.test(r.mn)).map((r) => r.mn));
SIGNED_OVERFLOW.add('slda');

/** Relative-long instructions whose operand must be aligned to its size (PoP). */
const RL_ALIGN: Record<string, number> = {
  lrl: 4, lgrl: 8, lgfrl: 4, llgfrl: 4, strl: 4, stgrl: 8, crl: 4, cgrl: 8, cgfrl: 4, clrl: 4, clgrl: 8, clgfrl: 4,
};

/**
 * Where QEMU 7.2 departs from the Principles of Operation, the expected outcome is the
 * architected one, derived from what QEMU did plus the rule it misses:
 *  - relative-long operands not on an integral boundary: QEMU just loads or stores; the PoP
 *    requires a specification exception (suppression: nothing changes, PSW past the insn);
 *  - LA/LAY/LAE/LAEY in the 24- and 31-bit modes: QEMU zeroes bits 0-31 of R1, the PoP leaves
 *    them unchanged;
 *  - STMH: QEMU stores zeros (it shifts the register left instead of right), the PoP
 *    stores bits 0-31 of each register.
 *  - RNSBG/ROSBG/RXSBG with the test-only bit: QEMU 7.2 operates on an uninitialised
 *    temporary instead of R1 (fixed upstream in 8.0, "Fix R[NOX]SBG with T=1"); the CC
 *    must be that of the same operation without the test bit, with R1 unchanged.
 * Fixed-point overflow with PSW bit 20 on, which QEMU never raises, is handled in replay().
 * Hercules (a second reference) agrees with the PoP on the first two: FW_CHECK/DW_CHECK in
 * its relative-long loads, and SET_GR_A writing only bits 32-63 outside the 64-bit mode.
 */
function architected(mn: string, k: FixtureCase, init: string[]): Outcome {
  const o = k.out;
  const t = /^(r[nox]sbg %r\d+,%r\d+,)(\d+)(,.*)$/.exec(k.asm);
  if (t && Number(t[2]) >= 128) {
    const twin = byKey.get(`${t[1]}${Number(t[2]) - 128}${t[3]}|${JSON.stringify(k.regs)}`);
    if (!twin) throw new Error(`no test-bit-free twin for ${k.asm}`);
    return { regs: {}, cc: twin.out.cc };
  }
  if (RL_ALIGN[mn] !== undefined && o.sig === undefined) {
    const ri2 = parseInt(k.insn.slice(4, 12), 16) | 0;
    if ((k.addr + 2 * ri2) % RL_ALIGN[mn]! !== 0) return { regs: {}, cc: k.cc, sig: 4, code: 2, pswoff: 6 };
  }
  if ((mn === 'la' || mn === 'lay' || mn === 'lae' || mn === 'laey') && k.amode !== 64 && o.sig === undefined) {
    const r1 = parseInt(k.insn.slice(2, 3), 16);
    const got = o.regs[r1] ?? init[r1]!;
    return { ...o, regs: { ...o.regs, [r1]: init[r1]!.slice(0, 8) + got.slice(8) } };
  }
  if (mn === 'stmh' && o.sig === undefined) {
    const r1 = parseInt(k.insn.slice(2, 3), 16), r3 = parseInt(k.insn.slice(3, 4), 16);
    let buf = o.buf ?? (k.buf ?? '').padEnd(2 * BUF_LEN, '0');
    for (let n = 0, r = r1; n <= ((r3 - r1) & 15); n++, r = (r + 1) & 15) {
      buf = buf.slice(0, 8 * n) + init[r]!.slice(0, 8) + buf.slice(8 * n + 8);
    }
    return { ...o, buf };
  }
  return o;
}

function replay(c: Cpu, k: FixtureCase, mn: string): Result {
  // Fresh architected state for each case; memory outside the buffer and the instruction
  // does not matter to these instructions.
  const init: string[] = [];
  for (let n = 0; n < 16; n++) {
    const v = k.regs[n] ?? DEFAULT_REG(n).toString(16).padStart(16, '0');
    init.push(v);
    c.setGpr64(n, parseInt(v.slice(0, 8), 16) >>> 0, parseInt(v.slice(8), 16) >>> 0);
  }
  const buf = (k.buf ?? '').padEnd(2 * BUF_LEN, '0');
  for (let b = 0; b < BUF_LEN; b++) c.st8(BUF + b, parseInt(buf.slice(2 * b, 2 * b + 2), 16));
  for (let b = 0; b < k.insn.length / 2; b++) c.st8(k.addr + b, parseInt(k.insn.slice(2 * b, 2 * b + 2), 16));
  c.amode = k.amode === 64 ? 3 : k.amode === 31 ? 1 : 0;
  c.cc = k.cc;
  c.pm = k.pm;
  c.ia = k.addr;
  c.prob = true;
  c.stopReason = null;
  let pgm = -1;
  c.programHook = (cpu, code) => { pgm = code; cpu.stopReason = 'pgm'; };
  c.run(1);

  const o = architected(mn, k, init);
  const why: string[] = [];
  for (let n = 0; n < 16; n++) {
    const want = o.regs[n] ?? init[n]!;
    const got = hex64(c.r[2 * n + 1]!, c.r[2 * n]!);
    if (got !== want) why.push(`r${n}=${got} want ${want}`);
  }
  if (c.cc !== o.cc) why.push(`cc=${c.cc} want ${o.cc}`);
  let gotBuf = '';
  for (let b = 0; b < BUF_LEN; b++) gotBuf += c.ld8(BUF + b).toString(16).padStart(2, '0');
  const wantBuf = o.buf ?? buf;
  if (gotBuf !== wantBuf) why.push(`buf=${gotBuf.replace(/(00)+$/, '')} want ${wantBuf.replace(/(00)+$/, '')}`);
  if (o.sig !== undefined) {
    if (pgm < 0) why.push(`no interruption, want signal ${o.sig}/${o.code}`);
    else {
      const [sig, code] = signalOf(c, pgm);
      if (sig !== o.sig || code !== o.code) why.push(`pgm 0x${pgm.toString(16)} -> signal ${sig}/${code}, want ${o.sig}/${o.code}`);
      // Access exceptions: qemu-user reports the PSW as the kernel would after nullifying
      // a DAT exception, a user-mode matter; the architected PSW of ztab is not compared.
      if (o.sig !== 11 && c.ia - k.addr !== o.pswoff) why.push(`psw +${c.ia - k.addr} want +${o.pswoff}`);
    }
  } else if (SIGNED_OVERFLOW.has(mn) && (k.pm & 8) !== 0 && o.cc === 3) {
    // QEMU's TCG never raises fixed-point overflow (it ignores PSW bit 20); the PoP says
    // the interruption follows the completed operation when the mask bit is one. The
    // stored result and CC 3 are compared above; here the interruption itself.
    if (pgm !== PGM.FIXED_OVERFLOW) why.push(`program interruption ${pgm}, want fixed-point overflow`);
    else if (c.ia - k.addr !== k.insn.length / 2) why.push(`psw +${c.ia - k.addr} after fixed-point overflow`);
  } else if (pgm >= 0) why.push(`program interruption 0x${pgm.toString(16)}, want none`);
  return { ok: why.length === 0, why: why.join('; ') };
}

describe('general instructions against qemu-s390x', () => {
  const byMn = new Map<string, FixtureCase[]>();
  const insn = new Insn();
  const negdisp: FixtureCase[] = [];
  for (const k of fixture.cases) {
    if (k.tag === 'negdisp') { negdisp.push(k); continue; }
    const w0 = parseInt(k.insn.slice(0, 8).padEnd(8, '0'), 16) >>> 0;
    const w1 = k.insn.length > 8 ? parseInt(k.insn.slice(8), 16) : 0;
    decode(w0, w1, insn);
    const mn = insn.row >= 0 ? rowDef(insn.row).mn : `?${k.insn}`;
    if (!byMn.has(mn)) byMn.set(mn, []);
    byMn.get(mn)!.push(k);
  }

  it('has oracle cases for every row of the general family', () => {
    const missing = generalRows.map((r) => r.mn).filter((mn) => !byMn.has(mn));
    expect(missing).toEqual([]);
    expect(TABLE.length).toBeGreaterThanOrEqual(generalRows.length);
  });

  const c = createCpu(4 << 20);
  for (const [mn, list] of [...byMn].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    it(`${mn}: ${list.length} cases`, () => {
      const bad: string[] = [];
      for (const k of list) {
        const r = replay(c, k, mn);
        if (!r.ok) bad.push(`${k.asm} [cc${k.cc} pm${k.pm} amode${k.amode} ${JSON.stringify(k.regs)}${k.buf ? ' buf ' + k.buf : ''}]: ${r.why}`);
      }
      expect(bad.length, `${bad.length} of ${list.length} cases differ:\n${bad.slice(0, 6).join('\n')}`).toBe(0);
    });
  }

  // Negative long displacements (RXY/RSY/SIY) through Cpu.ea(): the sign must reach the
  // high word exactly once.
  it(`negative long displacements: ${negdisp.length} cases`, () => {
    const bad: string[] = [];
    for (const k of negdisp) {
      const w0 = parseInt(k.insn.slice(0, 8).padEnd(8, '0'), 16) >>> 0;
      decode(w0, parseInt(k.insn.slice(8) || '0', 16), insn);
      const r = replay(c, k, rowDef(insn.row).mn);
      if (!r.ok) bad.push(`${k.asm}: ${r.why}`);
    }
    expect(bad.length, bad.slice(0, 6).join('\n')).toBe(0);
  });
});

// The committed outcomes come from one QEMU version (recorded in the fixture); another
// version may legitimately differ where QEMU fixed bugs, so only the same one re-checks.
let haveQemu = false;
let missing = '';
try {
  const v = execFileSync('qemu-s390x', ['--version']).toString().split('\n')[0];
  execFileSync('s390x-linux-gnu-gcc', ['--version'], { stdio: 'ignore' });
  haveQemu = v === (fixture as { qemu?: string }).qemu;
} catch (e) { missing = (e as Error).message; /* the committed fixture is used alone */ }
// CI installs qemu-user and the cross compiler (.ci/lib.sh): there their absence is a
// broken pipeline, not a reason to skip. A different QEMU version still only skips.
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

describe.runIf(haveQemu || (IN_CI && missing !== ''))('general oracle fixture', () => {
  it('is reproduced by qemu-s390x from the generator', () => {
    if (missing) throw new Error(`qemu-s390x or s390x-linux-gnu-gcc missing: ${missing}`);
    const fresh = runOracle();
    expect(fresh.length).toBe(fixture.cases.length);
    for (let k = 0; k < fresh.length; k++) expect(fresh[k]).toEqual(fixture.cases[k]);
  }, 300_000);
});
