// The virtio-ccw transport (virtio 1.x section 4.3, QEMU's hw/s390x/virtio-ccw.c): the
// channel commands a Linux driver issues to negotiate and configure a device, and the
// two ways of signalling it: classic indicators (a 64-bit mask, then an I/O interruption
// from the subchannel) and adapter interruptions (an indicator bit plus a summary byte,
// then an I/O interruption with the adapter bit and the chosen ISC).

import {
  CCW_FAULT, CCW_FLAG_DC, CCW_FLAG_SLI, CCW_INVALID, CCW_OK, CCW_REJECT,
  type Ccw, type CcwDevice, type ChannelSubsystem, type DataStream, type Subchannel,
} from './css.ts';
import { VIRTIO_CONFIG_S_DRIVER_OK, VIRTIO_QUEUE_MAX, LEGACY_FEATURES, type VirtioDevice, type VirtioTransport } from './virtio.ts';
import { VIRTQUEUE_MAX_SIZE } from './virtqueue.ts';

export const VIRTIO_CCW_CU_TYPE = 0x3832;

export const CCW_CMD_SET_VQ = 0x13;
export const CCW_CMD_VDEV_RESET = 0x33;
export const CCW_CMD_READ_FEAT = 0x12;
export const CCW_CMD_WRITE_FEAT = 0x11;
export const CCW_CMD_READ_CONF = 0x22;
export const CCW_CMD_WRITE_CONF = 0x21;
export const CCW_CMD_WRITE_STATUS = 0x31;
export const CCW_CMD_READ_VQ_CONF = 0x32;
export const CCW_CMD_SET_IND = 0x43;
export const CCW_CMD_SET_CONF_IND = 0x53;
export const CCW_CMD_READ_STATUS = 0x72;
export const CCW_CMD_SET_IND_ADAPTER = 0x73;
export const CCW_CMD_SET_VIRTIO_REV = 0x83;

/** The highest transport revision offered. */
export const VIRTIO_CCW_REV_MAX = 2;
/** Classic indicators are one doubleword: at most 64 queues. */
const NR_CLASSIC_INDICATOR_BITS = 64;

export class VirtioCcw implements CcwDevice, VirtioTransport {
  readonly senseId: Uint8Array;
  sch: Subchannel | null = null;
  /** Negotiated revision; -1 until SET_VIRTIO_REV or the first other command. */
  revision = -1;
  indicators = 0;
  indicators2 = 0;
  summaryIndicator = 0;
  indBit = 0;
  thinintIsc = 0;
  thinintActive = false;
  private readonly buf = new Uint8Array(64);

  constructor(readonly dev: VirtioDevice, private readonly css: ChannelSubsystem) {
    this.senseId = new Uint8Array([VIRTIO_CCW_CU_TYPE >> 8, VIRTIO_CCW_CU_TYPE & 0xff, dev.deviceId & 0xff, 0, 0, 0, 0]);
    dev.transport = this;
  }

  /** Machine reset: device, indicators, revision. */
  reset(): void {
    this.resetVirtio();
    this.revision = -1;
  }

  /** VDEV_RESET and status 0: the device and the indicators, not the revision. */
  private resetVirtio(): void {
    this.dev.reset();
    this.indicators = 0;
    this.indicators2 = 0;
    this.summaryIndicator = 0;
    this.indBit = 0;
    this.thinintActive = false;
  }

  /** Check a fixed-size command's count: exact unless SLI (without data chaining). */
  private static lenOk(ccw: Ccw, size: number): boolean {
    const check = !((ccw.flags & CCW_FLAG_SLI) && !(ccw.flags & CCW_FLAG_DC));
    return check ? ccw.count === size : ccw.count >= size;
  }

  ccw(sch: Subchannel, ccw: Ccw, ds: DataStream): number {
    const dev = this.dev;
    const b = this.buf;
    const checkLen = !((ccw.flags & CCW_FLAG_SLI) && !(ccw.flags & CCW_FLAG_DC));
    if (this.revision < 0 && ccw.cmd !== CCW_CMD_SET_VIRTIO_REV) this.revision = 0;
    switch (ccw.cmd) {
      case CCW_CMD_SET_VQ: {
        const legacy = this.revision < 1;
        const size = legacy ? 16 : 32;
        if (!VirtioCcw.lenOk(ccw, size)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, size)) return CCW_INVALID;
        const d = new DataView(b.buffer);
        const desc = addr(d, 0);
        let index: number, num: number;
        if (legacy) {
          const align = d.getUint32(8);
          index = d.getUint16(12);
          num = d.getUint16(14);
          if (index >= VIRTIO_QUEUE_MAX) return CCW_INVALID;
          if (desc !== 0 && align !== 4096) return CCW_INVALID;
          const q = dev.queues[index];
          if (!q) return desc === 0 ? CCW_OK : CCW_INVALID;
          if (desc !== 0 && q.num > num) return CCW_INVALID;
          q.setLegacy(desc, 4096);
          if (desc === 0) { q.desc = 0; q.avail = 0; q.used = 0; }
        } else {
          index = d.getUint16(12);
          num = d.getUint16(14);
          const avail = addr(d, 16);
          const used = addr(d, 24);
          if (index >= VIRTIO_QUEUE_MAX) return CCW_INVALID;
          const q = dev.queues[index];
          if (!q) return desc === 0 ? CCW_OK : CCW_INVALID;
          q.desc = desc; q.avail = avail; q.used = used;
          if (desc !== 0) {
            if (q.maxNum < num || num === 0 || num > VIRTQUEUE_MAX_SIZE) return CCW_INVALID;
            q.num = num;
          }
        }
        sch.count = 0;
        return CCW_OK;
      }
      case CCW_CMD_VDEV_RESET:
        this.resetVirtio();
        return CCW_OK;
      case CCW_CMD_READ_FEAT: {
        if (!VirtioCcw.lenOk(ccw, 5)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.advance(4) || ds.read(b, 4, 1)) return CCW_INVALID;
        const index = b[4]!;
        let f = 0;
        if (index === 0) f = this.revision >= 1 ? dev.hostLo & ~LEGACY_FEATURES : dev.hostLo;
        else if (index === 1 && this.revision >= 1) f = dev.hostHi;
        ds.rewind();
        b[0] = f & 0xff; b[1] = (f >>> 8) & 0xff; b[2] = (f >>> 16) & 0xff; b[3] = (f >>> 24) & 0xff;
        if (ds.write(b, 0, 4)) return CCW_INVALID;
        sch.count = ccw.count - 5;
        return CCW_OK;
      }
      case CCW_CMD_WRITE_FEAT: {
        if (!VirtioCcw.lenOk(ccw, 5)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, 5)) return CCW_INVALID;
        const f = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
        const index = b[4]!;
        if (index === 0) dev.setFeatures(0, f);
        else if (index === 1 && this.revision >= 1) dev.setFeatures(1, f);
        sch.count = ccw.count - 5;
        return CCW_OK;
      }
      case CCW_CMD_READ_CONF: {
        if (checkLen && ccw.count > dev.configLen) return CCW_INVALID;
        const len = Math.min(ccw.count, dev.configLen);
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.write(dev.readConfig(), 0, len)) return CCW_INVALID;
        sch.count = ccw.count - len;
        return CCW_OK;
      }
      case CCW_CMD_WRITE_CONF: {
        if (checkLen && ccw.count > dev.configLen) return CCW_INVALID;
        const len = Math.min(ccw.count, dev.configLen);
        if (ccw.cda === 0) return CCW_FAULT;
        const data = dev.readConfig().slice();
        if (ds.read(data, 0, len)) return CCW_INVALID;
        dev.writeConfig(data);
        sch.count = ccw.count - len;
        return CCW_OK;
      }
      case CCW_CMD_WRITE_STATUS: {
        if (!VirtioCcw.lenOk(ccw, 1)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, 1)) return CCW_INVALID;
        const status = b[0]!;
        dev.setStatus(status);
        if (dev.status === 0) this.resetVirtio();
        sch.count = ccw.count - 1;
        if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
          // Requests queued before DRIVER_OK (and kicks we ignored) start now.
          for (let k = 0; k < dev.queues.length; k++) if (dev.queues[k]!.hasWork()) dev.kick(k);
        }
        return CCW_OK;
      }
      case CCW_CMD_READ_STATUS: {
        if (!VirtioCcw.lenOk(ccw, 1)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        b[0] = dev.status;
        if (ds.write(b, 0, 1)) return CCW_INVALID;
        sch.count = ccw.count - 1;
        return CCW_OK;
      }
      case CCW_CMD_SET_IND:
      case CCW_CMD_SET_CONF_IND: {
        if (!VirtioCcw.lenOk(ccw, 8)) return CCW_INVALID;
        if (ccw.cmd === CCW_CMD_SET_IND) {
          if (this.thinintActive) return CCW_REJECT;
          if (dev.queues.length > NR_CLASSIC_INDICATOR_BITS) return CCW_REJECT;
        }
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, 8)) return CCW_INVALID;
        const ind = addr(new DataView(b.buffer), 0);
        if (ccw.cmd === CCW_CMD_SET_IND) this.indicators = ind; else this.indicators2 = ind;
        sch.count = ccw.count - 8;
        return CCW_OK;
      }
      case CCW_CMD_READ_VQ_CONF: {
        if (!VirtioCcw.lenOk(ccw, 4)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, 2)) return CCW_INVALID;
        const index = (b[0]! << 8) | b[1]!;
        if (index >= VIRTIO_QUEUE_MAX) return CCW_INVALID;
        const num = dev.queues[index]?.maxNum ?? 0;
        b[2] = num >> 8; b[3] = num & 0xff;
        if (ds.write(b, 2, 2)) return CCW_INVALID;
        sch.count = ccw.count - 4;
        return CCW_OK;
      }
      case CCW_CMD_SET_IND_ADAPTER: {
        if (!VirtioCcw.lenOk(ccw, 25)) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (this.indicators !== 0 && !this.thinintActive) return CCW_REJECT;
        if (ds.read(b, 0, 25)) return CCW_FAULT;
        const d = new DataView(b.buffer);
        this.summaryIndicator = addr(d, 0);
        this.indicators = addr(d, 8);
        this.indBit = addr(d, 16);
        this.thinintIsc = b[24]! & 7;
        this.thinintActive = this.indicators !== 0 && this.summaryIndicator !== 0;
        sch.count = ccw.count - 25;
        return CCW_OK;
      }
      case CCW_CMD_SET_VIRTIO_REV: {
        if (ccw.count < 4) return CCW_INVALID;
        if (ccw.cda === 0) return CCW_FAULT;
        if (ds.read(b, 0, 4)) return CCW_INVALID;
        const rev = (b[0]! << 8) | b[1]!;
        const extra = (b[2]! << 8) | b[3]!;
        if (ccw.count < 4 + extra || (checkLen && ccw.count > 4 + extra)) return CCW_INVALID;
        if (this.revision >= 0 || rev > VIRTIO_CCW_REV_MAX) return CCW_REJECT;
        this.revision = rev;
        return CCW_OK;
      }
      default:
        return CCW_REJECT;
    }
  }

  /** OR `bits` into the guest byte at `a`; returns the old value (0 when out of RAM). */
  private setInd(a: number, bits: number): number {
    const r = this.css.ram;
    if (!r.ok(a, 1)) return 0xff; // nothing to signal through
    const old = r.u8[a]!;
    r.u8[a] = old | bits;
    return old;
  }

  notify(vector: number): void {
    const sch = this.sch;
    if (!sch) return;
    const r = this.css.ram;
    if (vector < VIRTIO_QUEUE_MAX) {
      if (this.indicators === 0) return;
      if (this.thinintActive) {
        const bit = this.indBit + vector;
        this.setInd(this.indicators + Math.floor(bit / 8), 0x80 >>> (bit % 8));
        if (this.setInd(this.summaryIndicator, 0x01) === 0) this.css.injectAdapter(this.thinintIsc);
      } else {
        if (vector >= NR_CLASSIC_INDICATOR_BITS) return;
        // The doubleword is big-endian with bit n = 2^n: byte 7 - n/8.
        const a = this.indicators + 7 - (vector >>> 3);
        if (r.ok(this.indicators, 8)) r.u8[a] = r.u8[a]! | (1 << (vector & 7));
        this.css.conditionalIo(sch);
      }
    } else {
      if (this.indicators2 === 0) return;
      if (r.ok(this.indicators2, 8)) r.u8[this.indicators2 + 7] = r.u8[this.indicators2 + 7]! | 1;
      this.css.conditionalIo(sch);
    }
  }
}

/** A big-endian doubleword at d[o] as an address number (saturating beyond 2^53). */
function addr(d: DataView, o: number): number {
  const hi = d.getUint32(o);
  return hi >= 0x200000 ? Number.MAX_SAFE_INTEGER : hi * 4294967296 + d.getUint32(o + 4);
}
