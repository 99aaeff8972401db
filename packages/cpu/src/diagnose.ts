// DIAGNOSE (0x83): the hypervisor calls Linux makes under KVM/QEMU. The function code is
// the second-operand address's low 16 bits (base + displacement, as KVM computes it).
// Unknown codes are specification exceptions, as in QEMU's TCG (misc_helper.c), and so
// are the error cases QEMU reports that way.

import type { Cpu } from './cpu.ts';
import { PGM } from './pgm.ts';
import { RAM_BASE } from './state.ts';

const TWO32 = 4294967296;

/** DIAGNOSE 0x308 response codes (in GR R1+1). */
export const DIAG308_RC = { OK: 0x0001, NO_CONF: 0x0102, INVALID: 0x0402 } as const;

/**
 * IPL parameter block set with DIAGNOSE 0x308 subcode 5 (or by the machine at IPL);
 * shared by the CPUs of the machine through MachineHooks when the machine provides one.
 */
let iplbFallback: Uint8Array | null = null;

function iplbOf(c: Cpu): Uint8Array | null {
  return c.machine?.iplb ?? iplbFallback;
}

function setIplb(c: Cpu, b: Uint8Array): void {
  if (c.machine) c.machine.iplb = b;
  else iplbFallback = b;
}

/** Set GR n from a non-negative number below 2^64. */
function setReg(c: Cpu, n: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  c.r[2 * n + 1] = hi >>> 0;
  c.r[2 * n] = (v - hi * TWO32) >>> 0;
}

function diag308(c: Cpu, r1: number, r3: number): void {
  const subHi = c.r[2 * r3 + 1]!, sub = c.r[2 * r3]!;
  if (subHi !== 0 || sub > 0xffff) c.pgm(PGM.SPECIFICATION);
  switch (sub) {
    case 0: case 1: case 3:
      // Reset with modified clear / load normal / load clear: the machine re-IPLs.
      if (c.machine?.ipl) c.machine.ipl(c, sub);
      else c.stopReason = `DIAGNOSE 0x308 subcode ${sub} (re-IPL) with no machine`;
      c.kick();
      return;
    case 5: case 6: {
      // The parameter block: R1 even, page aligned, in storage (absolute, as QEMU).
      if (r1 & 1) c.pgm(PGM.SPECIFICATION);
      const ah = c.r[2 * r1 + 1]!, a = c.r[2 * r1]!;
      if (a & 0xfff) c.pgm(PGM.SPECIFICATION);
      if (ah !== 0 || a + 4096 > c.ramSize) c.pgm(PGM.ADDRESSING);
      if (sub === 5) {
        const len = c.dv.getUint32(RAM_BASE + a);
        const pbt = c.u8[RAM_BASE + a + 12]!;
        // Parameter-block types QEMU accepts: FCP (0, at least 384 bytes), CCW (2, at least 200).
        const ok = len <= 4096 && ((pbt === 0 && len >= 384) || (pbt === 2 && len >= 200));
        if (ok) setIplb(c, c.u8.slice(RAM_BASE + a, RAM_BASE + a + len));
        setReg(c, r1 + 1, ok ? DIAG308_RC.OK : DIAG308_RC.INVALID);
      } else {
        const b = iplbOf(c);
        if (!b) { setReg(c, r1 + 1, DIAG308_RC.NO_CONF); return; }
        c.u8.set(b, RAM_BASE + a);
        c.codeWritten(a, b.length);
        setReg(c, r1 + 1, DIAG308_RC.OK);
      }
      return;
    }
    default:
      c.pgm(PGM.SPECIFICATION);
  }
}

export function diagnose(c: Cpu, r1: number, r3: number, code: number): void {
  switch (code) {
    case 0x44: // voluntary time-slice end
    case 0x9c: // directed time-slice end: one CPU runs at a time, nothing to yield to
      return;
    case 0x288: {
      // Watchdog: function in R1, timeout in R1+1, action in R3 (must be 0, as QEMU).
      if (r1 & 1) c.pgm(PGM.SPECIFICATION);
      const fn = c.r[2 * r1]!, timeout = c.r[2 * (r1 + 1)]!;
      const tHi = c.r[2 * (r1 + 1) + 1]!;
      if (c.r[2 * r3]! !== 0 || c.r[2 * r3 + 1]! !== 0) c.pgm(PGM.SPECIFICATION);
      if (fn !== 2 && tHi === 0 && timeout < 15) c.pgm(PGM.SPECIFICATION);
      const w = c.machine?.watchdog;
      if (!w || w(fn, tHi !== 0 ? 0xffffffff : timeout, 0) !== 0) c.pgm(PGM.SPECIFICATION);
      return;
    }
    case 0x308:
      diag308(c, r1, r3);
      return;
    case 0x500: {
      const h = c.ioHost;
      if (!h) c.pgm(PGM.SPECIFICATION);
      const r = c.r;
      // Function code in GR1, arguments in GR2-GR4 (virtio-ccw notify: subchannel id, queue index, cookie).
      const v = h.diag500(r[2]!, r[5]!, r[4]!, r[7]!, r[6]!, r[9]!, r[8]!);
      if (v < 0) c.pgm(-v);
      c.r[5] = h.diag500Gpr2Hi;
      c.r[4] = h.diag500Gpr2Lo;
      c.kick();
      return;
    }
    default:
      c.pgm(PGM.SPECIFICATION);
  }
}
