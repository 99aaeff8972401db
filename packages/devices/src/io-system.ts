// The machine's I/O side behind the CPU's IoHost interface: the SCLP with its event
// facility and consoles, the channel subsystem with CHSC, the virtio-ccw devices and
// the DIAGNOSE 0x500 hypercalls. Structurally an IoHost (packages/cpu/src/io-host.ts);
// the machine package wires it to the CPU.

import { chsc } from './chsc.ts';
import { ChannelSubsystem, type Subchannel } from './css.ts';
import { GuestRam, addr64 } from './guest-ram.ts';
import type { IoHostExt } from './io-host-ext.ts';
import { Sclp, type SclpOptions } from './sclp.ts';
import { VIRTIO_QUEUE_MAX, type VirtioDevice } from './virtio.ts';
import { VirtioCcw } from './virtio-ccw.ts';

const PGM_SPECIFICATION = 0x06;

/** DIAGNOSE 0x500 function codes (Linux's KVM_S390_VIRTIO_*). */
export const DIAG500_EARLY_PRINTK = 0;
export const DIAG500_CCW_NOTIFY = 3;

/** Low word of -EINVAL, QEMU's GPR 2 for a bad notification (the high word is all ones). */
export const DIAG500_EINVAL_LO = 0xffffffea;

export interface IoSystemOptions extends Omit<SclpOptions, 'ramSize'> {
  /** Guest RAM, absolute address 0 at index 0. */
  ram: Uint8Array;
}

export class IoSystem implements IoHostExt {
  readonly ram: GuestRam;
  readonly sclp: Sclp;
  readonly css: ChannelSubsystem;
  readonly transports: VirtioCcw[] = [];
  /** Called whenever an interruption becomes pending outside a CPU instruction (wake the CPU). */
  onWake: (() => void) | null = null;
  /** High and low word of GPR 2 after the last diag500 (for a full 64-bit result). */
  diag500Gpr2Hi = 0;
  diag500Gpr2Lo = 0;

  constructor(opts: IoSystemOptions) {
    this.ram = new GuestRam(opts.ram);
    this.sclp = new Sclp(this.ram, { ...opts, ramSize: opts.ram.length });
    this.css = new ChannelSubsystem(this.ram);
    const wake = () => this.onWake?.();
    this.sclp.onServiceSignal = wake;
    this.css.hooks = { onIo: wake, onCrw: wake };
  }

  /** Plug a virtio device in at the next subchannel / device number. */
  addVirtio(dev: VirtioDevice): VirtioCcw {
    const t = new VirtioCcw(dev, this.css);
    t.sch = this.css.attach(t);
    this.transports.push(t);
    return t;
  }

  /** Machine reset (subsystem reset): every subchannel, device and pending interruption. */
  reset(): void {
    this.sclp.reset();
    this.css.reset();
  }

  /** Ask the guest to shut down (SCLP signal quiesce). */
  requestPowerOff(): void { this.sclp.requestQuiesce(); }

  // ---- IoHost ----

  servc(command: number, sccb: number): number { return this.sclp.servc(command, sccb); }
  ssch(sid: number, orb: number): number { return this.css.ssch(sid, orb); }
  stsch(sid: number, schib: number): number { return this.css.stsch(sid, schib); }
  msch(sid: number, schib: number): number { return this.css.msch(sid, schib); }
  tsch(sid: number, irb: number): number { return this.css.tsch(sid, irb); }
  csch(sid: number): number { return this.css.csch(sid); }
  hsch(sid: number): number { return this.css.hsch(sid); }
  xsch(sid: number): number { return this.css.xsch(sid); }
  rsch(sid: number): number { return this.css.rsch(sid); }
  stcrw(addr: number): number { return this.css.stcrw(addr); }
  chsc(block: number): number { return chsc(this.ram, this.css, block); }

  diag500(fn: number, a2hi: number, a2lo: number, a3hi: number, a3lo: number, _a4hi: number, _a4lo: number): number {
    let ok: boolean;
    switch (fn) {
      case DIAG500_EARLY_PRINTK:
        ok = addr64(a2hi, a2lo) < this.ram.size;
        break;
      case DIAG500_CCW_NOTIFY:
        ok = this.notify(a2lo >>> 0, a3hi >>> 0, a3lo >>> 0);
        break;
      default:
        return -PGM_SPECIFICATION;
    }
    this.diag500Gpr2Hi = ok ? 0 : 0xffffffff;
    this.diag500Gpr2Lo = ok ? 0 : DIAG500_EINVAL_LO;
    return 0;
  }

  /** Find the transport of a subchannel by its SID word (null: no such visible subchannel). */
  private subchannelOf(sid: number): Subchannel | null {
    if ((sid & 0x00010000) === 0) return null;
    const m = (sid & 0x00080000) !== 0;
    const cssid = sid >>> 24;
    if (!m && cssid !== 0) return null;
    if (((sid >>> 17) & 3) !== 0) return null;
    if (m && cssid !== 0xfe) return null;
    return this.css.subchannels[sid & 0xffff] ?? null;
  }

  private notify(sid: number, qhi: number, qlo: number): boolean {
    const sch = this.subchannelOf(sid);
    if (!sch) return false;
    const t = sch.device as VirtioCcw;
    // QEMU 7.2 checks only the range: a kick for a queue the device lacks does nothing.
    if (qhi !== 0 || qlo >= VIRTIO_QUEUE_MAX) return false;
    t.dev.kick(qlo);
    return true;
  }

  /** The returned object is reused by the next call: copy what you keep. */
  takeIo(iscMask: number): { sid: number; param: number; word: number } | null { return this.css.takeIo(iscMask); }
  ioPending(iscMask: number): boolean { return this.css.ioPending(iscMask); }
  takeServiceSignal(): number { return this.sclp.takeServiceSignal(); }
  serviceSignalPending(): boolean { return this.sclp.serviceSignalPending(); }
  /** Whether a channel report word waits for STCRW (a CRW machine check is due). */
  crwPending(): boolean { return this.css.crwPending(); }
  nextDeadline(): number { return Infinity; }
}
