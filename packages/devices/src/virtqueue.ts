// Split virtqueues (virtio 1.x section 2.7, and the legacy layout), read and written
// only through GuestRam's bounds-checked accessors. Ring fields are little-endian once
// VIRTIO_F_VERSION_1 is negotiated and big-endian (s390 guest order) for legacy drivers.
//
// Every descriptor chain is bounded: at most `num` descriptors in the ring walk (a loop
// cannot be longer), at most 1024 in an indirect table, no nested indirect tables, no
// readable descriptor after a writable one, every buffer inside RAM. A violation marks
// the queue broken; the device then reports DEVICE_NEEDS_RESET as QEMU's virtio_error.

import type { GuestRam } from './guest-ram.ts';

export const VRING_DESC_F_NEXT = 1;
export const VRING_DESC_F_WRITE = 2;
export const VRING_DESC_F_INDIRECT = 4;
export const VRING_AVAIL_F_NO_INTERRUPT = 1;
/** The largest queue (and indirect table) a device accepts (QEMU's VIRTQUEUE_MAX_SIZE). */
export const VIRTQUEUE_MAX_SIZE = 1024;

/** One popped request: the head index and the buffers, readable ones first. */
export class VqElement {
  head = 0;
  /** Guest addresses and lengths of the device-readable buffers. */
  outAddr: number[] = [];
  outLen: number[] = [];
  /** ... and of the device-writable buffers. */
  inAddr: number[] = [];
  inLen: number[] = [];

  get outBytes(): number { let n = 0; for (const l of this.outLen) n += l; return n; }
  get inBytes(): number { let n = 0; for (const l of this.inLen) n += l; return n; }

  /** Gather `len` readable bytes starting at byte `skip` into a new array. */
  readOut(ram: GuestRam, skip: number, len: number): Uint8Array {
    const dst = new Uint8Array(len);
    let pos = 0;
    for (let k = 0; k < this.outAddr.length && pos < len; k++) {
      const l = this.outLen[k]!;
      if (skip >= l) { skip -= l; continue; }
      const n = Math.min(l - skip, len - pos);
      ram.read(this.outAddr[k]! + skip, dst, pos, n);
      pos += n;
      skip = 0;
    }
    return dst;
  }

  /** Scatter `src` into the writable buffers starting at byte `skip`; returns bytes written. */
  writeIn(ram: GuestRam, skip: number, src: Uint8Array, off = 0, len = src.length - off): number {
    let pos = 0;
    for (let k = 0; k < this.inAddr.length && pos < len; k++) {
      const l = this.inLen[k]!;
      if (skip >= l) { skip -= l; continue; }
      const n = Math.min(l - skip, len - pos);
      ram.write(this.inAddr[k]! + skip, src, off + pos, n);
      pos += n;
      skip = 0;
    }
    return pos;
  }
}

export class Virtqueue {
  /** Queue size the device offers (READ_VQ_CONF). */
  readonly maxNum: number;
  num: number;
  desc = 0;
  avail = 0;
  used = 0;
  lastAvail = 0;
  usedIdx = 0;
  /** Requests popped but not yet returned. */
  inUse = 0;
  /** Ring fields little-endian (VERSION_1 negotiated) or big-endian (legacy, the default). */
  le = false;
  /** Set on any malformed ring or chain. */
  broken = false;
  /** Why the queue broke (for diagnostics). */
  error = '';

  constructor(private readonly ram: GuestRam, maxNum: number) {
    this.maxNum = maxNum;
    this.num = maxNum;
  }

  get ready(): boolean { return this.desc !== 0 && !this.broken; }

  reset(): void {
    this.num = this.maxNum;
    this.desc = 0; this.avail = 0; this.used = 0;
    this.lastAvail = 0; this.usedIdx = 0; this.inUse = 0;
    this.broken = false; this.error = '';
  }

  /** Legacy layout: descriptors, available ring, used ring aligned to `align`. */
  setLegacy(addr: number, align: number): void {
    this.desc = addr;
    this.avail = addr + 16 * this.num;
    const end = this.avail + 4 + 2 * this.num + 2;
    this.used = Math.ceil(end / align) * align;
  }

  private r16(a: number): number { return this.le ? this.ram.r16le(a) : this.ram.r16(a); }
  private w16(a: number, v: number): void { if (this.le) this.ram.w16le(a, v); else this.ram.w16(a, v); }
  private r32(a: number): number { return this.le ? this.ram.r32le(a) : this.ram.r32(a); }
  private w32(a: number, v: number): void { if (this.le) this.ram.w32le(a, v); else this.ram.w32(a, v); }
  private r64(a: number): number { return this.le ? this.ram.r64addrLe(a) : this.ram.r64addr(a); }

  private fail(why: string): null {
    this.broken = true;
    this.error = why;
    return null;
  }

  /** Whether the driver has published requests we have not taken. */
  hasWork(): boolean {
    if (!this.ready || !this.ram.ok(this.avail, 4)) return false;
    return this.r16(this.avail + 2) !== this.lastAvail;
  }

  /** Take the next request, or null (none, or the queue broke: check `broken`). */
  pop(): VqElement | null {
    if (!this.ready) return null;
    const num = this.num;
    if (!this.ram.ok(this.desc, 16 * num) || !this.ram.ok(this.avail, 6 + 2 * num) || !this.ram.ok(this.used, 6 + 8 * num)) {
      return this.fail('ring outside guest memory');
    }
    const idx = this.r16(this.avail + 2);
    const pending = (idx - this.lastAvail) & 0xffff;
    if (pending === 0) return null;
    if (pending > num) return this.fail('guest moved the available index too far');
    const head = this.r16(this.avail + 4 + 2 * (this.lastAvail % num));
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    if (head >= num) return this.fail('descriptor head out of range');
    const el = new VqElement();
    el.head = head;
    let table = this.desc;
    let size = num;
    let i = head;
    let indirect = false;
    let seen = 0;
    for (;;) {
      const d = table + 16 * i;
      const addr = this.r64(d);
      const len = this.r32(d + 8);
      const flags = this.r16(d + 12);
      const next = this.r16(d + 14);
      if (flags & VRING_DESC_F_INDIRECT) {
        if (indirect) return this.fail('indirect descriptor in an indirect table');
        if (seen > 0) return this.fail('indirect descriptor after a direct one');
        if (len === 0 || len % 16 !== 0 || len / 16 > VIRTQUEUE_MAX_SIZE) return this.fail('bad indirect table size');
        if (!this.ram.ok(addr, len)) return this.fail('indirect table outside guest memory');
        indirect = true;
        table = addr;
        size = len / 16;
        i = 0;
        continue;
      }
      if (++seen > size) return this.fail('descriptor loop');
      if (!this.ram.ok(addr, len)) return this.fail('buffer outside guest memory');
      if (flags & VRING_DESC_F_WRITE) {
        el.inAddr.push(addr); el.inLen.push(len);
      } else {
        if (el.inAddr.length > 0) return this.fail('readable descriptor after a writable one');
        el.outAddr.push(addr); el.outLen.push(len);
      }
      if (!(flags & VRING_DESC_F_NEXT)) break;
      if (next >= size) return this.fail('next descriptor out of range');
      i = next;
    }
    this.inUse++;
    return el;
  }

  /** Return a request with `len` bytes written by the device. */
  push(el: VqElement, len: number): void {
    if (this.broken || this.desc === 0) return;
    const slot = this.used + 4 + 8 * (this.usedIdx % this.num);
    this.w32(slot, el.head);
    this.w32(slot + 4, len);
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    this.w16(this.used + 2, this.usedIdx);
    if (this.inUse > 0) this.inUse--;
  }

  /** Whether the driver wants an interruption now (no EVENT_IDX here). */
  shouldNotify(notifyOnEmpty: boolean): boolean {
    if (notifyOnEmpty && this.inUse === 0 && !this.hasWork()) return true;
    return (this.r16(this.avail) & VRING_AVAIL_F_NO_INTERRUPT) === 0;
  }
}
