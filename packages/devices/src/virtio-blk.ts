// virtio-blk (virtio 1.x section 5.2): one request queue; IN, OUT, FLUSH and GET_ID;
// anything else answers UNSUPP. Requests go to an asynchronous backend and complete
// in order of backend completion; a device reset in between drops the completion.
//
// Request layout: header (type u32, reserved u32, sector u64) readable, data, then one
// writable status byte. Malformed requests (header too short, no status byte) are a
// device error, as QEMU's "virtio-blk missing headers".

import type { BlockBackend } from './backends.ts';
import type { GuestRam } from './guest-ram.ts';
import { VirtioDevice } from './virtio.ts';
import type { VqElement } from './virtqueue.ts';

export const VIRTIO_ID_BLOCK = 2;
export const VIRTIO_BLK_F_SIZE_MAX = 1 << 1;
export const VIRTIO_BLK_F_SEG_MAX = 1 << 2;
export const VIRTIO_BLK_F_RO = 1 << 5;
export const VIRTIO_BLK_F_BLK_SIZE = 1 << 6;
export const VIRTIO_BLK_F_FLUSH = 1 << 9;

export const VIRTIO_BLK_T_IN = 0;
export const VIRTIO_BLK_T_OUT = 1;
export const VIRTIO_BLK_T_FLUSH = 4;
export const VIRTIO_BLK_T_GET_ID = 8;
export const VIRTIO_BLK_S_OK = 0;
export const VIRTIO_BLK_S_IOERR = 1;
export const VIRTIO_BLK_S_UNSUPP = 2;
export const VIRTIO_BLK_ID_BYTES = 20;

const SECTOR = 512;
/** Largest single transfer the device accepts (Linux sends at most seg_max x 64 KiB). */
export const BLK_MAX_REQUEST = 32 << 20;
/** Host buffer bytes in flight at most; the queue waits beyond that. */
export const BLK_MAX_INFLIGHT_BYTES = 64 << 20;
/** Configuration space through num_queues (QEMU's minimum config size). */
const CONFIG_LEN = 36;

export interface VirtioBlkOptions {
  queueSize?: number;
}

export class VirtioBlk extends VirtioDevice {
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly configLen = CONFIG_LEN;
  private readonly cfg = new Uint8Array(CONFIG_LEN);
  /** Requests handed to the backend and not yet completed, and their buffer bytes. */
  inflight = 0;
  inflightBytes = 0;

  constructor(ram: GuestRam, readonly backend: BlockBackend, opts: VirtioBlkOptions = {}) {
    const qs = opts.queueSize ?? 256;
    super(ram, [qs], VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_BLK_SIZE | VIRTIO_BLK_F_FLUSH
      | (backend.readOnly ? VIRTIO_BLK_F_RO : 0));
  }

  get sectors(): number { return Math.floor(this.backend.size / SECTOR); }

  readConfig(): Uint8Array {
    const c = this.cfg;
    c.fill(0);
    this.put64(c, 0, this.sectors);
    // size_max stays 0 and VIRTIO_BLK_F_SIZE_MAX unoffered, as in QEMU.
    this.put32(c, 12, this.queues[0]!.maxNum - 2);
    this.put32(c, 20, SECTOR);
    this.put16(c, 34, 1);
    return c;
  }

  handleQueue(index: number): void {
    if (index !== 0) return;
    const q = this.queues[0]!;
    for (let n = 0; n < q.num && this.inflightBytes < BLK_MAX_INFLIGHT_BYTES; n++) {
      const el = q.pop();
      if (!el) break;
      this.request(el);
      if (this.broken) return;
    }
  }

  /** A backend request finished: account for it and take requests that waited. */
  private done(bytes: number, gen: number): void {
    this.inflight--;
    this.inflightBytes -= bytes;
    if (gen === this.generation && !this.broken && this.queues[0]!.hasWork()) {
      this.handleQueue(0);
      this.checkBroken(0);
    }
  }

  private finish(el: VqElement, gen: number, status: number, _dataLen: number): void {
    if (gen !== this.generation || this.broken) return;
    const q = this.queues[0]!;
    // The status byte is the last writable byte. Like QEMU, the used length is every
    // writable byte of the request, whatever the outcome.
    const inBytes = el.inBytes;
    el.writeIn(this.ram, inBytes - 1, new Uint8Array([status]));
    q.push(el, inBytes);
    this.notifyQueue(0);
  }

  private request(el: VqElement): void {
    const outBytes = el.outBytes;
    const inBytes = el.inBytes;
    if (outBytes < 16 || inBytes < 1) { this.error(); return; }
    const hdr = el.readOut(this.ram, 0, 16);
    const type = this.get32(hdr, 0);
    const sector = this.get64(hdr, 8);
    const gen = this.generation;
    const size = this.backend.size;
    switch (type) {
      case VIRTIO_BLK_T_IN: {
        const len = inBytes - 1;
        const off = sector * SECTOR;
        if (len % SECTOR !== 0 || off + len > size || len > BLK_MAX_REQUEST) {
          this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0);
          return;
        }
        const buf = new Uint8Array(len);
        this.inflight++;
        this.inflightBytes += len;
        this.backend.read(off, buf).then(
          () => {
            if (gen === this.generation) el.writeIn(this.ram, 0, buf);
            this.finish(el, gen, VIRTIO_BLK_S_OK, len);
            this.done(len, gen);
          },
          () => { this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0); this.done(len, gen); },
        );
        return;
      }
      case VIRTIO_BLK_T_OUT: {
        const len = outBytes - 16;
        const off = sector * SECTOR;
        if (this.backend.readOnly) { this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0); return; }
        if (len % SECTOR !== 0 || off + len > size || len > BLK_MAX_REQUEST) {
          this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0);
          return;
        }
        const data = el.readOut(this.ram, 16, len);
        this.inflight++;
        this.inflightBytes += len;
        this.backend.write(off, data).then(
          () => { this.finish(el, gen, VIRTIO_BLK_S_OK, 0); this.done(len, gen); },
          () => { this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0); this.done(len, gen); },
        );
        return;
      }
      case VIRTIO_BLK_T_FLUSH:
        this.inflight++;
        this.backend.flush().then(
          () => { this.finish(el, gen, VIRTIO_BLK_S_OK, 0); this.done(0, gen); },
          () => { this.finish(el, gen, VIRTIO_BLK_S_IOERR, 0); this.done(0, gen); },
        );
        return;
      case VIRTIO_BLK_T_GET_ID: {
        // The serial and its terminating zero, cut to the buffer and to 20 bytes (the
        // zero is dropped when the serial fills them), as QEMU stores it.
        const s = this.backend.serial ?? '';
        const id = new Uint8Array(s.length + 1);
        for (let k = 0; k < s.length; k++) id[k] = s.charCodeAt(k) & 0xff;
        const n = Math.min(id.length, VIRTIO_BLK_ID_BYTES, inBytes - 1);
        el.writeIn(this.ram, 0, id, 0, n);
        this.finish(el, gen, VIRTIO_BLK_S_OK, n);
        return;
      }
      default:
        this.finish(el, gen, VIRTIO_BLK_S_UNSUPP, 0);
    }
  }
}
