// DIVIDE TO INTEGER (DIEBR, DIDBR). qemu-s390x 7.2 does not implement them (operation
// exception), so the expectations come from the PoP definition computed independently
// here with exact rational arithmetic: n = a/b rounded to an integer by the M4 method,
// remainder a - n*b, CC 0 when the quotient fits the precision; a quotient too long for
// the precision is delivered truncated to p bits with the partial remainder and CC 2.
// (BigInt is fine in a test.)
import { describe, expect, it } from 'vitest';
import { Cpu } from '../cpu.ts';
import { DEFAULT_FACILITIES } from '../facilities.ts';
import { PGM } from '../pgm.ts';
import { createMemory } from '../state.ts';
import { bfp } from './bfp.ts';

const CODE = 0x1000;

function cpu(): Cpu {
  return new Cpu({ memory: createMemory(1 << 20), ramSize: 1 << 20, facilities: DEFAULT_FACILITIES }, bfp);
}

const dv = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): [number, number] => { dv.setFloat64(0, x); return [dv.getUint32(0), dv.getUint32(4)]; };
const f32bits = (x: number): number => { dv.setFloat32(0, x); return dv.getUint32(0); };
const fromBits = (hi: number, lo: number): number => { dv.setUint32(0, hi); dv.setUint32(4, lo); return dv.getFloat64(0); };
const fromBits32 = (w: number): number => { dv.setUint32(0, w); return dv.getFloat32(0); };

/** Exact (sign, integer significand, exponent) of a finite double. */
function parts(x: number): { s: bigint; m: bigint; e: number } {
  const [hi, lo] = bitsOf(x);
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (be) m |= 1n << 52n;
  return { s: x < 0 || Object.is(x, -0) ? -1n : 1n, m, e: (be || 1) - 1075 };
}

/** The PoP result for a complete division: [quotient, remainder] as numbers, or null when partial. */
function reference(a: number, b: number, mode: number): [number, number] | null {
  const pa = parts(a), pb = parts(b);
  const e0 = Math.min(pa.e, pb.e);
  const A = pa.m << BigInt(pa.e - e0), B = pb.m << BigInt(pb.e - e0);
  const neg = pa.s !== pb.s;
  let n = A / B;
  const r = A % B;
  if (r !== 0n) {
    const twice = 2n * r;
    let up = false;
    switch (mode) {
      case 4: up = twice > B || (twice === B && (n & 1n) === 1n); break; // nearest even
      case 1: up = twice >= B; break; // nearest, ties away
      case 5: up = false; break; // toward zero
      case 6: up = !neg; break; // toward +inf
      case 7: up = neg; break; // toward -inf
    }
    if (up) n += 1n;
  }
  if (n >= 1n << 53n) return null;
  // a - n*b with n signed: n*b has the sign of a.
  const rem = pa.s * (A - n * B);
  if (rem > (1n << 53n) || rem < -(1n << 53n)) return null;
  const remV = rem === 0n ? (pa.s < 0n ? -0 : 0) : Number(rem) * 2 ** e0;
  const q = Number(n) * (neg ? -1 : 1);
  return [q === 0 ? (neg ? -0 : 0) : q, remV];
}

function run(c: Cpu, insn: number[], setup: () => void): number {
  insn.forEach((b, k) => c.st8(CODE + k, b));
  setup();
  c.ia = CODE;
  c.stopReason = null;
  let pgm = 0;
  c.programHook = (_c, code) => { pgm = code; };
  c.run(1);
  return pgm;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

describe('DIVIDE TO INTEGER (PoP definition, exact reference)', () => {
  it('didbr: random complete divisions in every rounding method', () => {
    const c = cpu();
    const rnd = rng(77);
    let checked = 0;
    for (const m4 of [1, 4, 5, 6, 7]) {
      for (let k = 0; k < 600; k++) {
        const a = (rnd() - 0.5) * 2 ** Math.floor(rnd() * 60 - 20);
        const b = (rnd() - 0.5) * 2 ** Math.floor(rnd() * 40 - 20);
        if (b === 0) continue;
        const ref = reference(a, b, m4);
        if (!ref) continue;
        // didbr %f0,%f6,%f2,m4: r1=0, r3=6, r2=2
        const pgm = run(c, [0xb3, 0x5b, 0x60 | m4, 0x02], () => {
          c.fpc = 0;
          c.fd[0] = a; c.fd[2] = b; c.fd[6] = 12345;
        });
        expect(pgm).toBe(0);
        const rem = fromBits(c.f[1]!, c.f[0]!), quo = fromBits(c.f[13]!, c.f[12]!);
        expect([Object.is(quo, ref[0]) ? 'q' : quo, Object.is(rem, ref[1]) ? 'r' : rem, c.cc], `${a} / ${b} m4=${m4}`).toEqual(['q', 'r', 0]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it('diebr: 10.5/3, 7/2, -7/2, 6/3, -6/3 and the FPC-mode default', () => {
    const c = cpu();
    const cases: [number, number, number, number, number, number][] = [
      // a, b, m4, fpc, quotient, remainder
      [10.5, 3, 4, 0, 4, -1.5],
      [10.5, 3, 5, 0, 3, 1.5],
      [7, 2, 4, 0, 4, -1],
      [7, 2, 1, 0, 4, -1],
      [7, 2, 5, 0, 3, 1],
      [-7, 2, 7, 0, -4, 1],
      [-7, 2, 6, 0, -3, -1],
      [6, 3, 4, 0, 2, 0],
      [-6, 3, 4, 0, -2, -0],
      [1, 3, 4, 0, 0, 1],
      [-1, 3, 4, 0, -0, -1],
      [7, 2, 0, 1, 3, 1], // M4 0: the FPC mode (1 = toward zero)
    ];
    for (const [a, b, m4, fpc, q, r] of cases) {
      run(c, [0xb3, 0x53, 0x60 | m4, 0x02], () => {
        c.fpc = fpc;
        c.f[1] = f32bits(a); c.f[5] = f32bits(b); c.f[13] = 0;
      });
      expect([fromBits32(c.f[13]!), fromBits32(c.f[1]!), c.cc], `${a}/${b} m4=${m4}`).toEqual([q, r, 0]);
      expect(Object.is(fromBits32(c.f[1]!), r)).toBe(true);
      expect(Object.is(fromBits32(c.f[13]!), q)).toBe(true);
    }
  });

  it('diebr: a quotient longer than 24 bits is partial (truncated quotient, partial remainder, CC 2)', () => {
    const c = cpu();
    run(c, [0xb3, 0x53, 0x64, 0x02], () => {
      c.fpc = 0;
      c.f[1] = f32bits(2 ** 60); c.f[5] = f32bits(3);
    });
    // 2^60/3 truncated to 24 significant bits is floor(2^25/3) * 2^35; the remainder is
    // 2^60 - 3 * that = (2^25 mod 3) * 2^35 = 2^36.
    expect(fromBits32(c.f[13]!)).toBe(Math.floor(2 ** 25 / 3) * 2 ** 35);
    expect(fromBits32(c.f[1]!)).toBe(2 ** 36);
    expect(c.cc).toBe(2);
  });

  it('M4 2 and overlapping registers are specification exceptions', () => {
    const c = cpu();
    const set = () => { c.fpc = 0; c.fd[0] = 7; c.fd[2] = 2; c.fd[6] = 99; };
    // didbr with M4 2; didbr %f0,%f0,%f2 / %f0,%f6,%f0 / %f0,%f2,%f2 with M4 4.
    for (const insn of [[0xb3, 0x5b, 0x62, 0x02], [0xb3, 0x5b, 0x04, 0x02], [0xb3, 0x5b, 0x64, 0x00], [0xb3, 0x5b, 0x24, 0x02]]) {
      expect(run(c, insn, set)).toBe(PGM.SPECIFICATION);
      expect([c.fd[0], c.fd[2], c.fd[6]]).toEqual([7, 2, 99]);
    }
  });

  it('special operands: infinite divisor, invalid cases, NaN propagation, trap', () => {
    const c = cpu();
    const setL = (a: number, b: number, fpc = 0) => () => { c.fpc = fpc; c.fd[0] = a; c.fd[2] = b; c.fd[6] = 99; };
    run(c, [0xb3, 0x5b, 0x64, 0x02], setL(5, Infinity));
    expect([c.fd[0], c.fd[6], c.cc]).toEqual([5, 0, 0]);
    run(c, [0xb3, 0x5b, 0x64, 0x02], setL(Infinity, 2));
    expect([Number.isNaN(c.fd[0]), Number.isNaN(c.fd[6]), c.cc, c.fpc]).toEqual([true, true, 1, 0x00800000]);
    run(c, [0xb3, 0x5b, 0x64, 0x02], setL(1, 0));
    expect([Number.isNaN(c.fd[0]), c.cc, c.fpc]).toEqual([true, 1, 0x00800000]);
    const pgm = run(c, [0xb3, 0x5b, 0x64, 0x02], setL(1, 0, 0x80000000));
    expect([pgm, c.fd[0], c.fd[6], c.fpc]).toEqual([PGM.DATA, 1, 99, 0x80008000]);
    run(c, [0xb3, 0x5b, 0x64, 0x02], () => { c.fpc = 0; c.f[1] = 0x7ff80000; c.f[0] = 5; c.fd[2] = 2; });
    expect([c.f[1], c.f[0], c.f[13], c.f[12], c.cc]).toEqual([0x7ff80000, 5, 0x7ff80000, 5, 1]);
  });
});
