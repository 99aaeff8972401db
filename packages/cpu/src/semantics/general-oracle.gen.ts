// Generator of the general-instruction oracle fixtures: edge-case tables per instruction
// group, executed by qemu-s390x (user mode) as real s390x code.
//
//   npx tsx packages/cpu/src/semantics/general-oracle.gen.ts [out.json]
//
// Every case becomes a snippet in one assembly program: copy the case's 256-byte buffer
// to a fixed address, set CC and program mask with SPM, optionally switch to 31- or
// 24-bit mode, load all sixteen registers with LMG, execute the instruction under test,
// store the registers with STMG and the CC with IPM, and write the 512-byte record
// (registers, CC, signal, buffer) to stdout. A SIGILL/SIGFPE/SIGSEGV/SIGTRAP handler
// records the signal, si_code, PSW and the registers at the interruption from the
// ucontext, then resumes at the case's write. The JSON written holds, per case, the
// instruction's address and bytes (taken from the record), the initial state and the
// outcome qemu produced; general-oracle.test.ts replays each case in ztab.
//
// BigInt is fine here: this is test tooling, not the interpreter.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qemuUser } from '../difftest/qemu-user.ts';

/** Fixed addresses shared with the test: the record, and the operand buffer inside it. */
export const REC = 0x10000;
export const BUF = REC + 0x100;
export const BUF_LEN = 256;
export const TEXT_SEGMENT = 0x100000;

export interface Case {
  asm: string;
  /** Register values (64-bit); the others get DEFAULT_REG(n). */
  regs?: Record<number, bigint>;
  cc?: number;
  pm?: number;
  amode?: 24 | 31 | 64;
  /** Initial bytes of the buffer (hex), the rest is zero. */
  buf?: string;
  /** Groups a case for the test (e.g. 'negdisp' for negative long displacements). */
  tag?: string;
}

export interface Outcome {
  /** Registers whose value differs from the initial state, as 16-hex-digit strings. */
  regs: Record<string, string>;
  cc: number;
  /** The buffer after the case (hex) when it differs from the initial one. */
  buf?: string;
  /** Signal number and si_code when the instruction raised one; pswoff = PSW - insn address. */
  sig?: number;
  code?: number;
  pswoff?: number;
}

export interface FixtureCase {
  asm: string;
  tag?: string;
  addr: number;
  insn: string;
  amode: number;
  cc: number;
  pm: number;
  regs: Record<string, string>;
  buf?: string;
  out: Outcome;
}

export const DEFAULT_REG = (n: number): bigint =>
  n === 10 ? BigInt(BUF) : (0xa5a50000n + BigInt(n) * 0x1111n) << 32n | (0x5a5a0000n + BigInt(n) * 0x0101n);

const M64 = (1n << 64n) - 1n;
const u64 = (v: bigint): bigint => v & M64;
const hex64 = (v: bigint): string => u64(v).toString(16).padStart(16, '0');
/** A 32-bit value in the low half, with a recognisable pattern in the high half. */
const w = (v: bigint | number): bigint => (0xc3c3c3c3n << 32n) | (BigInt(v) & 0xffffffffn);
const be = (v: bigint | number, bytes: number): string => (BigInt(v) & ((1n << BigInt(8 * bytes)) - 1n)).toString(16).padStart(2 * bytes, '0');

// ------------------------------------------------------------------ operand values

const V32: bigint[] = [0n, 1n, -1n, 0x7fffffffn, -0x80000000n, 0x12345678n, 2n, -2n];
const V32S: bigint[] = [0n, 1n, -1n, 0x7fffffffn, -0x80000000n, 0x12345678n];
const V64: bigint[] = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n, 0xffffffffn, 0x100000000n];
const V64S: bigint[] = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x80000000n];
const I16S: number[] = [0, 1, -1, 0x7fff, -0x8000];
const I16U: number[] = [0, 1, 0xffff, 0x8000, 0x7fff];
const I32S: number[] = [0, 1, -1, 0x7fffffff, -0x80000000];
const I32U: number[] = [0, 1, 0xffffffff, 0x80000000, 0x7fffffff];
const I8S: number[] = [0, 1, -1, 127, -128];

const cases: Case[] = [];
const add = (c: Case): void => { cases.push(c); };

/** RR/RRE/RRF binary: op1 in r2, op2 in r4 (and r6 for three-operand forms). */
function rr(mn: string, vals: bigint[], wide: boolean, opts: { ccs?: number[]; pm?: number } = {}): void {
  const ccs = opts.ccs ?? [0];
  for (const a of vals) for (const b of vals) for (const cc of ccs) {
    add({ asm: `${mn} %r2,%r4`, regs: { 2: wide ? a : w(a), 4: wide ? b : w(b) }, cc, pm: opts.pm ?? 0 });
  }
}

function rrk(mn: string, vals: bigint[], wide: boolean): void {
  for (const a of vals) for (const b of vals) {
    add({ asm: `${mn} %r2,%r4,%r6`, regs: { 4: wide ? a : w(a), 6: wide ? b : w(b) } });
  }
}

/** RX/RXY with a memory operand of `bytes` bytes at 8(%r9,%r10), r9 = 0 and op1 in r2. */
function rx(mn: string, vals1: bigint[], vals2: bigint[], bytes: number, wide: boolean, opts: { ccs?: number[] } = {}): void {
  const ccs = opts.ccs ?? [0];
  for (const a of vals1) for (const b of vals2) for (const cc of ccs) {
    add({ asm: `${mn} %r2,8(%r9,%r10)`, regs: { 2: wide ? a : w(a), 9: 0n }, buf: '00'.repeat(8) + be(b, bytes), cc });
  }
}

function ri(mn: string, vals: bigint[], imms: number[], wide: boolean): void {
  for (const a of vals) for (const imm of imms) add({ asm: `${mn} %r2,${imm}`, regs: { 2: wide ? a : w(a) } });
}

// ------------------------------------------------------------------ loads and stores

for (const v of [0n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x12345678n]) {
  for (const mn of ['l', 'ly', 'lgf', 'llgf', 'llgt', 'lt', 'ltgf', 'lrv', 'lfh']) add({ asm: `${mn} %r2,4(%r10)`, buf: '00000000' + be(v, 4) });
}
for (const v of [0n, 0x7fffn, 0x8000n, 0xffffn, 0x1234n]) {
  for (const mn of ['lh', 'lhy', 'lgh', 'llh', 'llgh', 'lrvh', 'lhh', 'llhh']) add({ asm: `${mn} %r2,2(%r10)`, buf: '0000' + be(v, 2) });
}
for (const v of [0n, 0x7fn, 0x80n, 0xffn]) {
  for (const mn of ['lb', 'lgb', 'llc', 'llgc', 'ic', 'icy', 'lbh', 'llch']) add({ asm: `${mn} %r2,1(%r10)`, buf: '00' + be(v, 1) });
}
for (const v of [0n, 0x8000000000000000n, 0x0123456789abcdefn, -1n]) {
  for (const mn of ['lg', 'ltg', 'lrvg']) add({ asm: `${mn} %r2,8(%r10)`, buf: '00'.repeat(8) + be(v, 8) });
}
for (const v of [0n, 1n, -1n, 0x80n, 0x8000n, 0x7fffffffn, 0x80000000n, 0x123456789abcdef0n, -0x8000000000000000n]) {
  for (const mn of ['lr', 'lgr', 'lgfr', 'lhr', 'lghr', 'llcr', 'llgcr', 'llhr', 'llghr', 'llgfr', 'llgtr', 'lbr', 'lgbr', 'ltr', 'ltgr', 'ltgfr', 'lcr', 'lcgr', 'lcgfr', 'lnr', 'lngr', 'lngfr', 'lpr', 'lpgr', 'lpgfr', 'lrvr', 'lrvgr', 'flogr', 'popcnt']) {
    add({ asm: `${mn} %r2,%r4`, regs: { 4: v } });
  }
}
// LCR/LPR overflow with the fixed-point-overflow mask on: the result is stored, then SIGFPE.
for (const mn of ['lcr', 'lpr']) add({ asm: `${mn} %r2,%r4`, regs: { 4: w(-0x80000000n) }, pm: 8 });
for (const mn of ['lcgr', 'lpgr']) add({ asm: `${mn} %r2,%r4`, regs: { 4: -0x8000000000000000n }, pm: 8 });
// FLOGR needs an even R1; R2 may be R1+1.
// gas refuses odd pair registers, so those cases are written with .insn.
add({ asm: '.insn rre,0xb9830000,%r3,%r4', regs: { 4: 5n } });
add({ asm: 'flogr %r2,%r3', regs: { 3: 0x0000100000000000n } });
add({ asm: 'flogr %r2,%r2', regs: { 2: 1n } });
for (const imm of I16S) for (const mn of ['lhi', 'lghi']) add({ asm: `${mn} %r2,${imm}` });
for (const imm of I32S) add({ asm: `lgfi %r2,${imm}` });
for (const imm of I16U) for (const mn of ['llihh', 'llihl', 'llilh', 'llill', 'iihh', 'iihl', 'iilh', 'iill']) add({ asm: `${mn} %r2,${imm}` });
for (const imm of I32U) for (const mn of ['llihf', 'llilf', 'iihf', 'iilf']) add({ asm: `${mn} %r2,${imm}` });
// ICM/STCM/CLM with every mask; the buffer has a sign bit set in the second byte.
for (let m = 0; m < 16; m++) {
  for (const mn of ['icm', 'icmy', 'icmh']) {
    add({ asm: `${mn} %r2,${m},4(%r10)`, buf: '00000000' + '0180ff00' });
    add({ asm: `${mn} %r2,${m},4(%r10)`, buf: '00000000' + '007f0000' });
  }
  for (const mn of ['stcm', 'stcmy', 'stcmh']) add({ asm: `${mn} %r2,${m},4(%r10)`, regs: { 2: 0x8899aabb11223344n } });
  for (const mn of ['clm', 'clmy', 'clmh']) {
    add({ asm: `${mn} %r2,${m},4(%r10)`, regs: { 2: 0x11223344_11223344n }, buf: '00000000' + '11223344' });
    add({ asm: `${mn} %r2,${m},4(%r10)`, regs: { 2: 0x11223344_11223344n }, buf: '00000000' + '11ff3300' });
  }
}
// Load/store multiple, including register-number wraparound from 15 to 0.
const pattern = Array.from({ length: 128 }, (_, k) => be(k * 7 + 1, 1)).join('');
for (const [r1, r3] of [[2, 5], [14, 3], [4, 4], [0, 15], [11, 10]] as const) {
  for (const mn of ['lm', 'lmy', 'lmh', 'lmg']) add({ asm: `${mn} %r${r1},%r${r3},0(%r10)`, buf: pattern });
  for (const mn of ['stm', 'stmy', 'stmh', 'stmg']) add({ asm: `${mn} %r${r1},%r${r3},0(%r10)`, buf: 'ee'.repeat(BUF_LEN) });
}
for (const mn of ['st', 'sty', 'stg', 'sth', 'sthy', 'stc', 'stcy', 'strv', 'strvg', 'strvh', 'stch', 'sthh', 'stfh']) {
  add({ asm: `${mn} %r2,3(%r9,%r10)`, regs: { 2: 0x0123456789abcdefn, 9: 2n } });
}
for (const imm of I16S) {
  for (const mn of ['mvhhi', 'mvhi', 'mvghi']) add({ asm: `${mn} 8(%r10),${imm}` });
}
for (const imm of [0, 0x80, 0xff]) for (const mn of ['mvi', 'mviy']) add({ asm: `${mn} 5(%r10),${imm}` });
// LPQ/STPQ: even pair and quadword alignment.
add({ asm: 'lpq %r2,16(%r10)', buf: '00'.repeat(16) + pattern.slice(0, 64) });
add({ asm: '.insn rxy,0xe3000000008f,%r3,16(%r0,%r10)', buf: '00'.repeat(16) + pattern.slice(0, 64) });
add({ asm: 'lpq %r2,8(%r10)', buf: pattern });
add({ asm: 'stpq %r2,16(%r10)', regs: { 2: 0x1111222233334444n, 3: 0x5555666677778888n } });
add({ asm: 'stpq %r2,24(%r10)' });
add({ asm: '.insn rxy,0xe3000000008e,%r5,16(%r0,%r10)' });
// LA/LAY in 64-, 31- and 24-bit mode, including negative displacements and wraparound.
for (const amode of [64, 31, 24] as const) {
  for (const [b, x] of [[0x7ffffff0n, 0x20n], [0xffffffffffffff00n, 0x10n], [0x12345678n, 0n], [0xfffffffffffffffen, 1n]]) {
    add({ asm: 'la %r2,0x10(%r3,%r4)', regs: { 3: x, 4: b }, amode });
    add({ asm: 'lay %r2,-0x20(%r3,%r4)', regs: { 3: x, 4: b }, amode });
    add({ asm: 'lae %r2,0x10(%r3,%r4)', regs: { 3: x, 4: b }, amode });
    add({ asm: 'laey %r2,-0x20(%r3,%r4)', regs: { 3: x, 4: b }, amode });
  }
  add({ asm: 'la %r2,0xfff', amode });
  add({ asm: 'lay %r2,-1', amode });
}
// Relative-long loads, stores and compares against the buffer; odd-aligned targets too.
for (const off of [0, 2, 4, 8]) {
  const buf = be(0x8123456789abcdefn, 8) + be(0xfedcba9876543210n, 8);
  for (const mn of ['lhrl', 'lghrl', 'llhrl', 'llghrl', 'lrl', 'lgrl', 'lgfrl', 'llgfrl', 'chrl', 'cghrl', 'crl', 'cgrl', 'cgfrl', 'clrl', 'clgrl', 'clgfrl', 'clhrl', 'clghrl']) {
    add({ asm: `${mn} %r2,rec+${0x100 + off}`, regs: { 2: 0x8123456789abcdefn }, buf });
  }
  for (const mn of ['strl', 'stgrl', 'sthrl']) add({ asm: `${mn} %r2,rec+${0x100 + off}`, regs: { 2: 0x0123456789abcdefn } });
}

// ------------------------------------------------------------------ arithmetic

for (const mn of ['ar', 'sr']) rr(mn, V32, false);
for (const mn of ['ar', 'sr']) rr(mn, [0x7fffffffn, -0x80000000n, 1n, -1n], false, { pm: 8 });
for (const mn of ['alr', 'slr']) rr(mn, V32, false);
for (const mn of ['alcr', 'slbr']) rr(mn, [0n, 1n, -1n, 0x7fffffffn, 0x80000000n], false, { ccs: [0, 1, 2, 3] });
for (const mn of ['agr', 'sgr', 'algr', 'slgr']) rr(mn, V64, true);
for (const mn of ['agr', 'sgr']) rr(mn, [0x7fffffffffffffffn, -0x8000000000000000n, -1n], true, { pm: 8 });
for (const mn of ['alcgr', 'slbgr']) rr(mn, [0n, 1n, -1n, 0x8000000000000000n], true, { ccs: [0, 1, 2, 3] });
for (const mn of ['agfr', 'sgfr', 'algfr', 'slgfr']) for (const a of V64S) for (const b of V32S) add({ asm: `${mn} %r2,%r4`, regs: { 2: a, 4: w(b) } });
for (const mn of ['ark', 'srk', 'alrk', 'slrk', 'ahhhr', 'shhhr', 'alhhhr', 'slhhhr']) rrk(mn, V32S, false);
for (const mn of ['ahhhr', 'ahhlr', 'shhhr', 'shhlr', 'alhhhr', 'alhhlr', 'slhhhr', 'slhhlr']) {
  for (const a of V32S) for (const b of V32S) add({ asm: `${mn} %r2,%r4,%r6`, regs: { 4: BigInt.asUintN(32, a) << 32n, 6: (BigInt.asUintN(32, b) << 32n) | BigInt.asUintN(32, b) } });
}
for (const mn of ['agrk', 'sgrk', 'algrk', 'slgrk']) rrk(mn, V64S, true);
for (const mn of ['a', 'ay', 's', 'sy', 'al', 'aly', 'sl', 'sly']) rx(mn, V32S, V32S, 4, false);
for (const mn of ['alc', 'slb']) rx(mn, [0n, -1n, 0x80000000n], [0n, 1n, -1n], 4, false, { ccs: [0, 1, 2, 3] });
for (const mn of ['ah', 'ahy', 'sh', 'shy', 'ch', 'chy', 'mh', 'mhy']) rx(mn, V32S, [0n, 1n, 0x7fffn, 0x8000n, 0xffffn], 2, false);
for (const mn of ['ag', 'sg', 'alg', 'slg']) rx(mn, V64S, V64S, 8, true);
for (const mn of ['alcg', 'slbg']) rx(mn, [0n, -1n, 0x8000000000000000n], [0n, 1n, -1n], 8, true, { ccs: [0, 1, 2, 3] });
for (const mn of ['agf', 'sgf', 'algf', 'slgf', 'cgf', 'clgf', 'msgf']) rx(mn, V64S, V32S, 4, true);
for (const mn of ['cgh']) rx(mn, V64S, [0n, 0x7fffn, 0x8000n, 0xffffn], 2, true);
for (const mn of ['ahi', 'chi', 'mhi', 'cit', 'clfit']) {
  if (mn === 'cit' || mn === 'clfit') continue;
  ri(mn, V32S, I16S, false);
}
for (const mn of ['aghi', 'cghi', 'mghi']) ri(mn, V64S, I16S, true);
for (const mn of ['afi', 'cfi', 'msfi']) ri(mn, V32S, I32S, false);
for (const mn of ['agfi', 'cgfi', 'msgfi']) ri(mn, V64S, I32S, true);
for (const mn of ['alfi', 'slfi', 'clfi']) ri(mn, V32S, I32U, false);
for (const mn of ['algfi', 'slgfi', 'clgfi']) ri(mn, V64S, I32U, true);
for (const mn of ['aih', 'cih']) for (const a of V32S) for (const imm of I32S) add({ asm: `${mn} %r2,${imm}`, regs: { 2: (BigInt.asUintN(32, a) << 32n) | 0x55n } });
for (const mn of ['alsih', 'alsihn', 'clih']) for (const a of V32S) for (const imm of mn === 'clih' ? I32U : I32S) add({ asm: `${mn} %r2,${imm}`, regs: { 2: (BigInt.asUintN(32, a) << 32n) | 0x55n }, cc: 1 });
for (const mn of ['ahik', 'alhsik']) for (const a of V32S) for (const imm of I16S) add({ asm: `${mn} %r2,%r4,${imm}`, regs: { 4: w(a) } });
for (const mn of ['aghik', 'alghsik']) for (const a of V64S) for (const imm of I16S) add({ asm: `${mn} %r2,%r4,${imm}`, regs: { 4: a } });
for (const mn of ['asi', 'alsi']) for (const a of V32S) for (const imm of I8S) add({ asm: `${mn} 4(%r10),${imm}`, buf: '00000000' + be(a, 4) });
for (const mn of ['agsi', 'algsi']) for (const a of V64S) for (const imm of I8S) add({ asm: `${mn} 8(%r10),${imm}`, buf: '00'.repeat(8) + be(a, 8) });
add({ asm: 'asi 4(%r10),1', buf: '00000000' + be(0x7fffffff, 4), pm: 8 });
add({ asm: 'agsi 8(%r10),-1', buf: '00'.repeat(8) + be(-0x8000000000000000n, 8), pm: 8 });
add({ asm: 'a %r2,4(%r10)', regs: { 2: w(0x7fffffff) }, buf: '0000000000000001', pm: 8 });
add({ asm: 'ahi %r2,1', regs: { 2: w(0x7fffffff) }, pm: 8 });
add({ asm: 'aghik %r2,%r4,-1', regs: { 4: -0x8000000000000000n }, pm: 8 });

// ------------------------------------------------------------------ multiply and divide

for (const mn of ['mr', 'mlr']) for (const a of V32S) for (const b of V32S) add({ asm: `${mn} %r2,%r4`, regs: { 3: w(a), 4: w(b) } });
for (const mn of ['m', 'mfy', 'ml']) for (const a of V32S) for (const b of V32S) add({ asm: `${mn} %r2,4(%r10)`, regs: { 3: w(a) }, buf: '00000000' + be(b, 4) });
for (const enc of ['rr,0x1c00', 'rre,0xb9960000', 'rre,0xb9860000', 'rr,0x1d00', 'rre,0xb9970000', 'rre,0xb9870000', 'rre,0xb90d0000', 'rre,0xb91d0000']) {
  add({ asm: `.insn ${enc},%r3,%r4`, regs: { 4: 3n } });
}
for (const mn of ['msr', 'ms', 'msy']) for (const a of V32S) for (const b of V32S) {
  if (mn === 'msr') add({ asm: 'msr %r2,%r4', regs: { 2: w(a), 4: w(b) } });
  else add({ asm: `${mn} %r2,4(%r10)`, regs: { 2: w(a) }, buf: '00000000' + be(b, 4) });
}
for (const mn of ['msgr', 'mlgr']) for (const a of V64S) for (const b of V64S) add({ asm: `${mn} %r2,%r4`, regs: { 2: a, 3: a, 4: b } });
for (const mn of ['msg', 'mlg']) for (const a of V64S) for (const b of V64S.slice(0, 4)) add({ asm: `${mn} %r2,8(%r10)`, regs: { 2: a, 3: a }, buf: '00'.repeat(8) + be(b, 8) });
for (const a of V64S) for (const b of V32S) add({ asm: 'msgfr %r2,%r4', regs: { 2: a, 4: w(b) } });
// Divide: pairs (dividend high, dividend low, divisor) including zero divisors and quotient overflow.
const div32: [bigint, bigint, bigint][] = [
  [0n, 100n, 7n], [0n, 100n, -7n], [-1n, -100n, 7n], [-1n, -100n, -7n], [0n, 0x7fffffffn, 1n], [-1n, -0x80000000n, -1n],
  [-1n, -0x80000000n, 1n], [0n, 0x80000000n, 1n], [0n, 0x80000000n, -1n], [0n, 5n, 0n], [0x12345678n, 0x9abcdef0n, 0x7fffffffn],
  [0x3fffffffn, 0xffffffffn, 0x80000000n], [0n, 0xffffffffn, 0xffffffffn], [1n, 0n, 2n], [0xffffn, 0xffffffffn, 0x10000n],
];
for (const [h, l, d] of div32) {
  for (const mn of ['dr', 'dlr']) add({ asm: `${mn} %r2,%r4`, regs: { 2: w(h), 3: w(l), 4: w(d) } });
  for (const mn of ['d', 'dl']) add({ asm: `${mn} %r2,4(%r10)`, regs: { 2: w(h), 3: w(l) }, buf: '00000000' + be(d, 4) });
}
const div64: [bigint, bigint, bigint][] = [
  [0n, 100n, 7n], [0n, -100n, 7n], [0n, 100n, -7n], [0n, -0x8000000000000000n, -1n], [0n, -0x8000000000000000n, 1n],
  [0n, 5n, 0n], [0n, 0x7fffffffffffffffn, 0x100000000n], [1n, 0n, 2n], [0x7fffffffffffffffn, -1n, -1n],
  [0x123456789n, 0xabcdef0123456789n, 0x123456789an], [0x8000000000000000n, 0n, 0x8000000000000001n], [0x10n, 5n, 0x10n],
  [0n, -1n, 0xffffffffn], [0xfffffffffffffffen, -1n, -1n],
];
for (const [h, l, d] of div64) {
  for (const mn of ['dlgr', 'dsgr']) add({ asm: `${mn} %r2,%r4`, regs: { 2: h, 3: l, 4: d } });
  for (const mn of ['dlg', 'dsg']) add({ asm: `${mn} %r2,8(%r10)`, regs: { 2: h, 3: l }, buf: '00'.repeat(8) + be(d, 8) });
  add({ asm: 'dsgfr %r2,%r4', regs: { 2: h, 3: l, 4: w(d) } });
  add({ asm: 'dsgf %r2,4(%r10)', regs: { 2: h, 3: l }, buf: '00000000' + be(d, 4) });
}

// ------------------------------------------------------------------ logical

for (const mn of ['nr', 'or', 'xr']) rr(mn, [0n, -1n, 0x0f0f0f0fn, 0xf0f0f0f0n, 0x12345678n], false);
for (const mn of ['ngr', 'ogr', 'xgr']) rr(mn, [0n, -1n, 0x0f0f0f0f0f0f0f0fn, 0xf0f0f0f000000000n, 0xffffffffn], true);
for (const mn of ['nrk', 'ork', 'xrk']) rrk(mn, [0n, -1n, 0x0f0f0f0fn, 0xf0f0f0f0n], false);
for (const mn of ['ngrk', 'ogrk', 'xgrk']) rrk(mn, [0n, -1n, 0x0f0f0f0f0f0f0f0fn, 0xf0f0f0f000000000n], true);
for (const mn of ['n', 'ny', 'o', 'oy', 'x', 'xy']) rx(mn, [0n, -1n, 0x0f0f0f0fn], [0n, -1n, 0xf0f0f0f0n, 0x0ff00000n], 4, false);
for (const mn of ['ng', 'og', 'xg']) rx(mn, [0n, -1n, 0x0f0f0f0f0f0f0f0fn], [0n, -1n, 0xf0f0f0f0f0f0f0f0n, 0xffn], 8, true);
for (const mn of ['ni', 'niy', 'oi', 'oiy', 'xi', 'xiy', 'tm', 'tmy', 'cli', 'cliy']) {
  for (const b of [0x00, 0xff, 0x0f, 0x81]) for (const imm of [0x00, 0xff, 0xf0, 0x81, 0x01]) add({ asm: `${mn} 3(%r10),${imm}`, buf: '000000' + be(b, 1) });
}
for (const mn of ['nihh', 'nihl', 'nilh', 'nill', 'oihh', 'oihl', 'oilh', 'oill', 'tmhh', 'tmhl', 'tmlh', 'tmll']) {
  for (const v of [0n, -1n, 0x8001_7ffe_0000_ffffn, 0x0f0f_f0f0_1234_8000n]) for (const imm of [0, 0xffff, 0x8001, 0x00f0, 0x7ffe]) add({ asm: `${mn} %r2,${imm}`, regs: { 2: v } });
}
for (const mn of ['nihf', 'nilf', 'oihf', 'oilf', 'xihf', 'xilf']) {
  for (const v of [0n, -1n, 0x80017ffe0000ffffn]) for (const imm of [0, 0xffffffff, 0x80000001, 0x0000ffff]) add({ asm: `${mn} %r2,${imm}`, regs: { 2: v } });
}

// ------------------------------------------------------------------ compare

for (const mn of ['cr', 'clr']) rr(mn, V32, false);
for (const mn of ['cgr', 'clgr']) rr(mn, V64, true);
for (const mn of ['cgfr', 'clgfr']) for (const a of V64S) for (const b of V32S) add({ asm: `${mn} %r2,%r4`, regs: { 2: a, 4: w(b) } });
for (const mn of ['chhr', 'chlr', 'clhhr', 'clhlr']) {
  for (const a of V32S) for (const b of V32S) add({ asm: `${mn} %r2,%r4`, regs: { 2: (BigInt.asUintN(32, a) << 32n) | 0x77n, 4: (BigInt.asUintN(32, b) << 32n) | BigInt.asUintN(32, -b) } });
}
for (const mn of ['c', 'cy', 'cl', 'cly']) rx(mn, V32S, V32S, 4, false);
for (const mn of ['chf', 'clhf']) for (const a of V32S) for (const b of V32S) add({ asm: `${mn} %r2,4(%r10)`, regs: { 2: BigInt.asUintN(32, a) << 32n }, buf: '00000000' + be(b, 4) });
for (const mn of ['cg', 'clg']) rx(mn, V64S, V64S, 8, true);
for (const mn of ['chhsi', 'clhhsi']) for (const v of [0n, 1n, 0x7fffn, 0x8000n, 0xffffn]) for (const imm of mn === 'chhsi' ? I16S : I16U) add({ asm: `${mn} 6(%r10),${imm}`, buf: '000000000000' + be(v, 2) });
for (const mn of ['chsi', 'clfhsi']) for (const v of V32S) for (const imm of mn === 'chsi' ? I16S : I16U) add({ asm: `${mn} 4(%r10),${imm}`, buf: '00000000' + be(v, 4) });
for (const mn of ['cghsi', 'clghsi']) for (const v of V64S) for (const imm of mn === 'cghsi' ? I16S : I16U) add({ asm: `${mn} 8(%r10),${imm}`, buf: '00'.repeat(8) + be(v, 8) });
// Compare and trap: every mask against every outcome.
for (let m = 0; m < 16; m += 1) {
  for (const [a, b] of [[1n, 1n], [-1n, 1n], [1n, -1n]]) {
    add({ asm: `crt %r2,%r4,${m}`, regs: { 2: w(a!), 4: w(b!) } });
    add({ asm: `cgrt %r2,%r4,${m}`, regs: { 2: a!, 4: b! } });
    add({ asm: `clrt %r2,%r4,${m}`, regs: { 2: w(a!), 4: w(b!) } });
    add({ asm: `clgrt %r2,%r4,${m}`, regs: { 2: a!, 4: b! } });
    add({ asm: `cit %r2,${b},${m}`, regs: { 2: w(a!) } });
    add({ asm: `cgit %r2,${b},${m}`, regs: { 2: a! } });
    add({ asm: `clfit %r2,${Number(BigInt.asUintN(16, b!))},${m}`, regs: { 2: w(a!) } });
    add({ asm: `clgit %r2,${Number(BigInt.asUintN(16, b!))},${m}`, regs: { 2: a! } });
  }
}

// ------------------------------------------------------------------ shifts and rotates

const SH = [0, 1, 4, 31, 32, 33, 63, 64 + 3];
const SV32: bigint[] = [1n, -1n, 0x40000000n, 0x7fffffffn, -0x80000000n, 0x12345678n, -0x12345678n, 0n];
for (const n of SH) for (const v of SV32) {
  for (const mn of ['sla', 'sll', 'sra', 'srl']) add({ asm: `${mn} %r2,${n}`, regs: { 2: w(v) } });
  for (const mn of ['slak', 'sllk', 'srak', 'srlk', 'rll']) add({ asm: `${mn} %r2,%r4,${n}`, regs: { 4: w(v) } });
}
const SV64: bigint[] = [1n, -1n, 0x4000000000000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n, -0x123456789abcdef0n, 0x80000000n];
for (const n of SH) for (const v of SV64) {
  for (const mn of ['slag', 'sllg', 'srag', 'srlg', 'rllg']) add({ asm: `${mn} %r2,%r4,${n}`, regs: { 4: v } });
  for (const mn of ['slda', 'sldl', 'srda', 'srdl']) add({ asm: `${mn} %r2,${n}`, regs: { 2: w(v >> 32n), 3: w(v) } });
}
// Shift amount taken from a base register (low six bits of the address only).
add({ asm: 'sllg %r2,%r4,1(%r5)', regs: { 4: 1n, 5: 0xffffffff00000042n } });
add({ asm: 'sla %r2,0(%r5)', regs: { 2: w(1), 5: 0x123456789abcdef3n } });
for (const op of ['8f', '8d', '8e', '8c']) add({ asm: `.insn rs,0x${op}000000,%r3,%r0,1(%r0)` });
add({ asm: 'sla %r2,1', regs: { 2: w(0x40000000n) }, pm: 8 });
add({ asm: 'slag %r2,%r4,1', regs: { 4: 0x4000000000000000n }, pm: 8 });
add({ asm: 'slda %r2,1', regs: { 2: w(0x40000000n), 3: w(0) }, pm: 8 });
// RISBG and friends: ranges with and without wraparound, zero flag, test-only flag.
const RV = [0x0123456789abcdefn, -1n, 0x8000000000000001n];
const ranges: [number, number, number][] = [[0, 63, 0], [32, 63, 0], [0, 31, 32], [40, 47, 8], [60, 3, 4], [63, 0, 1], [8, 8, 63], [16, 15, 0], [3, 60, 17]];
for (const v of RV) for (const [s, e, r] of ranges) {
  for (const z of [0, 0x80]) add({ asm: `risbg %r2,%r4,${s},${e + z},${r}`, regs: { 2: 0xfedcba9876543210n, 4: v } });
  for (const mn of ['rnsbg', 'rosbg', 'rxsbg']) for (const t of [0, 0x80]) add({ asm: `${mn} %r2,%r4,${s + t},${e},${r}`, regs: { 2: 0xfedcba9876543210n, 4: v } });
}
for (const v of RV) for (const [s, e, r] of [[0, 31, 0], [8, 15, 40], [28, 3, 12], [0, 0, 63], [5, 27, 32]] as const) {
  for (const z of [0, 0x80]) for (const mn of ['risbhg', 'risblg']) add({ asm: `${mn} %r2,%r4,${s},${e + z},${r}`, regs: { 2: 0xfedcba9876543210n, 4: v } });
}

// ------------------------------------------------------------------ z196 additions

for (const cc of [0, 1, 2, 3]) for (const m of [0, 1, 2, 4, 8, 15, 6]) {
  add({ asm: `locr %r2,%r4,${m}`, regs: { 4: 0x1122334455667788n }, cc });
  add({ asm: `locgr %r2,%r4,${m}`, regs: { 4: 0x1122334455667788n }, cc });
  add({ asm: `loc %r2,4(%r10),${m}`, buf: '0000000099aabbcc', cc });
  add({ asm: `locg %r2,8(%r10),${m}`, buf: '0000000000000000' + '8877665544332211', cc });
  add({ asm: `stoc %r2,4(%r10),${m}`, regs: { 2: 0x1122334455667788n }, cc });
  add({ asm: `stocg %r2,8(%r10),${m}`, regs: { 2: 0x1122334455667788n }, cc });
}
for (const [mn, wide] of [['laa', false], ['laal', false], ['lan', false], ['lao', false], ['lax', false], ['laag', true], ['laalg', true], ['lang', true], ['laog', true], ['laxg', true]] as const) {
  const vals = wide ? V64S.slice(0, 5) : V32S.slice(0, 5);
  for (const a of vals) for (const b of vals) {
    add({ asm: `${mn} %r2,%r4,8(%r10)`, regs: { 4: wide ? b : w(b) }, buf: '00'.repeat(8) + be(a, wide ? 8 : 4) });
  }
  add({ asm: `${mn} %r4,%r4,8(%r10)`, regs: { 4: wide ? 5n : w(5) }, buf: '00'.repeat(8) + be(3, wide ? 8 : 4) });
  add({ asm: `${mn} %r2,%r4,${wide ? 4 : 2}(%r10)`, regs: { 4: 1n } }); // misaligned
}
add({ asm: 'laa %r2,%r4,8(%r10)', regs: { 4: w(1) }, buf: '00'.repeat(8) + be(0x7fffffff, 4), pm: 8 });

// ------------------------------------------------------------------ addressing

// Storage operands wrap at the top of the 24-, 31- and 64-bit address spaces.
add({ asm: 'l %r2,0(%r3)', regs: { 3: 0x80000000n + BigInt(BUF) + 4n }, amode: 31, buf: '0000000011223344' });
add({ asm: 'l %r2,0(%r3)', regs: { 3: 0xff000000n + BigInt(BUF) + 4n }, amode: 24, buf: '0000000011223344' });
add({ asm: 'st %r2,0(%r3,%r4)', regs: { 2: 0x99887766n, 3: 0x7fffff00n, 4: 0x100n + BigInt(BUF) }, amode: 31 });
add({ asm: 'lg %r2,0(%r3,%r4)', regs: { 3: -0x100n, 4: 0x100n + BigInt(BUF) }, buf: '0102030405060708' });
add({ asm: 'stmg %r2,%r3,0(%r4)', regs: { 2: 1n, 3: 2n, 4: 0x123400000000n + BigInt(BUF) }, amode: 31 });
// Access exceptions: nothing may change (the registers the handler sees are the old ones).
const FAR = 0x7f0000000000n;
for (const a of ['l %r2,0(%r3)', 'lg %r2,0(%r3)', 'st %r2,0(%r3)', 'stg %r2,0(%r3)', 'lmg %r0,%r15,0(%r3)', 'stmg %r0,%r15,0(%r3)',
  'mvhi 0(%r3),1', 'asi 0(%r3),1', 'agsi 0(%r3),1', 'ni 0(%r3),1', 'icm %r2,15,0(%r3)', 'stcm %r2,5,0(%r3)', 'clm %r2,9,0(%r3)',
  'lpq %r2,0(%r3)', 'laa %r2,%r4,0(%r3)', 'a %r2,0(%r3)', 'dsg %r2,0(%r3)', 'ml %r2,0(%r3)', 'lm %r2,%r5,0(%r3)', 'lrv %r2,0(%r3)']) {
  add({ asm: a, regs: { 3: FAR } });
}
// Misaligned and inaccessible near the top of the address space (not exact as a double):
// the specification exception comes first.
for (const a of ['lpq %r2,8(%r3)', 'stpq %r2,8(%r3)', 'laa %r2,%r4,2(%r3)', 'laag %r2,%r4,4(%r3)', 'lax %r2,%r4,1(%r3)', 'laalg %r2,%r4,12(%r3)']) {
  add({ asm: a, regs: { 3: 0xfffffffffffff000n } });
}
// Zero masks and unmet conditions at an inaccessible address: which accesses happen anyway.
for (const mn of ['icm', 'icmy', 'icmh', 'clm', 'clmy', 'clmh', 'stcm', 'stcmy', 'stcmh']) add({ asm: `${mn} %r2,0,0(%r3)`, regs: { 3: FAR } });
for (const mn of ['loc', 'locg', 'stoc', 'stocg']) add({ asm: `${mn} %r2,0(%r3),8`, regs: { 3: FAR }, cc: 1 });
add({ asm: 'stoc %r2,0(%r3),8', regs: { 3: FAR }, cc: 0 });
add({ asm: 'loc %r2,0(%r3),8', regs: { 3: FAR }, cc: 0 });

// Negative long displacements (RXY/RSY/SIY): base plus a signed 20-bit displacement.
for (const a of ['ly %r2,-4(%r10)', 'lg %r2,-8(%r10)', 'stg %r2,-16(%r11)', 'lmg %r2,%r3,-16(%r11)', 'asi -8(%r11),5', 'cliy -1(%r11),0',
  'lay %r2,-0x80000(%r10)', 'agf %r2,-4(%r9,%r11)', 'laa %r2,%r4,-8(%r11)', 'loc %r2,-4(%r11),15']) {
  add({ asm: a, regs: { 9: 0n, 10: BigInt(BUF) + 8n, 11: BigInt(BUF) + 32n, 2: 0x0102030405060708n }, buf: '11223344556677889900aabbccddeeff'.repeat(2), tag: 'negdisp' });
}

// ------------------------------------------------------------------ pseudo-random sweep

let seed = 0x2545f4914f6cdd1dn;
function rnd(): bigint {
  seed ^= seed >> 12n; seed ^= (seed << 25n) & M64; seed ^= seed >> 27n;
  const v = (seed * 0x2545f4914f6cdd1dn) & M64;
  switch (Number(v & 7n)) {
    case 0: return v & 0xffffn;
    case 1: return v | 0xffffffff00000000n;
    case 2: return 1n << (v % 64n);
    case 3: return BigInt.asUintN(64, -(v & 0xffn));
    default: return v;
  }
}
const small = (n: number): number => Number(rnd() % BigInt(n));
for (const mn of ['ar', 'sr', 'alr', 'slr', 'alcr', 'slbr', 'nr', 'or', 'xr', 'cr', 'clr', 'msr', 'agr', 'sgr', 'algr', 'slgr', 'alcgr', 'slbgr',
  'ngr', 'ogr', 'xgr', 'cgr', 'clgr', 'msgr', 'agfr', 'sgfr', 'algfr', 'slgfr', 'cgfr', 'clgfr', 'msgfr', 'lpgr', 'lcgr', 'lngr', 'flogr', 'popcnt']) {
  for (let k = 0; k < 12; k++) add({ asm: `${mn} %r2,%r4`, regs: { 2: rnd(), 4: rnd() }, cc: small(4) });
}
for (const mn of ['mr', 'mlr', 'mlgr', 'dr', 'dlr', 'dlgr', 'dsgr', 'dsgfr']) {
  for (let k = 0; k < 16; k++) {
    const d = rnd();
    add({ asm: `${mn} %r2,%r4`, regs: { 2: k < 8 ? rnd() >> BigInt(32 + small(32)) : rnd(), 3: rnd(), 4: d === 0n ? 7n : d } });
  }
}
for (const mn of ['sla', 'sll', 'sra', 'srl', 'slda', 'sldl', 'srda', 'srdl']) {
  for (let k = 0; k < 12; k++) add({ asm: `${mn} %r2,${small(64)}(%r5)`, regs: { 2: rnd(), 3: rnd(), 5: rnd() } });
}
for (const mn of ['slak', 'sllk', 'srak', 'srlk', 'rll', 'slag', 'sllg', 'srag', 'srlg', 'rllg']) {
  for (let k = 0; k < 12; k++) add({ asm: `${mn} %r2,%r4,${small(64)}(%r5)`, regs: { 4: rnd(), 5: rnd() } });
}
for (const mn of ['risbg', 'rnsbg', 'rosbg', 'rxsbg', 'risbhg', 'risblg']) {
  for (let k = 0; k < 24; k++) {
    const hw = mn === 'risbhg' || mn === 'risblg';
    const i3 = small(64), i4 = small(64) | (mn === 'risbg' || hw ? (k & 1) << 7 : 0);
    add({ asm: `${mn} %r2,%r4,${hw ? i3 & 31 : i3},${hw ? (i4 & 0x9f) : i4},${small(64)}`, regs: { 2: rnd(), 4: rnd() } });
  }
}
for (const mn of ['ahhhr', 'ahhlr', 'alhhhr', 'alhhlr', 'shhhr', 'shhlr', 'slhhhr', 'slhhlr', 'ark', 'alrk', 'srk', 'slrk', 'agrk', 'algrk', 'sgrk', 'slgrk', 'nrk', 'ngrk', 'ork', 'ogrk', 'xrk', 'xgrk']) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,%r4,%r6`, regs: { 2: rnd(), 4: rnd(), 6: rnd() } });
}

// Storage forms with random operands: 32-bit (word at BUF+4), 64-bit (doubleword at BUF+8).
const hexOf = (v: bigint, bytes: number): string => be(v, bytes);
for (const mn of ['a', 'ay', 's', 'sy', 'al', 'aly', 'sl', 'sly', 'n', 'ny', 'o', 'oy', 'x', 'xy', 'c', 'cy', 'cl', 'cly', 'ms', 'msy', 'alc', 'slb',
  'ah', 'sh', 'ch', 'mh', 'lrv', 'lt', 'icy', 'ic', 'chf', 'clhf']) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,4(%r10)`, regs: { 2: rnd() }, buf: '00000000' + hexOf(rnd(), 4), cc: small(4) });
}
for (const mn of ['ag', 'sg', 'alg', 'slg', 'ng', 'og', 'xg', 'cg', 'clg', 'msg', 'alcg', 'slbg', 'agf', 'sgf', 'algf', 'slgf', 'cgf', 'clgf', 'msgf', 'lrvg', 'ltg', 'ltgf', 'cgh']) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,8(%r10)`, regs: { 2: rnd() }, buf: '00'.repeat(8) + hexOf(rnd(), 8), cc: small(4) });
}
for (const mn of ['m', 'mfy', 'ml', 'd', 'dl', 'dsgf']) {
  for (let k = 0; k < 10; k++) {
    const d = rnd() & 0xffffffffn;
    add({ asm: `${mn} %r2,4(%r10)`, regs: { 2: k < 5 ? rnd() & 0xffffn : rnd(), 3: rnd() }, buf: '00000000' + hexOf(d === 0n ? 3n : d, 4) });
  }
}
for (const mn of ['mlg', 'dlg', 'dsg']) {
  for (let k = 0; k < 10; k++) {
    const d = rnd();
    add({ asm: `${mn} %r2,8(%r10)`, regs: { 2: k < 5 ? rnd() >> 40n : rnd(), 3: rnd() }, buf: '00'.repeat(8) + hexOf(d === 0n ? 3n : d, 8) });
  }
}
const rimm = (bits: number, signed: boolean): string => {
  const v = BigInt.asUintN(bits, rnd());
  return (signed ? BigInt.asIntN(bits, v) : v).toString();
};
for (const [mn, bits, signed] of [['ahi', 16, true], ['aghi', 16, true], ['afi', 32, true], ['agfi', 32, true], ['alfi', 32, false], ['algfi', 32, false],
  ['slfi', 32, false], ['slgfi', 32, false], ['cfi', 32, true], ['cgfi', 32, true], ['clfi', 32, false], ['clgfi', 32, false], ['chi', 16, true],
  ['cghi', 16, true], ['mhi', 16, true], ['mghi', 16, true], ['msfi', 32, true], ['msgfi', 32, true], ['nihf', 32, false], ['nilf', 32, false],
  ['oihf', 32, false], ['xilf', 32, false], ['tmll', 16, false], ['tmlh', 16, false], ['tmhl', 16, false], ['tmhh', 16, false],
  ['nill', 16, false], ['oilh', 16, false], ['iihl', 16, false], ['llilh', 16, false], ['aih', 32, true], ['alsih', 32, true], ['cih', 32, true], ['clih', 32, false]] as const) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,${rimm(bits, signed)}`, regs: { 2: rnd() } });
}
for (const [mn, off, bytes] of [['asi', 4, 4], ['alsi', 4, 4], ['agsi', 8, 8], ['algsi', 8, 8]] as const) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} ${off}(%r10),${rimm(8, true)}`, buf: '00'.repeat(off) + hexOf(rnd(), bytes) });
}
for (const mn of ['ahik', 'alhsik', 'aghik', 'alghsik']) for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,%r4,${rimm(16, true)}`, regs: { 4: rnd() } });
for (const mn of ['tm', 'tmy', 'cli', 'cliy', 'ni', 'oi', 'xi']) for (let k = 0; k < 6; k++) add({ asm: `${mn} 3(%r10),${rimm(8, false)}`, buf: '000000' + hexOf(rnd(), 1) });
for (const mn of ['icm', 'icmh', 'clm', 'clmh', 'stcm', 'stcmh']) {
  for (let k = 0; k < 8; k++) add({ asm: `${mn} %r2,${1 + small(15)},4(%r10)`, regs: { 2: rnd() }, buf: '00000000' + hexOf(rnd(), 4) });
}

// ------------------------------------------------------------------ program generation

function regsFor(c: Case): bigint[] {
  return Array.from({ length: 16 }, (_, n) => (c.regs && c.regs[n] !== undefined ? u64(c.regs[n]!) : DEFAULT_REG(n)));
}

function bufFor(c: Case): string {
  const b = (c.buf ?? '').padEnd(2 * BUF_LEN, '0');
  if (b.length !== 2 * BUF_LEN) throw new Error(`buffer too long in ${c.asm}`);
  return b;
}

export function programText(list: Case[]): string {
  const t: string[] = [];
  const d: string[] = [];
  t.push('\t.machine z196', '\t.section .rec,"aw",@nobits', 'rec:\t.skip 0x200', '\t.bss', '\t.balign 8', 'altstack:\t.skip 0x10000', '\t.text', '\t.globl _start', '_start:');
  // The cases load r15 with test values, so signals are delivered on an alternate stack.
  t.push('\tlarl %r2,sigstk', '\tlghi %r3,0', '\tsvc 186');
  for (const sig of [4, 5, 7, 8, 11]) {
    t.push(`\tlghi %r2,${sig}`, '\tlarl %r3,sigact', '\tlghi %r4,0', '\tlghi %r5,8', '\tsvc 174');
  }
  list.forEach((c, k) => {
    const amode = c.amode ?? 64;
    const ccpm = (((c.cc ?? 0) << 28) | ((c.pm ?? 0) << 24)) >>> 0;
    t.push(
      `c${k}:`,
      `\tlarl %r1,d${k}`,
      '\tlarl %r2,rec',
      '\tmvc 0x100(256,%r2),136(%r1)',
      `\tlarl %r3,r${k}`,
      '\tstg %r3,0x98(%r2)',
      `\tlarl %r3,i${k}`,
      '\tstg %r3,0xa0(%r2)',
      '\tmvc 0xb0(6,%r2),0(%r3)',
      '\txc 0x88(8,%r2),0x88(%r2)',
      '\tl %r0,128(%r1)',
      '\tspm %r0',
    );
    if (amode === 31) t.push('\tsam31');
    if (amode === 24) t.push('\tsam24');
    t.push('\tlmg %r0,%r15,0(%r1)', `i${k}:`, `\t${c.asm}`, '\tstmg %r0,%r15,0x10000', '\tipm %r0', '\tsty %r0,0x10080');
    t.push(`r${k}:`, '\tsam64', '\tlghi %r2,1', '\tlgfi %r3,0x10000', '\tlghi %r4,0x200', '\tsvc 4');
    d.push('\t.balign 8', `d${k}:`, ...regsFor(c).map((v) => `\t.quad 0x${hex64(v)}`), `\t.long 0x${ccpm.toString(16)}`, '\t.long 0');
    const b = bufFor(c);
    for (let o = 0; o < b.length; o += 64) d.push(`\t.byte ${b.slice(o, o + 64).match(/../g)!.map((x) => '0x' + x).join(',')}`);
  });
  t.push('\tlghi %r2,0', '\tsvc 1');
  // Signal handler: r2 = signal, r3 = siginfo, r4 = ucontext (uc_mcontext at 40: PSW mask,
  // PSW address, then the 16 GPRs).
  t.push(
    'handler:',
    '\tlarl %r5,rec',
    '\tst %r2,0x88(%r5)',
    '\tl %r0,8(%r3)',
    '\tst %r0,0x8c(%r5)',
    '\tmvc 0x90(8,%r5),48(%r4)',
    '\tmvc 0xa8(8,%r5),40(%r4)',
    '\tmvc 0(128,%r5),56(%r4)',
    '\tmvc 48(8,%r4),0x98(%r5)',
    '\tbr %r14',
    'restorer:',
    '\tsvc 173',
  );
  d.unshift('\t.data', '\t.balign 8', 'sigact:', '\t.quad handler', '\t.quad 0x4c000004', '\t.quad restorer', '\t.quad 0',
    'sigstk:', '\t.quad altstack', '\t.long 0', '\t.long 0', '\t.quad 0x10000');
  return t.join('\n') + '\n' + d.join('\n') + '\n';
}

/**
 * Assemble, link and run `list` under qemu-s390x; return the fixture cases. QEMU 7.2's TCG
 * aborts on one very long program (tcg.c "tcg fatal error" after ~9000 cases), so the
 * cases run in chunks, one process each.
 */
export function runOracle(list: Case[] = cases): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (let k = 0; k < list.length; k += 1500) out.push(...runChunk(list.slice(k, k + 1500)));
  return out;
}

function runChunk(list: Case[]): FixtureCase[] {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-general-'));
  try {
    const src = join(dir, 'g.s'), exe = join(dir, 'g');
    writeFileSync(src, programText(list));
    execFileSync('s390x-linux-gnu-gcc', ['-static', '-nostdlib', `-Wl,--section-start=.rec=0x${REC.toString(16)}`, `-Wl,-Ttext-segment=0x${TEXT_SEGMENT.toString(16)}`, '-o', exe, src], { stdio: ['ignore', 'pipe', 'inherit'] });
    const out = qemuUser([exe]);
    if (out.length !== list.length * 0x200) throw new Error(`qemu wrote ${out.length} bytes for ${list.length} cases`);
    return list.map((c, k) => {
      const r = out.subarray(k * 0x200, (k + 1) * 0x200);
      const dv = new DataView(r.buffer, r.byteOffset, r.length);
      const init = regsFor(c);
      const regs: Record<string, string> = {};
      const initRegs: Record<string, string> = {};
      for (let n = 0; n < 16; n++) {
        const v = dv.getBigUint64(8 * n);
        if (v !== init[n]) regs[n] = hex64(v);
        if (c.regs && c.regs[n] !== undefined) initRegs[n] = hex64(init[n]!);
      }
      const sig = dv.getUint32(0x88);
      const addr = Number(dv.getBigUint64(0xa0));
      const len = r[0xb0]! < 0x40 ? 2 : r[0xb0]! < 0xc0 ? 4 : 6;
      const insn = Buffer.from(r.subarray(0xb0, 0xb0 + len)).toString('hex');
      const cc = sig ? (dv.getUint32(0xa8) >>> 12) & 3 : (dv.getUint32(0x80) >>> 28) & 3;
      const bufOut = Buffer.from(r.subarray(0x100, 0x200)).toString('hex');
      const o: Outcome = { regs, cc };
      if (bufOut !== bufFor(c)) o.buf = bufOut;
      if (sig) {
        o.sig = sig;
        o.code = dv.getInt32(0x8c);
        o.pswoff = Number(dv.getBigUint64(0x90)) - addr;
      }
      const fc: FixtureCase = { asm: c.asm, addr, insn, amode: c.amode ?? 64, cc: c.cc ?? 0, pm: c.pm ?? 0, regs: initRegs, out: o };
      if (c.buf) fc.buf = c.buf;
      if (c.tag) fc.tag = c.tag;
      return fc;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CASES = cases;

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? new URL('./general-oracle.qemu.json', import.meta.url).pathname;
  const fixtures = runOracle();
  writeFileSync(file, JSON.stringify({ generator: 'general-oracle.gen.ts', qemu: execFileSync('qemu-s390x', ['--version']).toString().split('\n')[0], cases: fixtures }, null, 0).replace(/\},\{"asm"/g, '},\n{"asm"') + '\n');
  console.log(`${fixtures.length} cases -> ${file}`);
  void readFileSync;
}
