// int64.ts against BigInt arithmetic (BigInt is the reference here, in the test only):
// edge values and a deterministic pseudo-random sweep.
import { describe, expect, it } from 'vitest';
import {
  R, add64, addc64, clz64, cmps64, cmpu64, ctz32, divu128by64, divu64, divu64by32, mul64lo, mulu32, muls32,
  mulu64, muls64, neg64, popcnt32, rotl64, sar64, shl64, shr64, sub64, subb64, toNumberS, toNumberU,
} from '../int64.ts';

const M32 = 0xffffffffn;
const M64 = (1n << 64n) - 1n;
const hi = (v: bigint): number => Number((v >> 32n) & M32);
const lo = (v: bigint): number => Number(v & M32);
const u64 = (h: number, l: number): bigint => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
/** A 64-bit result: the returned low word (evaluated first) and R.hi. */
const w = (l: number): bigint => u64(R.hi, l);
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);

// xorshift64*: reproducible operands.
let seed = 0x9e3779b97f4a7c15n;
function rnd64(): bigint {
  seed ^= seed >> 12n; seed ^= (seed << 25n) & M64; seed ^= seed >> 27n;
  const v = (seed * 0x2545f4914f6cdd1dn) & M64;
  // Bias towards edge shapes: short values, all-ones high halves, single bits.
  switch (Number(v & 7n)) {
    case 0: return v & 0xffffn;
    case 1: return v | 0xffffffff00000000n;
    case 2: return 1n << (v % 64n);
    case 3: return v >> (v % 64n);
    default: return v;
  }
}

const EDGE = [0n, 1n, 2n, 3n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x1fffffffffffffn, 0x20000000000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, M64, M64 - 1n, 0x123456789abcdef0n];
const V: bigint[] = [...EDGE];
while (V.length < 140) V.push(rnd64());
const W = V.slice(0, 45);

describe('int64 helpers against BigInt', () => {
  it('add and subtract with carry and borrow', () => {
    for (const a of V) for (const b of W) {
      let s = a + b;
      expect(w(add64(hi(a), lo(a), hi(b), lo(b)))).toBe(s & M64);
      expect(R.carry).toBe(s > M64 ? 1 : 0);
      s = a + b + 1n;
      expect(w(addc64(hi(a), lo(a), hi(b), lo(b), 1))).toBe(s & M64);
      expect(R.carry).toBe(s > M64 ? 1 : 0);
      let d = a - b;
      expect(w(sub64(hi(a), lo(a), hi(b), lo(b)))).toBe(d & M64);
      expect(R.carry).toBe(d >= 0n ? 1 : 0);
      d = a - b - 1n;
      expect(w(subb64(hi(a), lo(a), hi(b), lo(b), 1))).toBe(d & M64);
      expect(R.carry).toBe(d >= 0n ? 1 : 0);
      expect(cmpu64(hi(a), lo(a), hi(b), lo(b))).toBe(a === b ? 0 : a < b ? -1 : 1);
      expect(cmps64(hi(a), lo(a), hi(b), lo(b))).toBe(s64(a) === s64(b) ? 0 : s64(a) < s64(b) ? -1 : 1);
    }
  });

  it('negation, counts, shifts and rotates', () => {
    for (const a of V) {
      expect(w(neg64(hi(a), lo(a)))).toBe(-a & M64);
      expect(clz64(hi(a), lo(a))).toBe(a === 0n ? 64 : 64 - a.toString(2).length);
      const l = lo(a);
      expect(popcnt32(l)).toBe([...l.toString(2)].filter((x) => x === '1').length);
      expect(ctz32(l)).toBe(l === 0 ? 32 : l.toString(2).length - 1 - l.toString(2).lastIndexOf('1'));
      for (let n = 0; n < 64; n += 1) {
        const N = BigInt(n);
        expect(w(shl64(hi(a), lo(a), n))).toBe((a << N) & M64);
        expect(w(shr64(hi(a), lo(a), n))).toBe(a >> N);
        expect(w(sar64(hi(a), lo(a), n))).toBe(BigInt.asUintN(64, s64(a) >> N));
        expect(w(rotl64(hi(a), lo(a), n))).toBe(((a << N) | (a >> ((64n - N) % 64n))) & M64);
      }
      if (a < 1n << 53n) expect(toNumberU(hi(a), lo(a))).toBe(Number(a));
      if (s64(a) > -(1n << 53n) && s64(a) < 1n << 53n) expect(toNumberS(hi(a), lo(a))).toBe(Number(s64(a)));
    }
  });

  it('multiplies 32x32, 64x64 low, and 64x64 to 128 bits, unsigned and signed', () => {
    for (const a of V) for (const b of W) {
      const a32 = a & M32, b32 = b & M32;
      expect(w(mulu32(lo(a), lo(b)))).toBe(a32 * b32);
      expect(w(muls32(lo(a), lo(b)))).toBe(BigInt.asUintN(64, BigInt.asIntN(32, a32) * BigInt.asIntN(32, b32)));
      expect(w(mul64lo(hi(a), lo(a), hi(b), lo(b)))).toBe((a * b) & M64);
      let p = a * b;
      let w0 = mulu64(hi(a), lo(a), hi(b), lo(b));
      expect((BigInt(R.w3) << 96n) | (BigInt(R.w2) << 64n) | (BigInt(R.hi) << 32n) | BigInt(w0)).toBe(p);
      p = BigInt.asUintN(128, s64(a) * s64(b));
      w0 = muls64(hi(a), lo(a), hi(b), lo(b));
      expect((BigInt(R.w3) << 96n) | (BigInt(R.w2) << 64n) | (BigInt(R.hi) << 32n) | BigInt(w0)).toBe(p);
    }
  });

  it('divides 64/32, 64/64 and 128/64, reporting zero divisors and wide quotients', () => {
    for (const a of V) for (const b of W) {
      // 64 / 32 with the quotient limited to 32 bits.
      const d32 = b & M32;
      const ok32 = divu64by32(hi(a), lo(a), lo(b));
      if (d32 === 0n || a / d32 > M32) expect(ok32).toBe(false);
      else {
        expect(ok32).toBe(true);
        expect([R.ql, R.rl]).toEqual([Number(a / d32), Number(a % d32)]);
      }
      // 64 / 64.
      const ok64 = divu64(hi(a), lo(a), hi(b), lo(b));
      if (b === 0n) expect(ok64).toBe(false);
      else {
        expect(ok64).toBe(true);
        expect([u64(R.qh, R.ql), u64(R.rh, R.rl)]).toEqual([a / b, a % b]);
      }
      // 128 / 64, dividend (a, rotated a) so the high half is sometimes below the divisor.
      for (const top of [a >> 7n, a, 0n]) {
        const n = (top << 64n) | ((a * 0x9e3779b97f4a7c15n) & M64);
        const ok = divu128by64(hi(top), lo(top), hi(n & M64), lo(n & M64), hi(b), lo(b));
        if (b === 0n || n / b > M64) expect(ok).toBe(false);
        else {
          expect(ok).toBe(true);
          expect([u64(R.qh, R.ql), u64(R.rh, R.rl)]).toEqual([n / b, n % b]);
        }
      }
    }
  });
});
