// The TOD clock as this CPU sees it (host time plus the epoch difference SCK sets), the
// clock comparator and the CPU timer, all as 32-bit halves.
//
// The CPU timer is kept as "value V at host time T" and read as V minus the elapsed
// host time in TOD units (bit 51 = 1 microsecond, 4096 units per microsecond), so it
// needs no ticking and stays exact: the elapsed units fit a double exactly for 2^53
// units (about 25 days between two SPTs).

import type { Cpu } from './cpu.ts';
import { tod } from './tod.ts';

const TWO32 = 4294967296;

/** High word of the last todRead()/cptRead() result. */
export const T = { hi: 0 };

/** Host monotonic time in microseconds (the CPU timer's time base). */
export function nowUs(): number {
  return performance.now() * 1000;
}

/** TOD clock of this CPU: returns bits 32-63, bits 0-31 in T.hi. */
export function todRead(c: Cpu): number {
  const lo0 = tod.read();
  const lo = lo0 + c.epochLo;
  const carry = lo >= TWO32 ? 1 : 0;
  T.hi = (tod.hi + c.epochHi + carry) >>> 0;
  return lo >>> 0;
}

/**
 * SET CLOCK: the TOD clock is host time, so setting it records the difference between
 * the value wanted and the host clock now.
 */
export function todSet(c: Cpu, hi: number, lo: number): void {
  const l0 = tod.read();
  const h0 = tod.hi;
  const d = lo - l0;
  c.epochLo = d >>> 0;
  c.epochHi = (hi - h0 - (d < 0 ? 1 : 0)) >>> 0;
}

/** Whether the TOD clock is beyond the clock comparator (the interruption condition). */
export function ckcPending(c: Cpu): boolean {
  const lo = todRead(c);
  const hi = T.hi;
  return hi > c.ckcHi || (hi === c.ckcHi && lo > c.ckcLo);
}

/** CPU timer now: returns bits 32-63, bits 0-31 in T.hi. */
export function cptRead(c: Cpu): number {
  const e = Math.floor((nowUs() - c.cptAt) * 4096);
  if (e <= 0) { T.hi = c.cptHi; return c.cptLo; }
  const eh = Math.floor(e / TWO32);
  const el = e - eh * TWO32;
  const lo = c.cptLo - el;
  T.hi = (c.cptHi - eh - (lo < 0 ? 1 : 0)) >>> 0;
  return lo >>> 0;
}

export function cptSet(c: Cpu, hi: number, lo: number): void {
  c.cptHi = hi >>> 0;
  c.cptLo = lo >>> 0;
  c.cptAt = nowUs();
}

/** The CPU-timer interruption condition: the timer is negative. */
export function cptPending(c: Cpu): boolean {
  cptRead(c);
  return (T.hi | 0) < 0;
}

/**
 * Host time (performance.now() milliseconds) until which a CPU in the enabled wait may
 * sleep: the earliest of the clock-comparator and CPU-timer conditions it is enabled
 * for and the I/O side's next deadline.
 */
export function wakeAt(c: Cpu, ckcMask: boolean, cptMask: boolean): number {
  const now = performance.now();
  let t = Infinity;
  if (ckcMask) {
    const lo = todRead(c);
    const units = (c.ckcHi - T.hi) * TWO32 + (c.ckcLo - lo);
    const at = units <= 0 ? now : now + units / 4096 / 1000;
    if (at < t) t = at;
  }
  if (cptMask) {
    const lo = cptRead(c);
    const units = (T.hi | 0) * TWO32 + lo;
    const at = units < 0 ? now : now + units / 4096 / 1000;
    if (at < t) t = at;
  }
  if (c.ioHost) {
    const d = c.ioHost.nextDeadline();
    if (d < t) t = d;
  }
  return t;
}
