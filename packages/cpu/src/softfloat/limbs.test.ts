// The 256-bit limb arithmetic against BigInt (a test may use BigInt; the limbs may not).
import { describe, expect, it } from 'vitest';
import * as L from './limbs.ts';

const MASK = (1n << 256n) - 1n;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

const toBig = (a: Uint32Array): bigint => {
  let v = 0n;
  for (let k = L.LIMBS - 1; k >= 0; k--) v = (v << 32n) | BigInt(a[k]!);
  return v;
};
const fromBig = (v: bigint): Uint32Array => {
  const a = L.limbs();
  for (let k = 0; k < L.LIMBS; k++) { a[k] = Number(v & 0xffffffffn); v >>= 32n; }
  return a;
};

describe('256-bit limbs', () => {
  const next = rng(4242);
  /** Random values of random widths, with runs of ones and zeros that stress carries. */
  const value = (bits: number): bigint => {
    let v = 0n;
    for (let k = 0; k < 8; k++) v = (v << 32n) | BigInt(next() % 4 === 0 ? (next() & 1 ? 0xffffffff : 0) : next());
    return v & ((1n << BigInt(bits)) - 1n);
  };

  it('add, sub, cmp, shifts with and without sticky, bitlen, bit, anyBelow agree with BigInt', () => {
    for (let t = 0; t < 3000; t++) {
      const x = value(1 + (next() % 256)), y = value(1 + (next() % 256));
      const a = fromBig(x), b = fromBig(y);
      expect(toBig(a)).toBe(x);
      expect(L.cmp(a, b)).toBe(x === y ? 0 : x < y ? -1 : 1);
      expect(L.bitlen(a)).toBe(x === 0n ? 0 : x.toString(2).length);
      const s = add(a, b); expect(toBig(s)).toBe((x + y) & MASK);
      if (x >= y) { const d = fromBig(x); L.sub(d, b); expect(toBig(d)).toBe(x - y); }
      const n = next() % 260;
      const l = fromBig(x); L.shl(l, n); expect(toBig(l)).toBe((x << BigInt(n)) & MASK);
      const r = fromBig(x); L.shr(r, n); expect(toBig(r)).toBe(x >> BigInt(n));
      const j = fromBig(x); L.shrJam(j, n);
      const lost = n > 0 && (x & ((1n << BigInt(n)) - 1n)) !== 0n;
      expect(toBig(j)).toBe((x >> BigInt(n)) | (lost ? 1n : 0n));
      expect(L.anyBelow(a, n)).toBe(n > 0 && (x & ((1n << BigInt(Math.min(n, 256))) - 1n)) !== 0n);
      const bitN = next() % 256;
      expect(L.bit(a, bitN)).toBe(Number((x >> BigInt(bitN)) & 1n));
      const inc = fromBig(x); L.addSmall(inc, 1); expect(toBig(inc)).toBe((x + 1n) & MASK);
    }
  });

  it('multiplies 128-bit operands exactly', () => {
    for (let t = 0; t < 3000; t++) {
      const x = value(1 + (next() % 128)), y = value(1 + (next() % 128));
      const d = L.limbs();
      L.mul(d, fromBig(x), fromBig(y));
      expect(toBig(d)).toBe(x * y);
    }
    const d = L.limbs();
    const max = (1n << 128n) - 1n;
    L.mul(d, fromBig(max), fromBig(max));
    expect(toBig(d)).toBe(max * max);
  });

  it('narrow variants used by divide and square root match the full ones on five limbs', () => {
    for (let t = 0; t < 2000; t++) {
      const x = value(1 + (next() % 150)), y = value(1 + (next() % 150));
      const a = fromBig(x), b = fromBig(y);
      expect(L.cmpN(a, b, 5)).toBe(L.cmp(a, b));
      const s1 = fromBig(x); L.shl1N(s1, 5); expect(toBig(s1)).toBe((x << 1n) & ((1n << 160n) - 1n));
      const s2 = fromBig(x); L.shl2N(s2, 5); expect(toBig(s2)).toBe((x << 2n) & ((1n << 160n) - 1n));
      if (x >= y) { const d = fromBig(x); L.subN(d, b, 5); expect(toBig(d)).toBe(x - y); }
    }
  });
});

function add(a: Uint32Array, b: Uint32Array): Uint32Array {
  const s = L.limbs();
  L.copy(s, a);
  L.add(s, b);
  return s;
}
