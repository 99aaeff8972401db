// The TOD clock, derived from host time until the privileged architecture brings SCK,
// the TOD programmable register and per-machine epochs.
//
// z/Architecture's TOD clock counts from 1900-01-01 00:00 UTC and bit 51 is one
// microsecond, so the 64-bit value is microseconds * 4096. The host gives milliseconds
// as a double; microseconds since 1900 (about 3.9e15) still fit a double exactly, and the
// value is produced as two 32-bit halves so that no BigInt is needed.

/** Seconds from 1900-01-01 to 1970-01-01 (70 years, 17 of them leap years). */
const EPOCH_1900_TO_1970_S = 2208988800;
const TWO20 = 1048576;

function hostMicros(): number {
  // performance.timeOrigin + now() is monotonic within this process and close to UTC.
  return (performance.timeOrigin + performance.now()) * 1000 + EPOCH_1900_TO_1970_S * 1e6;
}

export class TodClock {
  /** High word (bits 0-31) of the value last produced. */
  hi = 0;
  /** Low word (bits 32-63) of the value last produced. */
  lo = 0;

  /**
   * Advance to the current time and return the low word (the high word is in `hi`).
   * The value is strictly greater than any value returned before, as STCK requires of
   * values stored by consecutive STCKs (uniqueness); when the host clock has not moved
   * on, the value is bumped by one unit of bit 63.
   */
  read(): number {
    const us = hostMicros();
    const whole = Math.floor(us);
    const hi = Math.floor(whole / TWO20);
    const lo = ((whole - hi * TWO20) * 4096 + Math.floor((us - whole) * 4096)) >>> 0;
    if (hi > this.hi || (hi === this.hi && lo > this.lo)) {
      this.hi = hi >>> 0;
      this.lo = lo;
    } else if (this.lo === 0xffffffff) {
      this.hi = (this.hi + 1) >>> 0;
      this.lo = 0;
    } else {
      this.lo = this.lo + 1;
    }
    return this.lo;
  }
}

/** The clock of this machine (every CPU of a worker shares it). */
export const tod = new TodClock();
