// Console output between the guest and the page: the machine appends whenever the guest
// writes, the worker drains it on a timer. Bounded, so that a guest flooding the console
// costs a fixed amount of memory and the page a fixed amount of terminal work per frame;
// what does not fit is dropped (oldest kept: the start of a message matters more) and
// counted, so the page can say so.

export class OutputBuffer {
  private buf: Uint8Array;
  private len = 0;
  /** Bytes dropped since the last take(). */
  dropped = 0;

  constructor(readonly capacity = 1 << 20) {
    this.buf = new Uint8Array(Math.min(capacity, 4096));
  }

  get size(): number { return this.len; }

  push(bytes: Uint8Array): void {
    const room = this.capacity - this.len;
    const n = Math.min(room, bytes.length);
    this.dropped += bytes.length - n;
    if (n === 0) return;
    if (this.len + n > this.buf.length) {
      let cap = this.buf.length;
      while (cap < this.len + n) cap *= 2;
      const next = new Uint8Array(Math.min(cap, this.capacity));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(n === bytes.length ? bytes : bytes.subarray(0, n), this.len);
    this.len += n;
  }

  /** Up to `max` bytes from the front, as a fresh array (transferable), or null when empty. */
  take(max: number): Uint8Array | null {
    if (this.len === 0) return null;
    const n = Math.min(max, this.len);
    const out = this.buf.slice(0, n);
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
    return out;
  }
}
