// The SCLP event facility: WRITE EVENT MASK, WRITE EVENT DATA and READ EVENT DATA, with
// the event types QEMU's s390-ccw-virtio machine provides (signal quiesce, the CPU
// configuration-management stub, the VT220 console, optionally the line-mode console).
//
// Event masks are bit strings where event type T is bit T-1 counted from the leftmost
// bit. All defined types are <= 32, so the first four mask bytes are kept as one 32-bit
// number and longer masks read as zero beyond that (as QEMU's 64-bit copy does).

import {
  SCLP_RC_EVENT_BUFFER_SYNTAX_ERROR, SCLP_RC_INSUFFICIENT_SCCB_LENGTH, SCLP_RC_INVALID_FUNCTION,
  SCLP_RC_INVALID_MASK_LENGTH, SCLP_RC_INVALID_SELECTION_MASK, SCLP_RC_NO_EVENT_BUFFERS_STORED,
  SCLP_RC_NORMAL_COMPLETION, SCCB_SIZE,
} from './sclp-defs.ts';

export const EVENT_OPERATOR_COMMAND = 0x01;
export const EVENT_MESSAGE = 0x02;
export const EVENT_CONFIG_MGT_DATA = 0x04;
export const EVENT_PMSGCMD = 0x09;
export const EVENT_ASCII_CONSOLE_DATA = 0x1a;
export const EVENT_SIGNAL_QUIESCE = 0x1d;

/** The 32-bit mask bit of event type `t` (1..32). */
export const evMask = (t: number): number => (0x80000000 >>> (t - 1)) >>> 0;

/** The header of an event buffer: length u16, type u8, flags u8, reserved u16. */
export const EBH_LEN = 6;
export const EVENT_BUFFER_ACCEPTED = 0x80;

/** Big-endian helpers over a private SCCB copy (always large enough: see Sclp). */
export const be16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
export const put16 = (b: Uint8Array, o: number, v: number): void => { b[o] = (v >>> 8) & 0xff; b[o + 1] = v & 0xff; };

export interface SclpEvent {
  /** Events this source sends to the guest (the guest's receive capability). */
  readonly sendMask: number;
  /** Events this source accepts from the guest. */
  readonly receiveMask: number;
  /** Whether a guest-written buffer of this type goes here. */
  canHandle(type: number): boolean;
  /** Handle one event buffer the guest wrote at buf[off..off+len); returns a response code. */
  write?(buf: Uint8Array, off: number, len: number): number;
  /** Whether this source has an event for the guest. */
  pending(): boolean;
  /**
   * Store one event buffer at buf[off..], using at most `avail` bytes. Returns the bytes
   * used, or 0 when nothing was stored.
   */
  read(buf: Uint8Array, off: number, avail: number): number;
}

/** "Signal quiesce": the host asks the guest to shut down (Linux then powers off). */
export class QuiesceEvent implements SclpEvent {
  readonly sendMask = evMask(EVENT_SIGNAL_QUIESCE);
  readonly receiveMask = 0;
  private isPending = false;
  canHandle(type: number): boolean { return type === EVENT_SIGNAL_QUIESCE; }
  request(): void { this.isPending = true; }
  pending(): boolean { return this.isPending; }
  read(buf: Uint8Array, off: number, avail: number): number {
    // ebh + timeout u16 + unit u8
    const len = EBH_LEN + 3;
    if (avail < len || !this.isPending) return 0;
    this.isPending = false;
    put16(buf, off, len);
    buf[off + 2] = EVENT_SIGNAL_QUIESCE;
    buf[off + 3] |= EVENT_BUFFER_ACCEPTED;
    put16(buf, off + 6, 0); // QEMU gives no timeout; Linux ignores it
    buf[off + 8] = 0;
    return len;
  }
}

/**
 * Configuration-management events (CPU hotplug in QEMU). There is no hotplug here, but
 * the type is part of the mask QEMU advertises, which Linux records.
 */
export class ConfigMgtEvent implements SclpEvent {
  readonly sendMask = evMask(EVENT_CONFIG_MGT_DATA);
  readonly receiveMask = 0;
  canHandle(type: number): boolean { return type === EVENT_CONFIG_MGT_DATA; }
  pending(): boolean { return false; }
  read(): number { return 0; }
}

export class EventFacility {
  /** Event sources in the order READ EVENT DATA visits them. */
  readonly events: SclpEvent[];
  /** What the guest said it can receive (WRITE EVENT MASK cp_receive_mask). */
  guestReceiveMask = 0;
  /** Mask length of the last successful WRITE EVENT MASK (selective reads use it). */
  maskLength = 4;

  constructor(events: SclpEvent[]) { this.events = events; }

  hostSendMask(): number {
    let m = 0;
    for (const e of this.events) m |= e.sendMask;
    return m >>> 0;
  }

  hostReceiveMask(): number {
    let m = 0;
    for (const e of this.events) m |= e.receiveMask;
    return m >>> 0;
  }

  /** Whether some source the guest is enabled for has something to read. */
  eventPending(): boolean {
    for (const e of this.events) if ((e.sendMask & this.guestReceiveMask) !== 0 && e.pending()) return true;
    return false;
  }

  reset(): void {
    this.guestReceiveMask = 0;
    this.maskLength = 4;
  }

  /** Read a mask of `len` bytes at b[o..] as its first 32 bits. */
  private static getMask(b: Uint8Array, o: number, len: number): number {
    let m = 0;
    for (let k = 0; k < 4; k++) m = (m << 8) | (k < len ? b[o + k]! : 0);
    return m >>> 0;
  }

  private static putMask(b: Uint8Array, o: number, len: number, m: number): void {
    for (let k = 0; k < len; k++) b[o + k] = k < 4 ? (m >>> (24 - 8 * k)) & 0xff : 0;
  }

  /** WRITE EVENT MASK. `sccb` is the private copy (>= SCCB_SIZE bytes). */
  writeEventMask(sccb: Uint8Array): void {
    const len = be16(sccb, 10);
    // 4 * 1021 + 12 == 4096: the largest mask whose four copies fit one page.
    if (len === 0 || len > 1021) {
      put16(sccb, 6, SCLP_RC_INVALID_MASK_LENGTH);
      return;
    }
    this.guestReceiveMask = EventFacility.getMask(sccb, 12, len);
    EventFacility.putMask(sccb, 12 + 2 * len, len, this.hostReceiveMask());
    EventFacility.putMask(sccb, 12 + 3 * len, len, this.hostSendMask());
    put16(sccb, 6, SCLP_RC_NORMAL_COMPLETION);
    this.maskLength = len;
  }

  /** WRITE EVENT DATA. */
  writeEventData(sccb: Uint8Array): void {
    if (sccb[2] !== 0) { put16(sccb, 6, SCLP_RC_INVALID_FUNCTION); return; }
    const total = be16(sccb, 0);
    if (total < 8) { put16(sccb, 6, SCLP_RC_INSUFFICIENT_SCCB_LENGTH); return; }
    // First pass: every buffer must have a sane length and they must tile the SCCB.
    let off = 8;
    for (let left = total - 8; left > 0;) {
      const el = be16(sccb, off);
      if (el < EBH_LEN || el > left) { put16(sccb, 6, SCLP_RC_EVENT_BUFFER_SYNTAX_ERROR); return; }
      left -= el;
      off += el;
    }
    // Second pass: hand each buffer to its source; after the first failure the rest are
    // marked not accepted.
    let rc = SCLP_RC_NORMAL_COMPLETION;
    off = 8;
    for (let left = total - 8; left > 0;) {
      const el = be16(sccb, off);
      if (rc !== SCLP_RC_NORMAL_COMPLETION) {
        sccb[off + 3] &= ~EVENT_BUFFER_ACCEPTED;
      } else {
        rc = SCLP_RC_INVALID_FUNCTION;
        const type = sccb[off + 2]!;
        for (const e of this.events) {
          if (e.write && e.canHandle(type)) { rc = e.write(sccb, off, el); break; }
        }
      }
      left -= el;
      off += el;
    }
    put16(sccb, 6, rc);
  }

  /** READ EVENT DATA. */
  readEventData(sccb: Uint8Array): void {
    if (be16(sccb, 0) !== SCCB_SIZE) { put16(sccb, 6, SCLP_RC_INSUFFICIENT_SCCB_LENGTH); return; }
    let sel: number;
    switch (sccb[2]) {
      case 0: // unconditional read
        sel = this.hostSendMask() & this.guestReceiveMask;
        break;
      case 1: // selective read
        sel = EventFacility.getMask(sccb, 8, this.maskLength);
        if (this.guestReceiveMask === 0 || (sel & ~this.guestReceiveMask) !== 0) {
          put16(sccb, 6, SCLP_RC_INVALID_SELECTION_MASK);
          return;
        }
        break;
      default:
        put16(sccb, 6, SCLP_RC_INVALID_FUNCTION);
        return;
    }
    put16(sccb, 8, 0);
    let off = 8;
    let avail = SCCB_SIZE - 8;
    let rc = SCLP_RC_NO_EVENT_BUFFERS_STORED;
    for (const e of this.events) {
      if ((sel & e.sendMask) === 0) continue;
      const used = e.read(sccb, off, avail);
      if (used > 0) { off += used; avail -= used; rc = SCLP_RC_NORMAL_COMPLETION; }
    }
    if (sccb[5]! & 0x80) {
      // Variable-length response: the architecture asks to clear the bit and shrink.
      sccb[5] &= ~0x80;
      put16(sccb, 0, SCCB_SIZE - avail);
    }
    put16(sccb, 6, rc);
  }
}
