// The channel subsystem as QEMU presents it to a virtio-ccw guest: one virtual channel
// subsystem image (css 0xfe, shown to the guest as 0 until MCSS-E), subchannel set 0,
// subchannel n = device number n, one channel path (chpid 0, type 0x32).
//
// Layouts (big-endian, as the guest reads them): SCHIB = PMCW (28) + SCSW (12) + MBA (8)
// + MDA (4); IRB = SCSW (12) + ESW (20) + ECW (32) [+ EMW (32), never stored here];
// ORB = intparm, ctrl0 u16, lpm u8, ctrl1 u8, cpa (12 bytes read, as QEMU);
// format-1 CCW = cmd u8, flags u8, count u16, cda u32; format-0 CCW = cmd u8, cda 24 bits,
// flags u8, reserved u8, count u16.
//
// Channel programs run to completion synchronously inside SSCH/RSCH (devices finish the
// channel side at once and do their slow work on virtqueues), so the I/O interruption is
// queued before the instruction ends, as in QEMU.

import type { GuestRam } from './guest-ram.ts';

export const PGM_OPERAND = 0x15;
export const PGM_SPECIFICATION = 0x06;
export const PGM_ADDRESSING = 0x05;

export const VIRTUAL_CSSID = 0xfe;
export const MAX_SSID = 3;

// PMCW word 1 (flags) and word 6 (chars).
export const PMCW_FLAGS_ISC = 0x3800;
export const PMCW_FLAGS_ENA = 0x0080;
export const PMCW_FLAGS_LM = 0x0060;
export const PMCW_FLAGS_MME = 0x0018;
export const PMCW_FLAGS_MP = 0x0004;
export const PMCW_FLAGS_TF = 0x0002;
export const PMCW_FLAGS_DNV = 0x0001;
/** Bits 0, 1, 6 and 7 must be zero in MSCH (bit 5 is ignored). */
export const PMCW_FLAGS_INVALID = 0xc300;
export const PMCW_CHARS_MBFC = 0x00000004;
export const PMCW_CHARS_XMWME = 0x00000002;
export const PMCW_CHARS_CSENSE = 0x00000001;
export const PMCW_CHARS_INVALID = 0xff1ffff8;

// SCSW word 0 bits 0-15 (flags) and 16-31 (ctrl).
export const SCSW_FLAGS_ESWF = 0x0400;
export const SCSW_FLAGS_CC = 0x0300;
export const SCSW_FLAGS_FMT = 0x0080;
export const SCSW_FLAGS_ECTL = 0x0002;
export const SCSW_FLAGS_PNO = 0x0001;
export const SCSW_FCTL_MASK = 0x7000;
export const SCSW_FCTL_START = 0x4000;
export const SCSW_FCTL_HALT = 0x2000;
export const SCSW_FCTL_CLEAR = 0x1000;
export const SCSW_ACTL_MASK = 0x0fe0;
export const SCSW_ACTL_RESUME_PEND = 0x0800;
export const SCSW_ACTL_START_PEND = 0x0400;
export const SCSW_ACTL_HALT_PEND = 0x0200;
export const SCSW_ACTL_CLEAR_PEND = 0x0100;
export const SCSW_ACTL_SUBCH_ACTIVE = 0x0080;
export const SCSW_ACTL_DEVICE_ACTIVE = 0x0040;
export const SCSW_ACTL_SUSP = 0x0020;
export const SCSW_STCTL_MASK = 0x001f;
export const SCSW_STCTL_ALERT = 0x0010;
export const SCSW_STCTL_INTERMEDIATE = 0x0008;
export const SCSW_STCTL_PRIMARY = 0x0004;
export const SCSW_STCTL_SECONDARY = 0x0002;
export const SCSW_STCTL_STATUS_PEND = 0x0001;
export const DSTAT_CHANNEL_END = 0x08;
export const DSTAT_DEVICE_END = 0x04;
export const DSTAT_UNIT_CHECK = 0x02;
export const CSTAT_PROG_CHECK = 0x20;
export const CSTAT_DATA_CHECK = 0x08;
export const CSTAT_CHN_CTRL_CHK = 0x04;
export const CSTAT_INTF_CTRL_CHK = 0x02;

// ORB word 1.
export const ORB_CTRL0_SPND = 0x0800;
export const ORB_CTRL0_FMT = 0x0080;
export const ORB_CTRL0_C64 = 0x0002;
export const ORB_CTRL0_I2K = 0x0001;
export const ORB_CTRL0_INVALID = 0x0004;
export const ORB_CTRL1_MIDAW = 0x40;
export const ORB_CTRL1_INVALID = 0x3e;

// CCW flags and the commands every subchannel understands.
export const CCW_FLAG_DC = 0x80;
export const CCW_FLAG_CC = 0x40;
export const CCW_FLAG_SLI = 0x20;
export const CCW_FLAG_SKIP = 0x10;
export const CCW_FLAG_PCI = 0x08;
export const CCW_FLAG_IDA = 0x04;
export const CCW_FLAG_SUSPEND = 0x02;
export const CCW_FLAG_MIDA = 0x01;
export const CCW_CMD_NOOP = 0x03;
export const CCW_CMD_BASIC_SENSE = 0x04;
export const CCW_CMD_TIC = 0x08;
export const CCW_CMD_SENSE_ID = 0xe4;

/** CRW reporting-source codes and error-recovery codes. */
export const CRW_RSC_SUBCH = 0x3;
export const CRW_RSC_CHP = 0x4;
export const CRW_ERC_INIT = 0x02;
export const CRW_ERC_IPI = 0x04;

/**
 * Outcomes of one CCW, named after the errno values QEMU's channel code uses.
 * OK: done (command chaining decides what follows); AGAIN: go on with channel_prog;
 * REJECT: unit check, command reject; FAULT: channel data check; INVALID: channel
 * program check; SUSPEND: suspended; IO: the device already set the status itself.
 */
export const CCW_OK = 0;
export const CCW_AGAIN = -11;
export const CCW_REJECT = -38;
export const CCW_FAULT = -14;
export const CCW_INVALID = -22;
export const CCW_SUSPEND = -115;
export const CCW_IO = -5;

/** Bound on CCWs one start (or resume) interprets: a TIC loop ends in a program check. */
export const MAX_CCWS_PER_START = 4096;
/** Bound on queued I/O interruptions per ISC (a few per subchannel are ever needed). */
export const MAX_QUEUED_IO = 4096;
/** Bound on CCWs in one data chain. */
export const MAX_DATA_CHAIN = 256;

/** A CCW as the device sees it (format 0 converted to format 1). */
export interface Ccw {
  cmd: number;
  flags: number;
  count: number;
  cda: number;
}

/** The device behind a subchannel (virtio-ccw here). */
export interface CcwDevice {
  /** Bytes 1..7 of SENSE ID: CU type (2), CU model, device type (2), device model, 0. */
  readonly senseId: Uint8Array;
  /** Execute a device command; the data area is reached only through `ds`. */
  ccw(sch: Subchannel, ccw: Ccw, ds: DataStream): number;
  /** Subchannel/device reset (machine reset). */
  reset(): void;
}

interface Segment { cda: number; count: number; flags: number }

/**
 * The data area of one command: one CCW, or several joined by data chaining, each either
 * direct or through IDAWs. All guest accesses are bounds-checked; a bad address makes the
 * stream "broken" and the operation returns CCW_INVALID (channel program check).
 */
export class DataStream {
  private segs: Segment[] = [];
  private nsegs = 0;
  /** Total bytes the chain describes. */
  count = 0;
  private seg = 0;
  private segAt = 0;
  private at = 0;
  private idaw = 0;
  private cur = 0;
  private broken = false;
  private c64 = false;
  private i2k = false;
  private fmt1 = true;
  private readCmd = false;

  constructor(private readonly ram: GuestRam) {}

  /** @internal set up by the channel subsystem before the device sees the command. */
  init(orbCtrl0: number, cmd: number, first: Segment, more: Segment[], nmore: number): void {
    this.c64 = (orbCtrl0 & ORB_CTRL0_C64) !== 0;
    this.i2k = (orbCtrl0 & ORB_CTRL0_I2K) !== 0;
    this.fmt1 = (orbCtrl0 & ORB_CTRL0_FMT) !== 0;
    // Skip suppresses the transfer only for read, read backward and sense commands.
    this.readCmd = (cmd & 0x0f) === CCW_CMD_BASIC_SENSE || (cmd & 0x03) === 0x02 || (cmd & 0x0f) === 0x0c;
    this.nsegs = 1 + nmore;
    if (this.segs.length < this.nsegs) this.segs.length = this.nsegs;
    this.segs[0] = first;
    for (let k = 0; k < nmore; k++) this.segs[k + 1] = more[k]!;
    let n = 0;
    for (let k = 0; k < this.nsegs; k++) n += this.segs[k]!.count;
    this.count = n;
    this.rewind();
  }

  rewind(): void {
    this.seg = 0;
    this.segAt = 0;
    this.at = 0;
    this.idaw = 0;
    this.broken = false;
    this.cur = this.nsegs > 0 ? this.segs[0]!.cda : 0;
  }

  /** Bytes consumed so far. */
  get position(): number { return this.at; }

  /**
   * Residual count of the last CCW touched after `len` bytes of the chain were used (what
   * the SCSW count field reports).
   */
  residualAfter(len: number): number {
    let left = len;
    for (let k = 0; k < this.nsegs; k++) {
      const c = this.segs[k]!.count;
      if (left <= c || k === this.nsegs - 1) return Math.max(0, c - left);
      left -= c;
    }
    return 0;
  }

  private blockSize(): number { return this.c64 && !this.i2k ? 4096 : 2048; }

  /** Next data address from the IDAW list of the current segment. */
  private nextIdaw(): boolean {
    const s = this.segs[this.seg]!;
    const limit = this.fmt1 ? 0x80000000 : 0x1000000;
    if (this.c64) {
      const a = s.cda + 8 * this.idaw;
      if (a % 8 !== 0 || a >= limit || !this.ram.ok(a, 8)) return false;
      this.cur = this.ram.r64addr(a);
    } else {
      const a = s.cda + 4 * this.idaw;
      if (a % 4 !== 0 || a >= limit || !this.ram.ok(a, 4)) return false;
      const v = this.ram.r32(a);
      if (v & 0x80000000) return false;
      this.cur = v;
    }
    this.idaw++;
    return true;
  }

  /**
   * Move `len` bytes between the chain and `buf` (op 0 = guest to buf, 1 = buf to guest,
   * 2 = skip over without transfer). Returns 0 or CCW_INVALID.
   */
  private rw(buf: Uint8Array | null, off: number, len: number, op: number): number {
    if (this.broken || this.at + len > this.count) { this.broken = true; return CCW_INVALID; }
    while (len > 0) {
      let s = this.segs[this.seg]!;
      while (this.segAt === s.count) {
        this.seg++;
        this.segAt = 0;
        this.idaw = 0;
        s = this.segs[this.seg]!;
        this.cur = s.cda;
      }
      const ida = (s.flags & CCW_FLAG_IDA) !== 0;
      const bs = this.blockSize();
      // The first IDAW is fetched on first use; the next one whenever a block runs out.
      if (ida && ((this.segAt === 0 && this.idaw === 0) || (this.segAt > 0 && this.cur % bs === 0))) {
        if (!this.nextIdaw()) { this.broken = true; return CCW_INVALID; }
      }
      let n = Math.min(len, s.count - this.segAt);
      if (ida) n = Math.min(n, bs - (this.cur % bs));
      if (!ida) {
        const limit = this.fmt1 ? 0x80000000 : 0x1000000;
        if (this.cur + n > limit) { this.broken = true; return CCW_INVALID; }
      }
      const skip = (s.flags & CCW_FLAG_SKIP) !== 0 && this.readCmd;
      if (op !== 2 && !skip) {
        if (!this.ram.ok(this.cur, n)) { this.broken = true; return CCW_INVALID; }
        if (op === 0) buf!.set(this.ram.u8.subarray(this.cur, this.cur + n), off);
        else { this.ram.u8.set(buf!.subarray(off, off + n), this.cur); this.ram.onWrite?.(this.cur, n); }
      }
      off += n;
      len -= n;
      this.at += n;
      this.segAt += n;
      this.cur += n;
    }
    return 0;
  }

  read(buf: Uint8Array, off = 0, len = buf.length - off): number { return this.rw(buf, off, len, 0); }
  write(buf: Uint8Array, off = 0, len = buf.length - off): number { return this.rw(buf, off, len, 1); }
  advance(len: number): number { return this.rw(null, 0, len, 2); }
}

interface QueuedIo { sid: number; param: number; word: number; sch: number }

export class Subchannel {
  // PMCW
  intparm = 0;
  flags = 0;
  devno: number;
  lpm = 0;
  pnom = 0;
  lpum = 0;
  pim = 0;
  mbi = 0;
  pom = 0;
  pam = 0;
  readonly chpid = new Uint8Array(8);
  chars = 0;
  // SCSW
  sflags = 0;
  ctrl = 0;
  cpa = 0;
  dstat = 0;
  cstat = 0;
  count = 0;
  mbaHi = 0;
  mbaLo = 0;
  readonly mda = new Uint8Array(4);
  readonly sense = new Uint8Array(32);
  // channel-program state
  channelProg = 0;
  lastCmdValid = false;
  lastCmd = 0;
  orbIntparm = 0;
  orbCtrl0 = 0;
  orbLpm = 0;
  ccwFmt1 = true;
  noDataCount = 0;

  constructor(readonly cssid: number, readonly ssid: number, readonly schid: number, readonly device: CcwDevice, devno: number) {
    this.devno = devno;
    this.reset();
  }

  get isc(): number { return (this.flags & PMCW_FLAGS_ISC) >>> 11; }

  /** Subchannel reset, as at machine reset (QEMU's css_reset_sch). */
  reset(): void {
    this.intparm = 0;
    this.flags = PMCW_FLAGS_DNV;
    this.pim = 0x80;
    this.lpm = 0x80;
    this.pnom = 0;
    this.lpum = 0;
    this.mbi = 0;
    this.pom = 0xff;
    this.pam = 0x80;
    this.chpid.fill(0);
    this.chars = 0;
    this.sflags = 0; this.ctrl = 0; this.cpa = 0; this.dstat = 0; this.cstat = 0; this.count = 0;
    this.mbaHi = 0; this.mbaLo = 0;
    this.mda.fill(0);
    this.sense.fill(0);
    this.channelProg = 0;
    this.lastCmdValid = false;
  }

  /** Store the SCHIB (52 bytes) at b[o..]. */
  storeSchib(b: Uint8Array, o: number): void {
    const d = new DataView(b.buffer, b.byteOffset + o, 52);
    d.setUint32(0, this.intparm >>> 0);
    d.setUint16(4, this.flags);
    d.setUint16(6, this.devno);
    d.setUint8(8, this.lpm); d.setUint8(9, this.pnom); d.setUint8(10, this.lpum); d.setUint8(11, this.pim);
    d.setUint16(12, this.mbi);
    d.setUint8(14, this.pom); d.setUint8(15, this.pam);
    for (let k = 0; k < 8; k++) d.setUint8(16 + k, this.chpid[k]!);
    d.setUint32(24, this.chars >>> 0);
    this.storeScsw(d, 28, this.sflags);
    d.setUint32(40, this.mbaHi >>> 0); d.setUint32(44, this.mbaLo >>> 0);
    for (let k = 0; k < 4; k++) d.setUint8(48 + k, this.mda[k]!);
  }

  storeScsw(d: DataView, o: number, flags: number): void {
    d.setUint16(o, flags);
    d.setUint16(o + 2, this.ctrl);
    d.setUint32(o + 4, this.cpa >>> 0);
    d.setUint8(o + 8, this.dstat);
    d.setUint8(o + 9, this.cstat);
    d.setUint16(o + 10, this.count);
  }
}

export interface ChannelSubsystemHooks {
  /** An I/O interruption became pending (the machine may wake a waiting CPU). */
  onIo?: () => void;
  /** A channel report word became pending (a CRW machine check is due). */
  onCrw?: () => void;
}

export class ChannelSubsystem {
  readonly subchannels: Subchannel[] = [];
  /** Per-ISC FIFO queues of pending I/O interruptions. */
  private readonly queues: QueuedIo[][] = [[], [], [], [], [], [], [], []];
  private readonly crws: number[] = [];
  private crwsLost = false;
  private doCrwMchk = true;
  maxCssid = 0;
  maxSsid = 0;
  /** TPI/interruption data handed out by takeIo (reused, never allocated per call). */
  private readonly taken = { sid: 0, param: 0, word: 0 };
  private readonly ds: DataStream;
  private readonly chainBuf: Segment[] = [];
  hooks: ChannelSubsystemHooks = {};

  constructor(readonly ram: GuestRam) {
    this.ds = new DataStream(ram);
    for (let k = 0; k < MAX_DATA_CHAIN; k++) this.chainBuf.push({ cda: 0, count: 0, flags: 0 });
  }

  /** Attach a device at the next subchannel number (devno = schid, as QEMU auto-assigns). */
  attach(device: CcwDevice): Subchannel {
    const n = this.subchannels.length;
    const sch = new Subchannel(VIRTUAL_CSSID, 0, n, device, n);
    this.subchannels.push(sch);
    return sch;
  }

  reset(): void {
    for (const q of this.queues) q.length = 0;
    this.crws.length = 0;
    this.crwsLost = false;
    this.doCrwMchk = true;
    this.maxCssid = 0;
    this.maxSsid = 0;
    for (const s of this.subchannels) { s.reset(); s.device.reset(); }
  }

  // ---- subchannel identification (GPR 1) ----

  /** The subchannel a SID names: a Subchannel, null (none: CC 3), or undefined (invalid SID: operand exception). */
  private lookup(sid: number): Subchannel | null | undefined {
    sid >>>= 0;
    if ((sid & 0x00010000) === 0) return undefined;
    const m = (sid & 0x00080000) !== 0;
    const cssid = sid >>> 24;
    if (!m && cssid !== 0) return undefined;
    const ssid = (sid >>> 17) & 3;
    const nr = sid & 0xffff;
    const real = !m && cssid === 0 ? VIRTUAL_CSSID : cssid;
    if (real !== VIRTUAL_CSSID || ssid !== 0) return null;
    const sch = this.subchannels[nr];
    if (!sch || !this.visible(sch)) return null;
    return sch;
  }

  private visible(sch: Subchannel): boolean {
    return sch.ssid <= this.maxSsid && (sch.cssid === VIRTUAL_CSSID || this.maxCssid > 0);
  }

  /** The subchannel-identification word of the interruption code (lowcore 0xb8). */
  sidOf(sch: Subchannel): number {
    const hi = this.maxCssid > 0 ? (sch.cssid << 8) | 8 | (sch.ssid << 1) | 1 : (sch.ssid << 1) | 1;
    return ((hi << 16) | sch.schid) >>> 0;
  }

  // ---- interruptions ----

  private queueIo(sid: number, param: number, word: number, schNo: number): void {
    const isc = (word >>> 27) & 7;
    const q = this.queues[isc]!;
    // Adapter interruptions of one ISC are indistinguishable (the guest scans its
    // indicators), so one queued is enough; this also bounds the queue against a guest
    // that keeps resetting its summary indicator with interruptions disabled.
    if (schNo < 0) { for (const e of q) if (e.sch < 0 && e.word === (word >>> 0)) return; }
    if (q.length >= MAX_QUEUED_IO) return;
    q.push({ sid, param: param >>> 0, word: word >>> 0, sch: schNo });
    this.hooks.onIo?.();
  }

  injectIo(sch: Subchannel): void {
    this.queueIo(this.sidOf(sch), sch.intparm, sch.isc << 27, sch.schid);
  }

  /** Adapter (thin) interruption for `isc`: no subchannel, AI bit in the interruption word. */
  injectAdapter(isc: number): void {
    this.queueIo(0, 0, (((isc & 7) << 27) | 0x80000000) >>> 0, -1);
  }

  /** Make the subchannel alert-status pending unless it already is (virtio notifications). */
  conditionalIo(sch: Subchannel): void {
    // A disabled subchannel is not made status pending (PoP "Status Control").
    if (!(sch.flags & PMCW_FLAGS_ENA) || (sch.ctrl & SCSW_STCTL_STATUS_PEND)) return;
    sch.ctrl = (sch.ctrl & ~SCSW_STCTL_MASK) | SCSW_STCTL_ALERT | SCSW_STCTL_STATUS_PEND;
    this.injectIo(sch);
  }

  private clearIo(sch: Subchannel): void {
    for (const q of this.queues) {
      for (let k = q.length - 1; k >= 0; k--) if (q[k]!.sch === sch.schid) q.splice(k, 1);
    }
  }

  takeIo(iscMask: number): { sid: number; param: number; word: number } | null {
    for (let isc = 0; isc < 8; isc++) {
      if ((iscMask & (0x80 >> isc)) === 0) continue;
      const q = this.queues[isc]!;
      if (q.length === 0) continue;
      const e = q.shift()!;
      this.taken.sid = e.sid; this.taken.param = e.param; this.taken.word = e.word;
      return this.taken;
    }
    return null;
  }

  ioPending(iscMask: number): boolean {
    for (let isc = 0; isc < 8; isc++) if ((iscMask & (0x80 >> isc)) !== 0 && this.queues[isc]!.length > 0) return true;
    return false;
  }

  // ---- channel reports ----

  queueCrw(rsc: number, erc: number, chain: boolean, rsid: number): void {
    if (this.crws.length >= 256) { this.crwsLost = true; return; }
    let w = ((rsc & 0xf) << 24) | ((erc & 0x3f) << 16) | (rsid & 0xffff);
    if (chain) w |= 0x10000000;
    if (this.crwsLost) { w |= 0x20000000; this.crwsLost = false; }
    this.crws.push(w >>> 0);
    if (this.doCrwMchk) { this.doCrwMchk = false; this.hooks.onCrw?.(); }
  }

  crwPending(): boolean { return this.crws.length > 0; }

  stcrw(addr: number): number {
    if (addr % 4 !== 0) return -PGM_SPECIFICATION;
    if (!this.ram.ok(addr, 4)) return -PGM_ADDRESSING;
    const w = this.crws.shift();
    if (w === undefined) {
      this.ram.w32(addr, 0);
      this.doCrwMchk = true;
      return 1;
    }
    this.ram.w32(addr, w);
    return 0;
  }

  // ---- instructions ----

  stsch(sid: number, addr: number): number {
    if (addr % 4 !== 0) return -PGM_SPECIFICATION;
    if (!this.ram.ok(addr, 52)) return -PGM_ADDRESSING;
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (sch) {
      sch.storeSchib(this.ram.u8, addr);
      return 0;
    }
    // Below the highest assigned number an absent subchannel stores zeros with CC 0.
    if (this.schidFinal(sid)) return 3;
    this.ram.fill(addr, 52, 0);
    return 0;
  }

  private schidFinal(sid: number): boolean {
    const m = (sid & 0x00080000) !== 0;
    const cssid = sid >>> 24;
    const ssid = (sid >>> 17) & 3;
    const real = !m && cssid === 0 ? VIRTUAL_CSSID : cssid;
    if (real !== VIRTUAL_CSSID || ssid !== 0 || this.subchannels.length === 0) return true;
    return (sid & 0xffff) > this.subchannels.length - 1;
  }

  msch(sid: number, addr: number): number {
    if (addr % 4 !== 0) return -PGM_SPECIFICATION;
    if (!this.ram.ok(addr, 52)) return -PGM_ADDRESSING;
    const r = this.ram;
    const flags = r.r16(addr + 4);
    const chars = r.r32(addr + 24);
    const mbaLo = r.r32(addr + 44);
    const sch = this.lookup(sid);
    if (sch === undefined || (flags & PMCW_FLAGS_INVALID) || (chars & PMCW_CHARS_INVALID) || (chars & PMCW_CHARS_XMWME)
      || ((chars & PMCW_CHARS_MBFC) && (mbaLo & 0x3f))) return -PGM_OPERAND;
    if (!sch) return 3;
    if (!(sch.flags & PMCW_FLAGS_DNV)) return 0;
    if (sch.ctrl & SCSW_STCTL_STATUS_PEND) return 1;
    if (sch.ctrl & (SCSW_FCTL_START | SCSW_FCTL_HALT | SCSW_FCTL_CLEAR)) return 2;
    const mod = PMCW_FLAGS_ISC | PMCW_FLAGS_ENA | PMCW_FLAGS_LM | PMCW_FLAGS_MME | PMCW_FLAGS_MP;
    sch.intparm = r.r32(addr);
    sch.flags = (sch.flags & ~mod) | (flags & mod);
    sch.lpm = r.r8(addr + 8);
    sch.mbi = r.r16(addr + 12);
    sch.pom = r.r8(addr + 14);
    const cmod = PMCW_CHARS_MBFC | PMCW_CHARS_CSENSE;
    sch.chars = ((sch.chars & ~cmod) | (chars & cmod)) >>> 0;
    sch.mbaHi = r.r32(addr + 40);
    sch.mbaLo = mbaLo;
    return 0;
  }

  private static enabled(sch: Subchannel): boolean {
    return (sch.flags & (PMCW_FLAGS_DNV | PMCW_FLAGS_ENA)) === (PMCW_FLAGS_DNV | PMCW_FLAGS_ENA);
  }

  ssch(sid: number, orb: number): number {
    if (orb % 4 !== 0) return -PGM_SPECIFICATION;
    if (!this.ram.ok(orb, 12)) return -PGM_ADDRESSING;
    const intparm = this.ram.r32(orb);
    const ctrl0 = this.ram.r16(orb + 4);
    const lpm = this.ram.r8(orb + 6);
    const ctrl1 = this.ram.r8(orb + 7);
    const cpa = this.ram.r32(orb + 8);
    const sch = this.lookup(sid);
    if (sch === undefined || (ctrl0 & ORB_CTRL0_INVALID) || (ctrl1 & ORB_CTRL1_INVALID) || (ctrl1 & ORB_CTRL1_MIDAW)
      || (cpa & 0x80000000)) return -PGM_OPERAND;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    if (sch.ctrl & SCSW_STCTL_STATUS_PEND) return 1;
    if (sch.ctrl & (SCSW_FCTL_START | SCSW_FCTL_HALT | SCSW_FCTL_CLEAR)) return 2;
    sch.orbIntparm = intparm;
    sch.orbCtrl0 = ctrl0;
    sch.orbLpm = lpm;
    sch.channelProg = cpa;
    sch.ctrl |= SCSW_FCTL_START | SCSW_ACTL_START_PEND;
    sch.sflags &= ~SCSW_FLAGS_PNO;
    this.work(sch);
    return 0;
  }

  tsch(sid: number, irb: number): number {
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (irb % 4 !== 0) return -PGM_SPECIFICATION;
    if (!this.ram.ok(irb, 64)) return -PGM_ADDRESSING;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    const stctl = sch.ctrl & SCSW_STCTL_MASK;
    const b = this.ram.u8;
    b.fill(0, irb, irb + 64);
    const d = new DataView(b.buffer, b.byteOffset + irb, 64);
    let flags = sch.sflags;
    if (stctl & SCSW_STCTL_STATUS_PEND) {
      if (sch.cstat & (CSTAT_DATA_CHECK | CSTAT_CHN_CTRL_CHK | CSTAT_INTF_CTRL_CHK)) {
        flags |= SCSW_FLAGS_ESWF;
        d.setUint32(12, 0x04804000);
      } else {
        d.setUint32(12, 0x00800000);
      }
      if ((sch.dstat & DSTAT_UNIT_CHECK) && (sch.chars & PMCW_CHARS_CSENSE)) {
        flags |= SCSW_FLAGS_ESWF | SCSW_FLAGS_ECTL;
        b.set(sch.sense, irb + 32);
        d.setUint32(16, 0x01000000 | (32 << 8));
      }
    }
    sch.storeScsw(d, 0, flags);
    if (stctl & SCSW_STCTL_STATUS_PEND) {
      this.tschUpdate(sch, stctl);
      this.clearIo(sch);
    }
    return stctl & SCSW_STCTL_STATUS_PEND ? 0 : 1;
  }

  private tschUpdate(sch: Subchannel, stctl: number): void {
    const fctl = sch.ctrl & SCSW_FCTL_MASK;
    const actl = sch.ctrl & SCSW_ACTL_MASK;
    const intermediateOnly = stctl === (SCSW_STCTL_INTERMEDIATE | SCSW_STCTL_STATUS_PEND);
    sch.ctrl &= ~SCSW_STCTL_MASK;
    if (!intermediateOnly || ((fctl & SCSW_FCTL_HALT) && (actl & SCSW_ACTL_SUSP))) sch.ctrl &= ~SCSW_FCTL_MASK;
    const pendBits = SCSW_ACTL_RESUME_PEND | SCSW_ACTL_START_PEND | SCSW_ACTL_HALT_PEND | SCSW_ACTL_CLEAR_PEND | SCSW_ACTL_SUSP;
    if (!intermediateOnly) {
      sch.sflags &= ~SCSW_FLAGS_PNO;
      sch.ctrl &= ~pendBits;
    } else if ((actl & SCSW_ACTL_SUSP) && (fctl & SCSW_FCTL_START)) {
      sch.sflags &= ~SCSW_FLAGS_PNO;
      if (fctl & SCSW_FCTL_HALT) sch.ctrl &= ~pendBits;
      else sch.ctrl &= ~SCSW_ACTL_RESUME_PEND;
    }
    if (sch.chars & PMCW_CHARS_CSENSE) sch.sense.fill(0);
  }

  csch(sid: number): number {
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    this.clearIo(sch);
    sch.ctrl = (sch.ctrl & ~(SCSW_FCTL_MASK | SCSW_ACTL_MASK)) | SCSW_FCTL_CLEAR | SCSW_ACTL_CLEAR_PEND;
    this.work(sch);
    return 0;
  }

  hsch(sid: number): number {
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    const stctl = sch.ctrl & SCSW_STCTL_MASK;
    if (stctl === SCSW_STCTL_STATUS_PEND || (sch.ctrl & (SCSW_STCTL_PRIMARY | SCSW_STCTL_SECONDARY | SCSW_STCTL_ALERT))) return 1;
    if (sch.ctrl & (SCSW_FCTL_HALT | SCSW_FCTL_CLEAR)) return 2;
    sch.ctrl = (sch.ctrl | SCSW_FCTL_HALT) & ~SCSW_FCTL_START;
    if ((sch.ctrl & SCSW_ACTL_MASK) === (SCSW_ACTL_SUBCH_ACTIVE | SCSW_ACTL_DEVICE_ACTIVE)
      && (sch.ctrl & SCSW_STCTL_MASK) === SCSW_STCTL_INTERMEDIATE) sch.ctrl &= ~SCSW_STCTL_STATUS_PEND;
    sch.ctrl |= SCSW_ACTL_HALT_PEND;
    this.work(sch);
    return 0;
  }

  xsch(sid: number): number {
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    const c = sch.ctrl;
    if (c & SCSW_STCTL_MASK) return 1;
    if ((c & SCSW_FCTL_MASK) !== SCSW_FCTL_START || !(c & (SCSW_ACTL_RESUME_PEND | SCSW_ACTL_START_PEND | SCSW_ACTL_SUSP))
      || (c & SCSW_ACTL_SUBCH_ACTIVE)) return 2;
    sch.ctrl &= ~(SCSW_FCTL_START | SCSW_ACTL_RESUME_PEND | SCSW_ACTL_START_PEND | SCSW_ACTL_SUSP);
    sch.channelProg = 0;
    sch.lastCmdValid = false;
    sch.dstat = 0;
    sch.cstat = 0;
    return 0;
  }

  rsch(sid: number): number {
    const sch = this.lookup(sid);
    if (sch === undefined) return -PGM_OPERAND;
    if (!sch || !ChannelSubsystem.enabled(sch)) return 3;
    if (sch.ctrl & SCSW_STCTL_STATUS_PEND) return 1;
    if ((sch.ctrl & SCSW_FCTL_MASK) !== SCSW_FCTL_START || (sch.ctrl & SCSW_ACTL_RESUME_PEND) || !(sch.ctrl & SCSW_ACTL_SUSP)) return 2;
    sch.ctrl |= SCSW_ACTL_RESUME_PEND;
    this.work(sch);
    return 0;
  }

  // ---- functions ----

  private work(sch: Subchannel): void {
    if (sch.ctrl & SCSW_FCTL_CLEAR) this.clearFunction(sch);
    else if (sch.ctrl & SCSW_FCTL_HALT) this.haltFunction(sch);
    else if (sch.ctrl & SCSW_FCTL_START) this.startFunction(sch);
    // QEMU signals even a suspended program; TSCH then finds no status (CC 1).
    this.injectIo(sch);
  }

  private clearFunction(sch: Subchannel): void {
    sch.lpum = 0;
    sch.pom = 0xff;
    sch.sflags &= ~SCSW_FLAGS_PNO;
    sch.channelProg = 0;
    sch.lastCmdValid = false;
    sch.ctrl = (sch.ctrl & ~SCSW_ACTL_CLEAR_PEND) | SCSW_STCTL_STATUS_PEND;
    sch.dstat = 0;
    sch.cstat = 0;
    sch.lpum = 0x80;
  }

  private haltFunction(sch: Subchannel): void {
    const cur = sch.channelProg;
    sch.channelProg = 0;
    sch.lastCmdValid = false;
    sch.ctrl = (sch.ctrl & ~SCSW_ACTL_HALT_PEND) | SCSW_STCTL_STATUS_PEND;
    const active = (sch.ctrl & (SCSW_ACTL_SUBCH_ACTIVE | SCSW_ACTL_DEVICE_ACTIVE)) !== 0;
    if (active || !(sch.ctrl & (SCSW_ACTL_START_PEND | SCSW_ACTL_SUSP))) sch.dstat = DSTAT_DEVICE_END;
    if (active || (sch.ctrl & SCSW_ACTL_SUSP)) sch.cpa = (cur + 8) >>> 0;
    sch.cstat = 0;
    sch.lpum = 0x80;
  }

  private endStatus(sch: Subchannel, extra: number): void {
    sch.ctrl = (sch.ctrl & ~SCSW_ACTL_START_PEND & ~SCSW_STCTL_MASK)
      | SCSW_STCTL_PRIMARY | SCSW_STCTL_SECONDARY | SCSW_STCTL_STATUS_PEND | extra;
    sch.cpa = (sch.channelProg + 8) >>> 0;
  }

  private startFunction(sch: Subchannel): void {
    let suspendAllowed: boolean;
    if (!(sch.ctrl & SCSW_ACTL_SUSP)) {
      sch.cstat = 0;
      sch.dstat = 0;
      sch.intparm = sch.orbIntparm;
      if (!(sch.orbLpm & 0x80)) {
        // Deferred condition code 3: no path in the logical path mask.
        sch.sflags |= SCSW_FLAGS_CC;
        sch.ctrl = (sch.ctrl & ~SCSW_STCTL_MASK) | SCSW_STCTL_ALERT | SCSW_STCTL_STATUS_PEND;
        return;
      }
      sch.ccwFmt1 = (sch.orbCtrl0 & ORB_CTRL0_FMT) !== 0;
      if (sch.ccwFmt1) sch.sflags |= SCSW_FLAGS_FMT;
      sch.noDataCount = 0;
      suspendAllowed = (sch.orbCtrl0 & ORB_CTRL0_SPND) !== 0;
    } else {
      sch.ctrl &= ~(SCSW_ACTL_SUSP | SCSW_ACTL_RESUME_PEND);
      suspendAllowed = true;
    }
    sch.lastCmdValid = false;
    for (let budget = MAX_CCWS_PER_START; ; budget--) {
      const ret = budget > 0 ? this.interpret(sch, suspendAllowed) : CCW_INVALID;
      switch (ret) {
        case CCW_AGAIN:
          continue;
        case CCW_OK:
          sch.dstat = DSTAT_CHANNEL_END | DSTAT_DEVICE_END;
          this.endStatus(sch, 0);
          return;
        case CCW_IO:
          return;
        case CCW_REJECT:
          sch.dstat = DSTAT_UNIT_CHECK;
          sch.sense[0] = 0x80; // command reject
          this.endStatus(sch, SCSW_STCTL_ALERT);
          return;
        case CCW_SUSPEND:
          sch.ctrl = (sch.ctrl & ~SCSW_ACTL_START_PEND) | SCSW_ACTL_SUSP;
          return;
        case CCW_FAULT:
          sch.cstat = CSTAT_DATA_CHECK;
          this.endStatus(sch, SCSW_STCTL_ALERT);
          return;
        default:
          sch.cstat = CSTAT_PROG_CHECK;
          this.endStatus(sch, SCSW_STCTL_ALERT);
          return;
      }
    }
  }

  /** Fetch the CCW at `a` into `out`; false if the address is invalid. */
  private fetchCcw(a: number, fmt1: boolean, out: Segment & { cmd: number }): boolean {
    if (a === 0 || (a & (fmt1 ? 0x80000007 : 0xff000007)) !== 0 || !this.ram.ok(a, 8)) return false;
    const r = this.ram;
    if (fmt1) {
      out.cmd = r.r8(a); out.flags = r.r8(a + 1); out.count = r.r16(a + 2); out.cda = r.r32(a + 4);
    } else {
      out.cmd = r.r8(a);
      out.cda = r.r32(a) & 0xffffff;
      if ((out.cmd & 0x0f) === CCW_CMD_TIC) { out.cmd = CCW_CMD_TIC; out.flags = 0; out.count = 0; } else {
        out.flags = r.r8(a + 4); out.count = r.r16(a + 6);
      }
    }
    return true;
  }

  private readonly cur = { cmd: 0, flags: 0, count: 0, cda: 0 };
  private readonly nxt = { cmd: 0, flags: 0, count: 0, cda: 0 };
  private readonly first: Segment = { cda: 0, count: 0, flags: 0 };

  /** Interpret the CCW at sch.channelProg (QEMU's css_interpret_ccw plus data chaining). */
  private interpret(sch: Subchannel, suspendAllowed: boolean): number {
    const c = this.cur;
    if (!this.fetchCcw(sch.channelProg, sch.ccwFmt1, c)) return CCW_INVALID;
    if ((c.cmd & 0x0f) === 0) return CCW_INVALID;
    if ((c.cmd & 0x0f) === CCW_CMD_TIC && (c.cmd & 0xf0) !== 0) return CCW_INVALID;
    if (!sch.ccwFmt1 && c.count === 0 && c.cmd !== CCW_CMD_TIC) return CCW_INVALID;
    if (c.flags & CCW_FLAG_MIDA) return CCW_INVALID;
    if (c.flags & CCW_FLAG_SUSPEND) return suspendAllowed ? CCW_SUSPEND : CCW_INVALID;
    if (c.cda === 0) {
      if (sch.noDataCount === 255) return CCW_INVALID;
      sch.noDataCount++;
    }

    // Data chaining: gather the following CCWs' data areas into one stream. Their
    // command codes are ignored except TIC, which is followed (but not TIC to TIC).
    let nmore = 0;
    let flags = c.flags;
    if (c.cmd !== CCW_CMD_TIC && (c.flags & CCW_FLAG_DC)) {
      let a = sch.channelProg;
      let prevTic = false;
      while (flags & CCW_FLAG_DC) {
        a += 8;
        if (!this.fetchCcw(a, sch.ccwFmt1, this.nxt)) return CCW_INVALID;
        const n = this.nxt;
        if ((n.cmd & 0x0f) === CCW_CMD_TIC) {
          if (prevTic || (n.cmd & 0xf0) !== 0) return CCW_INVALID;
          prevTic = true;
          a = n.cda - 8;
          continue;
        }
        prevTic = false;
        if (nmore >= MAX_DATA_CHAIN) return CCW_INVALID;
        if (n.flags & (CCW_FLAG_MIDA | CCW_FLAG_SUSPEND)) return CCW_INVALID;
        const s = this.chainBuf[nmore++]!;
        s.cda = n.cda; s.count = n.count; s.flags = n.flags;
        flags = n.flags;
        sch.channelProg = a;
      }
    }
    // Length checking follows the last CCW of a data chain (SLI is meaningful there).
    const lastFlags = nmore > 0 ? flags : c.flags;
    this.first.cda = c.cda; this.first.count = c.count; this.first.flags = c.flags;
    this.ds.init(sch.orbCtrl0, c.cmd, this.first, this.chainBuf, nmore);
    const ccw: Ccw = { cmd: c.cmd, flags: (c.flags & ~(CCW_FLAG_CC | CCW_FLAG_SLI)) | (lastFlags & (CCW_FLAG_CC | CCW_FLAG_SLI)), count: this.ds.count, cda: c.cda };
    if (nmore > 0) ccw.flags &= ~CCW_FLAG_DC;
    const checkLen = !((ccw.flags & CCW_FLAG_SLI) && !(ccw.flags & CCW_FLAG_DC));

    let ret: number;
    switch (c.cmd) {
      case CCW_CMD_NOOP:
        ret = CCW_OK;
        break;
      case CCW_CMD_BASIC_SENSE: {
        if (checkLen && ccw.count !== 32) { ret = CCW_INVALID; break; }
        const len = Math.min(ccw.count, 32);
        ret = this.ds.write(sch.sense, 0, len);
        sch.count = this.ds.residualAfter(len);
        if (ret === 0) sch.sense.fill(0);
        break;
      }
      case CCW_CMD_SENSE_ID: {
        // SENSE ID may store up to 256 bytes; ours are 8 followed by zeros (no CIWs).
        if (checkLen && ccw.count !== 256) { ret = CCW_INVALID; break; }
        const len = Math.min(ccw.count, 256);
        const id = new Uint8Array(len);
        if (len > 1) id.set(sch.device.senseId.subarray(0, Math.min(7, len - 1)), 1);
        if (len > 0) id[0] = len >= 4 ? 0xff : 0;
        ret = this.ds.write(id, 0, len);
        if (ret === 0) sch.count = this.ds.residualAfter(len);
        break;
      }
      case CCW_CMD_TIC:
        if (sch.lastCmdValid && sch.lastCmd === CCW_CMD_TIC) { ret = CCW_INVALID; break; }
        if (c.flags !== 0 || c.count !== 0) { ret = CCW_INVALID; break; }
        sch.channelProg = c.cda;
        ret = CCW_AGAIN;
        break;
      default:
        ret = sch.device.ccw(sch, ccw, this.ds);
        break;
    }
    sch.lastCmd = c.cmd;
    sch.lastCmdValid = true;
    if (ret === CCW_OK && (ccw.flags & CCW_FLAG_CC)) {
      sch.channelProg = (sch.channelProg + 8) >>> 0;
      ret = CCW_AGAIN;
    }
    return ret;
  }
}
