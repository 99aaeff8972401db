// SIGNAL PROCESSOR: the orders Linux issues, between the CPUs of Cpu.cpus (indexed by
// CPU address). Condition codes and status bits follow QEMU's target/s390x/sigp.c:
// CC 0 accepted, CC 1 status stored in bits 32-63 of the status register, CC 2 busy,
// CC 3 not operational (no CPU at that address).
//
// Orders that change another CPU's state only set fields on it (pending signals,
// stopped, restart pending); that CPU acts on them at its next poll, as a second CPU in
// a second worker will once the state block is shared.

import type { Cpu } from './cpu.ts';
import { LC } from './lowcore.ts';
import { RAM_BASE } from './state.ts';
import { T, cptRead } from './timers.ts';

export const SIGP = {
  SENSE: 0x01,
  EXTERNAL_CALL: 0x02,
  EMERGENCY: 0x03,
  START: 0x04,
  STOP: 0x05,
  RESTART: 0x06,
  STOP_STORE_STATUS: 0x09,
  INITIAL_CPU_RESET: 0x0b,
  CPU_RESET: 0x0c,
  SET_PREFIX: 0x0d,
  STORE_STATUS_ADDR: 0x0e,
  SET_ARCHITECTURE: 0x12,
  COND_EMERGENCY: 0x13,
  SENSE_RUNNING: 0x15,
} as const;

export const SIGP_STATUS = {
  INCORRECT_STATE: 0x200,
  INVALID_PARAMETER: 0x100,
  EXT_CALL_PENDING: 0x80,
  STOPPED: 0x40,
  INVALID_ORDER: 0x02,
  NOT_RUNNING: 0x400,
} as const;

const TWO32 = 4294967296;

/**
 * Store the status of `t` (PoP, "Store Status"; z/Architecture format) at absolute
 * `base`, the 0x1200-relative save-area layout shifted to `base - 0x1200`. Returns false
 * if the area is outside storage.
 */
export function storeStatus(t: Cpu, base: number): boolean {
  const o = base - LC.FPREGS_SAVE;
  if (base < 0 || o + LC.CREGS_SAVE + 128 > t.ramSize) return false;
  const dv = t.dv;
  const p = RAM_BASE + o;
  for (let n = 0; n < 16; n++) {
    dv.setUint32(p + LC.FPREGS_SAVE + 8 * n, t.f[2 * n + 1]!);
    dv.setUint32(p + LC.FPREGS_SAVE + 8 * n + 4, t.f[2 * n]!);
    dv.setUint32(p + LC.GPREGS_SAVE + 8 * n, t.r[2 * n + 1]!);
    dv.setUint32(p + LC.GPREGS_SAVE + 8 * n + 4, t.r[2 * n]!);
    dv.setUint32(p + LC.ACRS_SAVE + 4 * n, t.ar[n]!);
    dv.setUint32(p + LC.CREGS_SAVE + 8 * n, t.cr[2 * n + 1]!);
    dv.setUint32(p + LC.CREGS_SAVE + 8 * n + 4, t.cr[2 * n]!);
  }
  dv.setUint32(p + LC.PSW_SAVE, t.pswMaskHi());
  dv.setUint32(p + LC.PSW_SAVE + 4, t.pswMaskLo());
  const ih = Math.floor(t.ia / TWO32);
  dv.setUint32(p + LC.PSW_SAVE + 8, ih >>> 0);
  dv.setUint32(p + LC.PSW_SAVE + 12, (t.ia - ih * TWO32) >>> 0);
  dv.setUint32(p + LC.PREFIX_SAVE, t.prefix);
  dv.setUint32(p + LC.FPC_SAVE, t.fpc);
  dv.setUint32(p + LC.TODPREG_SAVE, t.todpr);
  const lo = cptRead(t);
  dv.setUint32(p + LC.TIMER_SAVE, T.hi);
  dv.setUint32(p + LC.TIMER_SAVE + 4, lo);
  // Bits 0-55 of the clock comparator, right-aligned (as QEMU stores ckc >> 8).
  dv.setUint32(p + LC.CKC_SAVE, t.ckcHi >>> 8);
  dv.setUint32(p + LC.CKC_SAVE + 4, ((t.ckcHi << 24) | (t.ckcLo >>> 8)) >>> 0);
  return true;
}

function stopCpu(t: Cpu): void {
  t.stopped = true;
  t.waiting = false;
  t.kick();
  t.machine?.stopped?.(t);
}

function status(s: number): number {
  SIGP_OUT.status = s;
  return 1;
}

/**
 * Execute order `order` from CPU c to the CPU at address `addr` with `param` (bits 32-63
 * of the parameter register). Returns the CC; for CC 1, the status is in SIGP_OUT.status.
 */
export const SIGP_OUT = { status: 0 };
export function sigp(c: Cpu, order: number, addr: number, param: number): number {
  const t = addr < c.cpus.length ? c.cpus[addr] : undefined;
  if (!t) return 3;
  switch (order) {
    case SIGP.SENSE: {
      let s = 0;
      if (t.extCall >= 0) s |= SIGP_STATUS.EXT_CALL_PENDING;
      if (t.stopped) s |= SIGP_STATUS.STOPPED;
      return s === 0 ? 0 : status(s);
    }
    case SIGP.EXTERNAL_CALL:
      if (t.extCall >= 0) return status(SIGP_STATUS.EXT_CALL_PENDING);
      t.extCall = c.cpuAddr;
      t.kick();
      return 0;
    case SIGP.EMERGENCY:
    case SIGP.COND_EMERGENCY:
      t.emergency |= 1 << (c.cpuAddr & 31);
      t.kick();
      return 0;
    case SIGP.START:
      t.stopped = false;
      return 0;
    case SIGP.STOP:
      stopCpu(t);
      return 0;
    case SIGP.STOP_STORE_STATUS:
      stopCpu(t);
      storeStatus(t, LC.FPREGS_SAVE);
      // Architectural-mode identification at absolute 163: z/Architecture.
      t.u8[RAM_BASE + 163] = 1;
      return 0;
    case SIGP.RESTART:
      t.restartPending = true;
      t.kick();
      return 0;
    case SIGP.INITIAL_CPU_RESET:
      t.initialReset();
      return 0;
    case SIGP.CPU_RESET:
      t.cpuReset();
      return 0;
    case SIGP.SET_PREFIX: {
      if (!t.stopped) return status(SIGP_STATUS.INCORRECT_STATE);
      const p = param & 0x7fffe000;
      if (p + 0x2000 > t.ramSize) return status(SIGP_STATUS.INVALID_PARAMETER);
      t.prefix = p;
      t.tlbFlush();
      return 0;
    }
    case SIGP.STORE_STATUS_ADDR: {
      if (!t.stopped) return status(SIGP_STATUS.INCORRECT_STATE);
      const a = param & 0x7ffffe00;
      if (!storeStatus(t, a)) return status(SIGP_STATUS.INVALID_PARAMETER);
      return 0;
    }
    case SIGP.SET_ARCHITECTURE: {
      // The CPUs are always in z/Architecture mode; QEMU rejects the order like this.
      let others = true;
      for (const o of c.cpus) if (o && o !== c && !o.stopped) others = false;
      return status(others ? SIGP_STATUS.INVALID_PARAMETER : SIGP_STATUS.INCORRECT_STATE);
    }
    case SIGP.SENSE_RUNNING:
      if (c.facility[9] !== 1) return status(SIGP_STATUS.INVALID_ORDER);
      // Running means operating and not waiting.
      return !t.stopped && !t.wait ? 0 : status(SIGP_STATUS.NOT_RUNNING);
    default:
      return status(SIGP_STATUS.INVALID_ORDER);
  }
}
