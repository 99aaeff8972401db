// 64- and 128-bit integer arithmetic on 32-bit halves, without BigInt and without
// allocating: the interpreter keeps every 64-bit value as (hi, lo) uint32 pairs.
//
// Functions that produce more than one word return the low word and leave the other
// words in the module-level result object `R` (read them immediately; the next call
// overwrites them). Arguments are uint32 or int32 values; results are uint32 unless a
// function says otherwise.
//
// API (stable; other families import it):
//   add64(ah, al, bh, bl)            -> lo;  R.hi, R.carry (0/1)
//   addc64(ah, al, bh, bl, cin)      -> lo;  R.hi, R.carry, with a carry in
//   sub64(ah, al, bh, bl)            -> lo;  R.hi, R.carry (1 = no borrow, as s390 defines it)
//   subb64(ah, al, bh, bl, bin)      -> lo;  R.hi, R.carry, with a borrow in (bin = 1 borrows)
//   neg64(h, l)                      -> lo;  R.hi
//   mulu32(a, b)                     -> lo;  R.hi   (unsigned 32x32 -> 64)
//   muls32(a, b)                     -> lo;  R.hi   (signed 32x32 -> 64, two's complement)
//   mul64lo(ah, al, bh, bl)          -> lo;  R.hi   (low 64 bits of any 64x64 product)
//   mulu64(ah, al, bh, bl)           -> w0;  R.hi (w1), R.w2, R.w3 (unsigned 64x64 -> 128)
//   muls64(ah, al, bh, bl)           -> w0;  R.hi, R.w2, R.w3 (signed 64x64 -> 128)
//   divu64by32(nh, nl, d)            -> false on zero divisor or a quotient wider than 32
//                                       bits; else R.ql quotient, R.rl remainder
//   divu128by64(n3, n2, n1, n0, dh, dl) -> false on zero divisor or a quotient wider than
//                                       64 bits; else R.qh:R.ql quotient, R.rh:R.rl remainder
//   divu64(nh, nl, dh, dl)           -> false on zero divisor; else R.qh:R.ql, R.rh:R.rl
//   clz64(h, l)                      -> 0..64
//   ctz32(x)                         -> 0..32
//   popcnt32(x)                      -> 0..32
//   cmpu64(ah, al, bh, bl)           -> -1, 0, 1 (unsigned)
//   cmps64(ah, al, bh, bl)           -> -1, 0, 1 (signed)
//   shl64(h, l, n) / shr64(h, l, n) / sar64(h, l, n) -> lo; R.hi  (n = 0..63)
//   rotl64(h, l, n)                  -> lo; R.hi (n = 0..63)
//   toNumberS(h, l) / toNumberU(h, l) -> a JS number (exact only below 2^53)

export interface Result {
  hi: number;
  carry: number;
  w2: number;
  w3: number;
  qh: number;
  ql: number;
  rh: number;
  rl: number;
}

/** Extra result words of the last call. */
export const R: Result = { hi: 0, carry: 0, w2: 0, w3: 0, qh: 0, ql: 0, rh: 0, rl: 0 };

const TWO32 = 4294967296;

export function add64(ah: number, al: number, bh: number, bl: number): number {
  const lo = (al >>> 0) + (bl >>> 0);
  const c = lo >= TWO32 ? 1 : 0;
  const hi = (ah >>> 0) + (bh >>> 0) + c;
  R.hi = hi >>> 0;
  R.carry = hi >= TWO32 ? 1 : 0;
  return lo >>> 0;
}

export function addc64(ah: number, al: number, bh: number, bl: number, cin: number): number {
  const lo = (al >>> 0) + (bl >>> 0) + cin;
  const c = lo >= TWO32 ? 1 : 0;
  const hi = (ah >>> 0) + (bh >>> 0) + c;
  R.hi = hi >>> 0;
  R.carry = hi >= TWO32 ? 1 : 0;
  return lo >>> 0;
}

/** a - b; R.carry is 1 when no borrow occurred (a >= b unsigned), the s390 convention. */
export function sub64(ah: number, al: number, bh: number, bl: number): number {
  return subb64(ah, al, bh, bl, 0);
}

export function subb64(ah: number, al: number, bh: number, bl: number, bin: number): number {
  const lo = (al >>> 0) - (bl >>> 0) - bin;
  const b = lo < 0 ? 1 : 0;
  const hi = (ah >>> 0) - (bh >>> 0) - b;
  R.hi = hi >>> 0;
  R.carry = hi < 0 ? 0 : 1;
  return lo >>> 0;
}

export function neg64(h: number, l: number): number {
  const lo = (-(l >>> 0)) >>> 0;
  R.hi = (~h + (lo === 0 ? 1 : 0)) >>> 0;
  return lo;
}

export function mulu32(a: number, b: number): number {
  a >>>= 0; b >>>= 0;
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  // Every partial product is < 2^32, and the middle sum < 2^34: exact in a double.
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  R.hi = (p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536)) >>> 0;
  return (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
}

export function muls32(a: number, b: number): number {
  const lo = mulu32(a, b);
  // Signed high word = unsigned high word minus the other operand for each negative one.
  let hi = R.hi;
  if ((a | 0) < 0) hi = (hi - (b >>> 0)) >>> 0;
  if ((b | 0) < 0) hi = (hi - (a >>> 0)) >>> 0;
  R.hi = hi;
  return lo;
}

export function mul64lo(ah: number, al: number, bh: number, bl: number): number {
  const lo = mulu32(al, bl);
  R.hi = (R.hi + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  return lo;
}

export function mulu64(ah: number, al: number, bh: number, bl: number): number {
  // Schoolbook on 32-bit limbs; column sums stay well below 2^53.
  const w0 = mulu32(al, bl); const c0 = R.hi;
  const x1 = mulu32(al, bh); const x1h = R.hi;
  const y1 = mulu32(ah, bl); const y1h = R.hi;
  const z2 = mulu32(ah, bh); const z2h = R.hi;
  const s1 = c0 + x1 + y1;
  const k1 = Math.floor(s1 / TWO32);
  const s2 = x1h + y1h + z2 + k1;
  const k2 = Math.floor(s2 / TWO32);
  R.hi = s1 >>> 0;
  R.w2 = s2 >>> 0;
  R.w3 = (z2h + k2) >>> 0;
  return w0;
}

export function muls64(ah: number, al: number, bh: number, bl: number): number {
  const w0 = mulu64(ah, al, bh, bl);
  let w2 = R.w2, w3 = R.w3;
  // Correct the high 64 bits: subtract b << 64 if a < 0, and a << 64 if b < 0.
  if ((ah | 0) < 0) { const l = (w2 - (bl >>> 0)); w3 = (w3 - (bh >>> 0) - (l < 0 ? 1 : 0)) >>> 0; w2 = l >>> 0; }
  if ((bh | 0) < 0) { const l = (w2 - (al >>> 0)); w3 = (w3 - (ah >>> 0) - (l < 0 ? 1 : 0)) >>> 0; w2 = l >>> 0; }
  R.w2 = w2; R.w3 = w3;
  return w0;
}

export function divu64by32(nh: number, nl: number, d: number): boolean {
  nh >>>= 0; nl >>>= 0; d >>>= 0;
  if (d === 0 || nh >= d) return false;
  if (nh === 0) {
    R.ql = Math.floor(nl / d) >>> 0;
    R.rl = nl % d;
    return true;
  }
  // Long division by 16-bit digits keeps every intermediate below 2^48.
  let r = nh;
  const n1 = nl >>> 16, n0 = nl & 0xffff;
  let t = r * 65536 + n1;
  const q1 = Math.floor(t / d);
  r = t - q1 * d;
  t = r * 65536 + n0;
  const q0 = Math.floor(t / d);
  r = t - q0 * d;
  R.ql = (q1 * 65536 + q0) >>> 0;
  R.rl = r >>> 0;
  return true;
}

export function divu128by64(n3: number, n2: number, n1: number, n0: number, dh: number, dl: number): boolean {
  n3 >>>= 0; n2 >>>= 0; n1 >>>= 0; n0 >>>= 0; dh >>>= 0; dl >>>= 0;
  if ((dh | dl) === 0) return false;
  // The quotient fits 64 bits exactly when the high half of the dividend is below the divisor.
  if (n3 > dh || (n3 === dh && n2 >= dl)) return false;
  if ((n3 | n2) === 0) return divu64(n1, n0, dh, dl);
  // Restoring division, one quotient bit per step, 64 steps; the remainder (rh:rl) and an
  // overflow bit stand for the running 65-bit partial remainder.
  let rh = n3, rl = n2, qh = n1, ql = n0;
  for (let k = 0; k < 64; k++) {
    const top = rh >>> 31;
    rh = ((rh << 1) | (rl >>> 31)) >>> 0;
    rl = ((rl << 1) | (qh >>> 31)) >>> 0;
    qh = ((qh << 1) | (ql >>> 31)) >>> 0;
    ql = (ql << 1) >>> 0;
    if (top || rh > dh || (rh === dh && rl >= dl)) {
      const l = rl - dl;
      rh = (rh - dh - (l < 0 ? 1 : 0)) >>> 0;
      rl = l >>> 0;
      ql = (ql | 1) >>> 0;
    }
  }
  R.qh = qh; R.ql = ql; R.rh = rh; R.rl = rl;
  return true;
}

export function divu64(nh: number, nl: number, dh: number, dl: number): boolean {
  nh >>>= 0; nl >>>= 0; dh >>>= 0; dl >>>= 0;
  if ((dh | dl) === 0) return false;
  if (nh < 0x200000 && dh < 0x200000) {
    // Both below 2^53: exact in doubles.
    const n = nh * TWO32 + nl, d = dh * TWO32 + dl;
    const q = Math.floor(n / d);
    const r = n - q * d;
    R.qh = Math.floor(q / TWO32); R.ql = q >>> 0;
    R.rh = Math.floor(r / TWO32); R.rl = r >>> 0;
    return true;
  }
  if (dh === 0) {
    // 64 / 32: two 64-by-32 steps.
    divu64by32(0, nh, dl);
    const qh = R.ql;
    divu64by32(R.rl, nl, dl);
    R.qh = qh; R.rh = 0;
    return true;
  }
  let rh = 0, rl = 0, qh = nh, ql = nl;
  for (let k = 0; k < 64; k++) {
    rh = ((rh << 1) | (rl >>> 31)) >>> 0;
    rl = ((rl << 1) | (qh >>> 31)) >>> 0;
    qh = ((qh << 1) | (ql >>> 31)) >>> 0;
    ql = (ql << 1) >>> 0;
    if (rh > dh || (rh === dh && rl >= dl)) {
      const l = rl - dl;
      rh = (rh - dh - (l < 0 ? 1 : 0)) >>> 0;
      rl = l >>> 0;
      ql = (ql | 1) >>> 0;
    }
  }
  R.qh = qh; R.ql = ql; R.rh = rh; R.rl = rl;
  return true;
}

export function clz64(h: number, l: number): number {
  return h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
}

export function ctz32(x: number): number {
  x >>>= 0;
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

export function popcnt32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function cmpu64(ah: number, al: number, bh: number, bl: number): number {
  ah >>>= 0; bh >>>= 0;
  if (ah !== bh) return ah < bh ? -1 : 1;
  al >>>= 0; bl >>>= 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

export function cmps64(ah: number, al: number, bh: number, bl: number): number {
  ah |= 0; bh |= 0;
  if (ah !== bh) return ah < bh ? -1 : 1;
  al >>>= 0; bl >>>= 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

export function shl64(h: number, l: number, n: number): number {
  n &= 63;
  if (n === 0) { R.hi = h >>> 0; return l >>> 0; }
  if (n >= 32) { R.hi = (l << (n - 32)) >>> 0; return 0; }
  R.hi = ((h << n) | (l >>> (32 - n))) >>> 0;
  return (l << n) >>> 0;
}

export function shr64(h: number, l: number, n: number): number {
  n &= 63;
  if (n === 0) { R.hi = h >>> 0; return l >>> 0; }
  if (n >= 32) { R.hi = 0; return (h >>> (n - 32)) >>> 0; }
  R.hi = h >>> n;
  return ((l >>> n) | (h << (32 - n))) >>> 0;
}

export function sar64(h: number, l: number, n: number): number {
  n &= 63;
  if (n === 0) { R.hi = h >>> 0; return l >>> 0; }
  if (n >= 32) { R.hi = (h >> 31) >>> 0; return (h >> (n - 32)) >>> 0; }
  R.hi = (h >> n) >>> 0;
  return ((l >>> n) | (h << (32 - n))) >>> 0;
}

export function rotl64(h: number, l: number, n: number): number {
  n &= 63;
  if (n >= 32) { const t = h; h = l; l = t; n -= 32; }
  if (n === 0) { R.hi = h >>> 0; return l >>> 0; }
  R.hi = ((h << n) | (l >>> (32 - n))) >>> 0;
  return ((l << n) | (h >>> (32 - n))) >>> 0;
}

export function toNumberS(h: number, l: number): number {
  return (h | 0) * TWO32 + (l >>> 0);
}

export function toNumberU(h: number, l: number): number {
  return (h >>> 0) * TWO32 + (l >>> 0);
}
