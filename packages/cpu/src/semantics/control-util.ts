// Register helpers shared by the control-family semantics: addresses and lengths held in
// general registers, written back the way the architecture wants for each addressing
// mode, and 64-bit arithmetic on 32-bit halves.
import type { Cpu } from '../cpu.ts';

export const TWO32 = 4294967296;

/** Store a 64-bit address (a number below 2^64) into GPR n (64-bit mode). */
export function setGpr64FromNumber(c: Cpu, n: number, a: number): void {
  const hi = Math.floor(a / TWO32);
  c.r[2 * n + 1] = hi >>> 0;
  c.r[2 * n] = (a - hi * TWO32) >>> 0;
}

/**
 * Write an updated operand address to GPR n. In the 24-bit mode only bits 40-63 change
 * (bits 32-39 are left alone, one of the two choices the PoP allows, QEMU's as well, so
 * TRT can use it); in the 31-bit mode bit 32 becomes zero; bits 0-31 stay unless 64-bit.
 */
export function setAddr(c: Cpu, n: number, a: number): void {
  if (c.amode === 3) setGpr64FromNumber(c, n, a);
  else if (c.amode === 1) c.r[2 * n] = a & 0x7fffffff;
  else c.r[2 * n] = ((c.r[2 * n]! & 0xff000000) | (a & 0xffffff)) >>> 0;
}

/** Like setAddr, but bit 32 is also left alone in the 31-bit mode (CKSM, as QEMU). */
export function setAddrKeep(c: Cpu, n: number, a: number): void {
  if (c.amode === 1) c.r[2 * n] = ((c.r[2 * n]! & 0x80000000) | (a & 0x7fffffff)) >>> 0;
  else setAddr(c, n, a);
}

/** Like setAddr, but bits 32-39 (24-bit mode) or bit 32 (31-bit mode) become zero. */
export function setAddrZero(c: Cpu, n: number, a: number): void {
  if (c.amode === 3) setGpr64FromNumber(c, n, a);
  else c.r[2 * n] = c.amode === 1 ? a & 0x7fffffff : a & 0xffffff;
}

/**
 * Operand length in GPR n for the extended long forms: 64 bits in the 64-bit mode, bits
 * 32-63 otherwise. Returned capped at `cap` (lengths can exceed 2^53; callers only ever
 * need "how much of it this execution may process").
 */
export function lenCap(c: Cpu, n: number, cap: number): number {
  if (c.amode === 3 && c.r[2 * n + 1] !== 0) return cap;
  const lo = c.r[2 * n]!;
  return lo < cap ? lo : cap;
}

/** Whether the length in GPR n (64 or 32 bits by mode) is zero. */
export function lenZero(c: Cpu, n: number): boolean {
  return c.r[2 * n] === 0 && (c.amode !== 3 || c.r[2 * n + 1] === 0);
}

/** Compare the lengths in GPRs a and b (unsigned): -1, 0, 1. */
export function lenCmp(c: Cpu, a: number, b: number): number {
  if (c.amode === 3) {
    const ha = c.r[2 * a + 1]!, hb = c.r[2 * b + 1]!;
    if (ha !== hb) return ha < hb ? -1 : 1;
  }
  const la = c.r[2 * a]!, lb = c.r[2 * b]!;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Subtract k (0 <= k <= the length) from the length in GPR n. */
export function lenSub(c: Cpu, n: number, k: number): void {
  const lo = c.r[2 * n]! - k;
  if (lo < 0) {
    c.r[2 * n] = (lo + TWO32) >>> 0;
    if (c.amode === 3) c.r[2 * n + 1] = (c.r[2 * n + 1]! - 1) >>> 0;
  } else {
    c.r[2 * n] = lo;
  }
}

/** Signed comparison of two 64-bit values given as halves: -1, 0, 1. */
export function cmpS64(ah: number, al: number, bh: number, bl: number): number {
  if (ah !== bh) return (ah | 0) < (bh | 0) ? -1 : 1;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

/** Unsigned comparison of two 64-bit values given as halves: -1, 0, 1. */
export function cmpU64(ah: number, al: number, bh: number, bl: number): number {
  if (ah !== bh) return ah < bh ? -1 : 1;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

/**
 * Set while EXECUTE runs its subject: an interruptible subject (MVCL, CLCL) that stops
 * between units must resume by executing the EXECUTE again, not the subject in place.
 */
export const exState = { active: false, origin: 0 };

/** Address at which an interrupted instruction is executed again. */
export function resumeAddress(c: Cpu): number {
  return exState.active ? exState.origin : c.cur;
}

/**
 * The low 32 bits of the effective address D(X,B), exactly. Addresses are doubles in the
 * core and lose their low bits above 2^53, so alignment checks (specification
 * exceptions) look at this instead.
 */
export function eaLow(c: Cpu, x: number, b: number, d: number): number {
  let v = d;
  if (x !== 0) v += c.r[2 * x]!;
  if (b !== 0) v += c.r[2 * b]!;
  return v >>> 0;
}

/** Bytes from a to the end of its 4 KiB page. */
export function toPageEnd(a: number): number {
  return 4096 - (a % 4096);
}
