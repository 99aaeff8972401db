// Interruption delivery through the lowcore (PoP, "Interruptions"): the current PSW goes
// to the class's old-PSW location, the interruption code and its parameters next to it,
// and the new PSW is loaded from the class's new-PSW location. All of it is stored at
// absolute prefix + offset.
//
// Program and supervisor-call interruptions are synchronous and are delivered from the
// run loop's catch and from SVC. External, I/O and restart interruptions are polled by
// pollInterrupts() at the start of every run() slice (see SLICE in cpu.ts); whatever
// opens a mask or makes a condition pending calls Cpu.kick() to end the slice at once.
// Priority among the asynchronous classes: external, then I/O, then restart; among the
// external conditions: emergency signal, external call, clock comparator, CPU timer,
// service signal (the order QEMU presents them in).

import type { Cpu } from './cpu.ts';
import type { IoInterruption } from './io-host.ts';
import { CR0, EXT, LC, SK } from './lowcore.ts';
import { PGM, nullifies } from './pgm.ts';
import { RAM_BASE } from './state.ts';
import { ckcPending, cptPending, wakeAt as timersWakeAt } from './timers.ts';

const TWO32 = 4294967296;

/** Byte offset in the memory of lowcore location `off` of this CPU. */
function lc(c: Cpu, off: number): number {
  return RAM_BASE + c.prefix + off;
}

/** The prefix area is being stored into: its frames are referenced and changed. */
function touchLowcore(c: Cpu): void {
  const f = c.prefix / 4096;
  c.keys[f] = c.keys[f]! | SK.R | SK.C;
  c.keys[f + 1] = c.keys[f + 1]! | SK.R | SK.C;
}

/** Store the current PSW with instruction address `ia` as the old PSW at `off`. */
export function storePsw(c: Cpu, off: number, ia: number): void {
  const p = lc(c, off);
  const dv = c.dv;
  dv.setUint32(p, c.pswMaskHi());
  dv.setUint32(p + 4, c.pswMaskLo());
  const hi = Math.floor(ia / TWO32);
  dv.setUint32(p + 8, hi >>> 0);
  dv.setUint32(p + 12, (ia - hi * TWO32) >>> 0);
}

/**
 * Load the new PSW at lowcore `off`. An invalid new PSW is an early specification
 * exception; one in the program new-PSW location would loop forever (real machines
 * do), so ztab stops the CPU instead.
 */
export function loadNewPsw(c: Cpu, off: number): void {
  const p = lc(c, off);
  const dv = c.dv;
  const hi = dv.getUint32(p), lo = dv.getUint32(p + 4);
  const ah = dv.getUint32(p + 8), al = dv.getUint32(p + 12);
  if (c.setPsw(hi, lo, ah * TWO32 + al)) return;
  if (off === LC.PROGRAM_NEW_PSW) {
    c.stopReason = 'invalid program new PSW (program-interruption loop)';
    return;
  }
  c.earlyPsw = [hi, lo, ah, al];
  c.pgmCode = PGM.SPECIFICATION;
  c.ilen = 0;
  c.programInterruption();
}

/** Deliver the program interruption recognised last (pgmCode, ilen, TEID, DXC). */
export function deliverProgram(c: Cpu): void {
  const code = c.pgmCode;
  const dv = c.dv;
  touchLowcore(c);
  let ilen = c.ilen;
  const early = c.earlyPsw;
  if (early) {
    ilen = 0;
    const p = lc(c, LC.PROGRAM_OLD_PSW);
    dv.setUint32(p, early[0]);
    dv.setUint32(p + 4, early[1]);
    dv.setUint32(p + 8, early[2]);
    dv.setUint32(p + 12, early[3]);
    c.earlyPsw = null;
  } else {
    // Nullification leaves the PSW at the instruction; suppression and completion past it.
    storePsw(c, LC.PROGRAM_OLD_PSW, nullifies(code) ? c.cur : c.ia);
  }
  dv.setUint16(lc(c, LC.PGM_ILC), ilen & 6);
  dv.setUint16(lc(c, LC.PGM_CODE), code);
  if ((code & 0x7f) === PGM.DATA) dv.setUint32(lc(c, LC.DATA_EXC_CODE), c.dxc & 0xff);
  if (c.teidValid) {
    switch (code & 0x7f) {
      case PGM.PROTECTION: case PGM.SEGMENT_TRANSLATION: case PGM.PAGE_TRANSLATION:
      case PGM.TRANSLATION_SPEC: case PGM.ASCE_TYPE: case PGM.REGION_FIRST:
      case PGM.REGION_SECOND: case PGM.REGION_THIRD: {
        const p = lc(c, LC.TEID);
        dv.setUint32(p, c.teidHi);
        dv.setUint32(p + 4, c.teidLo);
        c.u8[lc(c, LC.EXC_ACCESS_ID)] = c.excAccessId;
        break;
      }
      default:
    }
    c.teidValid = false;
  }
  const bh = Math.floor(c.bear / TWO32);
  dv.setUint32(lc(c, LC.BREAKING_EVENT_ADDR), bh >>> 0);
  dv.setUint32(lc(c, LC.BREAKING_EVENT_ADDR) + 4, (c.bear - bh * TWO32) >>> 0);
  loadNewPsw(c, LC.PROGRAM_NEW_PSW);
}

/** SUPERVISOR CALL interruption: the old PSW points past the SVC (or its EXECUTE). */
export function deliverSvc(c: Cpu, code: number): void {
  touchLowcore(c);
  c.dv.setUint16(lc(c, LC.SVC_ILC), c.ilen & 6);
  c.dv.setUint16(lc(c, LC.SVC_CODE), code & 0xff);
  storePsw(c, LC.SVC_OLD_PSW, c.ia);
  loadNewPsw(c, LC.SVC_NEW_PSW);
  c.kick();
}

/** External interruption with `code`; `cpuAddr` for SIGP signals, `param` for service signal. */
export function deliverExternal(c: Cpu, code: number, cpuAddr: number, param: number): void {
  touchLowcore(c);
  const dv = c.dv;
  dv.setUint16(lc(c, LC.EXT_INT_CODE), code);
  if (code === EXT.EMERGENCY_SIGNAL || code === EXT.EXTERNAL_CALL) dv.setUint16(lc(c, LC.EXT_CPU_ADDR), cpuAddr);
  if (code === EXT.SERVICE_SIGNAL) dv.setUint32(lc(c, LC.EXT_PARAMS), param >>> 0);
  storePsw(c, LC.EXTERNAL_OLD_PSW, c.ia);
  c.wait = false;
  loadNewPsw(c, LC.EXTERNAL_NEW_PSW);
}

export function deliverIo(c: Cpu, irq: IoInterruption): void {
  touchLowcore(c);
  const dv = c.dv;
  dv.setUint32(lc(c, LC.SUBCHANNEL_ID), irq.sid >>> 0);
  dv.setUint32(lc(c, LC.IO_INT_PARM), irq.param >>> 0);
  dv.setUint32(lc(c, LC.IO_INT_WORD), irq.word >>> 0);
  storePsw(c, LC.IO_OLD_PSW, c.ia);
  c.wait = false;
  loadNewPsw(c, LC.IO_NEW_PSW);
}

export function deliverRestart(c: Cpu): void {
  touchLowcore(c);
  storePsw(c, LC.RESTART_OLD_PSW, c.ia);
  c.wait = false;
  loadNewPsw(c, LC.RESTART_NEW_PSW);
}

/** CR6 bits 32-39: the I/O-interruption subclass mask, ISC 0 in the leftmost bit. */
export function iscMask(c: Cpu): number {
  return c.cr[12]! >>> 24;
}

/**
 * The highest-priority external condition this CPU is enabled for (PSW bit 7 is the
 * caller's business), consumed if it is a one-shot signal; 0 when none. The source CPU
 * address or the service-signal parameter is left in EX.addr / EX.param.
 */
export const EX = { addr: 0, param: 0 };
export function takeExternal(c: Cpu): number {
  const m = c.cr[0]!;
  if ((m & CR0.EMERGENCY) && c.emergency !== 0) {
    const src = 31 - Math.clz32(c.emergency & -c.emergency);
    c.emergency &= ~(1 << src);
    EX.addr = src;
    return EXT.EMERGENCY_SIGNAL;
  }
  if ((m & CR0.EXTERNAL_CALL) && c.extCall >= 0) {
    EX.addr = c.extCall;
    c.extCall = -1;
    return EXT.EXTERNAL_CALL;
  }
  if ((m & CR0.CKC) && ckcPending(c)) return EXT.CLOCK_COMPARATOR;
  if ((m & CR0.CPU_TIMER) && cptPending(c)) return EXT.CPU_TIMER;
  if ((m & CR0.SERVICE) && c.ioHost && c.ioHost.serviceSignalPending()) {
    const p = c.ioHost.takeServiceSignal();
    if (p !== -1) { EX.param = p; return EXT.SERVICE_SIGNAL; }
  }
  return 0;
}

/** Deliver every pending interruption the CPU is enabled for, in priority order (bounded). */
export function pollInterrupts(c: Cpu): void {
  for (let guard = 0; guard < 16; guard++) {
    if (c.stopReason !== null) return;
    if (c.ext) {
      const code = takeExternal(c);
      if (code !== 0) { deliverExternal(c, code, EX.addr, EX.param); continue; }
    }
    if (c.io && c.ioHost) {
      const m = iscMask(c);
      if (m !== 0 && c.ioHost.ioPending(m)) {
        const irq = c.ioHost.takeIo(m);
        if (irq) { deliverIo(c, irq); continue; }
      }
    }
    if (c.restartPending) {
      c.restartPending = false;
      c.stopped = false;
      deliverRestart(c);
      continue;
    }
    return;
  }
}

/**
 * For a CPU in the enabled wait: the host time (performance.now() ms) at which a timer
 * it is enabled for fires or the I/O side has work, Infinity if neither.
 */
export function wakeAt(c: Cpu): number {
  const m = c.cr[0]!;
  return timersWakeAt(c, c.ext && (m & CR0.CKC) !== 0, c.ext && (m & CR0.CPU_TIMER) !== 0);
}
