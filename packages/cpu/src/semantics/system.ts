// Semantics of the privileged and semiprivileged instructions (rows/system.ts): PSW and
// system mask, control registers, prefix, CPU identity, DAT and TLB maintenance,
// storage keys, clocks and timers, moves between spaces and keys, SIGP, DIAGNOSE and the
// I/O instructions, which decode and check their operands and call the IoHost.
//
// The privileged-operation check itself is done by Cpu.exec() from the row flags; the
// semiprivileged ones check their controls here. Operands are checked (alignment,
// access) before anything changes. Everything that can open an interruption window or
// make an interruption pending ends the run slice with c.kick().

import type { Insn } from '@ztab/isa';
import { PROGRAM_CHECK, type Cpu, type Semantics } from '../cpu.ts';
import { W, datWalk } from '../dat.ts';
import { diagnose } from '../diagnose.ts';
import { iscMask } from '../interrupts.ts';
import { frameOf, gprU, keyAuthorized, moveBetween } from '../keys.ts';
import { LC, SK } from '../lowcore.ts';
import { PGM } from '../pgm.ts';
import { SIGP_OUT, sigp } from '../sigp.ts';
import { RAM_BASE } from '../state.ts';
import { stidp, stsi } from '../stsi.ts';
import { T, cptRead, cptSet, todSet } from '../timers.ts';

const TWO32 = 4294967296;
/** CR0 bit 33: SSM suppression. */
const CR0_SSM_SUPPRESS = 0x40000000;
/** CR0 bit 36: extraction-authority control. */
const CR0_EXTRACT_AUTH = 0x08000000;
/** CR0 bit 37: secondary-space control. */
const CR0_SECONDARY = 0x04000000;

function addr2(c: Cpu, i: Insn): number {
  return c.ea(0, i.b2, i.d2);
}

/**
 * Load a PSW given as words; an invalid one is loaded as an early specification
 * exception (ILC 0, the invalid image as the program old PSW).
 */
function loadPsw(c: Cpu, hi: number, lo: number, ah: number, al: number): void {
  const io = c.io, ext = c.ext;
  if (!c.setPsw(hi >>> 0, lo >>> 0, ah * TWO32 + al)) {
    c.earlyPsw = [hi >>> 0, lo >>> 0, ah >>> 0, al >>> 0];
    c.pgm(PGM.SPECIFICATION);
  }
  // Only an opened I/O or external mask (or a wait) can make something deliverable now;
  // Linux closes and reopens these masks constantly, so closing costs nothing.
  if ((c.io && !io) || (c.ext && !ext) || c.wait) c.kick();
}

/** Replace PSW bits 0-7 (the system mask) with `m`. */
function setSystemMask(c: Cpu, m: number): void {
  const hi = ((c.pswMaskHi() & 0x00ffffff) | (m << 24)) >>> 0;
  const ah = Math.floor(c.ia / TWO32);
  loadPsw(c, hi, c.pswMaskLo(), ah, c.ia - ah * TWO32);
}

/** Control-register numbers r1..r3, wrapping from 15 to 0. */
function crCount(r1: number, r3: number): number {
  return ((r3 - r1) & 15) + 1;
}

/** After control registers changed: flush the TLB if translation depends on what changed. */
function crChanged(c: Cpu, old: Uint32Array): void {
  const cr = c.cr;
  // CR0 (LAP, EDAT, overrides), CR1/CR7/CR13 (ASCEs).
  if (cr[0] !== old[0] || cr[2] !== old[2] || cr[3] !== old[3] || cr[14] !== old[14] ||
    cr[15] !== old[15] || cr[26] !== old[26] || cr[27] !== old[27]) c.tlbFlush();
  c.kick();
}

const CR_OLD = new Uint32Array(32);

/** Sign: GR n as 64 bits is negative. */
function setReg64(c: Cpu, n: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  c.r[2 * n + 1] = hi >>> 0;
  c.r[2 * n] = (v - hi * TWO32) >>> 0;
}

/** Subchannel identification in GR1 for the channel-subsystem instructions. */
function sid(c: Cpu): number {
  const v = c.r[2]!;
  // Bit 47 must be one; without the MSS-style format (bit 44), bits 32-39 must be zero.
  if ((v & 0x00010000) === 0 || ((v & 0x00080000) === 0 && (v & 0xff000000) !== 0)) c.pgm(PGM.OPERAND);
  return v;
}

/**
 * Absolute address of an operand of `len` bytes at logical `a` (alignment `align`),
 * checked for access. I/O control blocks are small and aligned; one that crosses into a
 * non-contiguous frame is handed over from its first byte (documented limitation).
 */
function ioOperand(c: Cpu, a: number, len: number, align: number, write: boolean): number {
  if (a & (align - 1)) c.pgm(PGM.SPECIFICATION);
  c.probe(a, len, write);
  return (write ? c.wa(a) : c.ra(a)) - RAM_BASE;
}

function ioResult(c: Cpu, r: number): void {
  if (r < 0) c.pgm(-r);
  c.cc = r & 3;
  c.kick();
}

/** Access-register mode and the home space need the PSW in the supervisor state for some moves. */
function secondarySpaceCheck(c: Cpu): void {
  if (!c.dat || (c.cr[0]! & CR0_SECONDARY) === 0 || c.asc === 1 || c.asc === 3) c.pgm(PGM.SPECIAL_OPERATION);
}

export const system: Semantics = {
  // ------------------------------------------------------------------ PSW
  lpsw(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    c.probe(a, 8, false);
    const w0 = c.ld32(a), w1 = c.ld32(c.wrap(a + 4));
    // ESA/390 short PSW: bit 12 must be one; it is inverted into the z/Architecture PSW
    // (where it must be zero), so a short PSW without it fails the validity check.
    loadPsw(c, (w0 ^ 0x00080000) >>> 0, w1 & 0x80000000, 0, w1 & 0x7fffffff);
  },
  lpswe(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    c.probe(a, 16, false);
    const hi = c.ld32(a), lo = c.ld32(c.wrap(a + 4));
    const ah = c.ld32(c.wrap(a + 8)), al = c.ld32(c.wrap(a + 12));
    loadPsw(c, hi, lo, ah, al);
  },
  ssm(c, i) {
    if (c.cr[0]! & CR0_SSM_SUPPRESS) c.pgm(PGM.SPECIAL_OPERATION);
    setSystemMask(c, c.ld8(addr2(c, i)));
  },
  stnsm(c, i) {
    const m = c.pswMaskHi() >>> 24;
    c.st8(c.ea(0, i.b1, i.d1), m);
    setSystemMask(c, m & i.i2);
  },
  stosm(c, i) {
    const m = c.pswMaskHi() >>> 24;
    c.st8(c.ea(0, i.b1, i.d1), m);
    setSystemMask(c, m | i.i2);
  },
  spka(c, i) {
    const k = (addr2(c, i) >>> 4) & 15;
    if (c.prob && !keyAuthorized(c, k)) c.pgm(PGM.PRIVILEGED);
    c.setKey(k);
  },
  ipk(c) {
    if (c.prob && (c.cr[0]! & CR0_EXTRACT_AUTH) === 0) c.pgm(PGM.PRIVILEGED);
    c.r[4] = ((c.r[4]! & 0xffffff0f) | (c.key << 4)) >>> 0;
  },
  sac(c, i) {
    setAddressSpace(c, (addr2(c, i) >>> 8) & 15);
  },
  sacf(c, i) {
    setAddressSpace(c, (addr2(c, i) >>> 8) & 15);
  },
  iac(c, i) {
    if (c.prob && (c.cr[0]! & CR0_EXTRACT_AUTH) === 0) c.pgm(PGM.PRIVILEGED);
    if (!c.dat) c.pgm(PGM.SPECIAL_OPERATION);
    c.r[2 * i.r1] = ((c.r[2 * i.r1]! & 0xffff00ff) | (c.asc << 8)) >>> 0;
    c.cc = c.asc;
  },

  // ------------------------------------------------------------------ control registers
  lctl(c, i) {
    const a = addr2(c, i);
    if (a & 3) c.pgm(PGM.SPECIFICATION);
    const n = crCount(i.r1, i.r3);
    c.probe(a, 4 * n, false);
    CR_OLD.set(c.cr);
    for (let k = 0; k < n; k++) c.cr[2 * ((i.r1 + k) & 15)] = c.ld32(c.wrap(a + 4 * k));
    crChanged(c, CR_OLD);
  },
  lctlg(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    const n = crCount(i.r1, i.r3);
    c.probe(a, 8 * n, false);
    CR_OLD.set(c.cr);
    for (let k = 0; k < n; k++) {
      const r = (i.r1 + k) & 15;
      c.cr[2 * r] = c.ld64(c.wrap(a + 8 * k));
      c.cr[2 * r + 1] = c.vh;
    }
    crChanged(c, CR_OLD);
  },
  stctl(c, i) {
    const a = addr2(c, i);
    if (a & 3) c.pgm(PGM.SPECIFICATION);
    const n = crCount(i.r1, i.r3);
    c.probe(a, 4 * n, true);
    for (let k = 0; k < n; k++) c.st32(c.wrap(a + 4 * k), c.cr[2 * ((i.r1 + k) & 15)]!);
  },
  stctg(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    const n = crCount(i.r1, i.r3);
    c.probe(a, 8 * n, true);
    for (let k = 0; k < n; k++) {
      const r = (i.r1 + k) & 15;
      c.st64(c.wrap(a + 8 * k), c.cr[2 * r + 1]!, c.cr[2 * r]!);
    }
  },

  // ------------------------------------------------------------------ prefix, identity
  spx(c, i) {
    const a = addr2(c, i);
    if (a & 3) c.pgm(PGM.SPECIFICATION);
    const p = c.ld32(a) & 0x7fffe000;
    if (p + 0x2000 > c.ramSize) c.pgm(PGM.ADDRESSING);
    c.prefix = p;
    c.tlbFlush();
  },
  stpx(c, i) {
    const a = addr2(c, i);
    if (a & 3) c.pgm(PGM.SPECIFICATION);
    c.st32(a, c.prefix);
  },
  stap(c, i) {
    const a = addr2(c, i);
    if (a & 1) c.pgm(PGM.SPECIFICATION);
    c.st16(a, c.cpuAddr);
  },
  stidp(c, i) {
    stidp(c, addr2(c, i));
  },
  stfl(c) {
    // The first 32 facility bits to absolute prefix + 200, no protection applies.
    let w = 0;
    for (let b = 0; b < 32; b++) if (c.facility[b]) w |= 0x80000000 >>> b;
    c.dv.setUint32(RAM_BASE + c.prefix + LC.STFL_FAC_LIST, w >>> 0);
  },
  stsi(c, i) {
    stsi(c, addr2(c, i));
  },
  sigp(c, i) {
    const order = addr2(c, i) & 0xff;
    const param = (i.r1 & 1) ? c.r[2 * i.r1]! : c.r[2 * (i.r1 + 1)]!;
    const cc = sigp(c, order, c.r[2 * i.r3]! & 0xffff, param);
    if (cc === 1) c.r[2 * i.r1] = SIGP_OUT.status >>> 0;
    c.cc = cc;
    c.kick();
  },
  diag(c, i) {
    const code = (i.b2 ? c.r[2 * i.b2]! + i.d2 : i.d2) & 0xffff;
    diagnose(c, i.r1, i.r3, code);
  },

  // ------------------------------------------------------------------ DAT and TLB
  lra(c, i) {
    loadRealAddress(c, c.ea(i.x2, i.b2, i.d2), i.r1, c.amode === 3);
  },
  lray(c, i) {
    loadRealAddress(c, c.ea(i.x2, i.b2, i.d2), i.r1, c.amode === 3);
  },
  lrag(c, i) {
    loadRealAddress(c, c.ea(i.x2, i.b2, i.d2), i.r1, true);
  },
  tprot(c, i) {
    const a = c.ea(0, i.b1, i.d1);
    const key = (c.ea(0, i.b2, i.d2) >>> 4) & 15;
    c.cc = testProtection(c, a, key);
  },
  ipte(c, i) {
    // The page-table origin from R1 (bits 0-52), the page index from R2.
    const org = gprU(c, i.r1) - (c.r[2 * i.r1]! & 0x7ff);
    const px = (c.r[2 * i.r2]! >>> 12) & 0xff;
    const e = org + px * 8;
    if (e + 8 > c.ramSize) c.pgm(PGM.ADDRESSING);
    const p = RAM_BASE + e + 4;
    c.dv.setUint32(p, c.dv.getUint32(p) | 0x400);
    c.tlbFlushAll();
  },
  idte(c, i) {
    // Invalidation (R2 bit 52 zero) sets the I bit of the designated region- or segment-
    // table entries; clearing-by-ASCE (bit 52 one) only purges. Either way every TLB goes.
    const r2lo = c.r[2 * i.r2]!;
    if ((r2lo & 0x800) === 0) {
      const r1lo = c.r[2 * i.r1]!;
      const dt = (r1lo >>> 2) & 3;
      const org = gprU(c, i.r1) - (r1lo & 0xfff);
      const vh = c.r[2 * i.r2 + 1]!;
      const idx = dt === 3 ? vh >>> 21 : dt === 2 ? (vh >>> 10) & 0x7ff : dt === 1 ? ((vh & 0x3ff) << 1) | (r2lo >>> 31) : (r2lo >>> 20) & 0x7ff;
      const extra = r2lo & 0x7ff;
      for (let k = 0; k <= extra; k++) {
        const e = org + ((idx + k) & 0x7ff) * 8;
        if (e + 8 > c.ramSize) c.pgm(PGM.ADDRESSING);
      }
      for (let k = 0; k <= extra; k++) {
        const p = RAM_BASE + org + ((idx + k) & 0x7ff) * 8 + 4;
        c.dv.setUint32(p, c.dv.getUint32(p) | 0x20);
      }
    }
    c.tlbFlushAll();
  },
  csp(c, i) {
    compareSwapPurge(c, i, false);
  },
  cspg(c, i) {
    compareSwapPurge(c, i, true);
  },
  ptlb(c) {
    c.tlbFlush();
  },

  // ------------------------------------------------------------------ storage keys
  iske(c, i) {
    const f = frameOf(c, i.r2);
    c.r[2 * i.r1] = ((c.r[2 * i.r1]! & 0xffffff00) | (c.keys[f]! & 0xfe)) >>> 0;
  },
  sske(c, i) {
    const key = c.r[2 * i.r1]! & 0xfe;
    if ((i.m3 & 1) !== 0 && c.facility[8] === 1) {
      // Multiple-block (EDAT-1): every 4 KiB block up to the next 1 MiB boundary, R2
      // advanced to it (the operand is then absolute, as for PFMF).
      const start = c.regAddr(i.r2);
      const end = start - (start % 0x100000) + 0x100000;
      if (end > c.ramSize) c.pgm(PGM.ADDRESSING);
      for (let p = start - (start % 4096); p < end; p += 4096) c.keys[p / 4096] = key;
      if (c.amode === 3) setReg64(c, i.r2, end);
      else c.r[2 * i.r2] = c.amode === 1 ? end & 0x7fffffff : ((c.r[2 * i.r2]! & 0xff000000) | (end & 0xffffff)) >>> 0;
    } else {
      c.keys[frameOf(c, i.r2)] = key;
    }
    c.tlbFlushAll();
  },
  rrbe(c, i) {
    const f = frameOf(c, i.r2);
    const k = c.keys[f]!;
    c.cc = ((k & SK.R) ? 2 : 0) | ((k & SK.C) ? 1 : 0);
    c.keys[f] = k & ~SK.R;
    c.tlbFlushAll();
  },
  ivsk(c, i) {
    if (c.prob && (c.cr[0]! & CR0_EXTRACT_AUTH) === 0) c.pgm(PGM.PRIVILEGED);
    if (!c.dat) c.pgm(PGM.SPECIAL_OPERATION);
    const abs = c.xlate(c.regAddr(i.r2), false, true, c.asc, 0);
    c.r[2 * i.r1] = ((c.r[2 * i.r1]! & 0xffffff00) | (c.keys[Math.floor(abs / 4096)]! & 0xf8)) >>> 0;
  },
  pfmf(c, i) {
    performFrameManagement(c, i);
  },
  palb() {
    // No PGSTE/ESSA state is kept, nothing to purge.
  },

  // ------------------------------------------------------------------ real-address moves
  lura(c, i) {
    const abs = realOperand(c, i.r2, 4);
    c.r[2 * i.r1] = c.dv.getUint32(RAM_BASE + abs);
  },
  lurag(c, i) {
    const abs = realOperand(c, i.r2, 8);
    c.r[2 * i.r1 + 1] = c.dv.getUint32(RAM_BASE + abs);
    c.r[2 * i.r1] = c.dv.getUint32(RAM_BASE + abs + 4);
  },
  stura(c, i) {
    const abs = realOperand(c, i.r2, 4);
    c.dv.setUint32(RAM_BASE + abs, c.r[2 * i.r1]!);
    c.keys[Math.floor(abs / 4096)] |= SK.R | SK.C;
    // No TLB flush: like the hardware's TLB, the software TLB may keep a translation
    // through a table entry stored this way until the program purges it (IPTE, IDTE,
    // CSP, PTLB), which Linux always does. Linux 6.1 issues STURG for every code patch
    // (s390_kernel_write), thousands during a boot: a flush each cost 4% of the boot.
    c.codeWritten(abs, 4);
  },
  sturg(c, i) {
    const abs = realOperand(c, i.r2, 8);
    c.dv.setUint32(RAM_BASE + abs, c.r[2 * i.r1 + 1]!);
    c.dv.setUint32(RAM_BASE + abs + 4, c.r[2 * i.r1]!);
    c.keys[Math.floor(abs / 4096)] |= SK.R | SK.C;
    c.codeWritten(abs, 8);
  },

  // ------------------------------------------------------------------ clocks and timers
  sck(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    const lo = c.ld64(a);
    todSet(c, c.vh, lo);
    c.cc = 0;
    c.kick();
  },
  sckc(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    c.ckcLo = c.ld64(a);
    c.ckcHi = c.vh;
    c.kick();
  },
  stckc(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    c.st64(a, c.ckcHi, c.ckcLo);
  },
  spt(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    const lo = c.ld64(a);
    cptSet(c, c.vh, lo);
    c.kick();
  },
  stpt(c, i) {
    const a = addr2(c, i);
    if (a & 7) c.pgm(PGM.SPECIFICATION);
    c.probe(a, 8, true);
    const lo = cptRead(c);
    c.st64(a, T.hi, lo);
  },
  sckpf(c) {
    if (c.r[0]! & 0xffff0000) c.pgm(PGM.SPECIFICATION);
    c.todpr = c.r[0]!;
  },

  // ------------------------------------------------------------------ moves across spaces and keys
  mvcos(c, i) {
    const oac = c.r[0]!;
    const oac1 = oac >>> 16, oac2 = oac & 0xffff;
    const key1 = (oac1 & 2) ? oac1 >>> 12 : c.key;
    const key2 = (oac2 & 2) ? oac2 >>> 12 : c.key;
    const as1 = (oac1 & 1) ? (oac1 >>> 6) & 3 : c.asc;
    const as2 = (oac2 & 1) ? (oac2 >>> 6) & 3 : c.asc;
    if (c.prob) {
      if (!keyAuthorized(c, key1) || !keyAuthorized(c, key2)) c.pgm(PGM.PRIVILEGED);
      if (as1 === 3 || as2 === 3) c.pgm(PGM.PRIVILEGED);
      if ((as1 === 2 || as2 === 2) && (c.cr[0]! & CR0_SECONDARY) === 0) c.pgm(PGM.SPECIAL_OPERATION);
    }
    // With DAT off the operands are real; the spaces then do not matter.
    const lenHi = c.amode === 3 ? c.r[2 * i.r3 + 1]! : 0;
    const lenLo = c.r[2 * i.r3]!;
    const big = lenHi !== 0 || lenLo > 4096;
    const len = big ? 4096 : lenLo;
    moveBetween(c, c.ea(0, i.b1, i.d1), as1, key1, c.ea(0, i.b2, i.d2), as2, key2, len);
    c.cc = big ? 3 : 0;
  },
  mvck(c, i) {
    const key = (c.r[2 * i.r3]! >>> 4) & 15;
    if (c.prob && !keyAuthorized(c, key)) c.pgm(PGM.PRIVILEGED);
    const l = c.r[2 * i.r1]!;
    const len = l > 256 ? 256 : l;
    moveBetween(c, c.ea(0, i.b1, i.d1), c.asc, c.key, c.ea(0, i.b2, i.d2), c.asc, key, len);
    c.cc = l > 256 ? 3 : 0;
  },
  mvcp(c, i) {
    secondarySpaceCheck(c);
    const key = (c.r[2 * i.r3]! >>> 4) & 15;
    if (c.prob && !keyAuthorized(c, key)) c.pgm(PGM.PRIVILEGED);
    const l = c.r[2 * i.r1]!;
    const len = l > 256 ? 256 : l;
    moveBetween(c, c.ea(0, i.b1, i.d1), 0, c.key, c.ea(0, i.b2, i.d2), 2, key, len);
    c.cc = l > 256 ? 3 : 0;
  },
  mvcs(c, i) {
    secondarySpaceCheck(c);
    const key = (c.r[2 * i.r3]! >>> 4) & 15;
    if (c.prob && !keyAuthorized(c, key)) c.pgm(PGM.PRIVILEGED);
    const l = c.r[2 * i.r1]!;
    const len = l > 256 ? 256 : l;
    moveBetween(c, c.ea(0, i.b1, i.d1), 2, key, c.ea(0, i.b2, i.d2), 0, c.key, len);
    c.cc = l > 256 ? 3 : 0;
  },

  // ------------------------------------------------------------------ I/O
  ssch(c, i) {
    const s = sid(c);
    const orb = ioOperand(c, addr2(c, i), 32, 4, false);
    ioResult(c, c.ioHost ? c.ioHost.ssch(s, orb) : 3);
  },
  stsch(c, i) {
    const s = sid(c);
    const schib = ioOperand(c, addr2(c, i), 52, 4, true);
    ioResult(c, c.ioHost ? c.ioHost.stsch(s, schib) : 3);
  },
  msch(c, i) {
    const s = sid(c);
    const schib = ioOperand(c, addr2(c, i), 52, 4, false);
    ioResult(c, c.ioHost ? c.ioHost.msch(s, schib) : 3);
  },
  tsch(c, i) {
    const s = sid(c);
    const irb = ioOperand(c, addr2(c, i), 96, 4, true);
    ioResult(c, c.ioHost ? c.ioHost.tsch(s, irb) : 3);
  },
  csch(c) {
    const s = sid(c);
    ioResult(c, c.ioHost ? c.ioHost.csch(s) : 3);
  },
  hsch(c) {
    const s = sid(c);
    ioResult(c, c.ioHost ? c.ioHost.hsch(s) : 3);
  },
  xsch(c) {
    const s = sid(c);
    ioResult(c, c.ioHost ? c.ioHost.xsch(s) : 3);
  },
  rsch(c) {
    const s = sid(c);
    ioResult(c, c.ioHost ? c.ioHost.rsch(s) : 3);
  },
  stcrw(c, i) {
    const a = ioOperand(c, addr2(c, i), 4, 4, true);
    ioResult(c, c.ioHost ? c.ioHost.stcrw(a) : 1);
  },
  chsc(c, i) {
    const a = c.regAddr(i.r1);
    if (a & 0xfff) c.pgm(PGM.SPECIFICATION);
    const b = ioOperand(c, a, 4096, 4096, true);
    ioResult(c, c.ioHost ? c.ioHost.chsc(b) : 3);
  },
  tpi(c, i) {
    const a = addr2(c, i);
    if (a & 3) c.pgm(PGM.SPECIFICATION);
    if (a !== 0) c.probe(a, 8, true);
    const irq = c.ioHost ? c.ioHost.takeIo(iscMask(c)) : null;
    if (!irq) { c.cc = 0; return; }
    if (a !== 0) {
      c.st32(a, irq.sid >>> 0);
      c.st32(c.wrap(a + 4), irq.param >>> 0);
    } else {
      const p = RAM_BASE + c.prefix;
      c.dv.setUint32(p + LC.SUBCHANNEL_ID, irq.sid >>> 0);
      c.dv.setUint32(p + LC.IO_INT_PARM, irq.param >>> 0);
      c.dv.setUint32(p + LC.IO_INT_WORD, irq.word >>> 0);
    }
    c.cc = 1;
  },
  sal() {
    // No channel-path measurement is provided, so there is no address to set.
  },
  schm() {
    // Channel-subsystem measurement is not provided; nothing to start or stop.
  },
  servc(c, i) {
    const code = c.r[2 * i.r1]!;
    const a = gprU(c, i.r2);
    // The SCCB is real, doubleword aligned, below 2 GiB and neither in the first 8 KiB
    // nor in this CPU's prefix area (QEMU's checks, in QEMU's order).
    if (a + 8 > c.ramSize) c.pgm(PGM.ADDRESSING);
    const page = a - (a % 0x2000);
    if (page === 0 || page === c.prefix || a % 8 !== 0 || a > 0x7ffffff8) c.pgm(PGM.SPECIFICATION);
    ioResult(c, c.ioHost ? c.ioHost.servc(code, a) : 3);
  },
};

function setAddressSpace(c: Cpu, code: number): void {
  const asc = code === 0 ? 0 : code === 1 ? 2 : code === 2 ? 1 : code === 3 ? 3 : -1;
  if (asc < 0) c.pgm(PGM.SPECIFICATION);
  if (!c.dat) c.pgm(PGM.SPECIAL_OPERATION);
  if (asc === 3 && c.prob) c.pgm(PGM.PRIVILEGED);
  if (asc === 2 && (c.cr[0]! & CR0_SECONDARY) === 0) c.pgm(PGM.SPECIAL_OPERATION);
  c.setAsc(asc);
}

/** Absolute address of a real-address operand in GR n (LURA and friends), aligned to `len`. */
function realOperand(c: Cpu, n: number, len: number): number {
  const real = c.regAddr(n);
  if (real % len !== 0) c.pgm(PGM.SPECIFICATION);
  const abs = c.realToAbs(real);
  if (abs + len > c.ramSize) c.pgm(PGM.ADDRESSING);
  return abs;
}

/**
 * LRA/LRAY/LRAG: translate with the current PSW's address space whether or not DAT is
 * on. CC 0 real address; CC 1 segment-table entry invalid (R1 = its address); CC 2
 * page-table entry invalid (R1 = its address); CC 3 another translation exception
 * (bit 32 one, the interruption code in bits 48-63). Addressing and translation-
 * specification exceptions interrupt.
 */
function loadRealAddress(c: Cpu, a: number, r1: number, wide: boolean): void {
  const ahi = Math.floor(a / TWO32);
  const hi = c.asceOf(c.asc);
  const r = datWalk(c, ahi >>> 0, (a - ahi * TWO32) >>> 0, hi, c.asceLo);
  if (r === -PGM.ADDRESSING || r === -PGM.TRANSLATION_SPEC) {
    if (r === -PGM.TRANSLATION_SPEC) {
      c.teidHi = ahi >>> 0;
      c.teidLo = (((a - ahi * TWO32) & 0xfffff000) | 0x800 | c.asc) >>> 0;
      c.teidValid = true;
    }
    c.pgm(-r);
  }
  let v: number, cc: number;
  if (r >= 0) { v = r; cc = 0; } else if (W.invalid !== 0) { v = W.entry; cc = W.invalid; } else {
    // Bit 32 and the code; in the 64-bit forms bits 0-31 become zero (as QEMU stores it).
    c.r[2 * r1] = (0x80000000 | -r) >>> 0;
    if (wide) c.r[2 * r1 + 1] = 0;
    c.cc = 3;
    return;
  }
  if (!wide && v > 0x7fffffff) c.pgm(PGM.SPECIAL_OPERATION);
  if (wide) setReg64(c, r1, v);
  else c.r[2 * r1] = v >>> 0;
  c.cc = cc;
}

/**
 * TPROT: 0 fetch and store permitted, 1 fetch only, 2 neither, 3 translation not
 * available. Addressing and translation-specification exceptions interrupt (QEMU).
 */
function testProtection(c: Cpu, a: number, key: number): number {
  const saved = c.teidValid;
  try {
    c.xlate(a, true, c.dat, c.asc, key);
    return 0;
  } catch (e) {
    if (e !== PROGRAM_CHECK) throw e;
    const code = c.pgmCode;
    c.teidValid = saved;
    if (code === PGM.ADDRESSING || code === PGM.TRANSLATION_SPEC) return c.pgm(code);
    if (code !== PGM.PROTECTION) return 3;
  }
  try {
    c.xlate(a, false, c.dat, c.asc, key);
    return 1;
  } catch (e) {
    if (e !== PROGRAM_CHECK) throw e;
    c.teidValid = saved;
    return 2;
  }
}

function compareSwapPurge(c: Cpu, i: Insn, g: boolean): void {
  if (i.r1 & 1) c.pgm(PGM.SPECIFICATION);
  const r2lo = c.r[2 * i.r2]!;
  const a = c.wrap(c.regAddr(i.r2) - (r2lo & (g ? 7 : 3)));
  c.probe(a, g ? 8 : 4, true);
  if (g) {
    const lo = c.ld64(a), hi = c.vh;
    if (hi === c.r[2 * i.r1 + 1] && lo === c.r[2 * i.r1]) {
      c.st64(a, c.r[2 * i.r1 + 3]!, c.r[2 * i.r1 + 2]!);
      c.cc = 0;
    } else {
      c.r[2 * i.r1 + 1] = hi;
      c.r[2 * i.r1] = lo;
      c.cc = 1;
      return;
    }
  } else {
    const v = c.ld32(a);
    if (v === c.r[2 * i.r1]) {
      c.st32(a, c.r[2 * i.r1 + 2]!);
      c.cc = 0;
    } else {
      c.r[2 * i.r1] = v;
      c.cc = 1;
      return;
    }
  }
  // R2 bit 63: purge the TLBs of every CPU.
  if (r2lo & 1) c.tlbFlushAll();
}

/**
 * PERFORM FRAME MANAGEMENT FUNCTION (EDAT-1): set the storage key and/or clear a 4 KiB
 * frame or every frame of a 1 MiB frame (GR R2 then advances to the next 1 MiB
 * boundary; ztab always completes the whole 1 MiB).
 */
function performFrameManagement(c: Cpu, i: Insn): void {
  if (c.facility[8] !== 1) c.pgm(PGM.OPERATION);
  const f = c.r[2 * i.r1]!;
  const fsc = (f >>> 12) & 15;
  // Reserved bits 32-43, 55, 63 and frame-size codes beyond 1 MiB.
  if ((f & 0xfff00101) !== 0 || c.r[2 * i.r1 + 1] !== 0 || fsc > 1) c.pgm(PGM.SPECIFICATION);
  const setKey = (f & 0x80000) !== 0, clear = (f & 0x40000) !== 0;
  const key = f & 0xfe;
  const start = c.regAddr(i.r2);
  const first = start - (start % 4096);
  const end = fsc === 1 ? start - (start % 0x100000) + 0x100000 : first + 4096;
  for (let p = first; p < end; p += 4096) {
    const abs = fsc === 1 ? p : c.realToAbs(p);
    if (abs + 4096 > c.ramSize) c.pgm(PGM.ADDRESSING);
  }
  for (let p = first; p < end; p += 4096) {
    const abs = fsc === 1 ? p : c.realToAbs(p);
    const fr = abs / 4096;
    // MR/MC (bits 53, 54) ask to leave R or C alone when the facility's "conditional" form is used.
    if (setKey) {
      const old = c.keys[fr]!;
      const rc = (f & 0x400 ? old & SK.R : key & SK.R) | (f & 0x200 ? old & SK.C : key & SK.C);
      c.keys[fr] = (key & 0xf8) | rc;
    }
    if (clear) { c.u8.fill(0, RAM_BASE + abs, RAM_BASE + abs + 4096); c.codeWritten(abs, 4096); }
  }
  if (fsc === 1) {
    if (c.amode === 3) setReg64(c, i.r2, end);
    else c.r[2 * i.r2] = c.amode === 1 ? end & 0x7fffffff : ((c.r[2 * i.r2]! & 0xff000000) | (end & 0xffffff)) >>> 0;
  }
  if (setKey) c.tlbFlushAll();
  if (clear) c.tlbFlushAll();
}
