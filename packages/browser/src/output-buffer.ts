// Console output between the guest and the page: the machine appends whenever the guest
// writes, the worker drains it on a timer. Bounded, so that a guest flooding the console
// costs a fixed amount of memory and the page a fixed amount of terminal work per frame.
// What does not fit is the oldest output: after a flood the screen must show how it
// ended (the last lines, the prompt), as a real terminal that scrolled past it would.
// The count of dropped bytes lets the page say so.

export class OutputBuffer {
  private readonly ring: Uint8Array;
  private head = 0;
  private len = 0;
  /** Bytes dropped since the counter was last cleared. */
  dropped = 0;

  constructor(readonly capacity = 1 << 20) {
    this.ring = new Uint8Array(capacity);
  }

  get size(): number { return this.len; }

  push(bytes: Uint8Array): void {
    const cap = this.capacity;
    let src = bytes;
    if (src.length >= cap) {
      this.dropped += this.len + src.length - cap;
      src = src.subarray(src.length - cap);
      this.head = 0;
      this.len = 0;
    } else if (this.len + src.length > cap) {
      const drop = this.len + src.length - cap;
      this.dropped += drop;
      this.head = (this.head + drop) % cap;
      this.len -= drop;
    }
    const tail = (this.head + this.len) % cap;
    const first = Math.min(src.length, cap - tail);
    this.ring.set(src.subarray(0, first), tail);
    if (first < src.length) this.ring.set(src.subarray(first), 0);
    this.len += src.length;
  }

  /** Up to `max` bytes from the front, as a fresh array (transferable), or null when empty. */
  take(max: number): Uint8Array | null {
    if (this.len === 0) return null;
    const n = Math.min(max, this.len);
    const out = new Uint8Array(n);
    const first = Math.min(n, this.capacity - this.head);
    out.set(this.ring.subarray(this.head, this.head + first));
    if (first < n) out.set(this.ring.subarray(0, n - first), first);
    this.head = (this.head + n) % this.capacity;
    this.len -= n;
    return out;
  }
}
