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

/** Result of the last successful fast operation. */
export const nat = { r: 0, inexact: false };

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
    nat.r = s; nat.inexact = false; return true;
  }
  if (Math.abs(s) < 2.2250738585072014e-308) return false;
  const bb = s - a;
  const err = (a - (s - bb)) + (b - bb);
  nat.r = s; nat.inexact = err !== 0;
  return true;
}

export function mulL(a: number, b: number): boolean {
  const p = a * b;
  if (p === 0) {
    if (a !== 0 && b !== 0) return false; // underflow to zero
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false; // 0 * inf is invalid
    nat.r = p; nat.inexact = false; return true;
  }
  const ap = Math.abs(p);
  if (!(ap <= 1.7976931348623157e308) || ap < TINY_L) return false;
  if (Math.abs(a) >= BIG || Math.abs(b) >= BIG) return false;
  nat.r = p; nat.inexact = prodErr(a, b, p) !== 0;
  return true;
}

export function divL(a: number, b: number): boolean {
  if (b === 0 || !Number.isFinite(b) || !Number.isFinite(a)) return false;
  const q = a / b;
  if (q === 0) {
    if (a !== 0) return false; // underflow
    nat.r = q; nat.inexact = false; return true;
  }
  const aq = Math.abs(q);
  if (!(aq <= 1.7976931348623157e308) || aq < TINY_L) return false;
  if (aq >= BIG || Math.abs(b) >= BIG || Math.abs(a) < TINY_L) return false;
  // q*b = p + e exactly; a - p is exact (p is within a rounding of a).
  const p = q * b;
  const e = prodErr(q, b, p);
  nat.r = q; nat.inexact = a - p !== e;
  return true;
}

export function sqrtL(a: number): boolean {
  if (!(a > 0) || !Number.isFinite(a)) {
    if (a === 0) { nat.r = a; nat.inexact = false; return true; } // sqrt(-0) = -0
    return false;
  }
  if (a < TINY_L || a >= BIG) return false;
  const s = Math.sqrt(a);
  const p = s * s;
  nat.r = s; nat.inexact = a - p !== prodErr(s, s, p);
  return true;
}

// ------------------------------------------------------------------ short

/** Round the double result d of an operation on floats to float; exact tells whether d was. */
function toShort(d: number, exact: boolean): boolean {
  const r = Math.fround(d);
  if (r !== r) return false;
  const ar = Math.abs(r);
  if (ar > MAX_S) return false;
  if (r === 0 ? d !== 0 : ar < MIN_NORMAL_S) return false;
  // A tiny exact double result also needs the soft path (underflow rules).
  if (d !== 0 && Math.abs(d) < MIN_NORMAL_S) return false;
  nat.r = r; nat.inexact = !exact || r !== d;
  return true;
}

export function addS(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const s = a + b;
  if (s === 0) { nat.r = s; nat.inexact = false; return true; }
  const bb = s - a;
  return toShort(s, (a - (s - bb)) + (b - bb) === 0);
}

export function mulS(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const p = a * b; // exact: 48 significant bits, in range
  if (p === 0) { nat.r = p; nat.inexact = false; return true; }
  return toShort(p, true);
}

export function divS(a: number, b: number): boolean {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  const q = a / b;
  if (q === 0) { if (a !== 0) return false; nat.r = q; nat.inexact = false; return true; }
  const r = Math.fround(q);
  // When q is a float, r*b is exact in double (48 bits) and settles exactness.
  return toShort(q, r === q && r * b === a);
}

export function sqrtS(a: number): boolean {
  if (!(a > 0) || !Number.isFinite(a)) {
    if (a === 0) { nat.r = a; nat.inexact = false; return true; }
    return false;
  }
  const s = Math.sqrt(a);
  const r = Math.fround(s);
  return toShort(s, r === s && r * r === a);
}

/** LOAD ROUNDED long to short under round-to-nearest-even. */
export function roundS(d: number): boolean {
  if (!Number.isFinite(d)) return false;
  if (d === 0) { nat.r = d; nat.inexact = false; return true; }
  return toShort(d, true);
}
