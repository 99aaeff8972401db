// The transport-independent part of a virtio device: feature bits, device status,
// configuration space, virtqueues and the "device error" path (QEMU's virtio_error:
// the device stops and, for a VERSION_1 driver, sets DEVICE_NEEDS_RESET and signals a
// configuration change).

import type { GuestRam } from './guest-ram.ts';
import { Virtqueue } from './virtqueue.ts';

export const VIRTIO_CONFIG_S_ACKNOWLEDGE = 1;
export const VIRTIO_CONFIG_S_DRIVER = 2;
export const VIRTIO_CONFIG_S_DRIVER_OK = 4;
export const VIRTIO_CONFIG_S_FEATURES_OK = 8;
export const VIRTIO_CONFIG_S_NEEDS_RESET = 0x40;
export const VIRTIO_CONFIG_S_FAILED = 0x80;

/** Low-word feature bits. */
export const VIRTIO_F_NOTIFY_ON_EMPTY = 1 << 24;
export const VIRTIO_F_ANY_LAYOUT = 1 << 27;
export const VIRTIO_RING_F_INDIRECT_DESC = 1 << 28;
/** High-word feature bits (bit 32 + n). */
export const VIRTIO_F_VERSION_1_HI = 1 << 0;

/** Features only a legacy (revision 0) driver is offered. */
export const LEGACY_FEATURES = VIRTIO_F_NOTIFY_ON_EMPTY | VIRTIO_F_ANY_LAYOUT;

/** The queue index QEMU uses as the "configuration changed" vector. */
export const VIRTIO_QUEUE_MAX = 1024;

export interface VirtioTransport {
  /** Signal the driver: a queue index, or VIRTIO_QUEUE_MAX for a configuration change. */
  notify(vector: number): void;
}

export abstract class VirtioDevice {
  abstract readonly deviceId: number;
  readonly queues: Virtqueue[];
  /** Offered features, low and high words (device-specific bits included). */
  hostLo: number;
  hostHi: number;
  guestLo = 0;
  guestHi = 0;
  status = 0;
  broken = false;
  /** Bumped on every reset: completions of requests from before a reset are dropped. */
  generation = 0;
  transport: VirtioTransport | null = null;

  constructor(readonly ram: GuestRam, queueSizes: number[], deviceLo: number, deviceHi = 0) {
    this.queues = queueSizes.map((n) => new Virtqueue(ram, n));
    this.hostLo = (deviceLo | VIRTIO_F_NOTIFY_ON_EMPTY | VIRTIO_F_ANY_LAYOUT | VIRTIO_RING_F_INDIRECT_DESC) >>> 0;
    this.hostHi = (deviceHi | VIRTIO_F_VERSION_1_HI) >>> 0;
  }

  /** Whether the driver negotiated VIRTIO_F_VERSION_1 (little-endian rings and config). */
  get modern(): boolean { return (this.guestHi & VIRTIO_F_VERSION_1_HI) !== 0; }

  /** Bytes of configuration space. */
  abstract readonly configLen: number;
  /** The current configuration space (in the byte order the driver expects). */
  abstract readConfig(): Uint8Array;
  /** The driver wrote `data` at configuration offset 0. */
  writeConfig(_data: Uint8Array): void {}
  /** The driver kicked queue `index`. */
  abstract handleQueue(index: number): void;
  /** Device-specific reset work. */
  protected onReset(): void {}

  /** Accept the driver's features for word `index` (0 or 1); unsupported bits are dropped. */
  setFeatures(index: number, bits: number): void {
    if (this.status & VIRTIO_CONFIG_S_FEATURES_OK) return;
    if (index === 0) this.guestLo = (bits & this.hostLo) >>> 0;
    else if (index === 1) this.guestHi = (bits & this.hostHi) >>> 0;
    const le = this.modern;
    for (const q of this.queues) q.le = le;
  }

  setStatus(v: number): void {
    this.status = v & 0xff;
    if (this.status === 0) this.reset();
  }

  reset(): void {
    this.status = 0;
    this.guestLo = 0;
    this.guestHi = 0;
    this.broken = false;
    this.generation++;
    for (const q of this.queues) { q.reset(); q.le = false; }
    this.onReset();
  }

  /** Driver kick from the transport. */
  kick(index: number): void {
    const q = this.queues[index];
    if (!q || q.desc === 0 || this.broken) return;
    this.handleQueue(index);
    this.checkBroken(index);
  }

  /** Turn a broken queue into the device error. */
  checkBroken(index: number): void {
    const q = this.queues[index];
    if (q && q.broken && !this.broken) this.error();
  }

  error(): void {
    this.broken = true;
    if (this.modern) {
      this.status |= VIRTIO_CONFIG_S_NEEDS_RESET;
      this.configChanged();
    }
  }

  configChanged(): void {
    if (!(this.status & VIRTIO_CONFIG_S_DRIVER_OK)) return;
    this.transport?.notify(VIRTIO_QUEUE_MAX);
  }

  /** Interrupt the driver for queue `index` if it asked for that. */
  notifyQueue(index: number): void {
    const q = this.queues[index]!;
    if (this.broken || !q.ready) return;
    if (q.shouldNotify((this.guestLo & VIRTIO_F_NOTIFY_ON_EMPTY) !== 0)) this.transport?.notify(index);
  }

  /** A 16/32/64-bit configuration field in the driver's byte order. */
  protected put16(b: Uint8Array, o: number, v: number): void {
    if (this.modern) { b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff; } else { b[o] = (v >>> 8) & 0xff; b[o + 1] = v & 0xff; }
  }
  protected put32(b: Uint8Array, o: number, v: number): void {
    const d = new DataView(b.buffer, b.byteOffset);
    d.setUint32(o, v >>> 0, this.modern);
  }
  protected put64(b: Uint8Array, o: number, v: number): void {
    const hi = Math.floor(v / 4294967296) >>> 0;
    const lo = v >>> 0;
    if (this.modern) { this.put32(b, o, lo); this.put32(b, o + 4, hi); } else { this.put32(b, o, hi); this.put32(b, o + 4, lo); }
  }
  /** Read 16/32/64-bit values in the driver's byte order from a request header. */
  get16(b: Uint8Array, o: number): number {
    return this.modern ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
  }
  get32(b: Uint8Array, o: number): number {
    return new DataView(b.buffer, b.byteOffset).getUint32(o, this.modern);
  }
  /** 64-bit value as a number; values >= 2^53 saturate (they exceed any disk anyway). */
  get64(b: Uint8Array, o: number): number {
    const d = new DataView(b.buffer, b.byteOffset);
    const hi = this.modern ? d.getUint32(o + 4, true) : d.getUint32(o, false);
    const lo = this.modern ? d.getUint32(o, true) : d.getUint32(o + 4, false);
    return hi >= 0x200000 ? Number.MAX_SAFE_INTEGER : hi * 4294967296 + lo;
  }
}
