// The native MULTIPLY AND ADD path against exact arithmetic: a*b + c computed in integers
// (BigInt, tests only) and rounded to nearest-even. Wherever fmaL takes a case, its result,
// its inexact flag and the side of the exact value must be the exact ones.
import { describe, expect, it } from 'vitest';
import { fmaL, nat } from './native.ts';

const dv = new DataView(new ArrayBuffer(8));

/** x = m * 2^e exactly. */
function exact(x: number): { m: bigint; e: number } {
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0), lo = dv.getUint32(4);
  const ex = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (ex !== 0) { m |= 1n << 52n; e = ex - 1075; }
  return { m: hi >>> 31 ? -m : m, e };
}

/** m * 2^e rounded to nearest-even (normal range), and the side of the exact value. */
function roundNearest(m: bigint, e: number): { r: number; dir: number } {
  if (m === 0n) return { r: 0, dir: 0 };
  const neg = m < 0n;
  const a = neg ? -m : m;
  const shift = a.toString(2).length - 53;
  let q = shift > 0 ? a >> BigInt(shift) : a << BigInt(-shift);
  const rem = shift > 0 ? a - (q << BigInt(shift)) : 0n;
  let side = rem === 0n ? 0 : 1; // the exact magnitude lies above q
  if (shift > 0) {
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) { q += 1n; side = -1; }
  }
  const r = Number(q) * 2 ** (e + shift);
  return { r: neg ? -r : r, dir: side === 0 ? 0 : neg ? -side : side };
}

function reference(a: number, b: number, c: number): { r: number; dir: number } {
  const x = exact(a), y = exact(b), z = exact(c);
  const pe = x.e + y.e;
  const e = Math.min(pe, z.e);
  return roundNearest(((x.m * y.m) << BigInt(pe - e)) + (z.m << BigInt(z.e - e)), e);
}

/** Deterministic pseudo-random doubles with exponents in [-span, span]. */
function rng(seed: number) {
  let s = seed >>> 0;
  const u = (): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  return (span: number): number => (u() < 0.5 ? -1 : 1) * (1 + u()) * 2 ** Math.floor((u() * 2 - 1) * span);
}

describe('fmaL', () => {
  it('agrees with exact arithmetic on random operands and on near-cancellations', () => {
    const next = rng(12345);
    let taken = 0, inexact = 0, cases = 0;
    for (let k = 0; k < 20000; k++) {
      const a = next(60), b = next(60);
      // Every third case cancels the product almost exactly, so the result is the
      // product's rounding error plus a little: the cases a separate multiply and add get wrong.
      const c = k % 3 === 0 ? -(a * b) * (1 + (k % 7) * 2 ** -52) : next(120);
      cases++;
      if (!fmaL(a, b, c)) continue;
      taken++;
      const ref = reference(a, b, c);
      expect(Object.is(nat.r, ref.r), `fma(${a}, ${b}, ${c}): ${nat.r} instead of ${ref.r}`).toBe(true);
      expect(nat.dir).toBe(ref.dir);
      expect(nat.inexact).toBe(ref.dir !== 0);
      if (nat.inexact) inexact++;
    }
    // The fast path must actually carry most cases, exact and inexact ones alike.
    expect(taken).toBeGreaterThan(cases * 0.9);
    expect(inexact).toBeGreaterThan(taken / 2);
    expect(taken - inexact).toBeGreaterThan(100);
  });

  it('agrees with exact arithmetic where the sum of the error terms is itself inexact or halfway', () => {
    // Operands a few units from 1 and addends that are powers of two: products whose
    // rounding error and the sum's error overlap, so that e1 + pe does not fit in a double
    // and s + t can fall on a midpoint.
    let taken = 0, sumRounded = 0;
    for (let i = 1; i < 40; i++) {
      for (let j = 1; j < 40; j++) {
        for (let m = -80; m <= 80; m += 3) {
          for (const sign of [1, -1]) {
            const a = 1 + i * 2 ** -27, b = 1 + j * 2 ** -26, c = sign * 2 ** m * (1 + (i ^ j) * 2 ** -52);
            if (!fmaL(a, b, c)) continue;
            taken++;
            const ref = reference(a, b, c);
            expect(Object.is(nat.r, ref.r), `fma(${a}, ${b}, ${c}): ${nat.r} instead of ${ref.r}`).toBe(true);
            expect(nat.dir).toBe(ref.dir);
            const p = a * b, s2 = p + c;
            if ((p - (s2 - (s2 - p))) + (c - (s2 - p)) !== 0) sumRounded++;
          }
        }
      }
    }
    expect(taken).toBeGreaterThan(100000);
    expect(sumRounded).toBeGreaterThan(10000);
  });

  it('does not take a sum that lands exactly halfway, where the product\'s error decides', () => {
    // a*b = 2^-53 (1 + 2^-78): p = 2^-53, pe = 2^-131. With c = 1, s + t = 1 + 2^-53 is a
    // tie that rounds to 1, but the exact value is above it and rounds to 1 + 2^-52.
    const a = 1 + 2 ** -26, b = 2 ** -53 * (1 - 2 ** -26 + 2 ** -52);
    expect(reference(a, b, 1).r).toBe(1 + 2 ** -52);
    if (fmaL(a, b, 1)) expect(nat.r).toBe(1 + 2 ** -52);
    // The same below the tie: exact value under the midpoint, rounds to 1.
    const b2 = 2 ** -53 * (1 - 2 ** -26);
    expect(reference(a, b2, 1).r).toBe(1);
    if (fmaL(a, b2, 1)) expect(nat.r).toBe(1);
  });

  it('leaves zeros, infinities, NaNs and results near the ends of the range to the soft path', () => {
    expect(fmaL(0, 1, 1)).toBe(false);
    expect(fmaL(1, 1, 0)).toBe(false);
    expect(fmaL(2, 3, -6)).toBe(false); // an exact zero result: its sign rules
    expect(fmaL(Infinity, 1, 1)).toBe(false);
    expect(fmaL(NaN, 1, 1)).toBe(false);
    expect(fmaL(2 ** 1000, 2 ** 23, 1)).toBe(false);
    expect(fmaL(2 ** -1000, 2 ** -10, 2 ** -1000)).toBe(false);
  });
});
