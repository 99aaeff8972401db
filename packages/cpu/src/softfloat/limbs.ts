// Fixed-width unsigned integers of 256 bits held as eight 32-bit limbs, least significant
// limb first. They carry the exact significands of BFP intermediate results: an extended
// product is 226 bits, and the addition path keeps operands 200 bits up so that alignment
// shifts lose nothing above the rounding position. Every routine works in place on
// preallocated arrays so the BFP paths never allocate, and none uses BigInt.

export const LIMBS = 8;
export const BITS = LIMBS * 32;
const TWO32 = 4294967296;

export type Limbs = Uint32Array;

export function limbs(): Limbs {
  return new Uint32Array(LIMBS);
}

// Unrolled: fill() and set() are builtin calls that cost more than eight stores.
export function clear(a: Limbs): void {
  a[0] = 0; a[1] = 0; a[2] = 0; a[3] = 0; a[4] = 0; a[5] = 0; a[6] = 0; a[7] = 0;
}

export function copy(dst: Limbs, src: Limbs): void {
  dst[0] = src[0]!; dst[1] = src[1]!; dst[2] = src[2]!; dst[3] = src[3]!;
  dst[4] = src[4]!; dst[5] = src[5]!; dst[6] = src[6]!; dst[7] = src[7]!;
}

export function isZero(a: Limbs): boolean {
  for (let k = 0; k < LIMBS; k++) if (a[k] !== 0) return false;
  return true;
}

/** Number of significant bits (0 for zero). */
export function bitlen(a: Limbs): number {
  for (let k = LIMBS - 1; k >= 0; k--) {
    const w = a[k]!;
    if (w !== 0) return k * 32 + 32 - Math.clz32(w);
  }
  return 0;
}

export function bit(a: Limbs, n: number): number {
  return (a[n >>> 5]! >>> (n & 31)) & 1;
}

/** Whether any of bits 0..n-1 is one. */
export function anyBelow(a: Limbs, n: number): boolean {
  if (n <= 0) return false;
  if (n >= BITS) return !isZero(a);
  const w = n >>> 5;
  for (let k = 0; k < w; k++) if (a[k] !== 0) return true;
  const r = n & 31;
  return r !== 0 && (a[w]! & ((1 << r) - 1) >>> 0) !== 0;
}

/** a <<= n (bits shifted beyond 256 are lost). */
export function shl(a: Limbs, n: number): void {
  if (n <= 0) return;
  if (n >= BITS) { clear(a); return; }
  const w = n >>> 5, b = n & 31;
  for (let k = LIMBS - 1; k >= 0; k--) {
    const s = k - w;
    let v = 0;
    if (s >= 0) {
      v = b === 0 ? a[s]! : (a[s]! << b);
      if (b !== 0 && s > 0) v |= a[s - 1]! >>> (32 - b);
    }
    a[k] = v >>> 0;
  }
}

/** a >>>= n, discarding the bits shifted out. */
export function shr(a: Limbs, n: number): void {
  if (n <= 0) return;
  if (n >= BITS) { clear(a); return; }
  const w = n >>> 5, b = n & 31;
  for (let k = 0; k < LIMBS; k++) {
    const s = k + w;
    let v = 0;
    if (s < LIMBS) {
      v = b === 0 ? a[s]! : (a[s]! >>> b);
      if (b !== 0 && s + 1 < LIMBS) v |= a[s + 1]! << (32 - b);
    }
    a[k] = v >>> 0;
  }
}

/** a >>>= n, OR-ing every discarded one bit into bit 0 (the sticky bit). */
export function shrJam(a: Limbs, n: number): void {
  if (n <= 0) return;
  const sticky = anyBelow(a, n);
  shr(a, n);
  if (sticky) a[0] = (a[0]! | 1) >>> 0;
}

/** a += b (mod 2^256). */
export function add(a: Limbs, b: Limbs): void {
  let carry = 0;
  for (let k = 0; k < LIMBS; k++) {
    const t = a[k]! + b[k]! + carry;
    carry = t >= TWO32 ? 1 : 0;
    a[k] = t >>> 0;
  }
}

/** a += small (small < 2^32). */
export function addSmall(a: Limbs, small: number): void {
  let carry = small;
  for (let k = 0; k < LIMBS && carry !== 0; k++) {
    const t = a[k]! + carry;
    carry = t >= TWO32 ? 1 : 0;
    a[k] = t >>> 0;
  }
}

/** a -= b, for a >= b. */
export function sub(a: Limbs, b: Limbs): void {
  let borrow = 0;
  for (let k = 0; k < LIMBS; k++) {
    const t = a[k]! - b[k]! - borrow;
    borrow = t < 0 ? 1 : 0;
    a[k] = t >>> 0;
  }
}

/** dst = a - b for a >= b (dst may alias neither). */
export function subTo(dst: Limbs, a: Limbs, b: Limbs): void {
  let borrow = 0;
  for (let k = 0; k < LIMBS; k++) {
    const t = a[k]! - b[k]! - borrow;
    borrow = t < 0 ? 1 : 0;
    dst[k] = t >>> 0;
  }
}

export function cmp(a: Limbs, b: Limbs): number {
  for (let k = LIMBS - 1; k >= 0; k--) {
    const x = a[k]!, y = b[k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * dst = a * b where a and b hold at most 128 bits each (limbs 4-7 zero), so the product
 * fits. Each 32x32 partial product is formed from 16-bit halves so every intermediate
 * stays an exact double.
 */
export function mul(dst: Limbs, a: Limbs, b: Limbs): void {
  clear(dst);
  for (let i = 0; i < 4; i++) {
    const x = a[i]!;
    if (x === 0) continue;
    const xl = x & 0xffff, xh = x >>> 16;
    let carry = 0;
    for (let j = 0; j < 4; j++) {
      const y = b[j]!;
      const yl = y & 0xffff, yh = y >>> 16;
      const mid = xh * yl + xl * yh;
      let lo = xl * yl + ((mid >>> 0) & 0xffff) * 65536;
      let hi = xh * yh + Math.floor(mid / 65536);
      if (lo >= TWO32) { lo -= TWO32; hi += 1; }
      const t = dst[i + j]! + lo + carry;
      dst[i + j] = t >>> 0;
      carry = hi + (t >= TWO32 ? Math.floor(t / TWO32) : 0);
    }
    let k = i + 4;
    while (carry !== 0 && k < LIMBS) {
      const t = dst[k]! + carry;
      dst[k] = t >>> 0;
      carry = t >= TWO32 ? Math.floor(t / TWO32) : 0;
      k++;
    }
  }
}

// Short-width variants for the bit-serial division and square-root loops, whose operands
// stay within the first n limbs; they skip the untouched upper limbs.

/** a <<= 1 over limbs 0..n-1. */
export function shl1N(a: Limbs, n: number): void {
  for (let k = n - 1; k > 0; k--) a[k] = ((a[k]! << 1) | (a[k - 1]! >>> 31)) >>> 0;
  a[0] = (a[0]! << 1) >>> 0;
}

/** a <<= 2 over limbs 0..n-1. */
export function shl2N(a: Limbs, n: number): void {
  for (let k = n - 1; k > 0; k--) a[k] = ((a[k]! << 2) | (a[k - 1]! >>> 30)) >>> 0;
  a[0] = (a[0]! << 2) >>> 0;
}

export function cmpN(a: Limbs, b: Limbs, n: number): number {
  for (let k = n - 1; k >= 0; k--) {
    const x = a[k]!, y = b[k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** a -= b over limbs 0..n-1, for a >= b. */
export function subN(a: Limbs, b: Limbs, n: number): void {
  let borrow = 0;
  for (let k = 0; k < n; k++) {
    const t = a[k]! - b[k]! - borrow;
    borrow = t < 0 ? 1 : 0;
    a[k] = t >>> 0;
  }
}
