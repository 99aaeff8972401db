// Native-double fast paths for the common BFP cases: short and long add, subtract,
// multiply, divide and square root under round-to-nearest-even. JavaScript arithmetic is
// IEEE binary64 with that rounding, so the result is already right; what it cannot say is
// whether the result is exact, which the inexact flag needs. The error-free transforms
// below recover that exactly (Knuth's TwoSum, Dekker's product with Veltkamp splitting),
// and every case they do not cover (NaNs, infinities, division by zero, results near
// overflow or in the subnormal range, operands too large to split) returns false so the
// caller takes the soft-float path. Short operands are widened to double: the double
// result of one operation on two floats rounded again to float is the correctly rounded
// float (53 >= 2*24 + 2), and it is exact only if the double result was exact and is a
// float.

/**
 * Result of the last successful fast operation: the round-to-nearest-even result, whether
 * it is inexact, and on which side of it the exact value lies (-1 below, 1 above).
 */
export const nat = { r: 0, inexact: false, dir: 0 };

const SPLIT = 134217729; // 2^27 + 1
const BIG = 2 ** 990;
const TINY_L = 2 ** -960; // comfortably above where a product's error term could be subnormal
const MIN_NORMAL_S = 2 ** -126;
const MAX_S = 3.4028234663852886e38;

/** Error of a*b = p (p = fl(a*b)), exact when |a|,|b| < 2^990 and |p| >= 2^-960. */
function prodErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// ------------------------------------------------------------------ long

export function addL(a: number, b: number): boolean {
  const s = a + b;
  if (!(Math.abs(s) <= 1.7976931348623157e308)) return false; // NaN, infinity, overflow
  if (s === 0) {
    // Exact cancellation or zeros: fine unless tiny operands could underflow (they cannot
    // for a zero sum: it is exact). The sign rule of x - x = +0 matches.
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    nat.r = s; nat.inexact = false; nat.dir = 0; return true;
  }
  if (Math.abs(s) < 2.2250738585072014e-308) return false;
  const bb = s - a;
  const err = (a - (s - bb)) + (b - bb);
  nat.r = s; nat.inexact = err !== 0; nat.dir = err > 0 ? 1 : err < 0 ? -1 : 0;
  return true;
}

export function mulL(a: number, b: number): boolean {
  const p = a * b;
  if (p === 0) {
    if (a !== 0 && b !== 0) return false; // underflow to zero
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false; // 0 * inf is invalid
    nat.r = p; nat.inexact = false; nat.dir = 0; return true;
  }
  const ap = Math.abs(p);
  // The split products in prodErr are about as large as p: keep p clear of overflow too.
  if (!(ap < BIG) || ap < TINY_L) return false;
  if (Math.abs(a) >= BIG || Math.abs(b) >= BIG) return false;
  const e = prodErr(a, b, p);
  nat.r = p; nat.inexact = e !== 0; nat.dir = e > 0 ? 1 : e < 0 ? -1 : 0;
  return true;
}

export function divL(a: number, b: number): boolean {
  if (b === 0 || !Number.isFinite(b) || !Number.isFinite(a)) return false;
  const q = a / b;
  if (q === 0) {
    if (a !== 0) return false; // underflow
    nat.r = q; nat.inexact = false; nat.dir = 0; return true;
  }
  const aq = Math.abs(q);
  if (!(aq <= 1.7976931348623157e308) || aq < TINY_L) return false;
  // q*b is about a: the products in prodErr must not overflow either.
  if (aq >= BIG || Math.abs(b) >= BIG || Math.abs(a) >= BIG || Math.abs(a) < TINY_L) return false;
  // q*b = p + e exactly; a - p is exact (p is within a rounding of a).
  const p = q * b;
  const res = (a - p) - prodErr(q, b, p); // a - q*b: its sign is exact
  nat.r = q; nat.inexact = res !== 0;
  nat.dir = res === 0 ? 0 : (res > 0) === (b > 0) ? 1 : -1;
  return true;
}

export function sqrtL(a: number): boolean {
  if (!(a > 0) || !Number.isFinite(a)) {
    if (a === 0) { nat.r = a; nat.inexact = false; nat.dir = 0; return true; } // sqrt(-0) = -0
    return false;
  }
  if (a < TINY_L || a >= BIG) return false;
  const s = Math.sqrt(a);
  const p = s * s;
  const res = (a - p) - prodErr(s, s, p);
  nat.r = s; nat.inexact = res !== 0; nat.dir = res > 0 ? 1 : res < 0 ? -1 : 0;
  return true;
}

/**
 * MULTIPLY AND ADD, a*b + c rounded once. The product's error (Dekker) and the sum's
 * (TwoSum) give a*b + c = s + e1 + pe exactly, and e1 + pe = t + e2 (TwoSum again), with
 * t far below s. r = fl(s + t) with s + t = r + e3: when e2 is zero r is the correct
 * rounding of the exact value. Otherwise e2 is smaller than half a unit of t's last place,
 * and e3 and r's half-gap are multiples of that unit, so r is still the correct rounding
 * unless s + t was exactly halfway between two doubles (e2 then decides): that case, zeros
 * (their sign rules), values near overflow or where the error terms could be inexact go to
 * the soft path.
 */
export function fmaL(a: number, b: number, c: number): boolean {
  if (!(Math.abs(a) < BIG && Math.abs(b) < BIG)) return false; // also NaN, infinity
  const p = a * b;
  const ap = Math.abs(p), ac = Math.abs(c);
  if (!(ap >= TINY_L && ap < BIG && ac >= TINY_L && ac < BIG)) return false; // also zeros
  const pe = prodErr(a, b, p);
  const s = p + c;
  const bs = s - p;
  const e1 = (p - (s - bs)) + (c - bs);
  const t = e1 + pe;
  const bt = t - e1;
  const e2 = (e1 - (t - bt)) + (pe - bt);
  const r = s + t;
  const ar = Math.abs(r);
  if (!(ar >= TINY_L && ar < BIG)) return false; // also a zero result
  const br = r - s;
  const e3 = (s - (r - br)) + (t - br);
  let side = e3;
  if (e2 !== 0) {
    if (!(Math.abs(t) * 2 ** 40 < ar)) return false;
    if (e3 === 0) side = e2;
    else {
      // Halfway: e3 is half the gap to r's neighbour on e3's side (a quarter of r's unit
      // below a power of two).
      D[0] = r;
      const unit = 2 ** (((DU[1]! >>> 20) & 0x7ff) - 1075);
      const ae3 = Math.abs(e3);
      if (ae3 * 2 === unit || ae3 * 4 === unit) return false;
    }
  }
  nat.r = r; nat.inexact = side !== 0; nat.dir = side > 0 ? 1 : side < 0 ? -1 : 0;
  return true;
}

// ------------------------------------------------------------------ short

/**
 * Round the double result d of an operation on floats to float; dd is the side of d on
 * which the exact value lies (0: d is exact). When the float differs from d, the exact
 * value is on the same side as d, being much closer to d than any other float is.
 */
function toShort(d: number, dd: number): boolean {
  const r = Math.fround(d);
  if (r !== r) return false;
  const ar = Math.abs(r);
  if (ar > MAX_S) return false;
  if (r === 0 ? d !== 0 : ar < MIN_NORMAL_S) return false;
  // A tiny exact double result also needs the soft path (underflow rules).
  if (d !== 0 && Math.abs(d) < MIN_NORMAL_S) return false;
  nat.r = r;
  nat.dir = r !== d ? (d > r ? 1 : -1) : dd;
  nat.inexact = nat.dir !== 0;
  return true;
}

export function addS(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const s = a + b;
  if (s === 0) { nat.r = s; nat.inexact = false; nat.dir = 0; return true; }
  const bb = s - a;
  const err = (a - (s - bb)) + (b - bb);
  return toShort(s, err > 0 ? 1 : err < 0 ? -1 : 0);
}

export function mulS(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const p = a * b; // exact: 48 significant bits, in range
  if (p === 0) { nat.r = p; nat.inexact = false; nat.dir = 0; return true; }
  return toShort(p, 0);
}

export function divS(a: number, b: number): boolean {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  const q = a / b;
  if (q === 0) { if (a !== 0) return false; nat.r = q; nat.inexact = false; nat.dir = 0; return true; }
  const r = Math.fround(q);
  // When q is a float, r*b is exact in double (48 bits): a - r*b has the exact sign.
  if (r !== q) return toShort(q, 0);
  const res = a - r * b;
  return toShort(q, res === 0 ? 0 : (res > 0) === (b > 0) ? 1 : -1);
}

export function sqrtS(a: number): boolean {
  if (!(a > 0) || !Number.isFinite(a)) {
    if (a === 0) { nat.r = a; nat.inexact = false; nat.dir = 0; return true; }
    return false;
  }
  const s = Math.sqrt(a);
  const r = Math.fround(s);
  if (r !== s) return toShort(s, 0);
  const res = a - r * r;
  return toShort(s, res > 0 ? 1 : res < 0 ? -1 : 0);
}

/** LOAD ROUNDED long to short under round-to-nearest-even. */
export function roundS(d: number): boolean {
  if (!Number.isFinite(d)) return false;
  if (d === 0) { nat.r = d; nat.inexact = false; nat.dir = 0; return true; }
  return toShort(d, 0);
}

// ------------------------------------------------------------------ directed rounding

const D = new Float64Array(1);
const DU = new Uint32Array(D.buffer);
const F = new Float32Array(1);
const FU = new Uint32Array(F.buffer);

/** r with its magnitude one unit in the last place larger (up) or smaller. */
function stepMag(r: number, up: boolean, long: boolean): number {
  if (long) {
    D[0] = r;
    // Little-endian host: DU[0] is the low word.
    if (up) { DU[0] = (DU[0]! + 1) >>> 0; if (DU[0] === 0) DU[1] = (DU[1]! + 1) >>> 0; }
    else { if (DU[0] === 0) DU[1] = (DU[1]! - 1) >>> 0; DU[0] = (DU[0]! - 1) >>> 0; }
    return D[0]!;
  }
  F[0] = r;
  FU[0] = (FU[0]! + (up ? 1 : -1)) >>> 0;
  return F[0]!;
}

/**
 * The result under FPC rounding mode rm (1 toward zero, 2 up, 3 down, 7 prepare for
 * shorter precision) from the round-to-nearest-even one in nat; NaN when the step would
 * leave the fast path's safe range (overflow), so the caller takes the soft path.
 */
export function directed(rm: number, long: boolean): number {
  const r = nat.r, dir = nat.dir;
  // An exact zero sum is -0 when rounding down: the soft path has the sign rules.
  if (r === 0) return NaN;
  if (dir === 0) return r;
  let up: boolean; // move the magnitude up?
  switch (rm) {
    case 1: if ((r > 0) === (dir > 0)) return r; up = false; break;
    case 2: if (dir < 0) return r; up = r > 0; break;
    case 3: if (dir > 0) return r; up = r < 0; break;
    case 7: {
      if (long) { D[0] = r; if (DU[0]! & 1) return r; } else { F[0] = r; if (FU[0]! & 1) return r; }
      up = (r > 0) === (dir > 0);
      break;
    }
    default: return NaN;
  }
  const v = stepMag(r, up, long);
  return Number.isFinite(v) && (long || Math.abs(v) <= MAX_S) ? v : NaN;
}
