// Semantics of branches, EXECUTE, SVC, the PSW/addressing-mode/access-register
// instructions, the clock and facility instructions and compare-and-swap
// (see packages/isa/src/rows/control.ts). The storage-to-storage families are in
// control-string.ts.
import { F, Insn, decode } from '@ztab/isa';
import type { Cpu, Semantics } from '../cpu.ts';
import { PGM } from '../pgm.ts';
import { tod } from '../tod.ts';
import { controlString } from './control-string.ts';
import { TWO32, cmpS64, cmpU64, eaLow, exState, setGpr64FromNumber } from './control-util.ts';

const s8 = (v: number): number => (v << 24) >> 24;

/**
 * A branch address as the PSW can hold it. Addresses in the top KiB of the 64-bit space
 * are not doubles and come out of ea()/regAddr() as 2^64; they are kept on the last page
 * (where the fetch then fails or succeeds just as at the true address) so that the PSW
 * never holds an address the architecture cannot have.
 */
const TOP_ADDRESS = 18446744073709549568; // 2^64 - 2048, the largest even double below 2^64
const bt = (t: number): number => (t < 18446744073709551616 ? t : TOP_ADDRESS);

/** Whether a branch mask selects the current condition code (mask bit 8 is CC 0). */
const ccMatch = (c: Cpu, m: number): boolean => ((m >>> (3 - c.cc)) & 1) !== 0;

/** BAS-style link information: the updated instruction address with the mode bits. */
function linkBas(c: Cpu, r1: number): void {
  const a = c.ia;
  if (c.amode === 3) setGpr64FromNumber(c, r1, a);
  else if (c.amode === 1) c.r[2 * r1] = (a | 0x80000000) >>> 0;
  else c.r[2 * r1] = a & 0xffffff;
}

/**
 * BAL-style link information. In the 24-bit mode bits 32-39 carry the ILC (of EXECUTE
 * when executed, which is why c.ilen and not the subject's length is used), the CC and
 * the program mask, as in the ESA/390 PSW.
 */
function linkBal(c: Cpu, r1: number): void {
  if (c.amode === 0) {
    c.r[2 * r1] = (((c.ilen >>> 1) << 30) | (c.cc << 28) | (c.pm << 24) | (c.ia & 0xffffff)) >>> 0;
  } else {
    linkBas(c, r1);
  }
}

/**
 * Branch address and addressing mode from a register for BASSM/BSM: bit 63 set selects
 * the 64-bit mode (the bit is not part of the address), otherwise bit 32 selects 31-bit.
 * Sets c.ia and c.amode.
 */
function branchSetMode(c: Cpu, hi: number, lo: number): void {
  if (lo & 1) {
    c.amode = 3;
    c.ia = bt(hi * TWO32 + ((lo & ~1) >>> 0));
  } else if (lo & 0x80000000) {
    c.amode = 1;
    c.ia = lo & 0x7fffffff;
  } else {
    c.amode = 0;
    c.ia = lo & 0xffffff;
  }
}

/** 64-bit GPR n minus one; returns whether the result is nonzero. */
function dec64(c: Cpu, n: number): boolean {
  const lo = c.r[2 * n]!;
  if (lo === 0) c.r[2 * n + 1] = (c.r[2 * n + 1]! - 1) >>> 0;
  c.r[2 * n] = (lo - 1) >>> 0;
  return (c.r[2 * n]! | c.r[2 * n + 1]!) !== 0;
}

/** BXHG/BXLEG/BRXHG/BRXLG: r1 += r3, then compare with the odd register of the r3 pair. */
function bx64(c: Cpu, r1: number, r3: number): number {
  const ch = c.r[2 * (r3 | 1) + 1]!, cl = c.r[2 * (r3 | 1)]!;
  const ih = c.r[2 * r3 + 1]!, il = c.r[2 * r3]!;
  const sl = c.r[2 * r1]! + il;
  const carry = sl >= TWO32 ? 1 : 0;
  const sh = (c.r[2 * r1 + 1]! + ih + carry) >>> 0;
  c.r[2 * r1] = sl >>> 0;
  c.r[2 * r1 + 1] = sh;
  return cmpS64(sh, sl >>> 0, ch, cl);
}

/** BXH/BXLE/BRXH/BRXLE: the 32-bit form. */
function bx32(c: Cpu, r1: number, r3: number): number {
  const cmp = c.r[2 * (r3 | 1)]! | 0;
  const s = (c.r[2 * r1]! + c.r[2 * r3]!) | 0;
  c.r[2 * r1] = s;
  return s > cmp ? 1 : s === cmp ? 0 : -1;
}

/** Mask bit for a compare-and-branch result: 8 equal, 4 first low, 2 first high. */
const cmpMask = (r: number): number => (r === 0 ? 8 : r < 0 ? 4 : 2);

// EXECUTE decodes its subject into its own Insn: the run loop's is still describing the
// EXECUTE instruction. EXECUTE cannot nest, so one per module is enough.
const exInsn = new Insn();

function execute(c: Cpu, addr: number, r1: number): void {
  c.fetch(addr, exInsn); // odd address -> specification, access exceptions as a fetch
  let w0 = exInsn.w0;
  if (r1 !== 0) w0 = (w0 | ((c.r[2 * r1]! & 0xff) << 16)) >>> 0;
  const b0 = w0 >>> 24;
  if (b0 === 0x44 || (b0 === 0xc6 && ((w0 >>> 16) & 0xf) === 0)) c.pgm(PGM.EXECUTE);
  if (w0 !== exInsn.w0) decode(w0, exInsn.w1, exInsn); // fetch() decoded the unmodified form
  if (exInsn.row < 0) c.pgm(PGM.OPERATION);
  if (c.prob && (c.rowFlags[exInsn.row]! & F.PRIV) !== 0) c.pgm(PGM.PRIVILEGED);
  // Relative operands of the subject are relative to the subject's address; ILC and the
  // updated instruction address (c.ilen, c.ia) remain those of EXECUTE.
  const cur = c.cur;
  c.cur = addr;
  exState.active = true;
  exState.origin = cur;
  try {
    c.handlers[exInsn.row]!(c, exInsn);
  } finally {
    c.cur = cur;
    exState.active = false;
  }
}

/** Highest installed facility bit, for STFLE. */
function facilityDoublewords(c: Cpu): number {
  let top = 0;
  for (let b = c.facility.length - 1; b >= 0; b--) if (c.facility[b]) { top = b; break; }
  return (top >>> 6) + 1;
}

function checkEvenPair(c: Cpu, r: number): void {
  if (r & 1) c.pgm(PGM.SPECIFICATION);
}

/** CS/CSY. */
function cs32(c: Cpu, i: Insn): void {
  if (eaLow(c, 0, i.b2, i.d2) & 3) c.pgm(PGM.SPECIFICATION);
  const a = c.ea(0, i.b2, i.d2);
  const p = c.wa(a);
  const v = c.dv.getUint32(p);
  if (v === c.r[2 * i.r1]) { c.dv.setUint32(p, c.r[2 * i.r3]!); c.cc = 0; } else { c.r[2 * i.r1] = v; c.cc = 1; }
}

/** CDS/CDSY. */
function cds32(c: Cpu, i: Insn): void {
  checkEvenPair(c, i.r1);
  checkEvenPair(c, i.r3);
  if (eaLow(c, 0, i.b2, i.d2) & 7) c.pgm(PGM.SPECIFICATION);
  const a = c.ea(0, i.b2, i.d2);
  const p = c.wa(a);
  const h = c.dv.getUint32(p), l = c.dv.getUint32(p + 4);
  if (h === c.r[2 * i.r1] && l === c.r[2 * i.r1 + 2]) {
    c.dv.setUint32(p, c.r[2 * i.r3]!);
    c.dv.setUint32(p + 4, c.r[2 * i.r3 + 2]!);
    c.cc = 0;
  } else {
    c.r[2 * i.r1] = h;
    c.r[2 * i.r1 + 2] = l;
    c.cc = 1;
  }
}

const base: Semantics = {
  // ------------------------------------------------------------------ branches
  bc(c, i) {
    if (ccMatch(c, i.m1)) c.ia = bt(c.ea(i.x2, i.b2, i.d2));
  },
  bcr(c, i) {
    // BCR 15,0 and 14,0 are serialization points; one CPU per worker makes them no-ops.
    if (i.r2 !== 0 && ccMatch(c, i.r1)) c.ia = bt(c.regAddr(i.r2));
  },
  brc(c, i) {
    if (ccMatch(c, i.m1)) c.ia = c.rel(i.ri2);
  },
  brcl(c, i) {
    if (ccMatch(c, i.m1)) c.ia = c.rel(i.ri2);
  },
  bal(c, i) {
    const t = bt(c.ea(i.x2, i.b2, i.d2));
    linkBal(c, i.r1);
    c.ia = t;
  },
  balr(c, i) {
    const t = i.r2 !== 0 ? bt(c.regAddr(i.r2)) : -1;
    linkBal(c, i.r1);
    if (t >= 0) c.ia = t;
  },
  bas(c, i) {
    const t = bt(c.ea(i.x2, i.b2, i.d2));
    linkBas(c, i.r1);
    c.ia = t;
  },
  basr(c, i) {
    const t = i.r2 !== 0 ? bt(c.regAddr(i.r2)) : -1;
    linkBas(c, i.r1);
    if (t >= 0) c.ia = t;
  },
  bras(c, i) {
    const t = c.rel(i.ri2);
    linkBas(c, i.r1);
    c.ia = t;
  },
  brasl(c, i) {
    const t = c.rel(i.ri2);
    linkBas(c, i.r1);
    c.ia = t;
  },
  bassm(c, i) {
    const hi = c.r[2 * i.r2 + 1]!, lo = c.r[2 * i.r2]!;
    if (c.amode === 3) setGpr64FromNumber(c, i.r1, c.ia + 1);
    else if (c.amode === 1) c.r[2 * i.r1] = (c.ia | 0x80000000) >>> 0;
    else c.r[2 * i.r1] = c.ia & 0xffffff;
    if (i.r2 !== 0) branchSetMode(c, hi, lo);
  },
  bsm(c, i) {
    const hi = c.r[2 * i.r2 + 1]!, lo = c.r[2 * i.r2]!;
    if (i.r1 !== 0) {
      const v = c.r[2 * i.r1]!;
      if (c.amode === 3) c.r[2 * i.r1] = (v | 1) >>> 0;
      else c.r[2 * i.r1] = ((v & 0x7fffffff) | (c.amode === 1 ? 0x80000000 : 0)) >>> 0;
    }
    if (i.r2 !== 0) branchSetMode(c, hi, lo);
  },
  bct(c, i) {
    const t = bt(c.ea(i.x2, i.b2, i.d2));
    const v = (c.r[2 * i.r1]! - 1) >>> 0;
    c.r[2 * i.r1] = v;
    if (v !== 0) c.ia = t;
  },
  bctr(c, i) {
    const t = i.r2 !== 0 ? bt(c.regAddr(i.r2)) : -1;
    const v = (c.r[2 * i.r1]! - 1) >>> 0;
    c.r[2 * i.r1] = v;
    if (v !== 0 && t >= 0) c.ia = t;
  },
  bctg(c, i) {
    const t = bt(c.ea(i.x2, i.b2, i.d2));
    if (dec64(c, i.r1)) c.ia = t;
  },
  bctgr(c, i) {
    const t = i.r2 !== 0 ? bt(c.regAddr(i.r2)) : -1;
    if (dec64(c, i.r1) && t >= 0) c.ia = t;
  },
  brct(c, i) {
    const v = (c.r[2 * i.r1]! - 1) >>> 0;
    c.r[2 * i.r1] = v;
    if (v !== 0) c.ia = c.rel(i.ri2);
  },
  brctg(c, i) {
    if (dec64(c, i.r1)) c.ia = c.rel(i.ri2);
  },
  brcth(c, i) {
    const v = (c.r[2 * i.r1 + 1]! - 1) >>> 0;
    c.r[2 * i.r1 + 1] = v;
    if (v !== 0) c.ia = c.rel(i.ri2);
  },
  bxh(c, i) {
    const t = bt(c.ea(0, i.b2, i.d2));
    if (bx32(c, i.r1, i.r3) > 0) c.ia = t;
  },
  bxle(c, i) {
    const t = bt(c.ea(0, i.b2, i.d2));
    if (bx32(c, i.r1, i.r3) <= 0) c.ia = t;
  },
  bxhg(c, i) {
    const t = bt(c.ea(0, i.b2, i.d2));
    if (bx64(c, i.r1, i.r3) > 0) c.ia = t;
  },
  bxleg(c, i) {
    const t = bt(c.ea(0, i.b2, i.d2));
    if (bx64(c, i.r1, i.r3) <= 0) c.ia = t;
  },
  brxh(c, i) {
    if (bx32(c, i.r1, i.r3) > 0) c.ia = c.rel(i.ri2);
  },
  brxle(c, i) {
    if (bx32(c, i.r1, i.r3) <= 0) c.ia = c.rel(i.ri2);
  },
  brxhg(c, i) {
    if (bx64(c, i.r1, i.r3) > 0) c.ia = c.rel(i.ri2);
  },
  brxlg(c, i) {
    if (bx64(c, i.r1, i.r3) <= 0) c.ia = c.rel(i.ri2);
  },

  // compare and branch
  crj(c, i) {
    const a = c.r[2 * i.r1]! | 0, b = c.r[2 * i.r2]! | 0;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = c.rel(i.ri4);
  },
  clrj(c, i) {
    const a = c.r[2 * i.r1]!, b = c.r[2 * i.r2]!;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = c.rel(i.ri4);
  },
  cgrj(c, i) {
    const r = cmpS64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, c.r[2 * i.r2 + 1]!, c.r[2 * i.r2]!);
    if (i.m3 & cmpMask(r)) c.ia = c.rel(i.ri4);
  },
  clgrj(c, i) {
    const r = cmpU64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, c.r[2 * i.r2 + 1]!, c.r[2 * i.r2]!);
    if (i.m3 & cmpMask(r)) c.ia = c.rel(i.ri4);
  },
  cij(c, i) {
    const a = c.r[2 * i.r1]! | 0, b = s8(i.i2);
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = c.rel(i.ri4);
  },
  clij(c, i) {
    const a = c.r[2 * i.r1]!, b = i.i2;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = c.rel(i.ri4);
  },
  cgij(c, i) {
    const b = s8(i.i2);
    const r = cmpS64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, (b >> 31) >>> 0, b >>> 0);
    if (i.m3 & cmpMask(r)) c.ia = c.rel(i.ri4);
  },
  clgij(c, i) {
    const r = cmpU64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, 0, i.i2);
    if (i.m3 & cmpMask(r)) c.ia = c.rel(i.ri4);
  },
  crb(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const a = c.r[2 * i.r1]! | 0, b = c.r[2 * i.r2]! | 0;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = t;
  },
  clrb(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const a = c.r[2 * i.r1]!, b = c.r[2 * i.r2]!;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = t;
  },
  cgrb(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const r = cmpS64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, c.r[2 * i.r2 + 1]!, c.r[2 * i.r2]!);
    if (i.m3 & cmpMask(r)) c.ia = t;
  },
  clgrb(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const r = cmpU64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, c.r[2 * i.r2 + 1]!, c.r[2 * i.r2]!);
    if (i.m3 & cmpMask(r)) c.ia = t;
  },
  cib(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const a = c.r[2 * i.r1]! | 0, b = s8(i.i2);
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = t;
  },
  clib(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const a = c.r[2 * i.r1]!, b = i.i2;
    if (i.m3 & cmpMask(a === b ? 0 : a < b ? -1 : 1)) c.ia = t;
  },
  cgib(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const b = s8(i.i2);
    const r = cmpS64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, (b >> 31) >>> 0, b >>> 0);
    if (i.m3 & cmpMask(r)) c.ia = t;
  },
  clgib(c, i) {
    const t = bt(c.ea(0, i.b4, i.d4));
    const r = cmpU64(c.r[2 * i.r1 + 1]!, c.r[2 * i.r1]!, 0, i.i2);
    if (i.m3 & cmpMask(r)) c.ia = t;
  },

  // ------------------------------------------------------------------ execute, SVC, PSW
  ex(c, i) {
    if (eaLow(c, i.x2, i.b2, i.d2) & 1) c.pgm(PGM.SPECIFICATION);
    execute(c, c.ea(i.x2, i.b2, i.d2), i.r1);
  },
  exrl(c, i) {
    execute(c, c.rel(i.ri2), i.r1);
  },
  svc(c, i) {
    c.svc(i.i1);
  },
  ipm(c, i) {
    c.r[2 * i.r1] = ((c.r[2 * i.r1]! & 0x00ffffff) | (c.cc << 28) | (c.pm << 24)) >>> 0;
  },
  spm(c, i) {
    const v = c.r[2 * i.r1]!;
    c.cc = (v >>> 28) & 3;
    c.pm = (v >>> 24) & 15;
  },
  tam(c) {
    c.cc = c.amode;
  },
  sam24(c) {
    if (c.ia > 0xffffff) c.pgm(PGM.SPECIFICATION);
    c.amode = 0;
  },
  sam31(c) {
    if (c.ia > 0x7fffffff) c.pgm(PGM.SPECIFICATION);
    c.amode = 1;
  },
  sam64(c) {
    c.amode = 3;
  },
  larl(c, i) {
    if (c.amode === 3) {
      // Computed in halves: a target below zero wraps to just under 2^64, which a double
      // cannot hold exactly (gcc -O2 forms such bases and then indexes off them).
      const t = c.cur + i.ri2 * 2;
      if (t < 0) {
        c.r[2 * i.r1 + 1] = 0xffffffff;
        c.r[2 * i.r1] = (t + 4294967296) >>> 0;
        return;
      }
      setGpr64FromNumber(c, i.r1, c.wrap(t));
      return;
    }
    c.r[2 * i.r1] = c.rel(i.ri2); // rel() already cleared bit 32 (31-bit) or bits 32-39 (24-bit)
  },
  epsw(c, i) {
    const hi = c.pswMaskHi(), lo = c.pswMaskLo();
    c.r[2 * i.r1] = hi;
    if (i.r2 !== 0) c.r[2 * i.r2] = lo;
  },

  // ------------------------------------------------------------------ access registers
  ear(c, i) {
    c.r[2 * i.r1] = c.ar[i.r2]!;
  },
  sar(c, i) {
    c.ar[i.r1] = c.r[2 * i.r2]!;
  },
  cpya(c, i) {
    c.ar[i.r1] = c.ar[i.r2]!;
  },
  lam(c, i) {
    loadAccess(c, i.r1, i.r3, i.b2, i.d2);
  },
  lamy(c, i) {
    loadAccess(c, i.r1, i.r3, i.b2, i.d2);
  },
  stam(c, i) {
    storeAccess(c, i.r1, i.r3, i.b2, i.d2);
  },
  stamy(c, i) {
    storeAccess(c, i.r1, i.r3, i.b2, i.d2);
  },

  // ------------------------------------------------------------------ clock, facilities
  stck(c, i) {
    const a = c.ea(0, i.b2, i.d2);
    c.probe(a, 8, true);
    const lo = tod.read();
    c.st64(a, tod.hi, lo);
    c.cc = 0;
  },
  stckf(c, i) {
    const a = c.ea(0, i.b2, i.d2);
    c.probe(a, 8, true);
    const lo = tod.read();
    c.st64(a, tod.hi, lo);
    c.cc = 0;
  },
  stcke(c, i) {
    const a = c.ea(0, i.b2, i.d2);
    c.probe(a, 16, true);
    const lo = tod.read();
    // Byte 0 is the epoch index, bytes 1-8 the clock, 9-13 extra (zero: values are
    // already unique), 14-15 the TOD programmable field (zero until SCKPF exists).
    c.st8(a, 0);
    c.st32(c.wrap(a + 1), tod.hi);
    c.st32(c.wrap(a + 5), lo);
    for (let k = 9; k < 16; k++) c.st8(c.wrap(a + k), 0);
    c.cc = 0;
  },
  stfle(c, i) {
    if (eaLow(c, 0, i.b2, i.d2) & 7) c.pgm(PGM.SPECIFICATION);
    const a = c.ea(0, i.b2, i.d2);
    const have = (c.r[0]! & 0xff) + 1;
    const need = facilityDoublewords(c);
    const n = have < need ? have : need;
    c.probe(a, n * 8, true);
    for (let k = 0; k < n * 8; k++) {
      let byte = 0;
      for (let b = 0; b < 8; b++) if (c.facility[k * 8 + b]) byte |= 0x80 >>> b;
      c.st8(c.wrap(a + k), byte);
    }
    c.r[0] = ((c.r[0]! & 0xffffff00) | (need - 1)) >>> 0;
    c.cc = have >= need ? 0 : 3;
  },
  ecag(c, i) {
    // No cache topology is modelled: every attribute reads as "not available", as QEMU.
    c.r[2 * i.r1] = 0xffffffff;
    c.r[2 * i.r1 + 1] = 0xffffffff;
  },
  pfd() {
    // A prefetch hint: no access, so no access exceptions.
  },
  pfdrl() {
    // As PFD.
  },

  // ------------------------------------------------------------------ interlocked update
  ts(c, i) {
    const p = c.wa(c.ea(0, i.b2, i.d2));
    c.cc = c.u8[p]! >>> 7;
    c.u8[p] = 0xff;
  },
  cs: cs32,
  csy: cs32,
  csg(c, i) {
    if (eaLow(c, 0, i.b2, i.d2) & 7) c.pgm(PGM.SPECIFICATION);
    const a = c.ea(0, i.b2, i.d2);
    const p = c.wa(a);
    const h = c.dv.getUint32(p), l = c.dv.getUint32(p + 4);
    if (h === c.r[2 * i.r1 + 1] && l === c.r[2 * i.r1]) {
      c.dv.setUint32(p, c.r[2 * i.r3 + 1]!);
      c.dv.setUint32(p + 4, c.r[2 * i.r3]!);
      c.cc = 0;
    } else {
      c.r[2 * i.r1 + 1] = h;
      c.r[2 * i.r1] = l;
      c.cc = 1;
    }
  },
  cds: cds32,
  cdsy: cds32,
  cdsg(c, i) {
    checkEvenPair(c, i.r1);
    checkEvenPair(c, i.r3);
    if (eaLow(c, 0, i.b2, i.d2) & 15) c.pgm(PGM.SPECIFICATION);
    const a = c.ea(0, i.b2, i.d2);
    const p = c.wa(a);
    const r = c.r, d = c.dv, r1 = 2 * i.r1, r3 = 2 * i.r3;
    const w0 = d.getUint32(p), w1 = d.getUint32(p + 4), w2 = d.getUint32(p + 8), w3 = d.getUint32(p + 12);
    if (w0 === r[r1 + 1] && w1 === r[r1] && w2 === r[r1 + 3] && w3 === r[r1 + 2]) {
      d.setUint32(p, r[r3 + 1]!);
      d.setUint32(p + 4, r[r3]!);
      d.setUint32(p + 8, r[r3 + 3]!);
      d.setUint32(p + 12, r[r3 + 2]!);
      c.cc = 0;
    } else {
      r[r1 + 1] = w0; r[r1] = w1; r[r1 + 3] = w2; r[r1 + 2] = w3;
      c.cc = 1;
    }
  },
  csst(c, i) {
    const fc = c.r[0]! & 0xff, sc = (c.r[0]! >>> 8) & 0xff;
    if (fc > 1 || sc > 3) {
      if (!c.facility[33] || fc > 2 || sc > 4 || (fc === 2 && (i.r3 & 1))) c.pgm(PGM.SPECIFICATION);
    }
    if ((eaLow(c, 0, i.b1, i.d1) & ((4 << fc) - 1)) || (eaLow(c, 0, i.b2, i.d2) & ((1 << sc) - 1))) c.pgm(PGM.SPECIFICATION);
    const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
    const pa = c.regAddr(1);
    const pl = pa - (pa % 16);
    // Every access is checked before anything is stored, so an exception changes nothing.
    c.probe(pl, 32, false);
    const p1 = c.wa(a1);
    c.probe(a2, 1 << sc, true);
    const r = c.r, d = c.dv, r3 = 2 * i.r3;
    let equal: boolean;
    if (fc === 0) {
      const ov = d.getUint32(p1);
      equal = ov === r[r3];
      if (equal) d.setUint32(p1, c.ld32(pl)); else r[r3] = ov;
    } else if (fc === 1) {
      const oh = d.getUint32(p1), ol = d.getUint32(p1 + 4);
      equal = oh === r[r3 + 1] && ol === r[r3];
      if (equal) { const l = c.ld64(pl); d.setUint32(p1, c.vh); d.setUint32(p1 + 4, l); } else { r[r3 + 1] = oh; r[r3] = ol; }
    } else {
      const w0 = d.getUint32(p1), w1 = d.getUint32(p1 + 4), w2 = d.getUint32(p1 + 8), w3 = d.getUint32(p1 + 12);
      equal = w0 === r[r3 + 1] && w1 === r[r3] && w2 === r[r3 + 3] && w3 === r[r3 + 2];
      if (equal) {
        for (let k = 0; k < 16; k += 4) d.setUint32(p1 + k, c.ld32(c.wrap(pl + k)));
      } else {
        r[r3 + 1] = w0; r[r3] = w1; r[r3 + 3] = w2; r[r3 + 2] = w3;
      }
    }
    if (equal) {
      const n = 1 << sc;
      for (let k = 0; k < n; k++) c.st8(c.wrap(a2 + k), c.ld8(c.wrap(pl + 16 + k)));
    }
    c.cc = equal ? 0 : 1;
  },
};

function loadAccess(c: Cpu, r1: number, r3: number, b2: number, d2: number): void {
  if (eaLow(c, 0, b2, d2) & 3) c.pgm(PGM.SPECIFICATION);
  const a = c.ea(0, b2, d2);
  const n = ((r3 - r1) & 15) + 1;
  c.probe(a, 4 * n, false);
  for (let k = 0; k < n; k++) c.ar[(r1 + k) & 15] = c.ld32(c.wrap(a + 4 * k));
}

function storeAccess(c: Cpu, r1: number, r3: number, b2: number, d2: number): void {
  if (eaLow(c, 0, b2, d2) & 3) c.pgm(PGM.SPECIFICATION);
  const a = c.ea(0, b2, d2);
  const n = ((r3 - r1) & 15) + 1;
  c.probe(a, 4 * n, true);
  for (let k = 0; k < n; k++) c.st32(c.wrap(a + 4 * k), c.ar[(r1 + k) & 15]!);
}

export const control: Semantics = { ...base, ...controlString };
