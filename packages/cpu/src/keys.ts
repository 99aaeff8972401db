// Storage-key instructions' shared parts and moves between address spaces and keys.
//
// Keys live in Cpu.keys, one byte per 4 KiB frame of absolute storage (ACC, F, R, C as
// ISKE returns them). The TLB records what a key allowed when the page entered it, and
// the reference/change bits are set at that moment (change when a page enters the
// write TLB), so every key change flushes the TLBs of all CPUs: the next access then
// re-checks protection and sets the bits again. The PoP allows exactly this
// imprecision ("the record of references is not necessarily accurate"; a change bit
// may be set when no store happened).

import type { Cpu } from './cpu.ts';
import { PGM } from './pgm.ts';
import { RAM_BASE } from './state.ts';

const TWO32 = 4294967296;

/**
 * The absolute frame address for a real address in GPR n (PoP: bits 40-51 in the 24-bit
 * mode, 33-51 in the 31-bit mode, 0-51 in the 64-bit mode), or an addressing exception.
 */
export function frameOf(c: Cpu, n: number): number {
  const real = c.regAddr(n);
  const abs = c.realToAbs(real - (real % 4096));
  if (abs >= c.ramSize) c.pgm(PGM.ADDRESSING);
  return abs / 4096;
}

/** Whether the PSW-key mask (CR3 bits 32-47) authorises `key` in the problem state. */
export function keyAuthorized(c: Cpu, key: number): boolean {
  return ((c.cr[6]! >>> 16) & (0x8000 >>> key)) !== 0;
}

/**
 * Move `len` bytes from logical `src` (space srcAsc, access key srcKey) to logical `dst`
 * (dstAsc, dstKey), left to right one byte at a time as the PoP describes overlapping
 * moves. Every page of both operands is translated before the first byte moves, so an
 * access exception leaves storage unchanged. len <= 4096.
 */
export function moveBetween(c: Cpu, dst: number, dstAsc: number, dstKey: number,
  src: number, srcAsc: number, srcKey: number, len: number): void {
  if (len <= 0) return;
  const dat = c.dat;
  // At most two pages per operand for len <= 4096.
  c.xlate(src, false, dat, srcAsc, srcKey);
  c.xlate(c.wrap(src + len - 1), false, dat, srcAsc, srcKey);
  c.xlate(dst, true, dat, dstAsc, dstKey);
  c.xlate(c.wrap(dst + len - 1), true, dat, dstAsc, dstKey);
  const u8 = c.u8;
  let k = 0;
  while (k < len) {
    const s = c.wrap(src + k), d = c.wrap(dst + k);
    const sa = c.xlate(s, false, dat, srcAsc, srcKey);
    const da = c.xlate(d, true, dat, dstAsc, dstKey);
    let n = len - k;
    const sr = 4096 - (s % 4096), dr = 4096 - (d % 4096);
    if (sr < n) n = sr;
    if (dr < n) n = dr;
    const so = RAM_BASE + sa, dof = RAM_BASE + da;
    for (let j = 0; j < n; j++) u8[dof + j] = u8[so + j]!;
    c.codeWritten(da, n);
    k += n;
  }
}

/** GPR n as an unsigned number (exact below 2^53; larger values only compare as large). */
export function gprU(c: Cpu, n: number): number {
  return c.r[2 * n + 1]! * TWO32 + c.r[2 * n]!;
}
