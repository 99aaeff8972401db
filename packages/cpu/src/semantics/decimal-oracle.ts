// Generator of the decimal-instruction oracle fixtures.
//
//   npx tsx packages/cpu/src/semantics/decimal-oracle.ts qemu
//
// builds random and edge-case test cases, assembles one s390x program that executes
// every case (through EX, from a 64-byte buffer it resets per case) and records the
// buffer, GR1, GR5, the CC and the signal each case raised, runs it under qemu-s390x
// and writes decimal-oracle.qemu.json beside this file. decimal.test.ts replays the
// cases on ztab's interpreter and compares. QEMU 7.2 does not implement AP, SP, MP, DP,
// ZAP, CP, SRP, CVB, CVBY, CVBG or CVDG (they raise an operation exception there);
// those are checked against Hercules:
//
//   npx tsx packages/cpu/src/semantics/decimal-oracle.ts hercules
//
// runs the same kind of program bare-metal (program-check new PSW instead of signals)
// under Hercules and writes decimal-oracle.hercules.json, which records the exact
// program-interruption code.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qemuUser } from '../difftest/qemu-user.ts';

export const BUF_LEN = 64;
/** Register that holds the buffer address while a case runs (the operands' base). */
export const BASE_REG = 9;

export interface OracleCase {
  /** What the case is about, for failure messages. */
  name: string;
  /** Instruction bytes, hex (4 or 6 bytes). */
  insn: string;
  /** Initial GR1 and GR5, 16 hex digits each. */
  r1: string;
  r5: string;
  /** Program mask (PSW bits 20-23). */
  pm: number;
  /** Addressing mode while the instruction runs: 64, 31 or 24 (default 64). */
  amode?: number;
  /** Buffer contents before, hex. */
  mem: string;
}

export interface OracleResult {
  mem: string;
  r1: string;
  r5: string;
  cc: number;
  /** qemu: the signal number and si_code (0, 0 when none). hercules: 0 and the program-interruption code. */
  sig: number;
  code: number;
}

export interface OracleFixture {
  oracle: string;
  /** Address of the buffer in the oracle program; ztab uses the same. */
  buf: number;
  cases: (OracleCase & { out: OracleResult })[];
}

// ---------------------------------------------------------------- random cases

let seed = 0x2545f491;
function rnd(n: number): number {
  // xorshift32: deterministic fixtures.
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
const pick = <T>(a: readonly T[]): T => a[rnd(a.length)]!;
const hex = (b: ArrayLike<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function bd(b: number, d: number): number[] {
  return [(b << 4) | (d >>> 8), d & 0xff];
}

const B = BASE_REG;
/** SS-a: op L,B1D1,B2D2 (L is the encoded length). */
const ssa = (op: number, l: number, d1: number, d2: number): number[] => [op, l, ...bd(B, d1), ...bd(B, d2)];
const ssb = (op: number, l1: number, l2: number, d1: number, d2: number): number[] => [op, (l1 << 4) | l2, ...bd(B, d1), ...bd(B, d2)];
const ssf = (op: number, l2: number, d1: number, d2: number): number[] => [op, l2, ...bd(B, d1), ...bd(B, d2)];

/** A packed field of len bytes: mostly valid, sometimes with bad digits or sign. */
function packed(len: number, opts: { bad?: boolean; lead?: number; zero?: boolean } = {}): number[] {
  const n = 2 * len - 1;
  const digits: number[] = [];
  const lead = opts.lead ?? rnd(n + 1); // number of leading zero digits
  for (let k = 0; k < n; k++) digits.push(opts.zero || k < lead ? 0 : rnd(10));
  let sign = pick([0xc, 0xd, 0xc, 0xd, 0xa, 0xb, 0xe, 0xf]);
  if (opts.bad) {
    if (rnd(2)) sign = rnd(10);
    else digits[rnd(n)] = 10 + rnd(6);
  }
  const out: number[] = [];
  for (let j = 0; j < len; j++) {
    if (j === len - 1) out.push((digits[2 * j]! << 4) | sign);
    else out.push((digits[2 * j]! << 4) | digits[2 * j + 1]!);
  }
  return out;
}

function randomBytes(n: number): number[] {
  return Array.from({ length: n }, () => rnd(256));
}

function memWith(parts: [number, number[]][]): number[] {
  const m = randomBytes(BUF_LEN);
  for (const [off, bytes] of parts) bytes.forEach((b, k) => { m[off + k] = b; });
  return m;
}

const R64 = (): string => hex(randomBytes(8));

/** Storage size of the Hercules machine; bare-metal cases use its end for access exceptions. */
export const HERCULES_STORAGE = 8 << 20;

export function generateCases(bareMetal = false): OracleCase[] {
  const cases: OracleCase[] = [];
  const add = (name: string, insn: number[], mem: number[], pm = 0, r1 = R64(), r5 = R64(), amode = 64): void => {
    const k: OracleCase = { name, insn: hex(insn), r1, r5, pm, mem: hex(mem) };
    if (amode !== 64) k.amode = amode;
    cases.push(k);
  };
  const badMaybe = (): boolean => rnd(6) === 0;

  // AP, SP, ZAP, CP: every length pair appears, random digits and signs, some invalid.
  for (const [op, mn] of [[0xfa, 'ap'], [0xfb, 'sp'], [0xf8, 'zap'], [0xf9, 'cp']] as const) {
    for (let n = 0; n < 160; n++) {
      const l1 = rnd(16), l2 = rnd(16);
      const bad = badMaybe();
      const zero = rnd(8) === 0;
      const m = memWith([[0, packed(l1 + 1, { bad: bad && rnd(2) === 0, zero: zero && rnd(2) === 0 })],
        [32, packed(l2 + 1, { bad: bad && rnd(2) === 0, zero })]]);
      add(`${mn} l1=${l1} l2=${l2}`, ssb(op, l1, l2, 0, 32), m, rnd(2) ? 4 : 0);
    }
    // Same field as both operands (rightmost bytes coincide), overflow-prone nines.
    for (let n = 0; n < 12; n++) {
      const l = rnd(16);
      const nines = Array.from({ length: l + 1 }, (_, k) => (k === l ? 0x9c + rnd(2) : 0x99));
      add(`${mn} same field l=${l}`, ssb(op, l, l, 8, 8), memWith([[8, rnd(2) ? nines : packed(l + 1)]]), rnd(2) ? 4 : 0);
    }
    // Overflow into a short result and negative zero results.
    for (let n = 0; n < 12; n++) {
      const m = memWith([[0, [0x99, 0x9c]], [32, [0x00, 0x00, 0x1c + rnd(2)]]]);
      add(`${mn} short result`, ssb(op, 1, 2, 0, 32), m, rnd(2) ? 4 : 0);
      add(`${mn} -0`, ssb(op, 1, 1, 0, 32), memWith([[0, [0x00, 0x0d]], [32, [0x00, 0x0d - 1 * rnd(2)]]]), 0);
    }
  }

  // MP: valid and invalid length combinations, leading-zero requirement.
  for (let n = 0; n < 200; n++) {
    let l1 = rnd(16), l2 = rnd(9);
    if (rnd(6) !== 0 && l2 >= l1) { l1 = 1 + rnd(15); l2 = rnd(Math.min(l1, 8)); }
    const len1 = l1 + 1, len2 = l2 + 1;
    const lead = rnd(5) === 0 ? rnd(2 * len1) : 2 * len2 + rnd(Math.max(1, 2 * len1 - 1 - 2 * len2));
    const m = memWith([[0, packed(len1, { bad: badMaybe(), lead })], [32, packed(len2, { bad: badMaybe() })]]);
    add(`mp l1=${l1} l2=${l2}`, ssb(0xfc, l1, l2, 0, 32), m);
  }
  // DP: quotient fits / too large / zero divisor / spec.
  for (let n = 0; n < 240; n++) {
    let l1 = rnd(16), l2 = rnd(9);
    if (rnd(6) !== 0 && l2 >= l1) { l1 = 1 + rnd(15); l2 = rnd(Math.min(l1, 8)); }
    const len1 = l1 + 1, len2 = l2 + 1;
    const lead = rnd(3) === 0 ? rnd(2 * len1) : Math.min(2 * len1 - 1, 2 * len2 - 1 + rnd(2 * len1));
    const div = packed(len2, { bad: badMaybe(), zero: rnd(10) === 0, lead: rnd(2 * len2) });
    const m = memWith([[0, packed(len1, { bad: badMaybe(), lead })], [32, div]]);
    add(`dp l1=${l1} l2=${l2}`, ssb(0xfd, l1, l2, 0, 32), m);
  }

  // SRP: shifts -32..31 (six bits of the address: D2 with no base), rounding 0-15.
  for (let n = 0; n < 300; n++) {
    const l1 = rnd(16);
    const shift = n < 64 ? n : rnd(64);
    const i3 = rnd(5) === 0 ? 10 + rnd(6) : rnd(10);
    const d2 = shift | (rnd(64) << 6); // bits above the low six are ignored
    const insn = [0xf0, (l1 << 4) | i3, ...bd(B, 0), ...bd(0, d2)];
    add(`srp l1=${l1} shift=${shift >= 32 ? shift - 64 : shift} i3=${i3}`, insn, memWith([[0, packed(l1 + 1, { bad: badMaybe() })]]), rnd(2) ? 4 : 0);
  }

  // TP: CC 0-3.
  for (let n = 0; n < 120; n++) {
    const l1 = rnd(16);
    const f = packed(l1 + 1, { bad: rnd(2) === 0 });
    if (rnd(4) === 0) f[l1] = (f[l1]! & 0xf0) | rnd(10); // bad sign too
    add(`tp l1=${l1}`, [0xeb, l1 << 4, ...bd(B, 0), 0x00, 0xc0], memWith([[0, f]]));
  }

  // PACK, UNPK, MVO: every length pair, plus overlapping operands.
  for (const [op, mn] of [[0xf2, 'pack'], [0xf3, 'unpk'], [0xf1, 'mvo']] as const) {
    for (let n = 0; n < 150; n++) {
      const l1 = rnd(16), l2 = rnd(16);
      add(`${mn} l1=${l1} l2=${l2}`, ssb(op, l1, l2, 0, 32), randomBytes(BUF_LEN));
    }
    for (let n = 0; n < 60; n++) {
      const l1 = rnd(16), l2 = rnd(16);
      const d1 = 16 + rnd(16), d2 = 16 + rnd(16);
      add(`${mn} overlap l1=${l1} l2=${l2} d1=${d1} d2=${d2}`, ssb(op, l1, l2, d1, d2), randomBytes(BUF_LEN));
    }
  }

  // MVN, MVZ: random lengths, overlap one byte apart either way.
  for (const [op, mn] of [[0xd1, 'mvn'], [0xd3, 'mvz']] as const) {
    for (let n = 0; n < 60; n++) {
      const l = rnd(32);
      const d1 = rnd(3) === 0 ? 1 + rnd(4) : 0, d2 = rnd(3) === 0 ? rnd(4) : 32;
      add(`${mn} l=${l} d1=${d1} d2=${d2}`, ssa(op, l, d1, d2), randomBytes(BUF_LEN));
    }
  }

  // PKA, PKU: lengths up to and beyond the limits (specification exceptions).
  for (let n = 0; n < 100; n++) {
    const l2 = rnd(6) === 0 ? 32 + rnd(8) : rnd(32);
    const m = randomBytes(BUF_LEN);
    for (let k = 16; k < 64; k++) if (rnd(4)) m[k] = 0x30 + rnd(10);
    add(`pka l2=${l2}`, ssf(0xe9, l2, 0, 16), m);
  }
  for (let n = 0; n < 100; n++) {
    const l2 = rnd(6) === 0 ? rnd(70) : 2 * rnd(24) + 1;
    const m = randomBytes(BUF_LEN);
    for (let k = 16; k < 64; k += 2) if (rnd(4)) { m[k] = 0; m[k + 1] = 0x30 + rnd(10); }
    add(`pku l2=${l2}`, ssf(0xe1, Math.min(l2, 255), 0, 16), m);
  }
  // UNPKA, UNPKU: sign CC, lengths and specification exceptions.
  for (let n = 0; n < 100; n++) {
    const l1 = rnd(6) === 0 ? 32 + rnd(8) : rnd(32);
    add(`unpka l1=${l1}`, ssa(0xea, l1, 16, 0), memWith([[0, packed(16, { bad: rnd(4) === 0 })]]));
  }
  for (let n = 0; n < 100; n++) {
    const l1 = rnd(6) === 0 ? rnd(64) : 2 * rnd(24) + 1;
    add(`unpku l1=${l1}`, ssa(0xe2, l1, 16, 0), memWith([[0, packed(16, { bad: rnd(4) === 0 })]]));
  }

  // ED, EDMK: random patterns of digit selectors, significance starters, field
  // separators and message bytes over random packed sources.
  for (const [op, mn] of [[0xde, 'ed'], [0xdf, 'edmk']] as const) {
    for (let n = 0; n < 250; n++) {
      const len = 1 + rnd(32);
      const pat: number[] = [pick([0x40, 0x5c, 0x00, 0xf0, 0x20])];
      for (let k = 1; k < len; k++) pat.push(pick([0x20, 0x20, 0x20, 0x20, 0x21, 0x22, 0x4b, 0x6b, 0xc3, 0x60]));
      const src: number[] = [];
      for (let k = 0; k < 16; k++) {
        const r = rnd(10);
        if (r < 6) src.push((rnd(10) << 4) | rnd(10));
        else if (r < 8) src.push(rnd(3) ? 0x00 : 0x01);
        else if (r < 9) src.push((rnd(10) << 4) | pick([0xa, 0xb, 0xc, 0xd, 0xe, 0xf]));
        else src.push(rnd(256));
      }
      // EDMK replaces only the addressing mode's bits of GR1: run some in 31 and 24.
      const amode = mn === 'edmk' ? pick([64, 31, 24]) : 64;
      add(`${mn} len=${len} amode=${amode}`, ssa(op, len - 1, 0, 40), memWith([[0, pat], [40, src]]), 0, R64(), R64(), amode);
    }
    // The classic "  12,345.67CR" style patterns from the PoP examples.
    for (let n = 0; n < 30; n++) {
      const pat = [0x40, 0x20, 0x6b, 0x20, 0x20, 0x21, 0x4b, 0x20, 0x20, 0x40, 0xc3, 0xd9];
      const src = [rnd(10) ? 0x00 : 0x02, (rnd(10) << 4) | rnd(10), (rnd(10) << 4) | rnd(10), (rnd(10) << 4) | pick([0xc, 0xd])];
      add(`${mn} money`, ssa(op, pat.length - 1, 0, 40), memWith([[0, pat], [40, src]]));
    }
  }

  // CVD, CVDY, CVDG; CVB, CVBY, CVBG.
  const edge32 = ['0000000000000000', '000000007fffffff', '0000000080000000', 'ffffffffffffffff', '1234567800000000', '00000000fffffffe'];
  const edge64 = ['7fffffffffffffff', '8000000000000000', 'ffffffffffffffff', '0000000000000000', '000000000000000a', 'fffffffffffffff6'];
  const rx = (op: number, r: number, d: number): number[] => [op, r << 4, ...bd(B, d), 0, 0];
  const rxy = (op: number, r: number, d: number): number[] => [0xe3, r << 4, ...bd(B, d & 0xfff), (d >> 12) & 0xff, op];
  for (let n = 0; n < 80; n++) {
    const v = n < edge32.length ? edge32[n]! : R64();
    add(`cvd ${v}`, rx(0x4e, 5, 8), randomBytes(BUF_LEN), 0, R64(), v);
    add(`cvdy ${v}`, rxy(0x26, 5, 8), randomBytes(BUF_LEN), 0, R64(), v);
    const w = n < edge64.length ? edge64[n]! : rnd(3) === 0 ? R64().replace(/^./, '0') : R64();
    add(`cvdg ${w}`, rxy(0x2e, 5, 8), randomBytes(BUF_LEN), 0, R64(), w);
  }
  for (let n = 0; n < 120; n++) {
    const f = packed(8, { bad: rnd(8) === 0, lead: n % 3 === 0 ? 4 + rnd(12) : rnd(16) });
    add(`cvb`, rx(0x4f, 5, 16), memWith([[16, f]]));
    add(`cvby`, rxy(0x06, 5, 16), memWith([[16, f]]));
    const g = packed(16, { bad: rnd(8) === 0, lead: n % 3 === 0 ? 11 + rnd(20) : 12 });
    add(`cvbg`, rxy(0x0e, 5, 16), memWith([[16, g]]));
  }
  // CVB/CVBG around the range limits.
  const bcd = (s: string, neg: boolean, len: number): number[] => {
    const digits = s.padStart(2 * len - 1, '0');
    const out: number[] = [];
    for (let j = 0; j < len; j++) {
      const hi = +digits[2 * j]!;
      out.push(j === len - 1 ? (hi << 4) | (neg ? 0xd : 0xc) : (hi << 4) | +digits[2 * j + 1]!);
    }
    return out;
  };
  for (const s of ['2147483647', '2147483648', '2147483649', '4294967296', '999999999999999', '0']) {
    for (const neg of [false, true]) {
      add(`cvb limit ${neg ? '-' : ''}${s}`, rx(0x4f, 5, 16), memWith([[16, bcd(s, neg, 8)]]));
    }
  }
  for (const s of ['9223372036854775807', '9223372036854775808', '9223372036854775809', '18446744073709551616', '9999999999999999999999999999999', '0']) {
    for (const neg of [false, true]) {
      add(`cvbg limit ${neg ? '-' : ''}${s}`, rxy(0x0e, 5, 16), memWith([[16, bcd(s, neg, 16)]]));
    }
  }
  // SRP with a base register: the shift comes from the whole computed address.
  for (let n = 0; n < 40; n++) {
    const l1 = rnd(16), i3 = rnd(10), d2 = rnd(4096);
    const insn = [0xf0, (l1 << 4) | i3, ...bd(B, 0), ...bd(5, d2)];
    add(`srp base l1=${l1} i3=${i3}`, insn, memWith([[0, packed(l1 + 1, { bad: rnd(8) === 0 })]]), rnd(2) ? 4 : 0);
  }
  // ZAP may overlap when the first operand's rightmost byte is at or right of the
  // second's: the whole second operand is used as it was.
  for (let n = 0; n < 40; n++) {
    const l1 = rnd(16), l2 = rnd(16);
    const e2 = 8 + l2 + rnd(16); // rightmost byte of op2
    const e1 = e2 + rnd(4);
    const d1 = e1 - l1, d2 = e2 - l2;
    if (d1 < 0) continue;
    const m = memWith([[d2, packed(l2 + 1, { bad: rnd(10) === 0 })]]);
    add(`zap overlap l1=${l1} l2=${l2} d1=${d1} d2=${d2}`, ssb(0xf8, l1, l2, d1, d2), m, rnd(2) ? 4 : 0);
  }
  if (bareMetal) {
    // A second operand that runs off the end of storage: an addressing exception, and
    // (except where bytes are fetched as needed) nothing stored. GR5 is its base.
    const end = (k: number): string => (HERCULES_STORAGE - k).toString(16).padStart(16, '0');
    const sb2 = (op: number, l1: number, l2: number): number[] => [op, (l1 << 4) | l2, ...bd(B, 0), ...bd(5, 0)];
    const sa2 = (op: number, l: number): number[] => [op, l, ...bd(B, 0), ...bd(5, 0)];
    for (let n = 0; n < 120; n++) {
      const k = 1 + rnd(16);
      const l2 = rnd(16), l1 = rnd(16);
      const mem = memWith([[0, packed(l1 + 1)]]);
      const [mn, insn] = pick([
        ['ap', sb2(0xfa, l1, l2)], ['zap', sb2(0xf8, l1, l2)], ['cp', sb2(0xf9, l1, l2)],
        ['mp', sb2(0xfc, 15, Math.min(l2, 7))], ['dp', sb2(0xfd, 15, Math.min(l2, 7))],
        ['pack', sb2(0xf2, l1, l2)], ['unpk', sb2(0xf3, l1, l2)], ['mvo', sb2(0xf1, l1, l2)],
        ['mvn', sa2(0xd1, l1 + l2)], ['mvz', sa2(0xd3, l1 + l2)], ['pka', [0xe9, l1 + l2, ...bd(B, 0), ...bd(5, 0)]],
        ['unpka', sa2(0xea, l1)], ['ed', sa2(0xde, l1 + l2)], ['edmk', sa2(0xdf, l1 + l2)],
        ['cvb', [0x4f, 0x15, ...bd(5, 0), 0, 0]], ['cvbg', [0xe3, 0x15, ...bd(5, 0), 0, 0x0e]],
      ] as [string, number[]][]);
      if (mn === 'ed' || mn === 'edmk') {
        for (let j = 0; j <= l1 + l2 && j < BUF_LEN; j++) mem[j] = j === 0 ? 0x40 : pick([0x20, 0x20, 0x21, 0x4b]);
      }
      add(`${mn} end-of-storage k=${k}`, insn, mem, 0, R64(), end(k));
    }
  }
  return cases;
}

// ---------------------------------------------------------------- oracle programs

const REC_IN = 96;
const REC_OUT = 96;

function caseTable(cases: OracleCase[]): Buffer {
  const b = Buffer.alloc(cases.length * REC_IN);
  cases.forEach((c, k) => {
    const o = k * REC_IN;
    Buffer.from(c.insn.padEnd(16, '0'), 'hex').copy(b, o);
    Buffer.from(c.r1, 'hex').copy(b, o + 8);
    Buffer.from(c.r5, 'hex').copy(b, o + 16);
    b.writeUInt32BE(c.amode === 31 ? 1 : c.amode === 24 ? 2 : 0, o + 24);
    b.writeUInt32BE((c.pm << 24) >>> 0, o + 28);
    Buffer.from(c.mem, 'hex').copy(b, o + 32);
  });
  return b;
}

/**
 * The per-case loop shared by both oracles. Registers: r10 input record, r11 output
 * record, r12 cases left, r8 the EX target slot, r9 the buffer. The tested instruction
 * sees r1 and r5 as the case gives them.
 */
const CASE_LOOP = `
  larl %r10,cases
  larl %r11,results
  larl %r12,ncases
  lg %r12,0(%r12)
loop:
  larl %r9,buf
  mvc 0(64,%r9),32(%r10)
  larl %r8,slot
  mvc 0(6,%r8),0(%r10)
  larl %r6,sigrec
  xc 0(8,%r6),0(%r6)
  lg %r1,8(%r10)
  lg %r5,16(%r10)
  l %r7,24(%r10)
  chi %r7,1
  jne 1f
  sam31
  j 2f
1:
  chi %r7,2
  jne 2f
  sam24
2:
  l %r7,28(%r10)
  spm %r7
  ex %r0,0(%r8)
resume:
  sam64
  ipm %r7
  stg %r1,64(%r11)
  stg %r5,72(%r11)
  st %r7,80(%r11)
  larl %r6,sigrec
  mvc 84(8,%r11),0(%r6)
  larl %r9,buf
  mvc 0(64,%r11),0(%r9)
  la %r10,${REC_IN}(%r10)
  la %r11,${REC_OUT}(%r11)
  brctg %r12,loop
`;

function dataSection(n: number, tableFile: string): string {
  return `
  .align 8
slot: .quad 0,0
sigrec: .quad 0
ncases: .quad ${n}
  # The buffer straddles a page boundary 48 bytes in, so longer operands cross pages
  # (and ED's source at +40 crosses whenever the pattern is longer than 8 bytes).
  .balign 4096
  .fill 4096-48,1,0
buf: .fill 256,1,0
cases: .incbin "${tableFile}"
  .align 8
results: .fill ${n * REC_OUT},1,0
resultsEnd:
`;
}

function qemuProgram(n: number, tableFile: string): string {
  // rt_sigaction(sig, &sa, 0, 8) for SIGILL, SIGFPE and SIGSEGV; the handler records
  // the signal and si_code and resumes at 'resume' with the interrupted registers.
  return `
  .section .rwx,"awx",@progbits
  .globl _start
_start:
  larl %r3,sa
  lghi %r2,4
  lghi %r4,0
  lghi %r5,8
  svc 174
  larl %r3,sa
  lghi %r2,8
  lghi %r4,0
  lghi %r5,8
  svc 174
  larl %r3,sa
  lghi %r2,11
  lghi %r4,0
  lghi %r5,8
  svc 174
${CASE_LOOP}
  lghi %r2,1
  larl %r3,results
  larl %r4,resultsEnd
  sgr %r4,%r3
  svc 4
  lghi %r2,0
  svc 1
handler:
  larl %r1,sigrec
  st %r2,0(%r1)
  mvc 4(4,%r1),8(%r3)
  larl %r1,resume
  stg %r1,48(%r4)
  br %r14
restorer:
  svc 173
  .align 8
sa: .quad handler
  .quad 0x44000004
  .quad restorer
  .quad 0
${dataSection(n, tableFile)}
`;
}

/**
 * Bare-metal z/Architecture program for Hercules, loaded at absolute 0: restart new PSW
 * to the case loop, program new PSW to a handler that records the program-old PSW's
 * first word (for the CC) and the interruption code, then resumes the loop. Ends in a
 * disabled wait.
 */
function herculesProgram(n: number, tableFile: string): string {
  return `
  .section .text
  .org 0x1a0
  .quad 0x0000000180000000, start
  .org 0x1d0
  .quad 0x0000000180000000, pgm
  .org 0x1000
start:
${CASE_LOOP}
  larl %r3,wpsw
  lpswe 0(%r3)
pgm:
  larl %r6,sigrec
  mvc 0(4,%r6),0x150
  xc 4(4,%r6),4(%r6)
  mvc 6(2,%r6),0x8e
  j resume
  .align 8
wpsw: .quad 0x0002000180000000, 0
${dataSection(n, tableFile)}
`;
}

function build(dir: string, src: string, ldArgs: string[]): string {
  writeFileSync(join(dir, 'prog.s'), src);
  execFileSync('s390x-linux-gnu-as', ['-march=z196', '-o', join(dir, 'prog.o'), join(dir, 'prog.s')], { cwd: dir });
  execFileSync('s390x-linux-gnu-ld', [...ldArgs, '-o', join(dir, 'prog'), join(dir, 'prog.o')], { cwd: dir });
  return join(dir, 'prog');
}

function symbol(prog: string, name: string): number {
  const out = execFileSync('s390x-linux-gnu-nm', [prog]).toString();
  const m = out.split('\n').find((l) => l.endsWith(` ${name}`));
  if (!m) throw new Error(`no symbol ${name}`);
  return parseInt(m.split(' ')[0]!, 16);
}

function parseResults(raw: Buffer, cases: OracleCase[], oracle: string, buf: number): OracleFixture {
  if (raw.length !== cases.length * REC_OUT) throw new Error(`${oracle}: ${raw.length} result bytes for ${cases.length} cases`);
  return {
    oracle,
    buf,
    cases: cases.map((c, k) => {
      const o = k * REC_OUT;
      return {
        ...c,
        out: {
          mem: raw.subarray(o, o + 64).toString('hex'),
          r1: raw.subarray(o + 64, o + 72).toString('hex'),
          r5: raw.subarray(o + 72, o + 80).toString('hex'),
          cc: (raw.readUInt32BE(o + 80) >>> 28) & 3,
          sig: raw.readUInt32BE(o + 84),
          code: raw.readUInt32BE(o + 88),
        },
      };
    }),
  };
}

export function runQemu(cases: OracleCase[]): OracleFixture {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-dec-'));
  writeFileSync(join(dir, 'cases.bin'), caseTable(cases));
  // The program lives in one writable and executable section so that the EX target
  // slot can be rewritten per case.
  const prog = build(dir, qemuProgram(cases.length, 'cases.bin'), ['-Ttext=0x100000', '--no-warn-rwx-segments']);
  const raw = qemuUser([prog], { maxBuffer: 1 << 28 });
  return parseResults(raw, cases, 'qemu-s390x', symbol(prog, 'buf'));
}

export function runHercules(cases: OracleCase[]): OracleFixture {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-dec-h-'));
  writeFileSync(join(dir, 'cases.bin'), caseTable(cases));
  const prog = build(dir, herculesProgram(cases.length, 'cases.bin'), ['-Ttext=0', '-e', 'start']);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', prog, join(dir, 'prog.bin')]);
  const results = symbol(prog, 'results');
  const end = symbol(prog, 'resultsEnd');
  writeFileSync(join(dir, 'h.cnf'), ['ARCHMODE z/Arch', `MAINSIZE ${HERCULES_STORAGE >> 20}`, 'NUMCPU 1', 'CPUSERIAL 000001', 'CPUMODEL 2064',
    `000E 1403 ${join(dir, 'prt.txt')}`, ''].join('\n'));
  writeFileSync(join(dir, 'h.rc'), [`loadcore ${join(dir, 'prog.bin')} 0`, 'restart', 'pause 3',
    `savecore ${join(dir, 'out.bin')} ${results.toString(16)} ${(end - 1).toString(16)}`, 'quit', ''].join('\n'));
  const log = execFileSync('hercules', ['-f', join(dir, 'h.cnf'), '-d'], {
    cwd: dir, env: { ...process.env, HERCULES_RC: join(dir, 'h.rc') }, input: '', timeout: 60000,
  }).toString();
  if (!log.includes('Disabled wait state')) throw new Error(`hercules did not finish:\n${log}`);
  const fx = parseResults(readFileSync(join(dir, 'out.bin')), cases, 'hercules-3.13', symbol(prog, 'buf'));
  // The handler leaves the program-old PSW's first word in `sig` and the interruption
  // code in `code`: take the CC from the old PSW when an interruption happened.
  for (const k of fx.cases) {
    if (k.out.code !== 0) k.out.cc = (k.out.sig >>> 12) & 3;
    k.out.sig = 0;
  }
  return fx;
}

const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = process.argv[2] ?? 'qemu';
  if (which === 'qemu') {
    const fx = runQemu(generateCases());
    writeFileSync(join(here, 'decimal-oracle.qemu.json'), JSON.stringify(fx) + '\n');
    console.log(`qemu: ${fx.cases.length} cases`);
  } else if (which === 'hercules') {
    const fx = runHercules(generateCases(true));
    writeFileSync(join(here, 'decimal-oracle.hercules.json'), JSON.stringify(fx) + '\n');
    console.log(`hercules: ${fx.cases.length} cases`);
  } else {
    throw new Error(`unknown oracle ${which}`);
  }
}
