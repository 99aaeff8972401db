// SCLP consoles: the VT220 ("ASCII console data", event type 0x1a) that Linux uses as
// ttysclp0 / the default console on QEMU's s390-ccw-virtio machine, and the optional
// line-mode console (message 0x02 out, operator command 0x01 in, EBCDIC 500 text), as QEMU's
// sclpconsole.c and sclpconsole-lm.c present them.

import type { ConsoleBackend } from './backends.ts';
import { EBCDIC_TO_LATIN1, LATIN1_TO_EBCDIC } from './ebcdic.ts';
import {
  EBH_LEN, EVENT_ASCII_CONSOLE_DATA, EVENT_BUFFER_ACCEPTED, EVENT_MESSAGE, EVENT_OPERATOR_COMMAND,
  EVENT_PMSGCMD, be16, evMask, put16, type SclpEvent,
} from './event-facility.ts';
import { SCLP_RC_INCONSISTENT_LENGTHS, SCLP_RC_NORMAL_COMPLETION } from './sclp-defs.ts';

/** Input bytes the VT220 buffers for the guest (QEMU's SIZE_BUFFER_VT220). */
export const VT220_INPUT_BUFFER = 4080;
/** First data byte of an input event: a session-data record follows. */
export const VT220_SESSION_DATA = 0x00;

export class Vt220Console implements SclpEvent {
  readonly sendMask = evMask(EVENT_ASCII_CONSOLE_DATA);
  readonly receiveMask = evMask(EVENT_ASCII_CONSOLE_DATA);
  private readonly buf = new Uint8Array(VT220_INPUT_BUFFER);
  private head = 0;
  private tail = 0;
  backend: ConsoleBackend | null;
  /** Called when input became pending (the SCLP raises a service signal). */
  onInput: (() => void) | null = null;

  constructor(backend: ConsoleBackend | null = null) { this.backend = backend; }

  canHandle(type: number): boolean { return type === EVENT_ASCII_CONSOLE_DATA; }

  write(sccb: Uint8Array, off: number, len: number): number {
    if (this.backend && len > EBH_LEN) this.backend.write(sccb.slice(off + EBH_LEN, off + len));
    sccb[off + 3] |= EVENT_BUFFER_ACCEPTED;
    return SCLP_RC_NORMAL_COMPLETION;
  }

  /** Room for more keyboard input. */
  room(): number { return VT220_INPUT_BUFFER - (this.tail - this.head); }

  /** Queue keyboard input; returns how many bytes were taken (the rest is the caller's). */
  input(bytes: Uint8Array): number {
    if (this.head === this.tail) { this.head = 0; this.tail = 0; }
    if (this.head > 0 && this.tail + bytes.length > VT220_INPUT_BUFFER) {
      this.buf.copyWithin(0, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    const n = Math.min(bytes.length, VT220_INPUT_BUFFER - this.tail);
    if (n <= 0) return 0;
    this.buf.set(bytes.subarray(0, n), this.tail);
    this.tail += n;
    this.onInput?.();
    return n;
  }

  pending(): boolean { return this.tail > this.head; }

  read(sccb: Uint8Array, off: number, avail: number): number {
    if (this.tail === this.head) return 0;
    // The data starts with a session byte: 0x00 "ASCII data follows" (Linux's
    // sclp_vt220 drops buffers that start otherwise).
    const room = avail - EBH_LEN - 1;
    if (room < 0) return 0;
    const n = Math.min(room, this.tail - this.head);
    sccb[off + EBH_LEN] = VT220_SESSION_DATA;
    sccb.set(this.buf.subarray(this.head, this.head + n), off + EBH_LEN + 1);
    this.head += n;
    put16(sccb, off, EBH_LEN + 1 + n);
    sccb[off + 2] = EVENT_ASCII_CONSOLE_DATA;
    sccb[off + 3] |= EVENT_BUFFER_ACCEPTED;
    return EBH_LEN + 1 + n;
  }

  reset(): void { this.head = 0; this.tail = 0; }
}

/** The line buffer of the line-mode console; the subvector length byte bounds it. */
export const LM_LINE_MAX = 240;

const MDB_HEADER_LEN = 12;
const MTO_HEADER_LEN = 10;
const MESSAGE_TEXT = 0x0004;
const GDS_ID_MDSMU = 0x1310;
const GDS_ID_CPMSU = 0x1212;
const GDS_ID_TEXTCMD = 0x1320;
const GDS_KEY_SELFDEFTEXTMSG = 0x31;
const GDS_KEY_TEXTMSG = 0x30;
/** Three GDS vectors (4 bytes) and two subvectors (2 bytes) precede the text. */
const MDMSU_LEN = 16;

export class LineModeConsole implements SclpEvent {
  readonly sendMask = (evMask(EVENT_OPERATOR_COMMAND) | evMask(EVENT_PMSGCMD)) >>> 0;
  readonly receiveMask = (evMask(EVENT_MESSAGE) | evMask(EVENT_PMSGCMD)) >>> 0;
  private readonly line = new Uint8Array(LM_LINE_MAX);
  private len = 0;
  private ready = false;
  backend: ConsoleBackend | null;
  /** Echo typed characters, as QEMU's line-mode console does by default. */
  echo = true;
  onInput: (() => void) | null = null;

  constructor(backend: ConsoleBackend | null = null) { this.backend = backend; }

  canHandle(type: number): boolean { return type === EVENT_MESSAGE || type === EVENT_PMSGCMD; }

  write(sccb: Uint8Array, off: number, len: number): number {
    const end = Math.min(off + len, sccb.length);
    const mdb = off + EBH_LEN;
    if (mdb + MDB_HEADER_LEN > end) return SCLP_RC_INCONSISTENT_LENGTHS;
    const mdbLen = be16(sccb, mdb);
    if (mdbLen < MDB_HEADER_LEN) return SCLP_RC_INCONSISTENT_LENGTHS;
    // The objects must tile the MDB; checked before anything is printed. Unlike QEMU, the
    // MDB may not claim bytes beyond its event buffer.
    const first = mdb + MDB_HEADER_LEN;
    const last = mdb + mdbLen;
    if (last > end) return SCLP_RC_INCONSISTENT_LENGTHS;
    for (let o = first; o < last;) {
      const l = o + 2 <= last ? be16(sccb, o) : 0;
      if (l === 0 || l > last - o) return SCLP_RC_INCONSISTENT_LENGTHS;
      o += l;
    }
    for (let o = first; o < last;) {
      const l = be16(sccb, o);
      if (be16(sccb, o + 2) === MESSAGE_TEXT) {
        const n = Math.max(0, l - MTO_HEADER_LEN);
        const text = new Uint8Array(n + 1);
        text[0] = 0x0a; // QEMU starts every message line on a new line
        for (let k = 0; k < n; k++) text[k + 1] = EBCDIC_TO_LATIN1[sccb[o + MTO_HEADER_LEN + k]!]!;
        this.backend?.write(text);
      }
      o += l;
    }
    sccb[off + 3] |= EVENT_BUFFER_ACCEPTED;
    return SCLP_RC_NORMAL_COMPLETION;
  }

  /** Keyboard input; a line goes to the guest at CR or LF. */
  input(bytes: Uint8Array): number {
    for (let k = 0; k < bytes.length; k++) {
      const b = bytes[k]!;
      if (b === 0x0d || b === 0x0a) {
        this.ready = true;
        this.onInput?.();
        continue;
      }
      if (this.ready) return k; // the previous line has not been read yet
      if (this.len < LM_LINE_MAX) this.line[this.len++] = b;
      if (this.echo) this.backend?.write(bytes.subarray(k, k + 1));
    }
    return bytes.length;
  }

  pending(): boolean { return this.ready; }

  read(sccb: Uint8Array, off: number, avail: number): number {
    if (!this.ready) return 0;
    const n = this.len;
    const total = EBH_LEN + MDMSU_LEN + n;
    if (total > avail) return 0;
    const o = off + EBH_LEN;
    put16(sccb, o, MDMSU_LEN + n); put16(sccb, o + 2, GDS_ID_MDSMU);
    put16(sccb, o + 4, MDMSU_LEN - 4 + n); put16(sccb, o + 6, GDS_ID_CPMSU);
    put16(sccb, o + 8, MDMSU_LEN - 8 + n); put16(sccb, o + 10, GDS_ID_TEXTCMD);
    sccb[o + 12] = 4 + n; sccb[o + 13] = GDS_KEY_SELFDEFTEXTMSG;
    sccb[o + 14] = 2 + n; sccb[o + 15] = GDS_KEY_TEXTMSG;
    for (let k = 0; k < n; k++) sccb[o + MDMSU_LEN + k] = LATIN1_TO_EBCDIC[this.line[k]!]!;
    put16(sccb, off, total);
    sccb[off + 2] = EVENT_OPERATOR_COMMAND;
    sccb[off + 3] |= EVENT_BUFFER_ACCEPTED;
    this.len = 0;
    this.ready = false;
    return total;
  }

  reset(): void { this.len = 0; this.ready = false; }
}
