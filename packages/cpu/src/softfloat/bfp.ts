// A soft-float core for the three BFP formats of z/Architecture (short, long, extended).
//
// Values are unpacked into (class, sign, exponent, significand) with the significand an
// exact 256-bit integer (limbs.ts), so one rounding routine serves every format, every
// rounding method and every operation. Native doubles only round to nearest and cannot
// report inexactness, tininess or the direction of rounding, which the FPC flags and the
// data-exception codes need.
//
// The core is stateful on purpose: a handler calls begin() with the FPC, runs one
// operation on the preallocated operands A/B/C, and reads the packed result from RES and
// the IEEE conditions from `st`. Nothing allocates.

import * as limbOps from './limbs.ts';

// A plain object holding the functions: module namespaces that a CommonJS transform (tsx)
// turns into getter objects would cost a getter call on every limb operation.
const L = { ...limbOps };

// ---- IEEE conditions, in FPC mask/flag bit positions (byte 0 = masks, byte 1 = flags)
export const X_INVALID = 0x80;
export const X_DIVIDE = 0x40;
export const X_OVERFLOW = 0x20;
export const X_UNDERFLOW = 0x10;
export const X_INEXACT = 0x08;

// ---- rounding methods (internal numbering)
export const RM_NEAREST_EVEN = 0;
export const RM_ZERO = 1;
export const RM_UP = 2; // toward +infinity
export const RM_DOWN = 3; // toward -infinity
export const RM_NEAREST_AWAY = 4;
export const RM_ODD = 5; // prepare for shorter precision

// ---- operand classes
export const C_ZERO = 0;
export const C_FINITE = 1; // normal or subnormal
export const C_INF = 2;
export const C_QNAN = 3;
export const C_SNAN = 4;

export interface Format {
  /** Precision in bits, the implicit bit included. */
  readonly p: number;
  readonly emin: number;
  readonly emax: number;
  readonly bias: number;
  /** Fraction bits. */
  readonly fb: number;
  /** Exponent bits. */
  readonly eb: number;
  /** 32-bit words of the packed format. */
  readonly words: number;
  /** Scale factor exponent of trapped overflow/underflow results (PoP: 192, 1536, 24576). */
  readonly alpha: number;
}

export const SHORT: Format = { p: 24, emin: -126, emax: 127, bias: 127, fb: 23, eb: 8, words: 1, alpha: 192 };
export const LONG: Format = { p: 53, emin: -1022, emax: 1023, bias: 1023, fb: 52, eb: 11, words: 2, alpha: 1536 };
export const EXT: Format = { p: 113, emin: -16382, emax: 16383, bias: 16383, fb: 112, eb: 15, words: 4, alpha: 24576 };

/** An unpacked operand: value = (-1)^s * m * 2^e for finite ones; m holds the fraction of NaNs. */
export class Unpacked {
  cls = C_ZERO;
  s = 0;
  e = 0;
  readonly m = L.limbs();
}

export const A = new Unpacked();
export const B = new Unpacked();
export const C = new Unpacked();
const T = new Unpacked();
const T2 = new Unpacked();
const W1 = L.limbs();
const W2 = L.limbs();
const W3 = L.limbs();

/** Packed result, most significant word first (short uses [0], long [0..1]). */
export const RES = new Uint32Array(4);
/** Packed input scratch for callers. */
export const IN = new Uint32Array(4);

/** State of the operation in progress. */
export const st = {
  /** Conditions to report as flags (those not trapped). */
  exc: 0,
  /** Trap mask (FPC byte 0) in force. */
  mask: 0,
  /** Non-zero when a completion-type trap (overflow, underflow, inexact) is due: the DXC. */
  dxc: 0,
  /** Suppress the inexact condition (M4 bit 1 of the floating-point-extension forms). */
  noInexact: false,
  /** Whether the last rounding was inexact / increased the magnitude. */
  inexact: false,
  incremented: false,
  /**
   * Tininess is judged on the precise intermediate value, before rounding (PoP "IEEE
   * Underflow"; qemu-s390x agrees: bfp-oracle.ts "meebr/tiny"). The after-rounding test
   * is kept for reference only.
   */
  tinyAfter: false,
};

export function begin(fpc: number, noInexact = false): void {
  st.exc = 0;
  st.mask = fpc >>> 24;
  st.dxc = 0;
  st.noInexact = noInexact;
  st.inexact = false;
  st.incremented = false;
}

/** Rounding method from the FPC BFP rounding-mode field (0-3, 7); 4-6 are never stored. */
export function fpcRounding(fpc: number): number {
  switch (fpc & 7) {
    case 0: return RM_NEAREST_EVEN;
    case 1: return RM_ZERO;
    case 2: return RM_UP;
    case 3: return RM_DOWN;
    default: return RM_ODD;
  }
}

/**
 * Rounding method for an M3 field (BFP rounding method): 0 the FPC's, 1 nearest with ties
 * away, 3 prepare for shorter precision, 4-7 nearest-even/zero/+inf/-inf. Returns -1 for
 * the invalid value 2 (specification exception).
 */
export function m3Rounding(m3: number, fpc: number): number {
  switch (m3) {
    case 0: return fpcRounding(fpc);
    case 1: return RM_NEAREST_AWAY;
    case 3: return RM_ODD;
    case 4: return RM_NEAREST_EVEN;
    case 5: return RM_ZERO;
    case 6: return RM_UP;
    case 7: return RM_DOWN;
    default: return -1;
  }
}

// ------------------------------------------------------------------ packing

/** Unpack a packed value of format f from words w (most significant first). */
export function unpack(f: Format, w: Uint32Array, u: Unpacked): void {
  const m = u.m;
  L.clear(m);
  const w0 = w[0]!;
  u.s = w0 >>> 31;
  let be: number;
  if (f.words === 1) {
    be = (w0 >>> 23) & 0xff;
    m[0] = w0 & 0x7fffff;
  } else if (f.words === 2) {
    be = (w0 >>> 20) & 0x7ff;
    m[1] = w0 & 0xfffff;
    m[0] = w[1]!;
  } else {
    be = (w0 >>> 16) & 0x7fff;
    m[3] = w0 & 0xffff;
    m[2] = w[1]!;
    m[1] = w[2]!;
    m[0] = w[3]!;
  }
  const emax = (1 << f.eb) - 1;
  if (be === emax) {
    if (L.isZero(m)) u.cls = C_INF;
    else u.cls = L.bit(m, f.fb - 1) ? C_QNAN : C_SNAN;
    u.e = 0;
  } else if (be === 0) {
    u.cls = L.isZero(m) ? C_ZERO : C_FINITE;
    u.e = f.emin - f.fb;
  } else {
    u.cls = C_FINITE;
    m[f.fb >>> 5] = (m[f.fb >>> 5]! | (1 << (f.fb & 31))) >>> 0;
    u.e = be - f.bias - f.fb;
  }
}

/** RES = sign, biased exponent and fraction (the low fb bits of m). */
function packRaw(f: Format, s: number, be: number, m: Uint32Array): void {
  if (f.words === 1) {
    RES[0] = ((s << 31) | (be << 23) | (m[0]! & 0x7fffff)) >>> 0;
  } else if (f.words === 2) {
    RES[0] = ((s << 31) | (be << 20) | (m[1]! & 0xfffff)) >>> 0;
    RES[1] = m[0]!;
  } else {
    RES[0] = ((s << 31) | (be << 16) | (m[3]! & 0xffff)) >>> 0;
    RES[1] = m[2]!;
    RES[2] = m[1]!;
    RES[3] = m[0]!;
  }
}

export function packZero(f: Format, s: number): void {
  RES[0] = s ? 0x80000000 : 0;
  RES[1] = 0; RES[2] = 0; RES[3] = 0;
}

export function packInf(f: Format, s: number): void {
  RES[0] = ((s << 31) | (((1 << f.eb) - 1) << (31 - f.eb))) >>> 0;
  RES[1] = 0; RES[2] = 0; RES[3] = 0;
}

/** Largest finite magnitude with sign s. */
function packMax(f: Format, s: number): void {
  RES[0] = ((s << 31) | ((((1 << f.eb) - 2) << (31 - f.eb)) | ((1 << (31 - f.eb)) - 1))) >>> 0;
  RES[1] = 0xffffffff; RES[2] = 0xffffffff; RES[3] = 0xffffffff;
}

/** The default NaN: positive, quiet, zero payload. */
export function packDefaultNaN(f: Format): void {
  RES[0] = ((((1 << f.eb) - 1) << (31 - f.eb)) | (1 << (30 - f.eb))) >>> 0;
  RES[1] = 0; RES[2] = 0; RES[3] = 0;
}

/**
 * Pack NaN operand u into format f as a quiet NaN: its payload is kept (widened with zeros
 * or truncated at the right when the formats differ). An SNaN operand raises invalid.
 */
export function packNaN(f: Format, from: Format, u: Unpacked): void {
  if (u.cls === C_SNAN) st.exc |= X_INVALID;
  const m = W1;
  L.copy(m, u.m);
  if (f.fb > from.fb) L.shl(m, f.fb - from.fb);
  else L.shr(m, from.fb - f.fb);
  m[(f.fb - 1) >>> 5] = (m[(f.fb - 1) >>> 5]! | (1 << ((f.fb - 1) & 31))) >>> 0;
  packRaw(f, u.s, (1 << f.eb) - 1, m);
}

// ------------------------------------------------------------------ rounding

/**
 * Round the exact value (-1)^s * m * 2^e (m non-zero; m may carry a sticky one in bit 0
 * as long as it lies at least two bits below the rounding position) to format f with
 * method rm, and pack it into RES. Reports inexact, overflow and underflow, and applies
 * the architected trapped-overflow/underflow results (scaled by 2^-alpha / 2^alpha).
 * m is destroyed.
 */
export function roundPack(f: Format, s: number, e: number, m: Uint32Array, rm: number): void {
  const bl = L.bitlen(m);
  const E = e + bl - 1;
  // Overflow and underflow traps want the scaled result: decide from the unbounded-range
  // exponent first, then round once with the scaled exponent.
  let scale = 0;
  if ((st.mask & X_OVERFLOW) && E >= f.emax && roundsBeyond(f, s, e, m, rm)) scale = -f.alpha;
  else if ((st.mask & X_UNDERFLOW) && E < f.emin && isTiny(f, s, e, m, rm)) scale = f.alpha;
  if (scale !== 0) {
    // A format conversion can be so far out of range that even the scaled value does not
    // fit; the default (untrapped) result is delivered then, still with the trap.
    const Es = E + scale;
    const fits = Es <= f.emax && Es >= f.emin;
    const exc = st.exc;
    roundBits(f, s, fits ? e + scale : e, m, rm, !fits);
    st.exc = exc;
    const base = scale < 0 ? 0x20 : 0x10;
    st.dxc = base | (st.inexact && !st.noInexact ? (st.incremented ? 0x0c : 0x08) : 0);
    return;
  }
  const tiny = E < f.emin && isTiny(f, s, e, m, rm);
  roundBits(f, s, e, m, rm, true);
  if (tiny && st.inexact) st.exc |= X_UNDERFLOW;
  if (st.inexact) inexactCondition();
}

/** The inexact condition of a completed rounding: a flag, or a trap after the result. */
function inexactCondition(): void {
  if (st.noInexact) return;
  if (st.mask & X_INEXACT) {
    if (st.dxc === 0) st.dxc = st.incremented ? 0x0c : 0x08;
  } else {
    st.exc |= X_INEXACT;
  }
}

// Scratch copy so the pre-checks do not disturb m.
const WR = L.limbs();

/** Whether rounding (unbounded exponent) gives a magnitude >= 2^(emax+1). */
function roundsBeyond(f: Format, s: number, e: number, m: Uint32Array, rm: number): boolean {
  const bl = L.bitlen(m);
  const E = e + bl - 1;
  if (E > f.emax) return true;
  L.copy(WR, m);
  return roundUnbounded(f, s, WR, bl, rm) + E > f.emax;
}

/**
 * Tininess: the non-zero result lies below 2^emin. Detected after rounding to the target
 * precision with an unbounded exponent range (st.tinyAfter) or before rounding.
 */
function isTiny(f: Format, s: number, e: number, m: Uint32Array, rm: number): boolean {
  const bl = L.bitlen(m);
  const E = e + bl - 1;
  if (E >= f.emin) return false;
  if (!st.tinyAfter || E < f.emin - 1) return true;
  L.copy(WR, m);
  return roundUnbounded(f, s, WR, bl, rm) + E < f.emin;
}

/** Round m (bitlen bl) to p bits ignoring the exponent range; returns the exponent carry (0 or 1). */
function roundUnbounded(f: Format, s: number, m: Uint32Array, bl: number, rm: number): number {
  const shift = bl - f.p;
  if (shift <= 0) return 0;
  const r = L.bit(m, shift - 1);
  const sticky = L.anyBelow(m, shift - 1);
  L.shr(m, shift);
  if (roundUp(rm, s, L.bit(m, 0), r, sticky)) {
    L.addSmall(m, 1);
    if (L.bitlen(m) > f.p) return 1;
  }
  return 0;
}

function roundUp(rm: number, s: number, lsb: number, r: number, sticky: boolean): boolean {
  switch (rm) {
    case RM_NEAREST_EVEN: return r !== 0 && (sticky || lsb !== 0);
    case RM_NEAREST_AWAY: return r !== 0;
    case RM_UP: return s === 0 && (r !== 0 || sticky);
    case RM_DOWN: return s !== 0 && (r !== 0 || sticky);
    default: return false;
  }
}

/**
 * The rounding itself, into RES; sets st.inexact/st.incremented. With `bounded` the
 * exponent range applies (overflow gives the default overflow result and flags);
 * without it (trapped results) the scaled value is assumed to be in range.
 */
function roundBits(f: Format, s: number, e: number, m: Uint32Array, rm: number, bounded: boolean): void {
  const bl = L.bitlen(m);
  const E = e + bl - 1;
  const lsbExp = (E < f.emin ? f.emin : E) - (f.p - 1);
  const shift = lsbExp - e;
  let inexact = false, inc = false;
  if (shift <= 0) {
    L.shl(m, -shift);
  } else {
    const r = shift - 1 < L.BITS ? L.bit(m, shift - 1) : 0;
    const sticky = L.anyBelow(m, shift - 1);
    L.shr(m, shift);
    inexact = r !== 0 || sticky;
    if (inexact) {
      if (rm === RM_ODD) {
        // Forcing the last bit to one raises the magnitude above the exact value only
        // when that bit was zero; the DXC distinguishes incremented from truncated.
        inc = (m[0]! & 1) === 0;
        m[0] = (m[0]! | 1) >>> 0;
      } else if (roundUp(rm, s, m[0]! & 1, r, sticky)) {
        L.addSmall(m, 1);
        inc = true;
      }
    }
  }
  st.inexact = inexact;
  st.incremented = inc;
  let nbl = L.bitlen(m);
  let exp = lsbExp;
  if (nbl > f.p) { L.shr(m, 1); exp++; nbl--; }
  if (nbl < f.p) {
    // Subnormal or zero: the biased exponent is 0 and the fraction is m as is.
    packRaw(f, s, 0, m);
    return;
  }
  const Eres = exp + f.p - 1;
  if (bounded && Eres > f.emax) {
    st.exc |= X_OVERFLOW;
    st.inexact = true;
    // Whether the default result is infinity or the largest finite number depends on the
    // rounding direction relative to the sign.
    const toInf = rm === RM_NEAREST_EVEN || rm === RM_NEAREST_AWAY || (rm === RM_UP && s === 0) || (rm === RM_DOWN && s !== 0);
    if (toInf) packInf(f, s); else packMax(f, s);
    st.incremented = toInf;
    return;
  }
  packRaw(f, s, Eres + f.bias, m);
}

// ------------------------------------------------------------------ operations

/** NaN result of a two-operand operation: SNaN a, SNaN b, QNaN a, QNaN b. */
function nan2(f: Format, a: Unpacked, b: Unpacked): boolean {
  if (a.cls === C_SNAN) { packNaN(f, f, a); if (b.cls === C_SNAN) st.exc |= X_INVALID; return true; }
  if (b.cls === C_SNAN) { packNaN(f, f, b); return true; }
  if (a.cls === C_QNAN) { packNaN(f, f, a); return true; }
  if (b.cls === C_QNAN) { packNaN(f, f, b); return true; }
  return false;
}

function invalid(f: Format): void {
  st.exc |= X_INVALID;
  packDefaultNaN(f);
}

/** Copy finite/zero/inf operand u, repacked in format f (exact). */
function packSame(f: Format, u: Unpacked): void {
  if (u.cls === C_ZERO) { packZero(f, u.s); return; }
  if (u.cls === C_INF) { packInf(f, u.s); return; }
  L.copy(W1, u.m);
  roundPack(f, u.s, u.e, W1, RM_NEAREST_EVEN);
}

/** Exact sum of two finite non-zero values into T (cls FINITE or ZERO with sign unset). */
function sumExact(as: number, ae: number, am: Uint32Array, bs: number, be: number, bm: Uint32Array): void {
  // Put both leading bits at position 200 so that the larger operand keeps >= 200 bits
  // below its leading one; a shifted-out tail can only matter as a sticky bit then.
  const x = W2, y = W3;
  L.copy(x, am); L.copy(y, bm);
  const sx = 200 - (L.bitlen(x) - 1), sy = 200 - (L.bitlen(y) - 1);
  L.shl(x, sx); L.shl(y, sy);
  let ex = ae - sx, ey = be - sy;
  let xs = as, ys = bs;
  let big = x, small = y;
  if (ey > ex) { big = y; small = x; const t = ex; ex = ey; ey = t; const u = xs; xs = ys; ys = u; }
  L.shrJam(small, ex - ey);
  const m = T.m;
  if (xs === ys) {
    L.copy(m, big); L.add(m, small);
    T.s = xs;
  } else {
    const c = L.cmp(big, small);
    if (c === 0) { T.cls = C_ZERO; return; }
    if (c > 0) { L.subTo(m, big, small); T.s = xs; } else { L.subTo(m, small, big); T.s = ys; }
  }
  T.cls = C_FINITE;
  T.e = ex;
}

/** a + b (or a - b when negate) in format f. */
export function add(f: Format, a: Unpacked, b: Unpacked, negate: boolean, rm: number): void {
  const bs = negate ? b.s ^ 1 : b.s;
  if (nan2(f, a, b)) return;
  if (a.cls === C_INF) {
    if (b.cls === C_INF && a.s !== bs) { invalid(f); return; }
    packInf(f, a.s); return;
  }
  if (b.cls === C_INF) { packInf(f, bs); return; }
  if (a.cls === C_ZERO && b.cls === C_ZERO) {
    packZero(f, a.s === bs ? a.s : (rm === RM_DOWN ? 1 : 0));
    return;
  }
  if (a.cls === C_ZERO) { T2.cls = b.cls; T2.s = bs; T2.e = b.e; L.copy(T2.m, b.m); packSame(f, T2); return; }
  if (b.cls === C_ZERO) { packSame(f, a); return; }
  sumExact(a.s, a.e, a.m, bs, b.e, b.m);
  if (T.cls === C_ZERO) { packZero(f, rm === RM_DOWN ? 1 : 0); return; }
  roundPack(f, T.s, T.e, T.m, rm);
}

/** a * b in format f (a and b may be of a shorter format: MDEBR, MXDBR). */
export function mul(f: Format, a: Unpacked, b: Unpacked, rm: number, from: Format = f): void {
  const s = a.s ^ b.s;
  if (nan2From(f, from, a, b)) return;
  if (a.cls === C_INF || b.cls === C_INF) {
    if (a.cls === C_ZERO || b.cls === C_ZERO) { invalid(f); return; }
    packInf(f, s); return;
  }
  if (a.cls === C_ZERO || b.cls === C_ZERO) { packZero(f, s); return; }
  L.mul(W1, a.m, b.m);
  roundPack(f, s, a.e + b.e, W1, rm);
}

function nan2From(f: Format, from: Format, a: Unpacked, b: Unpacked): boolean {
  if (from === f) return nan2(f, a, b);
  if (a.cls === C_SNAN) { packNaN(f, from, a); if (b.cls === C_SNAN) st.exc |= X_INVALID; return true; }
  if (b.cls === C_SNAN) { packNaN(f, from, b); return true; }
  if (a.cls === C_QNAN) { packNaN(f, from, a); return true; }
  if (b.cls === C_QNAN) { packNaN(f, from, b); return true; }
  return false;
}

/** a / b in format f. */
export function div(f: Format, a: Unpacked, b: Unpacked, rm: number): void {
  const s = a.s ^ b.s;
  if (nan2(f, a, b)) return;
  if (a.cls === C_INF) {
    if (b.cls === C_INF) { invalid(f); return; }
    packInf(f, s); return;
  }
  if (b.cls === C_INF) { packZero(f, s); return; }
  if (b.cls === C_ZERO) {
    if (a.cls === C_ZERO) { invalid(f); return; }
    st.exc |= X_DIVIDE;
    packInf(f, s);
    return;
  }
  if (a.cls === C_ZERO) { packZero(f, s); return; }
  // Align both significands to a leading one at bit 120, then produce p+2 quotient bits
  // by restoring division; a non-zero remainder becomes the sticky bit.
  const r = W2, d = W3, q = W1;
  L.copy(r, a.m); L.copy(d, b.m);
  // Leading ones at bit p+7; r < 2d stays below 2^(p+9) and q has p+3 bits, so nl limbs
  // (with a few bits to spare) hold every step.
  const top = f.p + 7, nl = (f.p + 12 + 31) >>> 5;
  const sa = top - (L.bitlen(r) - 1), sb = top - (L.bitlen(d) - 1);
  L.shl(r, sa); L.shl(d, sb);
  L.clear(q);
  const n = f.p + 3;
  for (let k = 0; k < n; k++) {
    L.shl1N(q, nl);
    if (L.cmpN(r, d, nl) >= 0) { L.subN(r, d, nl); q[0] = (q[0]! | 1) >>> 0; }
    L.shl1N(r, nl);
  }
  if (!L.isZero(r)) { L.shl(q, 1); q[0] = (q[0]! | 1) >>> 0; } else L.shl(q, 1);
  // q = floor(2^(n) * ra/rd) * 2 (+ sticky); value = q * 2^(ea - sa - eb + sb - n)
  roundPack(f, s, (a.e - sa) - (b.e - sb) - n, q, rm);
}

/** sqrt(a) in format f. */
export function sqrt(f: Format, a: Unpacked, rm: number): void {
  if (a.cls === C_SNAN || a.cls === C_QNAN) { packNaN(f, f, a); return; }
  if (a.cls === C_ZERO) { packZero(f, a.s); return; }
  if (a.s) { invalid(f); return; }
  if (a.cls === C_INF) { packInf(f, 0); return; }
  // Scale to an even exponent and a 2(p+2)-bit or longer radicand, then take the
  // integer square root digit by digit.
  const x = W2;
  L.copy(x, a.m);
  let e = a.e;
  let sh = 2 * (f.p + 3) - L.bitlen(x);
  if (sh < 0) sh = 0;
  if (((e - sh) & 1) !== 0) sh++;
  L.shl(x, sh);
  e -= sh;
  const bl = L.bitlen(x);
  const rem = W3, root = W1, trial = T2.m;
  L.clear(rem); L.clear(root);
  const pairs = (bl + 1) >>> 1;
  // The radicand has at most 2(p+3)+1 bits, the root p+4, trial and remainder p+7: nl
  // limbs (with a few bits to spare) hold root, trial and remainder.
  const nl = (f.p + 12 + 31) >>> 5;
  for (let k = pairs - 1; k >= 0; k--) {
    L.shl2N(rem, nl);
    rem[0] = (rem[0]! | (L.bit(x, 2 * k + 1) << 1) | L.bit(x, 2 * k)) >>> 0;
    L.copy(trial, root);
    L.shl2N(trial, nl);
    trial[0] = (trial[0]! | 1) >>> 0;
    L.shl1N(root, nl);
    if (L.cmpN(rem, trial, nl) >= 0) { L.subN(rem, trial, nl); root[0] = (root[0]! | 1) >>> 0; }
  }
  L.shl(root, 1);
  if (!L.isZero(rem)) root[0] = (root[0]! | 1) >>> 0;
  roundPack(f, 0, (e >> 1) - 1, root, rm);
}

/**
 * a * b + c (negc: a * b - c) with one rounding, format f. A NaN result is the first NaN
 * of a, b, c; MULTIPLY AND ADD passes a = second operand, b = third operand, c = first
 * operand. 0 * infinity is invalid (default NaN) for any c.
 */
export function fma(f: Format, a: Unpacked, b: Unpacked, c: Unpacked, negc: boolean, rm: number): void {
  const cs = negc ? c.s ^ 1 : c.s;
  const ps = a.s ^ b.s;
  const anyNaN = a.cls >= C_QNAN || b.cls >= C_QNAN || c.cls >= C_QNAN;
  const infZero = (a.cls === C_INF && b.cls === C_ZERO) || (a.cls === C_ZERO && b.cls === C_INF);
  if (anyNaN) {
    // 0 * infinity is invalid whatever the addend, a QNaN included (Hercules agrees;
    // qemu-s390x 7.2 passes the QNaN through).
    if (infZero) { invalid(f); return; }
    // The first NaN in operand order, quieted; any SNaN makes the operation invalid
    // (qemu-s390x and Hercules agree on this order).
    if (a.cls === C_SNAN || b.cls === C_SNAN || c.cls === C_SNAN) st.exc |= X_INVALID;
    packNaN(f, f, a.cls >= C_QNAN ? a : b.cls >= C_QNAN ? b : c);
    return;
  }
  if (infZero) { invalid(f); return; }
  if (a.cls === C_INF || b.cls === C_INF) {
    if (c.cls === C_INF && cs !== ps) { invalid(f); return; }
    packInf(f, ps); return;
  }
  if (c.cls === C_INF) { packInf(f, cs); return; }
  if (a.cls === C_ZERO || b.cls === C_ZERO) {
    if (c.cls === C_ZERO) { packZero(f, ps === cs ? ps : (rm === RM_DOWN ? 1 : 0)); return; }
    T2.cls = c.cls; T2.s = cs; T2.e = c.e; L.copy(T2.m, c.m);
    packSame(f, T2);
    return;
  }
  L.mul(W1, a.m, b.m);
  const pe = a.e + b.e;
  if (c.cls === C_ZERO) { roundPack(f, ps, pe, W1, rm); return; }
  // sumExact uses W2/W3 as scratch and reads am/bm before writing T.
  L.copy(T2.m, W1);
  sumExact(ps, pe, T2.m, cs, c.e, c.m);
  if (T.cls === C_ZERO) { packZero(f, rm === RM_DOWN ? 1 : 0); return; }
  roundPack(f, T.s, T.e, T.m, rm);
}

/** Condition code of comparing a with b: 0 equal, 1 low, 2 high, 3 unordered. Signals per `signaling`. */
export function compare(a: Unpacked, b: Unpacked, signaling: boolean): number {
  if (a.cls >= C_QNAN || b.cls >= C_QNAN) {
    if (signaling || a.cls === C_SNAN || b.cls === C_SNAN) st.exc |= X_INVALID;
    return 3;
  }
  const r = cmpValues(a, b);
  return r === 0 ? 0 : r < 0 ? 1 : 2;
}

/** Ordered comparison of non-NaN values: -1, 0, 1. */
function cmpValues(a: Unpacked, b: Unpacked): number {
  const az = a.cls === C_ZERO, bz = b.cls === C_ZERO;
  if (az && bz) return 0;
  if (a.s !== b.s) return a.s ? -1 : 1;
  const mag = cmpMag(a, b);
  return a.s ? -mag : mag;
}

function cmpMag(a: Unpacked, b: Unpacked): number {
  if (a.cls === C_ZERO) return b.cls === C_ZERO ? 0 : -1;
  if (b.cls === C_ZERO) return 1;
  if (a.cls === C_INF) return b.cls === C_INF ? 0 : 1;
  if (b.cls === C_INF) return -1;
  const ea = a.e + L.bitlen(a.m), eb = b.e + L.bitlen(b.m);
  if (ea !== eb) return ea < eb ? -1 : 1;
  // Same leading-bit position: align the significands on the common exponent.
  L.copy(W2, a.m); L.copy(W3, b.m);
  if (a.e > b.e) L.shl(W2, a.e - b.e); else L.shl(W3, b.e - a.e);
  return L.cmp(W2, W3);
}

/** Convert a to format f (widening is exact, narrowing rounds with rm). */
export function convert(f: Format, from: Format, a: Unpacked, rm: number): void {
  if (a.cls >= C_QNAN) { packNaN(f, from, a); return; }
  if (a.cls === C_ZERO) { packZero(f, a.s); return; }
  if (a.cls === C_INF) { packInf(f, a.s); return; }
  L.copy(W1, a.m);
  roundPack(f, a.s, a.e, W1, rm);
}

/** Round a to an integral value in its own format (LOAD FP INTEGER). */
export function roundInt(f: Format, a: Unpacked, rm: number): void {
  if (a.cls >= C_QNAN) { packNaN(f, f, a); return; }
  if (a.cls === C_ZERO) { packZero(f, a.s); return; }
  if (a.cls === C_INF) { packInf(f, a.s); return; }
  L.copy(W1, a.m);
  if (a.e >= 0) { roundPack(f, a.s, a.e, W1, rm); return; }
  const inexact = integerPart(W1, a.e, a.s, rm);
  if (L.isZero(W1)) packZero(f, a.s);
  else roundPack(f, a.s, 0, W1, rm);
  st.inexact = inexact;
  st.incremented = ipIncremented;
  if (inexact) inexactCondition();
}

let ipIncremented = false;

/** m * 2^e (e < 0) rounded to an integer in place with method rm; returns inexact. */
function integerPart(m: Uint32Array, e: number, s: number, rm: number): boolean {
  const shift = -e;
  const r = shift - 1 < L.BITS ? L.bit(m, shift - 1) : 0;
  const sticky = L.anyBelow(m, shift - 1);
  L.shr(m, shift);
  ipIncremented = false;
  const inexact = r !== 0 || sticky;
  if (!inexact) return false;
  if (rm === RM_ODD) { ipIncremented = (m[0]! & 1) === 0; m[0] = (m[0]! | 1) >>> 0; return true; }
  if (roundUp(rm, s, m[0]! & 1, r, sticky)) { L.addSmall(m, 1); ipIncremented = true; }
  return true;
}

/** Result of toFixed(): halves of the integer and the condition code. */
export const FIX = { hi: 0, lo: 0, cc: 0 };

/**
 * Convert a to a 32- or 64-bit signed or unsigned integer with method rm. Out of range or
 * NaN: invalid, the architected maximum-magnitude result, CC 3.
 */
export function toFixed(a: Unpacked, bits: 32 | 64, signed: boolean, rm: number): void {
  FIX.cc = a.cls === C_ZERO ? 0 : a.cls >= C_QNAN ? 3 : a.s ? 1 : 2;
  let ok = a.cls === C_ZERO || a.cls === C_FINITE;
  let inexact = false;
  FIX.hi = 0; FIX.lo = 0;
  if (a.cls === C_FINITE) {
    const m = W1;
    L.copy(m, a.m);
    if (a.e >= 0) {
      if (L.bitlen(m) + a.e > bits) ok = false;
      else L.shl(m, a.e);
    } else {
      inexact = integerPart(m, a.e, a.s, rm);
    }
    if (ok) {
      const hi = m[1]!, lo = m[0]!;
      const big = L.bitlen(m) > bits;
      if (big) ok = false;
      else if (signed) {
        // Magnitude limit: 2^(bits-1) - 1 for positive results, 2^(bits-1) for negative.
        const top = bits === 32 ? lo >>> 31 : hi >>> 31;
        if (top !== 0) {
          const exactMin = bits === 32 ? lo === 0x80000000 : hi === 0x80000000 && lo === 0;
          if (!(a.s && exactMin)) ok = false;
        }
        if (ok) {
          if (a.s) {
            // Two's complement of the magnitude.
            let nlo = (~lo + 1) >>> 0;
            let nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
            if (bits === 32) nhi = 0;
            FIX.hi = nhi; FIX.lo = nlo;
          } else { FIX.hi = bits === 32 ? 0 : hi; FIX.lo = lo; }
        }
      } else {
        if (a.s && (hi !== 0 || lo !== 0)) ok = false;
        else { FIX.hi = bits === 32 ? 0 : hi; FIX.lo = lo; }
      }
    }
  }
  if (!ok) {
    st.exc |= X_INVALID;
    FIX.cc = 3;
    if (signed) {
      const neg = a.cls >= C_QNAN || a.s !== 0;
      if (bits === 32) { FIX.hi = 0; FIX.lo = neg ? 0x80000000 : 0x7fffffff; }
      else { FIX.hi = neg ? 0x80000000 : 0x7fffffff; FIX.lo = neg ? 0 : 0xffffffff; }
    } else {
      const neg = a.cls >= C_QNAN || a.s !== 0;
      FIX.hi = neg || bits === 32 ? 0 : 0xffffffff;
      FIX.lo = neg ? 0 : 0xffffffff;
    }
    // An infinite or out-of-range operand also makes the conversion inexact (the delivered
    // integer is not its value); a NaN has no value to miss. Only a masked invalid gets here.
    if (!(st.mask & X_INVALID) && a.cls < C_QNAN) {
      st.inexact = true;
      st.incremented = false;
      inexactCondition();
    }
    return;
  }
  st.inexact = inexact;
  st.incremented = ipIncremented && inexact;
  if (inexact) inexactCondition();
}

/** Convert a 64-bit integer (halves; signed or not) to format f with method rm. */
export function fromFixed(f: Format, hi: number, lo: number, signed: boolean, rm: number): void {
  let s = 0;
  if (signed && (hi >>> 31) !== 0) {
    s = 1;
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  if (hi === 0 && lo === 0) { packZero(f, 0); return; }
  const m = W1;
  L.clear(m);
  m[0] = lo; m[1] = hi;
  roundPack(f, s, 0, m, rm);
}

/** TEST DATA CLASS: the mask bit selecting operand a's class (bit 52 + k of the address). */
export function dataClassBit(f: Format, a: Unpacked): number {
  let k: number;
  switch (a.cls) {
    case C_ZERO: k = 0; break;
    case C_FINITE: k = L.bitlen(a.m) === f.p ? 1 : 2; break;
    case C_INF: k = 3; break;
    case C_QNAN: k = 4; break;
    default: k = 5; break;
  }
  return 1 << (11 - (2 * k + a.s));
}

/** Quotient of divideToInteger(), packed like RES. */
export const QUO = new Uint32Array(4);
const QU = new Unpacked();
const QN = L.limbs();

/**
 * DIVIDE TO INTEGER: a / b rounded to an integer n with method rm, remainder a - b*n.
 * RES receives the remainder, QUO the quotient; returns the condition code: 0 complete,
 * 1 complete with a NaN quotient, 2 partial (the integer quotient needs more than p bits,
 * so a partial quotient truncated to p bits and the partial remainder are delivered),
 * 3 partial with a quotient beyond the format's range.
 */
export function divideToInteger(f: Format, a: Unpacked, b: Unpacked, rm: number, remRm: number): number {
  if (nan2(f, a, b)) { QUO.set(RES); return 1; }
  if (a.cls === C_INF || b.cls === C_ZERO) { invalid(f); QUO.set(RES); return 1; }
  const qs = a.s ^ b.s;
  if (a.cls === C_ZERO || b.cls === C_INF) {
    packZero(f, qs); QUO.set(RES);
    packSame(f, a);
    return 0;
  }
  // Quotient with p+3 bits and a sticky bit, then its integer part with method rm.
  const exc = st.exc;
  const r = W2, d = W3, q = QN;
  L.copy(r, a.m); L.copy(d, b.m);
  // Leading ones at bit p+7; r < 2d stays below 2^(p+9) and q has p+3 bits, so nl limbs
  // (with a few bits to spare) hold every step.
  const top = f.p + 7, nl = (f.p + 12 + 31) >>> 5;
  const sa = top - (L.bitlen(r) - 1), sb = top - (L.bitlen(d) - 1);
  L.shl(r, sa); L.shl(d, sb);
  L.clear(q);
  const n = f.p + 3;
  for (let k = 0; k < n; k++) {
    L.shl1N(q, nl);
    if (L.cmpN(r, d, nl) >= 0) { L.subN(r, d, nl); q[0] = (q[0]! | 1) >>> 0; }
    L.shl1N(r, nl);
  }
  L.shl(q, 1);
  if (!L.isZero(r)) q[0] = (q[0]! | 1) >>> 0;
  const qe = (a.e - sa) - (b.e - sb) - n;
  let partial = false;
  if (qe + L.bitlen(q) - 1 >= f.p) {
    // The integer quotient has more than p bits: truncate the quotient to p bits.
    partial = true;
    const bl = L.bitlen(q);
    L.shr(q, bl - f.p);
    QU.e = qe + bl - f.p;
  } else if (qe >= 0) {
    L.shl(q, qe); QU.e = 0;
  } else {
    integerPart(q, qe, qs, rm);
    QU.e = 0;
    if (L.bitlen(q) > f.p) { L.shr(q, 1); QU.e = 1; }
  }
  st.exc = exc;
  QU.s = qs;
  QU.cls = L.isZero(q) ? C_ZERO : C_FINITE;
  L.copy(QU.m, q);
  // Remainder a - b*n, exact in the 256-bit intermediate, then rounded into the format.
  let cc = partial ? 2 : 0;
  if (QU.cls === C_ZERO) {
    packZero(f, qs); QUO.set(RES);
    packSame(f, a);
    return cc;
  }
  L.mul(W1, b.m, QU.m);
  L.copy(T2.m, W1);
  // b*n has the sign of a (n carries sign(a) xor sign(b)); subtracting it flips that.
  sumExact(a.s, a.e, a.m, a.s ^ 1, b.e + QU.e, T2.m);
  const remCls = T.cls;
  const remS = T.s, remE = T.e;
  L.copy(W1, T.m);
  // The quotient first: it goes to QUO.
  const qbl = L.bitlen(QU.m);
  if (QU.e + qbl - 1 > f.emax) {
    cc = 3;
    const m = T2.m; L.copy(m, QU.m);
    const keep = st.mask;
    st.mask = X_OVERFLOW;
    roundPack(f, qs, QU.e, m, RM_ZERO);
    st.mask = keep;
    st.dxc = 0;
  } else {
    const m = T2.m; L.copy(m, QU.m);
    roundPack(f, qs, QU.e, m, RM_ZERO);
  }
  QUO.set(RES);
  st.exc = exc;
  st.inexact = false;
  if (remCls === C_ZERO) packZero(f, a.s);
  else roundPack(f, remS, remE, W1, remRm);
  return cc;
}
