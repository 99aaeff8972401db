// Storage-to-storage semantics: MVC and friends, the long forms (MVCL, MVCLE, MVCLU,
// CLCL, CLCLE, CLCLU), the string forms (MVST, CLST, SRST, SRSTU), the translates, the
// Unicode conversions and CKSM.
//
// Rules that shape this file:
//  - Overlapping operands behave as if processed one byte at a time, left to right.
//  - Every access that could fail is checked (probe) before the first byte is stored, or
//    the instruction is split into units of operation and the registers describe the
//    completed units when an exception ends it (the "registers updated to reflect
//    progress" rule of the interruptible instructions).
//  - Work per execution is bounded. The instructions with a CPU-determined amount stop
//    with CC 3 after the same amounts QEMU uses, so that register states agree with the
//    oracle; MVCL and CLCL, which have no CC 3, are resumed by re-executing them (or
//    the EXECUTE that ran them) as an interruption between units of operation would do.
import type { Cpu, Semantics } from '../cpu.ts';
import { PGM } from '../pgm.ts';
import { TWO32, eaLow, lenCap, lenCmp, lenSub, lenZero, resumeAddress, setAddr, setAddrKeep, setAddrZero, toPageEnd } from './control-util.ts';

/** Copy len bytes from s to d, left to right, one byte at a time in effect. Probed already. */
function moveBytes(c: Cpu, d: number, s: number, len: number): void {
  const u = c.u8;
  while (len > 0) {
    let n = toPageEnd(d);
    const ns = toPageEnd(s);
    if (ns < n) n = ns;
    if (len < n) n = len;
    const pd = c.wa(d), ps = c.ra(s);
    if (pd > ps && pd < ps + n) {
      // Destructive overlap: later source bytes are earlier results.
      if (pd === ps + 1) u.fill(u[ps]!, pd, pd + n);
      else for (let k = 0; k < n; k++) u[pd + k] = u[ps + k]!;
    } else {
      u.copyWithin(pd, ps, ps + n);
    }
    len -= n;
    d = c.wrap(d + n);
    s = c.wrap(s + n);
  }
}

/** Store byte `v` into len bytes at d. Probed already. */
function fillBytes(c: Cpu, d: number, v: number, len: number): void {
  while (len > 0) {
    let n = toPageEnd(d);
    if (len < n) n = len;
    const pd = c.wa(d);
    c.u8.fill(v, pd, pd + n);
    len -= n;
    d = c.wrap(d + n);
  }
}

const OP_AND = 0, OP_OR = 1, OP_XOR = 2;

/** NC/OC/XC: d = d op s byte by byte; CC 1 if any result byte is nonzero. */
function logical(c: Cpu, d: number, s: number, len: number, op: number): void {
  const u = c.u8;
  let acc = 0;
  if ((d & 0xfff) + len <= 4096 && (s & 0xfff) + len <= 4096) {
    const ps = c.ra(s), pd = c.wa(d);
    if (op === OP_XOR) {
      if (pd === ps) { u.fill(0, pd, pd + len); c.cc = 0; return; }
      for (let k = 0; k < len; k++) acc |= u[pd + k] = u[pd + k]! ^ u[ps + k]!;
    } else if (op === OP_AND) {
      for (let k = 0; k < len; k++) acc |= u[pd + k] = u[pd + k]! & u[ps + k]!;
    } else {
      for (let k = 0; k < len; k++) acc |= u[pd + k] = u[pd + k]! | u[ps + k]!;
    }
    c.cc = acc !== 0 ? 1 : 0;
    return;
  }
  c.probe(s, len, false);
  c.probe(d, len, true);
  if (op === OP_XOR && d === s) {
    fillBytes(c, d, 0, len);
    c.cc = 0;
    return;
  }
  while (len > 0) {
    let n = toPageEnd(d);
    const ns = toPageEnd(s);
    if (ns < n) n = ns;
    if (len < n) n = len;
    const pd = c.wa(d), ps = c.ra(s);
    if (op === OP_AND) for (let k = 0; k < n; k++) acc |= u[pd + k] = u[pd + k]! & u[ps + k]!;
    else if (op === OP_OR) for (let k = 0; k < n; k++) acc |= u[pd + k] = u[pd + k]! | u[ps + k]!;
    else for (let k = 0; k < n; k++) acc |= u[pd + k] = u[pd + k]! ^ u[ps + k]!;
    len -= n;
    d = c.wrap(d + n);
    s = c.wrap(s + n);
  }
  c.cc = acc !== 0 ? 1 : 0;
}

/** Compare len bytes; CC 0/1/2. Only the bytes up to the first difference are accessed. */
function compareBytes(c: Cpu, a: number, b: number, len: number): number {
  const u = c.u8;
  while (len > 0) {
    let n = toPageEnd(a);
    const nb = toPageEnd(b);
    if (nb < n) n = nb;
    if (len < n) n = len;
    const pa = c.ra(a), pb = c.ra(b);
    for (let k = 0; k < n; k++) {
      const x = u[pa + k]!, y = u[pb + k]!;
      if (x !== y) return x < y ? 1 : 2;
    }
    len -= n;
    a = c.wrap(a + n);
    b = c.wrap(b + n);
  }
  return 0;
}

/** TRT/TRTR: scan from a in steps of `step` (+1/-1) for a nonzero function byte. */
function translateTest(c: Cpu, a: number, t: number, l: number, step: number): void {
  for (let k = 0; k <= l; k++) {
    const at = c.wrap(a + k * step);
    const f = c.ld8(c.wrap(t + c.ld8(at)));
    if (f !== 0) {
      setAddr(c, 1, at);
      c.r[4] = ((c.r[4]! & 0xffffff00) | f) >>> 0;
      c.cc = k === l ? 2 : 1;
      return;
    }
  }
  c.cc = 0;
}

function even(c: Cpu, r: number): void {
  if (r & 1) c.pgm(PGM.SPECIFICATION);
}

/** Bytes MVCL moves or pads per execution before letting the run loop in (64 pages). */
const MVCL_SLICE = 0x40000;
/** Bytes CLCL compares per execution before letting the run loop in. */
const CLCL_SLICE = 0x40000;
/** The CPU-determined amount of QEMU's CLST, SRST, SRSTU, CLCLE, TRE, CKSM, TRxx. */
const QEMU_LIMIT = 0x2000;

/**
 * MVCLE/MVCLU: one unit per execution, within one page of each operand, either moving
 * or padding (QEMU's choice of unit, which fixes the register values seen after CC 3).
 */
function moveLongExtended(c: Cpu, r1: number, r3: number, pad: number, unit: number): void {
  even(c, r1);
  even(c, r3);
  if (unit === 2 && ((c.r[2 * r1 + 2]! | c.r[2 * r3 + 2]!) & 1)) c.pgm(PGM.SPECIFICATION);
  const cmp = lenCmp(c, r1 + 1, r3 + 1);
  const cc = cmp === 0 ? 0 : cmp < 0 ? 1 : 2;
  if (lenZero(c, r1 + 1)) { c.cc = cc; return; }
  const d = c.regAddr(r1);
  let n = lenCap(c, r1 + 1, toPageEnd(d));
  if (!lenZero(c, r3 + 1)) {
    const s = c.regAddr(r3);
    n = lenCap(c, r3 + 1, Math.min(n, toPageEnd(s)));
    c.probe(s, n, false);
    c.probe(d, n, true);
    moveBytes(c, d, s, n);
    lenSub(c, r3 + 1, n);
    setAddr(c, r3, c.wrap(s + n));
  } else {
    c.probe(d, n, true);
    if (unit === 1) {
      fillBytes(c, d, pad & 0xff, n);
    } else {
      // The parity of the remaining length picks the pad byte, so a two-byte pad keeps
      // its phase across executions.
      const odd = c.r[2 * r1 + 2]! & 1;
      for (let k = 0; k < n; k++) c.st8(c.wrap(d + k), ((k & 1) ^ odd) ? pad & 0xff : pad >>> 8);
    }
  }
  lenSub(c, r1 + 1, n);
  setAddr(c, r1, c.wrap(d + n));
  c.cc = lenZero(c, r1 + 1) ? cc : 3;
}

/** CLCLE/CLCLU: compare with padding, up to `limit` bytes per execution (then CC 3). */
function compareLongExtended(c: Cpu, r1: number, r3: number, pad: number, unit: number, limit: number): void {
  even(c, r1);
  even(c, r3);
  if (unit === 2 && ((c.r[2 * r1 + 2]! | c.r[2 * r3 + 2]!) & 1)) c.pgm(PGM.SPECIFICATION);
  let a1 = c.regAddr(r1), a3 = c.regAddr(r3);
  let l1 = lenCap(c, r1 + 1, limit), l3 = lenCap(c, r3 + 1, limit);
  let n = l1 > l3 ? l1 : l3;
  let cc = 0;
  if (n === 0) { c.cc = 0; return; }
  // Whether the longer operand goes beyond this execution's share.
  const more = lenCap(c, r1 + 1, limit + 1) > limit || lenCap(c, r3 + 1, limit + 1) > limit;
  if (more) cc = 3;
  let done1 = 0, done3 = 0;
  for (; n > 0; n -= unit) {
    let v1 = pad, v3 = pad;
    if (l1 > 0) v1 = unit === 1 ? c.ld8(a1) : c.ld16(a1);
    if (l3 > 0) v3 = unit === 1 ? c.ld8(a3) : c.ld16(a3);
    if (v1 !== v3) { cc = v1 < v3 ? 1 : 2; break; }
    if (l1 > 0) { a1 = c.wrap(a1 + unit); l1 -= unit; done1 += unit; }
    if (l3 > 0) { a3 = c.wrap(a3 + unit); l3 -= unit; done3 += unit; }
  }
  lenSub(c, r1 + 1, done1);
  lenSub(c, r3 + 1, done3);
  setAddr(c, r1, a1);
  setAddr(c, r3, a3);
  c.cc = cc;
}

// ---------------------------------------------------------------- Unicode conversions

// Decoders set `ch` and `clen` and return -1, or return the CC that ends the operation.
let ch = 0;
let clen = 0;

function decodeUtf8(c: Cpu, a: number, avail: number, check: boolean): number {
  if (avail < 1) return 0;
  const s0 = c.ld8(a);
  if (s0 <= 0x7f) { ch = s0; clen = 1; return -1; }
  if (s0 <= (check ? 0xc1 : 0xbf)) return 2;
  if (s0 <= 0xdf) {
    if (avail < 2) return 0;
    const s1 = c.ld8(c.wrap(a + 1));
    if (check && (s1 & 0xc0) !== 0x80) return 2;
    ch = ((s0 & 0x1f) << 6) | (s1 & 0x3f); clen = 2; return -1;
  }
  if (s0 <= 0xef) {
    if (avail < 3) return 0;
    const s1 = c.ld8(c.wrap(a + 1)), s2 = c.ld8(c.wrap(a + 2));
    const v = ((s0 & 0x0f) << 12) | ((s1 & 0x3f) << 6) | (s2 & 0x3f);
    if (check && ((s1 & 0xc0) !== 0x80 || (s2 & 0xc0) !== 0x80 || v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) return 2;
    ch = v; clen = 3; return -1;
  }
  if (s0 <= (check ? 0xf4 : 0xf7)) {
    if (avail < 4) return 0;
    const s1 = c.ld8(c.wrap(a + 1)), s2 = c.ld8(c.wrap(a + 2)), s3 = c.ld8(c.wrap(a + 3));
    const v = ((s0 & 0x07) << 18) | ((s1 & 0x3f) << 12) | ((s2 & 0x3f) << 6) | (s3 & 0x3f);
    if (check && ((s1 & 0xc0) !== 0x80 || (s2 & 0xc0) !== 0x80 || (s3 & 0xc0) !== 0x80 || v < 0x10000 || v > 0x10ffff)) return 2;
    ch = v; clen = 4; return -1;
  }
  return 2;
}

function decodeUtf16(c: Cpu, a: number, avail: number, check: boolean): number {
  if (avail < 2) return 0;
  const s0 = c.ld16(a);
  if ((s0 & 0xfc00) !== 0xd800) { ch = s0; clen = 2; return -1; }
  if (avail < 4) return 0;
  const s1 = c.ld16(c.wrap(a + 2));
  if (check && (s1 & 0xfc00) !== 0xdc00) return 2;
  ch = ((((s0 >>> 6) & 15) + 1) << 16) | ((s0 & 0x3f) << 10) | (s1 & 0x3ff);
  clen = 4;
  return -1;
}

function decodeUtf32(c: Cpu, a: number, avail: number): number {
  if (avail < 4) return 0;
  const v = c.ld32(a);
  if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) return 2;
  ch = v; clen = 4;
  return -1;
}

/** Bytes the encoding of `v` takes in UTF-8/16/32 (kind 8, 16, 32). */
function encodedLength(v: number, kind: number): number {
  if (kind === 32) return 4;
  if (kind === 16) return v <= 0xffff ? 2 : 4;
  return v <= 0x7f ? 1 : v <= 0x7ff ? 2 : v <= 0xffff ? 3 : 4;
}

function encode(c: Cpu, a: number, v: number, kind: number): void {
  if (kind === 32) { c.st32(a, v); return; }
  if (kind === 16) {
    if (v <= 0xffff) { c.st16(a, v); return; }
    c.st16(a, 0xd800 | ((((v >>> 16) - 1) & 15) << 6) | ((v >>> 10) & 0x3f));
    c.st16(c.wrap(a + 2), 0xdc00 | (v & 0x3ff));
    return;
  }
  if (v <= 0x7f) { c.st8(a, v); return; }
  if (v <= 0x7ff) { c.st8(a, 0xc0 | (v >>> 6)); c.st8(c.wrap(a + 1), 0x80 | (v & 0x3f)); return; }
  if (v <= 0xffff) {
    c.st8(a, 0xe0 | (v >>> 12));
    c.st8(c.wrap(a + 1), 0x80 | ((v >>> 6) & 0x3f));
    c.st8(c.wrap(a + 2), 0x80 | (v & 0x3f));
    return;
  }
  c.st8(a, 0xf0 | ((v >>> 18) & 7));
  c.st8(c.wrap(a + 1), 0x80 | ((v >>> 12) & 0x3f));
  c.st8(c.wrap(a + 2), 0x80 | ((v >>> 6) & 0x3f));
  c.st8(c.wrap(a + 3), 0x80 | (v & 0x3f));
}

/** Bytes CUSE compares per execution before CC 3 (QEMU has no CUSE; Hercules' amount). */
const CUSE_LIMIT = 4096;

/** Characters converted per execution before CC 3 (QEMU's amount). */
const CU_LIMIT = 256;

/**
 * CU12/CU14/CU21/CU24/CU41/CU42. Each character is a unit of operation: the registers
 * are written back after every one, so an access exception leaves them at the first
 * character not converted.
 */
function convert(c: Cpu, r1: number, r2: number, m3: number, from: number, to: number): void {
  if ((r1 | r2) & 1) c.pgm(PGM.SPECIFICATION);
  const check = c.facility[22] === 1 && (m3 & 1) !== 0;
  let cc = 0;
  for (let k = 0; k < CU_LIMIT; k++) {
    const src = c.regAddr(r2), dst = c.regAddr(r1);
    const avail = lenCap(c, r2 + 1, 4);
    const r = from === 8 ? decodeUtf8(c, src, avail, check) : from === 16 ? decodeUtf16(c, src, avail, check) : decodeUtf32(c, src, avail);
    if (r >= 0) { c.cc = r; return; }
    const olen = encodedLength(ch, to);
    if (lenCap(c, r1 + 1, 4) < olen) { c.cc = 1; return; }
    c.probe(dst, olen, true);
    encode(c, dst, ch, to);
    setAddr(c, r2, c.wrap(src + clen));
    lenSub(c, r2 + 1, clen);
    setAddr(c, r1, c.wrap(dst + olen));
    lenSub(c, r1 + 1, olen);
    cc = 3;
  }
  c.cc = cc;
}

// ---------------------------------------------------------------- semantics

export const controlString: Semantics = {
  mvc(c, i) {
    const len = i.l1 + 1;
    const d = c.ea(0, i.b1, i.d1), s = c.ea(0, i.b2, i.d2);
    if ((d & 0xfff) + len <= 4096 && (s & 0xfff) + len <= 4096) {
      // Both operands within one page (memcpy's common case): translating each once is
      // the whole access check.
      const ps = c.ra(s), pd = c.wa(d), u = c.u8;
      if (pd > ps && pd < ps + len) {
        if (pd === ps + 1) u.fill(u[ps]!, pd, pd + len);
        else for (let k = 0; k < len; k++) u[pd + k] = u[ps + k]!;
      } else if (len <= 32) {
        for (let k = 0; k < len; k++) u[pd + k] = u[ps + k]!;
      } else {
        u.copyWithin(pd, ps, ps + len);
      }
      return;
    }
    c.probe(s, len, false);
    c.probe(d, len, true);
    moveBytes(c, d, s, len);
  },
  mvcin(c, i) {
    const l = i.l1;
    const d = c.ea(0, i.b1, i.d1), s = c.ea(0, i.b2, i.d2); // s: the rightmost source byte
    c.probe(c.wrap(s - l), l + 1, false);
    c.probe(d, l + 1, true);
    for (let k = 0; k <= l; k++) c.st8(c.wrap(d + k), c.ld8(c.wrap(s - k)));
  },
  nc(c, i) {
    logical(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1 + 1, OP_AND);
  },
  oc(c, i) {
    logical(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1 + 1, OP_OR);
  },
  xc(c, i) {
    logical(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1 + 1, OP_XOR);
  },
  clc(c, i) {
    c.cc = compareBytes(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1 + 1);
  },
  tr(c, i) {
    const len = i.l1 + 1;
    const a = c.ea(0, i.b1, i.d1), t = c.ea(0, i.b2, i.d2);
    c.probe(a, len, true);
    // Only the table bytes the argument bytes select are accessed; check them first.
    let lo = 255, hi = 0;
    for (let k = 0; k < len; k++) {
      const b = c.ld8(c.wrap(a + k));
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    c.probe(c.wrap(t + lo), hi - lo + 1, false);
    for (let k = 0; k < len; k++) {
      const at = c.wrap(a + k);
      c.st8(at, c.ld8(c.wrap(t + c.ld8(at))));
    }
  },
  trt(c, i) {
    translateTest(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1, 1);
  },
  trtr(c, i) {
    translateTest(c, c.ea(0, i.b1, i.d1), c.ea(0, i.b2, i.d2), i.l1, -1);
  },

  mvcl(c, i) {
    const r1 = i.r1, r2 = i.r2;
    even(c, r1);
    even(c, r2);
    let dlen = c.r[2 * r1 + 2]! & 0xffffff;
    let slen = c.r[2 * r2 + 2]! & 0xffffff;
    const pad = c.r[2 * r2 + 2]! >>> 24;
    let d = c.regAddr(r1), s = c.regAddr(r2);
    const cc = dlen === slen ? 0 : dlen < slen ? 1 : 2;
    // Destructive overlap: the destination starts inside the source bytes still to be
    // moved (also across the wrap at the top of storage). Nothing is moved, CC 3.
    const m = dlen < slen ? dlen : slen;
    if (m > 0 && d !== s) {
      const top = c.amode === 3 ? 2 ** 64 : c.amode === 1 ? 2 ** 31 : 2 ** 24;
      const dist = d > s ? d - s : (top - s) + d;
      if (dist < m) {
        setAddrZero(c, r1, d);
        setAddrZero(c, r2, s);
        c.cc = 3;
        return;
      }
    }
    if (dlen === 0) {
      setAddrZero(c, r1, d);
      setAddrZero(c, r2, s);
      c.cc = cc;
      return;
    }
    // Otherwise a register is rewritten (and its unused bits cleared) as its operand
    // makes progress, so an access exception on the first unit leaves both untouched.
    if (slen === 0) setAddrZero(c, r2, s);
    let budget = MVCL_SLICE;
    while (dlen > 0 && budget > 0) {
      let n = toPageEnd(d);
      if (dlen < n) n = dlen;
      if (slen > 0) {
        const ns = toPageEnd(s);
        if (ns < n) n = ns;
        if (slen < n) n = slen;
        c.probe(s, n, false);
        c.probe(d, n, true);
        moveBytes(c, d, s, n);
        slen -= n;
        s = c.wrap(s + n);
        c.r[2 * r2 + 2] = ((c.r[2 * r2 + 2]! & 0xff000000) | slen) >>> 0;
        setAddrZero(c, r2, s);
      } else {
        c.probe(d, n, true);
        fillBytes(c, d, pad, n);
      }
      dlen -= n;
      d = c.wrap(d + n);
      c.r[2 * r1 + 2] = ((c.r[2 * r1 + 2]! & 0xff000000) | dlen) >>> 0;
      setAddrZero(c, r1, d);
      budget -= n;
    }
    // Interrupted between units: execute again (the registers say where to resume).
    if (dlen > 0) c.ia = resumeAddress(c);
    c.cc = cc;
  },
  // The pad of the extended long forms is the low bits of the second-operand address,
  // taken exactly (see eaLow).
  mvcle(c, i) {
    moveLongExtended(c, i.r1, i.r3, eaLow(c, 0, i.b2, i.d2) & 0xff, 1);
  },
  mvclu(c, i) {
    moveLongExtended(c, i.r1, i.r3, eaLow(c, 0, i.b2, i.d2) & 0xffff, 2);
  },
  clcl(c, i) {
    const r1 = i.r1, r2 = i.r2;
    even(c, r1);
    even(c, r2);
    let l1 = c.r[2 * r1 + 2]! & 0xffffff, l2 = c.r[2 * r2 + 2]! & 0xffffff;
    const pad = c.r[2 * r2 + 2]! >>> 24;
    let a1 = c.regAddr(r1), a2 = c.regAddr(r2);
    const u = c.u8;
    let budget = CLCL_SLICE;
    let cc = 0;
    // Compare page-bounded runs: both operands while both have bytes, then the longer one
    // against the pad byte.
    while ((l1 > 0 || l2 > 0) && budget > 0) {
      if (l1 > 0 && l2 > 0) {
        let k = Math.min(l1, l2, toPageEnd(a1), toPageEnd(a2), budget);
        const p1 = c.ra(a1), p2 = c.ra(a2);
        let j = 0;
        while (j < k && u[p1 + j] === u[p2 + j]) j++;
        if (j < k) cc = u[p1 + j]! < u[p2 + j]! ? 1 : 2;
        k = j;
        l1 -= k; l2 -= k; budget -= k;
        a1 = c.wrap(a1 + k); a2 = c.wrap(a2 + k);
        if (cc !== 0) break;
      } else {
        const first = l1 > 0;
        const a = first ? a1 : a2, l = first ? l1 : l2;
        const k = Math.min(l, toPageEnd(a), budget);
        const p = c.ra(a);
        let j = 0;
        while (j < k && u[p + j] === pad) j++;
        if (j < k) {
          const v = u[p + j]!;
          cc = first ? (v < pad ? 1 : 2) : (pad < v ? 1 : 2);
        }
        if (first) { l1 -= j; a1 = c.wrap(a1 + j); } else { l2 -= j; a2 = c.wrap(a2 + j); }
        budget -= j;
        if (cc !== 0) break;
      }
    }
    const n = l1 > l2 ? l1 : l2;
    c.r[2 * r1 + 2] = ((c.r[2 * r1 + 2]! & 0xff000000) | l1) >>> 0;
    c.r[2 * r2 + 2] = ((c.r[2 * r2 + 2]! & 0xff000000) | l2) >>> 0;
    setAddr(c, r1, a1);
    setAddr(c, r2, a2);
    if (cc === 0 && n > 0) c.ia = resumeAddress(c); // interrupted between units: resume
    c.cc = cc;
  },
  clcle(c, i) {
    compareLongExtended(c, i.r1, i.r3, eaLow(c, 0, i.b2, i.d2) & 0xff, 1, QEMU_LIMIT);
  },
  clclu(c, i) {
    compareLongExtended(c, i.r1, i.r3, eaLow(c, 0, i.b2, i.d2) & 0xffff, 2, QEMU_LIMIT >>> 1);
  },

  mvst(c, i) {
    if (c.r[0]! & 0xffffff00) c.pgm(PGM.SPECIFICATION);
    const term = c.r[0]! & 0xff;
    const d = c.regAddr(i.r1), s = c.regAddr(i.r2);
    // One page of each operand at most: access exceptions must not be recognized for
    // bytes beyond the terminator, which is not known in advance.
    let n = toPageEnd(d);
    const ns = toPageEnd(s);
    if (ns < n) n = ns;
    c.probe(s, n, false);
    c.probe(d, n, true);
    const u = c.u8, pd = c.wa(d), ps = c.ra(s);
    for (let k = 0; k < n; k++) {
      const v = u[ps + k]!;
      u[pd + k] = v;
      if (v === term) {
        setAddrZero(c, i.r1, c.wrap(d + k));
        c.cc = 1;
        return;
      }
    }
    setAddrZero(c, i.r1, c.wrap(d + n));
    setAddrZero(c, i.r2, c.wrap(s + n));
    c.cc = 3;
  },
  clst(c, i) {
    if (c.r[0]! & 0xffffff00) c.pgm(PGM.SPECIFICATION);
    const term = c.r[0]! & 0xff;
    const a1 = c.regAddr(i.r1), a2 = c.regAddr(i.r2);
    for (let k = 0; k < QEMU_LIMIT; k++) {
      const v1 = c.ld8(c.wrap(a1 + k)), v2 = c.ld8(c.wrap(a2 + k));
      if (v1 === v2) {
        if (v1 === term) { c.cc = 0; return; }
      } else {
        c.cc = v1 === term ? 1 : v2 === term ? 2 : v1 < v2 ? 1 : 2;
        setAddrZero(c, i.r1, c.wrap(a1 + k));
        setAddrZero(c, i.r2, c.wrap(a2 + k));
        return;
      }
    }
    setAddrZero(c, i.r1, c.wrap(a1 + QEMU_LIMIT));
    setAddrZero(c, i.r2, c.wrap(a2 + QEMU_LIMIT));
    c.cc = 3;
  },
  srst(c, i) {
    if (c.r[0]! & 0xffffff00) c.pgm(PGM.SPECIFICATION);
    const ch8 = c.r[0]! & 0xff;
    const end = c.regAddr(i.r1), str = c.regAddr(i.r2);
    for (let k = 0; k < QEMU_LIMIT; k++) {
      const a = c.wrap(str + k);
      if (a === end) { c.cc = 2; return; }
      if (c.ld8(a) === ch8) { setAddr(c, i.r1, a); c.cc = 1; return; }
    }
    setAddr(c, i.r2, c.wrap(str + QEMU_LIMIT));
    c.cc = 3;
  },
  srstu(c, i) {
    if (c.r[0]! & 0xffff0000) c.pgm(PGM.SPECIFICATION);
    const ch16 = c.r[0]! & 0xffff;
    const end = c.regAddr(i.r1), str = c.regAddr(i.r2);
    // With addresses of different parity the end is the byte after R1's (a character
    // that straddles it is still examined).
    const adj = c.wrap(end + ((str ^ end) & 1));
    for (let k = 0; k < QEMU_LIMIT; k += 2) {
      const a = c.wrap(str + k);
      if (a === adj) { c.cc = 2; return; }
      if (c.ld16(a) === ch16) { setAddr(c, i.r1, a); c.cc = 1; return; }
    }
    setAddr(c, i.r2, c.wrap(str + QEMU_LIMIT));
    c.cc = 3;
  },

  tre(c, i) {
    const r1 = i.r1;
    even(c, r1);
    const test = c.r[0]! & 0xff;
    const t = c.regAddr(i.r2);
    let a = c.regAddr(r1);
    let left = lenCap(c, r1 + 1, QEMU_LIMIT);
    const more = lenCap(c, r1 + 1, QEMU_LIMIT + 1) > QEMU_LIMIT;
    c.probe(t, 256, false);
    // A page of the first operand is one unit of operation: it is probed, translated,
    // and the registers are advanced past it.
    while (left > 0) {
      let n = toPageEnd(a);
      if (left < n) n = left;
      c.probe(a, n, true);
      const u = c.u8, p = c.wa(a);
      for (let k = 0; k < n; k++) {
        const b = u[p + k]!;
        if (b === test) {
          setAddrZero(c, r1, c.wrap(a + k));
          lenSub(c, r1 + 1, k);
          c.cc = 1;
          return;
        }
        u[p + k] = c.ld8(c.wrap(t + b));
      }
      a = c.wrap(a + n);
      setAddrZero(c, r1, a);
      lenSub(c, r1 + 1, n);
      left -= n;
    }
    c.cc = more ? 3 : 0;
  },
  troo(c, i) { translateExtended(c, i.r1, i.r2, i.m3, 1, 1); },
  trot(c, i) { translateExtended(c, i.r1, i.r2, i.m3, 1, 2); },
  trto(c, i) { translateExtended(c, i.r1, i.r2, i.m3, 2, 1); },
  trtt(c, i) { translateExtended(c, i.r1, i.r2, i.m3, 2, 2); },

  cu12(c, i) { convert(c, i.r1, i.r2, i.m3, 8, 16); },
  cu14(c, i) { convert(c, i.r1, i.r2, i.m3, 8, 32); },
  cu21(c, i) { convert(c, i.r1, i.r2, i.m3, 16, 8); },
  cu24(c, i) { convert(c, i.r1, i.r2, i.m3, 16, 32); },
  cu41(c, i) { convert(c, i.r1, i.r2, 0, 32, 8); },
  cu42(c, i) { convert(c, i.r1, i.r2, 0, 32, 16); },

  cuse(c, i) {
    const r1 = i.r1, r2 = i.r2;
    if ((r1 | r2) & 1) c.pgm(PGM.SPECIFICATION);
    const sl = c.r[0]! & 0xff, pad = c.r[2]! & 0xff;
    if (sl === 0) { c.cc = 0; return; }
    if (lenZero(c, r1 + 1) && lenZero(c, r2 + 1)) { c.cc = 2; return; }
    if (r1 === r2) { c.cc = lenCap(c, r1 + 1, sl) < sl ? 1 : 0; return; }
    // At most CUSE_LIMIT bytes are compared, and a run of equal bytes in progress is
    // allowed to reach the substring length, so the cap below is never the real length
    // for an operand that is still being consumed.
    const cap = CUSE_LIMIT + 256;
    const n1 = lenCap(c, r1 + 1, cap), n2 = lenCap(c, r2 + 1, cap);
    const a1 = c.regAddr(r1), a2 = c.regAddr(r2);
    let k1 = 0, k2 = 0, run = 0, s1 = 0, s2 = 0, cc = 0;
    for (let k = 0; k1 < n1 || k2 < n2; k++) {
      if (run === 0 && k >= CUSE_LIMIT) { cc = 3; break; }
      const b1 = k1 < n1 ? c.ld8(c.wrap(a1 + k1)) : pad;
      const b2 = k2 < n2 ? c.ld8(c.wrap(a2 + k2)) : pad;
      if (b1 === b2) {
        if (run === 0) { s1 = k1; s2 = k2; }
        run++;
        cc = 1;
      } else {
        run = 0;
        cc = 2;
      }
      if (k1 < n1) k1++;
      if (k2 < n2) k2++;
      if (run === sl) { cc = 0; break; }
    }
    // CC 0 and 1 leave the registers at the start of the (partial) equal substring, CC 2
    // and 3 at the next bytes to compare.
    const d1 = cc < 2 ? s1 : k1, d2 = cc < 2 ? s2 : k2;
    setAddr(c, r1, c.wrap(a1 + d1));
    lenSub(c, r1 + 1, d1);
    setAddr(c, r2, c.wrap(a2 + d2));
    lenSub(c, r2 + 1, d2);
    c.cc = cc;
  },
  cksm(c, i) {
    const r2 = i.r2;
    even(c, r2);
    const a = c.regAddr(r2);
    const n = lenCap(c, r2 + 1, QEMU_LIMIT);
    const all = lenCap(c, r2 + 1, QEMU_LIMIT + 1) <= QEMU_LIMIT;
    let sum = c.r[2 * i.r1]!;
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      sum += c.ld32(c.wrap(a + k));
      if (sum >= TWO32) sum -= TWO32 - 1; // end-around carry
    }
    if (k < n) {
      let w = 0;
      for (let j = 0; j < 4; j++) w = w * 256 + (k + j < n ? c.ld8(c.wrap(a + k + j)) : 0);
      sum += w;
      if (sum >= TWO32) sum -= TWO32 - 1;
    }
    c.r[2 * i.r1] = sum >>> 0;
    setAddrKeep(c, r2, c.wrap(a + n));
    lenSub(c, r2 + 1, n);
    c.cc = all ? 0 : 3;
  },
};

/**
 * TROO/TROT/TRTO/TRTT: translate `ssize`-byte characters through the table at GR1 into
 * `dsize`-byte characters, stopping at the test character in GR0 unless M3 bit 3 says
 * not to compare. Each character is a unit of operation.
 */
function translateExtended(c: Cpu, r1: number, r2: number, m3: number, ssize: number, dsize: number): void {
  even(c, r1);
  if (c.r[2 * r1 + 2]! & (ssize - 1)) c.pgm(PGM.SPECIFICATION);
  const compare = !(c.facility[24] && (m3 & 1));
  const test = dsize === 1 ? c.r[0]! & 0xff : c.r[0]! & 0xffff;
  const ta = c.regAddr(1);
  const tbl = ta - (ta % 8); // the table is doubleword aligned (ETF2 enhancement)
  for (let k = 0; k < QEMU_LIMIT; k++) {
    if (lenZero(c, r1 + 1)) { c.cc = 0; return; }
    const src = c.regAddr(r2), dst = c.regAddr(r1);
    const sv = ssize === 1 ? c.ld8(src) : c.ld16(src);
    const te = c.wrap(tbl + sv * dsize);
    const dv = dsize === 1 ? c.ld8(te) : c.ld16(te);
    if (compare && dv === test) { c.cc = 1; return; }
    if (dsize === 1) c.st8(dst, dv); else c.st16(dst, dv);
    setAddr(c, r1, c.wrap(dst + dsize));
    lenSub(c, r1 + 1, ssize);
    setAddr(c, r2, c.wrap(src + ssize));
  }
  c.cc = lenZero(c, r1 + 1) ? 0 : 3;
}
