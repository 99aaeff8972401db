// The service-call logical processor: SERVICE CALL (SERVC) command execution and the
// service-signal external interruption, as QEMU's hw/s390x/sclp.c behaves for the
// s390-ccw-virtio machine (TCG, no extended-length SCCB facility, no standby memory).

import { ConfigMgtEvent, EventFacility, QuiesceEvent, be16, put16, type SclpEvent } from './event-facility.ts';
import type { GuestRam } from './guest-ram.ts';
import { LineModeConsole, Vt220Console } from './sclp-console.ts';
import {
  SCCB_SIZE, SCLP_CMD_CODE_MASK, SCLP_CMD_READ_EVENT_DATA, SCLP_CMD_WRITE_EVENT_DATA, SCLP_CMD_WRITE_EVENT_MASK,
  SCLP_CMDW_CONFIGURE_IOA, SCLP_CMDW_DECONFIGURE_IOA, SCLP_CMDW_READ_CPU_INFO, SCLP_CMDW_READ_SCP_INFO,
  SCLP_CMDW_READ_SCP_INFO_FORCED, SCLP_HAS_CPU_INFO_HI, SCLP_HAS_IOA_RECONFIG_LO,
  SCLP_RC_ADAPTER_ID_NOT_RECOGNIZED, SCLP_RC_ADAPTER_TYPE_NOT_RECOGNIZED, SCLP_RC_INSUFFICIENT_SCCB_LENGTH, SCLP_RC_INVALID_SCLP_COMMAND,
  SCLP_RC_NORMAL_READ_COMPLETION, SCLP_RC_SCCB_BOUNDARY_VIOLATION,
} from './sclp-defs.ts';

const PGM_ADDRESSING = 0x05;
const PGM_SPECIFICATION = 0x06;

/** READ SCP INFO: where the CPU entries start without the extended-length SCCB facility. */
const READ_INFO_CPU_OFFSET = 128;
/** sizeof(ReadInfo) in QEMU (fields up to byte 143). */
const READ_INFO_LEN = 144;
/** sizeof(ReadCpuInfo): header and four halfwords, entries at 24. */
const READ_CPU_INFO_LEN = 24;
const CPU_ENTRY_LEN = 16;

/**
 * Configuration characteristics (bytes 80..98) of QEMU 7.2's TCG CPU model: only byte 85
 * bit 6, ESOP (enhanced suppression on protection), which makes Linux rely on the
 * translation-exception identification of protection exceptions.
 */
export const QEMU_TCG_CONF_CHAR = new Uint8Array(19);
QEMU_TCG_CONF_CHAR[5] = 0x02;

export interface SclpOptions {
  /** Guest RAM in bytes (a multiple of 1 MiB is what QEMU allows). */
  ramSize: number;
  /** CPU addresses present (default [0]). */
  cpus?: number[];
  /** The highest possible CPU address + 1 (default: cpus.length). */
  maxCpus?: number;
  /** READ SCP INFO configuration characteristics bytes 80..98 (QEMU's SCLP_CONF_CHAR block). */
  confChar?: Uint8Array;
  /** Maximum host address as a power of 2 (byte 99; default QEMU TCG's 47). */
  mhaPow?: number;
  /** Host-machine facility-availability indications (bytes 124..127; default QEMU TCG's). */
  hmfai?: number;
  /** Bytes 116..119 (SCLP_CONF_CHAR_EXT). */
  confCharExt?: Uint8Array;
  /** Eight EBCDIC loadparm bytes (default: blanks). */
  loadparm?: Uint8Array;
  /** Add the line-mode console (QEMU: -device sclplmconsole). */
  lineMode?: boolean;
}

export class Sclp {
  readonly events: EventFacility;
  readonly vt220 = new Vt220Console();
  readonly lineMode: LineModeConsole | null;
  readonly quiesce = new QuiesceEvent();
  private readonly opts: Required<Pick<SclpOptions, 'cpus' | 'maxCpus' | 'lineMode' | 'ramSize'>> & SclpOptions;
  /** log2 of the storage increment: 1 MiB, as QEMU's current s390-ccw-virtio machines use. */
  readonly incrementShift = 20;
  private sigPending = false;
  private sigParam = 0;
  /** Called when a service signal becomes pending from the host side (console input, quiesce). */
  onServiceSignal: (() => void) | null = null;

  constructor(private readonly ram: GuestRam, opts: SclpOptions) {
    const cpus = opts.cpus ?? [0];
    this.opts = { ...opts, cpus, maxCpus: opts.maxCpus ?? cpus.length, lineMode: opts.lineMode ?? false };
    this.lineMode = this.opts.lineMode ? new LineModeConsole() : null;
    // QEMU's bus lists the newest child first: consoles, then CPU hotplug, then quiesce.
    const list: SclpEvent[] = [];
    if (this.lineMode) list.push(this.lineMode);
    list.push(this.vt220, new ConfigMgtEvent(), this.quiesce);
    this.events = new EventFacility(list);
    const wake = () => this.serviceInterrupt(0);
    this.vt220.onInput = wake;
    if (this.lineMode) this.lineMode.onInput = wake;
  }

  /** Host request to power the guest off (Linux answers "signal quiesce" with shutdown). */
  requestQuiesce(): void {
    this.quiesce.request();
    this.serviceInterrupt(0);
  }

  /** Make a service signal pending with the SCCB address and the event-pending bit. */
  serviceInterrupt(sccb: number): void {
    const param = ((sccb & ~3) | (this.events.eventPending() ? 1 : 0)) >>> 0;
    if (param === 0) return;
    this.sigParam = (this.sigParam | param) >>> 0;
    const was = this.sigPending;
    this.sigPending = true;
    if (!was) this.onServiceSignal?.();
  }

  takeServiceSignal(): number {
    if (!this.sigPending) return -1;
    this.sigPending = false;
    const p = this.sigParam;
    this.sigParam = 0;
    return p;
  }

  serviceSignalPending(): boolean { return this.sigPending; }

  reset(): void {
    this.sigPending = false;
    this.sigParam = 0;
    this.events.reset();
    this.vt220.reset();
    this.lineMode?.reset();
  }

  /** SERVICE CALL: returns the condition code or -PGM. */
  servc(command: number, sccb: number): number {
    command >>>= 0;
    if (!(sccb >= 0) || sccb >= this.ram.size) return -PGM_ADDRESSING;
    // Not in the first 8 KiB, doubleword aligned, below 2 GiB.
    if (sccb < 0x2000 || sccb % 8 !== 0 || sccb >= 0x80000000) return -PGM_SPECIFICATION;
    if (!this.ram.ok(sccb, 8)) return -PGM_ADDRESSING;
    const len = this.ram.r16(sccb);
    if (len < 8) return -PGM_SPECIFICATION;

    // A private copy: the guest cannot change what was checked while we work on it.
    const work = new Uint8Array(Math.max(SCCB_SIZE, len));
    const inRam = Math.min(len, this.ram.size - sccb);
    this.ram.read(sccb, work, 0, inRam);

    const code = (command & SCLP_CMD_CODE_MASK) >>> 0;
    if (!Sclp.commandValid(code)) {
      put16(work, 6, SCLP_RC_INVALID_SCLP_COMMAND);
    } else if (!this.boundaryOk(sccb, len)) {
      put16(work, 6, SCLP_RC_SCCB_BOUNDARY_VIOLATION);
    } else {
      this.execute(work, code);
    }
    const outLen = Math.min(be16(work, 0), work.length, this.ram.size - sccb);
    this.ram.write(sccb, work, 0, outLen);
    this.serviceInterrupt(sccb);
    return 0;
  }

  private static commandValid(code: number): boolean {
    switch (code) {
      case SCLP_CMDW_READ_SCP_INFO: case SCLP_CMDW_READ_SCP_INFO_FORCED: case SCLP_CMDW_READ_CPU_INFO:
      case SCLP_CMDW_CONFIGURE_IOA: case SCLP_CMDW_DECONFIGURE_IOA:
      case SCLP_CMD_READ_EVENT_DATA: case SCLP_CMD_WRITE_EVENT_DATA: case SCLP_CMD_WRITE_EVENT_MASK:
        return true;
      default:
        return false;
    }
  }

  /** Without the extended-length SCCB facility an SCCB may not cross its 4 KiB page. */
  private boundaryOk(sccb: number, len: number): boolean {
    return sccb + len - 1 < Math.floor(sccb / 4096) * 4096 + 4096;
  }

  private execute(work: Uint8Array, code: number): void {
    switch (code) {
      case SCLP_CMDW_READ_SCP_INFO: case SCLP_CMDW_READ_SCP_INFO_FORCED: this.readScpInfo(work); break;
      case SCLP_CMDW_READ_CPU_INFO: this.readCpuInfo(work); break;
      case SCLP_CMDW_CONFIGURE_IOA: case SCLP_CMDW_DECONFIGURE_IOA:
        // No zPCI: every adapter type is unknown.
        // zPCI is a facility of QEMU's TCG model, but no PCI adapter exists: a PCI
        // adapter id is unknown, other adapter types are not recognized.
        put16(work, 6, be16(work, 0) < 16 ? SCLP_RC_INSUFFICIENT_SCCB_LENGTH
          : work[8] === 2 ? SCLP_RC_ADAPTER_ID_NOT_RECOGNIZED : SCLP_RC_ADAPTER_TYPE_NOT_RECOGNIZED);
        break;
      case SCLP_CMD_READ_EVENT_DATA: this.events.readEventData(work); break;
      case SCLP_CMD_WRITE_EVENT_DATA: this.events.writeEventData(work); break;
      case SCLP_CMD_WRITE_EVENT_MASK: this.events.writeEventMask(work); break;
    }
  }

  private putCpuEntries(work: Uint8Array, off: number): number {
    const cpus = this.opts.cpus;
    for (let k = 0; k < cpus.length; k++) {
      const e = off + k * CPU_ENTRY_LEN;
      work.fill(0, e, e + CPU_ENTRY_LEN);
      work[e] = cpus[k]! & 0xff; // core address; type 0 (CP) at byte 14
    }
    return cpus.length;
  }

  private readScpInfo(work: Uint8Array): void {
    const len = be16(work, 0);
    const cpus = this.opts.cpus.length;
    if (len < READ_INFO_LEN + this.opts.maxCpus * CPU_ENTRY_LEN) {
      put16(work, 6, SCLP_RC_INSUFFICIENT_SCCB_LENGTH);
      return;
    }
    const n = this.putCpuEntries(work, READ_INFO_CPU_OFFSET);
    put16(work, 16, n);
    put16(work, 18, READ_INFO_CPU_OFFSET);
    put16(work, 120, this.opts.maxCpus - 1);
    work.fill(0, 76, 80); // IBC: none under TCG
    if (len < READ_INFO_LEN + cpus * CPU_ENTRY_LEN) {
      put16(work, 6, SCLP_RC_INSUFFICIENT_SCCB_LENGTH);
      return;
    }
    work.fill(0, 80, 99);
    work.set((this.opts.confChar ?? QEMU_TCG_CONF_CHAR).subarray(0, 19), 80);
    work.fill(0, 116, 120);
    if (this.opts.confCharExt) work.set(this.opts.confCharExt.subarray(0, 4), 116);
    // facilities doubleword at 48: CPU info and I/O-adapter reconfiguration
    put16(work, 48, SCLP_HAS_CPU_INFO_HI >>> 16); put16(work, 50, 0);
    put16(work, 52, SCLP_HAS_IOA_RECONFIG_LO >>> 16); put16(work, 54, 0);
    work[99] = this.opts.mhaPow ?? 47; // QEMU's TCG value: 2^47 - 1 highest address
    put16(work, 124, (this.opts.hmfai ?? 0x08000000) >>> 16); put16(work, 126, (this.opts.hmfai ?? 0x08000000) & 0xffff);
    const lp = this.opts.loadparm;
    for (let k = 0; k < 8; k++) work[24 + k] = lp ? lp[k] ?? 0x40 : 0x40;
    // Storage in 1 MiB increments (QEMU's s390-ccw-virtio machines no longer scale it).
    const rnsize = 1 << (this.incrementShift - 20);
    if (rnsize <= 128) { work[10] = rnsize; work.fill(0, 100, 104); } else { work[10] = 0; put16(work, 100, rnsize >>> 16); put16(work, 102, rnsize & 0xffff); }
    const rnmax = Math.floor(this.opts.ramSize / 2 ** this.incrementShift);
    work.fill(0, 104, 112);
    if (rnmax < 0x10000) {
      put16(work, 8, rnmax);
    } else {
      put16(work, 8, 0);
      put16(work, 108, Math.floor(rnmax / 65536) & 0xffff);
      put16(work, 110, rnmax & 0xffff);
    }
    put16(work, 6, SCLP_RC_NORMAL_READ_COMPLETION);
  }

  private readCpuInfo(work: Uint8Array): void {
    if (be16(work, 0) < READ_CPU_INFO_LEN + this.opts.maxCpus * CPU_ENTRY_LEN) {
      put16(work, 6, SCLP_RC_INSUFFICIENT_SCCB_LENGTH);
      return;
    }
    const n = this.putCpuEntries(work, READ_CPU_INFO_LEN);
    put16(work, 8, n);
    put16(work, 10, READ_CPU_INFO_LEN);
    put16(work, 12, 0);
    // QEMU 7.2 adds the already byte-swapped offset and count (little-endian host), so
    // the guest sees this value; nothing reads it while there are no standby CPUs.
    const swap = (v: number) => ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
    put16(work, 14, (swap(READ_CPU_INFO_LEN) + swap(n) * CPU_ENTRY_LEN) & 0xffff);
    put16(work, 6, SCLP_RC_NORMAL_READ_COMPLETION);
  }
}
