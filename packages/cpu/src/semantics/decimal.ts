// Semantics of the decimal instructions (see packages/isa/src/rows/decimal.ts).
//
// Packed operands are at most 16 bytes (31 digits and a sign), so arithmetic works on
// preallocated digit arrays, least significant digit first, with no BigInt and no
// allocation. Every storage operand is accessed or probed before the first store so
// that access exceptions suppress, and validity checks run before any store for the
// same reason; the exceptions are ED/EDMK, whose data exception terminates the
// operation after the result bytes already stored, and CVB, whose fixed-point-divide
// exception completes it. Hercules 3.13 and qemu-s390x are the oracles (see
// decimal-oracle.ts); where the architecture leaves a choice to the model, Hercules'
// choice is followed.
//
// Operands are read and written byte by byte through ld8/st8 with addresses wrapped to
// the addressing mode: these instructions are rare enough that the per-byte TLB lookup
// costs nothing measurable, and byte order of processing is what the architecture
// defines for overlapping operands (PACK, UNPK, MVO, MVN, MVZ, ED are specified "as if
// one byte at a time").

import type { Insn } from '@ztab/isa';
import type { Cpu, Semantics } from '../cpu.ts';
import { PGM } from '../pgm.ts';

const TWO32 = 4294967296;
/** Digits of the longest packed operand (16 bytes). */
const MAXD = 31;

// Scratch digit arrays. Sizes leave room for carries and products.
const DA = new Uint8Array(64);
const DB = new Uint8Array(64);
const DR = new Uint8Array(64);
const REM = new Uint8Array(64);

/** Result of the last loadPacked: bit 0 = a digit was invalid, bit 1 = the sign was. */
let invalid = 0;

/**
 * Read a packed operand of `len` bytes into `d` (cleared to MAXD + 1 digits first).
 * Returns the sign nibble; `invalid` tells whether digits or sign were bad.
 */
function loadPacked(c: Cpu, a: number, len: number, d: Uint8Array): number {
  d.fill(0, 0, 64);
  invalid = 0;
  let sign = 0;
  let k = 0; // digit index from the right
  for (let j = len - 1; j >= 0; j--) {
    const b = c.ld8(c.wrap(a + j));
    if (j === len - 1) {
      sign = b & 15;
      if (sign < 10) invalid |= 2;
      const hi = b >>> 4;
      if (hi > 9) invalid |= 1;
      d[k++] = hi;
    } else {
      const lo = b & 15, hi = b >>> 4;
      if (lo > 9 || hi > 9) invalid |= 1;
      d[k++] = lo;
      d[k++] = hi;
    }
  }
  return sign;
}

/**
 * Fetch and check a packed operand: access exceptions for it, then a data exception for
 * an invalid digit or sign, before the next operand is touched (the order Hercules
 * shows when one operand is invalid and the other inaccessible).
 */
function loadOperand(c: Cpu, a: number, len: number, d: Uint8Array): number {
  const sign = loadPacked(c, a, len, d);
  if (invalid) c.dataException(0);
  return sign;
}

const isMinus = (sign: number): boolean => sign === 0xb || sign === 0xd;

/** True when any of the first n digits is nonzero. */
function nonzero(d: Uint8Array, n: number): boolean {
  for (let k = 0; k < n; k++) if (d[k] !== 0) return true;
  return false;
}

/** Compare magnitudes of two digit arrays over n digits: -1, 0, 1. */
function cmpMag(a: Uint8Array, b: Uint8Array, n: number): number {
  for (let k = n - 1; k >= 0; k--) {
    if (a[k] !== b[k]) return a[k]! > b[k]! ? 1 : -1;
  }
  return 0;
}

/** r = a + b over n digits (r may have a carry digit at n). */
function addMag(a: Uint8Array, b: Uint8Array, r: Uint8Array, n: number): void {
  let carry = 0;
  for (let k = 0; k < n; k++) {
    let s = a[k]! + b[k]! + carry;
    carry = s >= 10 ? 1 : 0;
    if (carry) s -= 10;
    r[k] = s;
  }
  r[n] = carry;
}

/** r = a - b over n digits, a >= b. r may alias a. */
function subMag(a: Uint8Array, b: Uint8Array, r: Uint8Array, n: number): void {
  let borrow = 0;
  for (let k = 0; k < n; k++) {
    let s = a[k]! - b[k]! - borrow;
    borrow = s < 0 ? 1 : 0;
    if (borrow) s += 10;
    r[k] = s;
  }
}

/** Store digits d[0..len*2-2] and a sign as a packed field of len bytes. */
function storePacked(c: Cpu, a: number, len: number, d: Uint8Array, sign: number): void {
  let k = 0;
  for (let j = len - 1; j >= 0; j--) {
    let b: number;
    if (j === len - 1) b = (d[k++]! << 4) | sign;
    else { b = d[k]! | (d[k + 1]! << 4); k += 2; }
    c.st8(c.wrap(a + j), b);
  }
}

/**
 * Finish AP, SP, ZAP, SRP: the magnitude in DR (digits beyond the field mean overflow),
 * store with the preferred sign and set the CC. A zero result is positive unless digits
 * were lost, in which case it keeps the sign of the true result.
 */
function finishSigned(c: Cpu, a1: number, len1: number, neg: boolean, ovf: boolean): void {
  const n1 = 2 * len1 - 1;
  const zero = !nonzero(DR, n1);
  const minus = zero && !ovf ? false : neg;
  storePacked(c, a1, len1, DR, minus ? 0xd : 0xc);
  if (ovf) {
    c.cc = 3;
    if (c.pm & 4) c.pgm(PGM.DECIMAL_OVERFLOW);
  } else {
    c.cc = zero ? 0 : minus ? 1 : 2;
  }
}

function addSub(c: Cpu, i: Insn, subtract: boolean): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const s1 = loadOperand(c, a1, len1, DA);
  const s2 = loadOperand(c, a2, len2, DB);
  c.probe(a1, len1, true);
  const neg1 = isMinus(s1);
  const neg2 = isMinus(s2) !== subtract;
  let neg: boolean;
  if (neg1 === neg2) {
    addMag(DA, DB, DR, MAXD);
    neg = neg1;
  } else if (cmpMag(DA, DB, MAXD) >= 0) {
    subMag(DA, DB, DR, MAXD);
    DR[MAXD] = 0;
    neg = neg1;
  } else {
    subMag(DB, DA, DR, MAXD);
    DR[MAXD] = 0;
    neg = neg2;
  }
  const n1 = 2 * len1 - 1;
  let ovf = false;
  for (let k = n1; k <= MAXD; k++) if (DR[k] !== 0) { ovf = true; break; }
  finishSigned(c, a1, len1, neg, ovf);
}

function zap(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  // Only the second operand is checked: the first is overwritten, not used.
  const s2 = loadOperand(c, a2, len2, DR);
  c.probe(a1, len1, true);
  const n1 = 2 * len1 - 1;
  let ovf = false;
  for (let k = n1; k <= MAXD; k++) if (DR[k] !== 0) { ovf = true; break; }
  finishSigned(c, a1, len1, isMinus(s2), ovf);
}

function cp(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const s1 = loadOperand(c, a1, len1, DA);
  const s2 = loadOperand(c, a2, len2, DB);
  // Zeros compare equal whatever their signs.
  const z1 = !nonzero(DA, MAXD), z2 = !nonzero(DB, MAXD);
  const n1 = !z1 && isMinus(s1), n2 = !z2 && isMinus(s2);
  let r: number;
  if (n1 !== n2) r = n1 ? -1 : 1;
  else {
    r = cmpMag(DA, DB, MAXD);
    if (n1) r = -r;
  }
  c.cc = r === 0 ? 0 : r < 0 ? 1 : 2;
}

/** MP and DP: L2 at most 7 and less than L1, else a specification exception. */
function mulDivSpec(c: Cpu, i: Insn): void {
  if (i.l2 > 7 || i.l2 >= i.l1) c.pgm(PGM.SPECIFICATION);
}

function mp(c: Cpu, i: Insn): void {
  mulDivSpec(c, i);
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const s1 = loadOperand(c, a1, len1, DA);
  const s2 = loadOperand(c, a2, len2, DB);
  const n1 = 2 * len1 - 1, n2 = 2 * len2 - 1;
  // The multiplicand needs as many leftmost zero bytes as the multiplier has bytes, so
  // the product always fits.
  for (let k = n1 - 2 * len2; k < n1; k++) if (DA[k] !== 0) c.dataException(0);
  c.probe(a1, len1, true);
  DR.fill(0, 0, 64);
  for (let j = 0; j < n2; j++) {
    const m = DB[j]!;
    if (m === 0) continue;
    let carry = 0;
    for (let k = 0; k < n1; k++) {
      const t = DR[j + k]! + m * DA[k]! + carry;
      carry = (t / 10) | 0;
      DR[j + k] = t - carry * 10;
    }
    for (let k = j + n1; carry !== 0 && k < 64; k++) {
      const t = DR[k]! + carry;
      carry = (t / 10) | 0;
      DR[k] = t - carry * 10;
    }
  }
  // The sign follows the rules of algebra even for a zero product.
  storePacked(c, a1, len1, DR, isMinus(s1) !== isMinus(s2) ? 0xd : 0xc);
}

function dp(c: Cpu, i: Insn): void {
  mulDivSpec(c, i);
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const s1 = loadOperand(c, a1, len1, DA);
  const s2 = loadOperand(c, a2, len2, DB);
  const n1 = 2 * len1 - 1, n2 = 2 * len2 - 1;
  const nq = n1 - n2 - 1; // quotient digits: len1 - len2 bytes less the sign nibble
  if (!nonzero(DB, n2)) c.pgm(PGM.DECIMAL_DIVIDE);
  // Long division one dividend digit at a time; REM stays below the divisor, so it
  // needs n2 + 1 digits.
  REM.fill(0, 0, 64);
  DR.fill(0, 0, 64);
  const w = n2 + 1;
  for (let k = n1 - 1; k >= 0; k--) {
    for (let j = w - 1; j > 0; j--) REM[j] = REM[j - 1]!;
    REM[0] = DA[k]!;
    let q = 0;
    while (cmpMag(REM, DB, w) >= 0) {
      subMag(REM, DB, REM, w);
      q++;
    }
    DR[k] = q;
  }
  // The quotient must fit its field (this also covers a dividend too large for the
  // divisor): decimal divide, suppressed.
  for (let k = nq; k < n1; k++) if (DR[k] !== 0) c.pgm(PGM.DECIMAL_DIVIDE);
  c.probe(a1, len1, true);
  const lenQ = len1 - len2;
  storePacked(c, a1, lenQ, DR, isMinus(s1) !== isMinus(s2) ? 0xd : 0xc);
  storePacked(c, c.wrap(a1 + lenQ), len2, REM, isMinus(s1) ? 0xd : 0xc);
}

function srp(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1;
  const a1 = c.ea(0, i.b1, i.d1);
  // The shift is the rightmost six bits of the second-operand address, signed: positive
  // shifts left, negative shifts right with rounding. Only the low word of the base
  // takes part, which keeps this exact for any 64-bit base.
  const six = ((i.b2 !== 0 ? c.r[2 * i.b2]! : 0) + i.d2) & 63;
  const shift = six >= 32 ? six - 64 : six;
  const s1 = loadOperand(c, a1, len1, DA);
  // The rounding digit must be a valid digit as well (as in Hercules).
  if (i.i3 > 9) c.dataException(0);
  c.probe(a1, len1, true);
  const n1 = 2 * len1 - 1;
  DR.fill(0, 0, 64);
  let ovf = false;
  if (shift >= 0) {
    for (let k = n1 - shift; k < n1; k++) if (k >= 0 && DA[k] !== 0) ovf = true;
    for (let k = shift; k < n1; k++) DR[k] = DA[k - shift]!;
  } else {
    const s = -shift;
    for (let k = 0; k + s < n1; k++) DR[k] = DA[k + s]!;
    // The rounding digit is added to the leftmost digit shifted out; a decimal carry
    // rounds the result up.
    const out = s - 1 < n1 ? DA[s - 1]! : 0;
    if (out + i.i3 >= 10) {
      for (let k = 0; k < n1; k++) {
        if (DR[k] === 9) DR[k] = 0;
        else { DR[k]!++; break; }
      }
    }
  }
  finishSigned(c, a1, len1, isMinus(s1), ovf);
}

function tp(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1;
  const a1 = c.ea(0, i.b1, i.d1);
  c.probe(a1, len1, false);
  loadPacked(c, a1, len1, DA);
  // invalid: bit 0 digit, bit 1 sign -> CC 2 digit, 1 sign, 3 both.
  c.cc = ((invalid & 1) << 1) | (invalid >>> 1);
}

function pack(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, len2, false);
  c.probe(a1, len1, true);
  let p1 = len1 - 1, p2 = len2 - 1;
  const b = c.ld8(c.wrap(a2 + p2));
  c.st8(c.wrap(a1 + p1), ((b << 4) | (b >>> 4)) & 0xff);
  p1--; p2--;
  for (; p1 >= 0; p1--) {
    const lo = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) & 15 : 0;
    p2--;
    const hi = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) & 15 : 0;
    p2--;
    c.st8(c.wrap(a1 + p1), (hi << 4) | lo);
  }
}

function unpk(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, len2, false);
  c.probe(a1, len1, true);
  let p1 = len1 - 1, p2 = len2 - 1;
  const b = c.ld8(c.wrap(a2 + p2));
  c.st8(c.wrap(a1 + p1), ((b << 4) | (b >>> 4)) & 0xff);
  p1--; p2--;
  while (p1 >= 0) {
    const v = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) : 0;
    p2--;
    c.st8(c.wrap(a1 + p1), 0xf0 | (v & 15));
    p1--;
    if (p1 < 0) break;
    c.st8(c.wrap(a1 + p1), 0xf0 | (v >>> 4));
    p1--;
  }
}

function mvo(c: Cpu, i: Insn): void {
  const len1 = i.l1 + 1, len2 = i.l2 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, len2, false);
  c.probe(a1, len1, true);
  let p1 = len1 - 1, p2 = len2 - 1;
  let v = c.ld8(c.wrap(a2 + p2));
  const last = c.wrap(a1 + p1);
  c.st8(last, ((v << 4) & 0xf0) | (c.ld8(last) & 15));
  p1--; p2--;
  for (; p1 >= 0; p1--) {
    const hi = v >>> 4;
    v = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) : 0;
    p2--;
    c.st8(c.wrap(a1 + p1), ((v << 4) & 0xf0) | hi);
  }
}

function mvnz(c: Cpu, i: Insn, keep: number): void {
  const len = i.l1 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, len, false);
  c.probe(a1, len, true);
  const take = ~keep & 0xff;
  for (let k = 0; k < len; k++) {
    const d = c.wrap(a1 + k);
    c.st8(d, (c.ld8(d) & keep) | (c.ld8(c.wrap(a2 + k)) & take));
  }
}

/** PKA (width 1) and PKU (width 2): ASCII or Unicode digits to a 16-byte packed field. */
function packWide(c: Cpu, i: Insn, width: number): void {
  const len2 = i.l2 + 1;
  if (width === 1 ? len2 > 32 : len2 > 64 || (len2 & 1) !== 0) c.pgm(PGM.SPECIFICATION);
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, len2, false);
  c.probe(a1, 16, true);
  // Each character contributes the low four bits of its last byte; zones are ignored.
  let p2 = len2 - 1;
  const first = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) & 15 : 0;
  p2 -= width;
  c.st8(c.wrap(a1 + 15), (first << 4) | 0xc);
  for (let p1 = 14; p1 >= 0; p1--) {
    const lo = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) & 15 : 0;
    p2 -= width;
    const hi = p2 >= 0 ? c.ld8(c.wrap(a2 + p2)) & 15 : 0;
    p2 -= width;
    c.st8(c.wrap(a1 + p1), (hi << 4) | lo);
  }
}

/** UNPKA (width 1) and UNPKU (width 2): a 16-byte packed field to ASCII or Unicode digits. */
function unpackWide(c: Cpu, i: Insn, width: number): void {
  const len1 = i.l1 + 1;
  if (width === 1 ? len1 > 32 : len1 > 64 || (len1 & 1) !== 0) c.pgm(PGM.SPECIFICATION);
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a2, 16, false);
  c.probe(a1, len1, true);
  // Digits are not checked; the sign only sets the CC.
  let p2 = 15;
  const b = c.ld8(c.wrap(a2 + p2));
  p2--;
  const sign = b & 15;
  let p1 = len1 - width;
  let pend = b >>> 4; // digit waiting to be stored
  let have = true;
  while (p1 >= 0) {
    let d: number;
    if (have) { d = pend; have = false; }
    else if (p2 >= 0) {
      const v = c.ld8(c.wrap(a2 + p2));
      p2--;
      d = v & 15;
      pend = v >>> 4;
      have = true;
    } else d = 0;
    if (width === 2) c.st8(c.wrap(a1 + p1), 0);
    c.st8(c.wrap(a1 + p1 + width - 1), 0x30 | d);
    p1 -= width;
  }
  c.cc = sign < 10 ? 3 : isMinus(sign) ? 1 : 0;
}

/**
 * ED and EDMK. The pattern is processed left to right, each result byte replacing its
 * pattern byte at once, and source bytes are fetched when a digit is first needed, so
 * overlapping operands behave as the architecture's byte-at-a-time definition says.
 */
function edit(c: Cpu, i: Insn, mark: boolean): void {
  const len1 = i.l1 + 1;
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  c.probe(a1, len1, true);
  // The source is fetched only as far as the pattern needs it, so its access exceptions
  // cannot be probed up front. When it may cross a page, a first pass without stores
  // raises them (and any data exception) before anything changes, as Hercules does;
  // otherwise a data exception terminates the operation after the bytes already stored.
  if (Math.floor(a2 / 4096) !== Math.floor(c.wrap(a2 + len1 - 1) / 4096)) editPass(c, a1, a2, len1, mark, true);
  c.cc = editPass(c, a1, a2, len1, mark, false);
}

/** One pass of ED/EDMK over the pattern; a trial pass only fetches. Returns the CC. */
function editPass(c: Cpu, a1: number, a2: number, len1: number, mark: boolean, trial: boolean): number {
  let fill = 0;
  let sig = false;
  let zero = true; // all digits of the current field so far are zero
  let src = 0; // next source byte offset
  let sb = 0; // current source byte
  let right = false; // the right digit of sb is the next digit
  for (let k = 0; k < len1; k++) {
    const pa = c.wrap(a1 + k);
    const p = c.ld8(pa);
    let out: number;
    if (k === 0) fill = p;
    if (p === 0x20 || p === 0x21) {
      let d: number;
      let sign = 0;
      if (right) {
        d = sb & 15;
        right = false;
      } else {
        sb = c.ld8(c.wrap(a2 + src));
        src++;
        d = sb >>> 4;
        if (d > 9) c.dataException(0);
        // A right half that is not a digit is a sign: it ends this source number.
        if ((sb & 15) <= 9) right = true;
        else sign = sb & 15;
      }
      if (d !== 0) zero = false;
      if (sig || d !== 0) {
        // EDMK updates GR1 as it goes: a data exception on a later source byte
        // terminates the operation with the stores and the mark done so far.
        if (!sig && mark && !trial) setMark(c, pa);
        out = 0xf0 | d;
        sig = true;
      } else {
        out = fill;
      }
      if (p === 0x21) sig = true;
      // A plus sign turns significance off after its digit; a minus sign leaves it.
      if (sign !== 0 && !isMinus(sign)) sig = false;
    } else if (p === 0x22) {
      out = fill;
      sig = false;
      zero = true;
    } else {
      out = sig ? p : fill;
    }
    if (!trial) c.st8(pa, out);
  }
  return zero ? 0 : sig ? 1 : 2;
}

/**
 * EDMK's mark: the address of the first significant result byte goes into GR1. The
 * architecture leaves bit 32 (31-bit mode) and bits 32-39 (24-bit mode) to the model;
 * like Hercules, bit 32 is zeroed in the 31-bit mode and bits 32-39 kept in the 24-bit mode.
 */
function setMark(c: Cpu, a: number): void {
  if (c.amode === 3) c.setGpr64(1, Math.floor(a / TWO32), a >>> 0);
  else if (c.amode === 1) c.r[2] = a & 0x7fffffff;
  else c.r[2] = ((c.r[2]! & 0xff000000) | a) >>> 0;
}

/** CVB/CVBY: 8-byte packed to a signed 32-bit integer in bits 32-63 of R1. */
function cvb(c: Cpu, r1: number, a: number): void {
  c.probe(a, 8, false);
  const s = loadPacked(c, a, 8, DA);
  if (invalid) c.dataException(0);
  // 15 digits fit a double exactly.
  let v = 0;
  for (let k = 14; k >= 0; k--) v = v * 10 + DA[k]!;
  if (isMinus(s)) v = -v;
  // The rightmost 32 bits of the result are stored even when it does not fit; the
  // fixed-point-divide exception then completes the operation.
  const lo = v >= 0 ? v % TWO32 : (TWO32 - ((-v) % TWO32)) % TWO32;
  c.r[2 * r1] = lo >>> 0;
  if (v > 0x7fffffff || v < -0x80000000) c.pgm(PGM.FIXED_DIVIDE);
}

// CVBG splits the magnitude into base-10^9 parts and converts them to binary on four
// 16-bit limbs, so every intermediate product is exact in a double.
const LIMB = new Float64Array(4);

/** CVBG: 16-byte packed to a signed 64-bit integer; out of range is a fixed-point divide. */
function cvbg(c: Cpu, r1: number, a: number): void {
  c.probe(a, 16, false);
  const s = loadPacked(c, a, 16, DA);
  if (invalid) c.dataException(0);
  // Magnitude as hi * 10^18 + mid * 10^9 + lo with each part < 10^9 (31 digits: hi has 13).
  let lo = 0, mid = 0, hi = 0;
  for (let k = 30; k >= 18; k--) hi = hi * 10 + DA[k]!;
  for (let k = 17; k >= 9; k--) mid = mid * 10 + DA[k]!;
  for (let k = 8; k >= 0; k--) lo = lo * 10 + DA[k]!;
  // 2^63 = 9223372036854775808 = 9 * 10^18 + 223372036 * 10^9 + 854775808.
  const limit = isMinus(s) ? 854775808 : 854775807;
  let over = false;
  if (hi > 9) over = true;
  else if (hi === 9) {
    if (mid > 223372036) over = true;
    else if (mid === 223372036 && lo > limit) over = true;
  }
  if (over) c.pgm(PGM.FIXED_DIVIDE);
  // Convert hi*10^18 + mid*10^9 + lo to 32-bit halves with exact double arithmetic on
  // 16-bit pieces.
  // 16-bit limbs, least significant first; hi < 10^13 < 2^44.
  LIMB[0] = hi % 65536;
  LIMB[1] = Math.floor(hi / 65536) % 65536;
  LIMB[2] = Math.floor(hi / TWO32);
  LIMB[3] = 0;
  mulAdd(1000000000, mid);
  mulAdd(1000000000, lo);
  let rl = (LIMB[1]! * 65536 + LIMB[0]!) >>> 0;
  let rh = (LIMB[3]! * 65536 + LIMB[2]!) >>> 0;
  if (isMinus(s)) {
    rl = (~rl + 1) >>> 0;
    rh = (~rh + (rl === 0 ? 1 : 0)) >>> 0;
  }
  c.setGpr64(r1, rh, rl);
}

/** LIMB = LIMB * m + add modulo 2^64, on four 16-bit limbs (exact in doubles). */
function mulAdd(m: number, add: number): void {
  const m0 = m % 65536, m1 = Math.floor(m / 65536);
  const l0 = LIMB[0]!, l1 = LIMB[1]!, l2 = LIMB[2]!, l3 = LIMB[3]!;
  // Product of a 64-bit value and a 32-bit multiplier, keeping 64 bits.
  let t0 = l0 * m0 + add % 65536;
  let t1 = l1 * m0 + l0 * m1 + Math.floor(add / 65536);
  let t2 = l2 * m0 + l1 * m1;
  let t3 = l3 * m0 + l2 * m1;
  let carry = Math.floor(t0 / 65536); t0 -= carry * 65536;
  t1 += carry; carry = Math.floor(t1 / 65536); t1 -= carry * 65536;
  t2 += carry; carry = Math.floor(t2 / 65536); t2 -= carry * 65536;
  t3 += carry; t3 %= 65536;
  LIMB[0] = t0; LIMB[1] = t1; LIMB[2] = t2; LIMB[3] = t3;
}

/** Store n digits (DR, least significant first) and the sign as a packed field. */
function cvdStore(c: Cpu, a: number, len: number, neg: boolean): void {
  c.probe(a, len, true);
  storePacked(c, a, len, DR, neg ? 0xd : 0xc);
}

/** Digits of a magnitude given as a double < 2^53 into DR from position `at`. */
function digitsOf(v: number, at: number, n: number): void {
  for (let k = 0; k < n; k++) {
    const q = Math.floor(v / 10);
    DR[at + k] = v - q * 10;
    v = q;
  }
}

function cvd(c: Cpu, r1: number, a: number): void {
  const v = c.r[2 * r1]! | 0;
  DR.fill(0, 0, 64);
  digitsOf(Math.abs(v), 0, 15);
  cvdStore(c, a, 8, v < 0);
}

function cvdg(c: Cpu, r1: number, a: number): void {
  let hi = c.r[2 * r1 + 1]!, lo = c.r[2 * r1]!;
  const neg = (hi & 0x80000000) !== 0;
  if (neg) {
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  // Magnitude up to 2^63: split into base-10^9 parts by long division of 16-bit limbs.
  DR.fill(0, 0, 64);
  let l3 = hi >>> 16, l2 = hi & 0xffff, l1 = lo >>> 16, l0 = lo & 0xffff;
  for (let part = 0; part < 3; part++) {
    const D = 1000000000;
    let r = l3;
    const q3 = Math.floor(r / D); r -= q3 * D;
    r = r * 65536 + l2;
    const q2 = Math.floor(r / D); r -= q2 * D;
    r = r * 65536 + l1;
    const q1 = Math.floor(r / D); r -= q1 * D;
    r = r * 65536 + l0;
    const q0 = Math.floor(r / D); r -= q0 * D;
    digitsOf(r, part * 9, 9);
    l3 = q3; l2 = q2; l1 = q1; l0 = q0;
  }
  cvdStore(c, a, 16, neg);
}

const rx = (c: Cpu, i: Insn): number => c.ea(i.x2, i.b2, i.d2);

export const decimal: Semantics = {
  ap: (c, i) => addSub(c, i, false),
  sp: (c, i) => addSub(c, i, true),
  zap,
  cp,
  mp,
  dp,
  srp,
  tp,
  pack,
  unpk,
  mvo,
  mvn: (c, i) => mvnz(c, i, 0xf0),
  mvz: (c, i) => mvnz(c, i, 0x0f),
  pka: (c, i) => packWide(c, i, 1),
  pku: (c, i) => packWide(c, i, 2),
  unpka: (c, i) => unpackWide(c, i, 1),
  unpku: (c, i) => unpackWide(c, i, 2),
  ed: (c, i) => edit(c, i, false),
  edmk: (c, i) => edit(c, i, true),
  cvb: (c, i) => cvb(c, i.r1, rx(c, i)),
  cvby: (c, i) => cvb(c, i.r1, rx(c, i)),
  cvbg: (c, i) => cvbg(c, i.r1, rx(c, i)),
  cvd: (c, i) => cvd(c, i.r1, rx(c, i)),
  cvdy: (c, i) => cvd(c, i.r1, rx(c, i)),
  cvdg: (c, i) => cvdg(c, i.r1, rx(c, i)),
};
