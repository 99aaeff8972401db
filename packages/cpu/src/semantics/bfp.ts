// Semantics of binary floating point and the FPC instructions
// (see packages/isa/src/rows/bfp.ts).
//
// Order inside every BFP handler follows the architecture's exception classes: operand
// fetch (access exceptions) and specification checks first; then the operation on the
// soft-float core; an unmasked invalid-operation or divide-by-zero condition suppresses
// the instruction (nothing written, CC unchanged); otherwise the result and CC are
// written, non-trapping conditions set FPC flags, and an unmasked overflow, underflow or
// inexact condition then interrupts with the instruction completed (the result for
// overflow/underflow being the architected scaled one).
//
// Register layout: FPR n is f[2n+1] (bits 0-31) and f[2n] (bits 32-63). A short operand
// is bits 0-31 only; the right half of the register is left alone. An extended operand
// lives in the pair n, n+2 (n in 0,1,4,5,8,9,12,13).
//
// Verification: semantics/bfp.test.ts replays softfloat/bfp-oracle.qemu.txt.gz (qemu-s390x
// 7.2 results of every row here but DIEBR/DIDBR, all rounding modes, masks and flags).
// Where qemu-s390x 7.2 departs from the Principles of Operation, ztab follows the PoP:
//  - unmasked overflow/underflow/inexact complete the instruction (result, CC) before the
//    interruption, the overflow/underflow result scaled by 2^-+alpha; qemu suppresses;
//  - the DXC tells incremented from truncated (0x0c/0x1c/0x2c); qemu never does;
//  - an unmasked underflow is recognised for an exact tiny result; qemu needs inexact;
//  - LOAD AND TEST signals invalid for an SNaN and delivers the QNaN; qemu copies;
//  - MULTIPLY AND ADD/SUBTRACT: 0 * infinity is invalid even with a QNaN addend; qemu
//    returns the QNaN (Hercules agrees with ztab);
//  - MDEBR/MDEB/MXDBR/MXDB read the first operand in the short (long) format; qemu reads
//    it long (extended);
//  - an invalid CONVERT TO FIXED traps with DXC 0x80; qemu adds the inexact bit;
//  - SET FPC AND SIGNAL uses bits 32-63 of R1; qemu aborts when bits 0-31 are not zero.
// DIEBR/DIDBR are missing from qemu-s390x: they are tested against an exact reference
// (bfp-divint.test.ts) and Hercules (bfp-hercules.test.ts).

import type { Insn } from '@ztab/isa';
import type { Cpu, Semantics } from '../cpu.ts';
import { PGM } from '../pgm.ts';
import * as sfns from '../softfloat/bfp.ts';
import * as nfns from '../softfloat/native.ts';

// Plain objects rather than module namespaces: a CommonJS transform (tsx) makes namespace
// members getters, a call each on the hot path.
const sf = { ...sfns };
const nf = { ...nfns };

const { SHORT, LONG, EXT, A, B, C, RES, IN, st } = sf;
type Fmt = sfns.Format;

// ------------------------------------------------------------------ operands

function checkExt(c: Cpu, r: number): void {
  if (r & 2) c.pgm(PGM.SPECIFICATION);
}

/** Unpack FPR r in format f into u. */
function ldReg(c: Cpu, f: Fmt, r: number, u: sfns.Unpacked): void {
  const fr = c.f;
  IN[0] = fr[2 * r + 1]!;
  if (f.words >= 2) IN[1] = fr[2 * r]!;
  if (f.words === 4) { IN[2] = fr[2 * r + 5]!; IN[3] = fr[2 * r + 4]!; }
  sf.unpack(f, IN, u);
}

/** Unpack the storage operand at a in format f (short or long) into u. */
function ldMem(c: Cpu, f: Fmt, a: number, u: sfns.Unpacked): void {
  if (f.words === 1) IN[0] = c.ld32(a);
  else { IN[1] = c.ld64(a); IN[0] = c.vh; }
  sf.unpack(f, IN, u);
}

/** FPR r (pair r, r+2 for extended) = RES in format f. */
function stReg(c: Cpu, f: Fmt, r: number): void {
  const fr = c.f;
  fr[2 * r + 1] = RES[0]!;
  if (f.words >= 2) fr[2 * r] = RES[1]!;
  if (f.words === 4) { fr[2 * r + 5] = RES[2]!; fr[2 * r + 4] = RES[3]!; }
}

/** Condition code of the packed result in RES: 0 zero, 1 negative, 2 positive, 3 NaN. */
function ccOf(f: Fmt): number {
  const w0 = RES[0]!;
  const mag = w0 & 0x7fffffff;
  const expAll = ((1 << f.eb) - 1) << (31 - f.eb);
  if ((mag & expAll) === expAll) {
    const frac = (mag & ~expAll) | (f.words >= 2 ? RES[1]! : 0) | (f.words === 4 ? RES[2]! | RES[3]! : 0);
    if (frac !== 0) return 3;
  } else if (mag === 0 && (f.words === 1 || (RES[1]! | (f.words === 4 ? RES[2]! | RES[3]! : 0)) === 0)) {
    return 0;
  }
  return w0 >>> 31 ? 1 : 2;
}

// ------------------------------------------------------------------ IEEE conditions

function begin(c: Cpu, noInexact = false): number {
  const fpc = c.fpc;
  sf.begin(fpc, noInexact);
  return fpc;
}

/** Unmasked invalid operation or division by zero: suppress with the DXC. */
function suppress(c: Cpu): void {
  const t = st.exc & st.mask & (sf.X_INVALID | sf.X_DIVIDE);
  if (t !== 0) c.dataException(t & sf.X_INVALID ? 0x80 : 0x40);
}

/** After the result is in place: set the flags, then take a completion-type trap. */
function complete(c: Cpu): void {
  const flags = st.exc & 0xf8;
  if (flags !== 0) c.fpc = (c.fpc | (flags << 16)) >>> 0;
  if (st.dxc !== 0) c.dataException(st.dxc);
}

/** Rounding method of an M3 field, or a specification exception for an invalid one. */
function m3rm(c: Cpu, m3: number): number {
  const rm = sf.m3Rounding(m3, c.fpc);
  if (rm < 0) c.pgm(PGM.SPECIFICATION);
  return rm;
}

// ------------------------------------------------------------------ handler factories

type Op2 = (c: Cpu, i: Insn, f: Fmt, rm: number) => void;

/** Two-operand arithmetic R1 = R1 op R2 (register form) or R1 op storage (RXE form). */
function arith(f: Fmt, mem: boolean, op: Op2, setCC: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    if (mem) ldMem(c, f, c.ea(i.x2, i.b2, i.d2), B);
    const fpc = begin(c);
    ldReg(c, f, i.r1, A);
    if (!mem) ldReg(c, f, i.r2, B);
    op(c, i, f, sf.fpcRounding(fpc));
    suppress(c);
    stReg(c, f, i.r1);
    if (setCC) c.cc = ccOf(f);
    complete(c);
  };
}

const opAdd: Op2 = (_c, _i, f, rm) => sf.add(f, A, B, false, rm);
const opSub: Op2 = (_c, _i, f, rm) => sf.add(f, A, B, true, rm);
const opMul: Op2 = (_c, _i, f, rm) => sf.mul(f, A, B, rm);
const opDiv: Op2 = (_c, _i, f, rm) => sf.div(f, A, B, rm);

/** MULTIPLY with a result longer than the operands (MDEBR, MXDBR): R1 = R1 * op2. */
function mulWide(to: Fmt, from: Fmt, mem: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (to === EXT) checkExt(c, i.r1);
    if (mem) ldMem(c, from, c.ea(i.x2, i.b2, i.d2), B);
    const fpc = begin(c);
    ldReg(c, from, i.r1, A);
    if (!mem) ldReg(c, from, i.r2, B);
    sf.mul(to, A, B, sf.fpcRounding(fpc), from);
    suppress(c);
    stReg(c, to, i.r1);
    complete(c);
  };
}

/** MULTIPLY AND ADD/SUBTRACT: R1 = R3 * op2 +/- R1. */
function fma(f: Fmt, mem: boolean, sub: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (mem) ldMem(c, f, c.ea(i.x2, i.b2, i.d2), B);
    const fpc = begin(c);
    ldReg(c, f, i.r3, A);
    if (!mem) ldReg(c, f, i.r2, B);
    ldReg(c, f, i.r1, C);
    // NaN order: second operand, third operand, first operand.
    sf.fma(f, B, A, C, sub, sf.fpcRounding(fpc));
    suppress(c);
    stReg(c, f, i.r1);
    complete(c);
  };
}

function sqrt(f: Fmt, mem: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    if (mem) ldMem(c, f, c.ea(i.x2, i.b2, i.d2), A);
    const fpc = begin(c);
    if (!mem) ldReg(c, f, i.r2, A);
    sf.sqrt(f, A, sf.fpcRounding(fpc));
    suppress(c);
    stReg(c, f, i.r1);
    complete(c);
  };
}

/** COMPARE (signaling only for SNaN) and COMPARE AND SIGNAL (any NaN). */
function compare(f: Fmt, mem: boolean, signaling: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    if (mem) ldMem(c, f, c.ea(i.x2, i.b2, i.d2), B);
    begin(c);
    ldReg(c, f, i.r1, A);
    if (!mem) ldReg(c, f, i.r2, B);
    const cc = sf.compare(A, B, signaling);
    suppress(c);
    c.cc = cc;
    complete(c);
  };
}

/** Copy of FPR r2 to r1 in format f (the raw words; no rounding). */
function copyReg(c: Cpu, f: Fmt, r1: number, r2: number): void {
  const fr = c.f;
  const h = fr[2 * r2 + 1]!, l = fr[2 * r2]!;
  if (f.words === 4) {
    const h2 = fr[2 * r2 + 5]!, l2 = fr[2 * r2 + 4]!;
    fr[2 * r1 + 5] = h2; fr[2 * r1 + 4] = l2;
  }
  fr[2 * r1 + 1] = h;
  if (f.words >= 2) fr[2 * r1] = l;
}

const SIGN_CLEAR = 1, SIGN_SET = 2, SIGN_FLIP = 3;

/** LOAD POSITIVE/NEGATIVE/COMPLEMENT (BFP): a sign operation, NaNs included, no exceptions. */
function signOp(f: Fmt, how: number): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    copyReg(c, f, i.r1, i.r2);
    const fr = c.f;
    const h = fr[2 * i.r1 + 1]!;
    fr[2 * i.r1 + 1] = (how === SIGN_CLEAR ? h & 0x7fffffff : how === SIGN_SET ? h | 0x80000000 : how === SIGN_FLIP ? h ^ 0x80000000 : h) >>> 0;
    RES[0] = fr[2 * i.r1 + 1]!; RES[1] = fr[2 * i.r1]!;
    if (f.words === 4) { RES[2] = fr[2 * i.r1 + 5]!; RES[3] = fr[2 * i.r1 + 4]!; }
    c.cc = ccOf(f);
  };
}

/** LOAD AND TEST (BFP): an SNaN is an invalid operation and is delivered quieted. */
function loadTest(f: Fmt): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    begin(c);
    ldReg(c, f, i.r2, A);
    if (A.cls === sf.C_SNAN) {
      sf.packNaN(f, f, A);
      suppress(c);
      stReg(c, f, i.r1);
      c.cc = 3;
      complete(c);
      return;
    }
    copyReg(c, f, i.r1, i.r2);
    RES[0] = c.f[2 * i.r1 + 1]!; RES[1] = c.f[2 * i.r1]!;
    if (f.words === 4) { RES[2] = c.f[2 * i.r1 + 5]!; RES[3] = c.f[2 * i.r1 + 4]!; }
    c.cc = ccOf(f);
  };
}

/** Lengthening loads (exact): LDEBR, LXDBR, LXEBR and their storage forms. */
function lengthen(to: Fmt, from: Fmt, mem: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (to === EXT) checkExt(c, i.r1);
    if (mem) ldMem(c, from, c.ea(i.x2, i.b2, i.d2), A);
    begin(c);
    if (!mem) ldReg(c, from, i.r2, A);
    sf.convert(to, from, A, sf.RM_NEAREST_EVEN);
    suppress(c);
    stReg(c, to, i.r1);
    complete(c);
  };
}

/** Rounding loads LEDBR(A), LDXBR(A), LEXBR(A): M3 rounding method, M4 bit 1 suppresses inexact. */
function shorten(to: Fmt, from: Fmt): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (from === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    const rm = m3rm(c, i.m3);
    begin(c, (i.m4 & 4) !== 0);
    ldReg(c, from, i.r2, A);
    sf.convert(to, from, A, rm);
    suppress(c);
    stReg(c, to, i.r1);
    complete(c);
  };
}

/** LOAD FP INTEGER (BFP). */
function fi(f: Fmt): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) { checkExt(c, i.r1); checkExt(c, i.r2); }
    const rm = m3rm(c, i.m3);
    begin(c, (i.m4 & 4) !== 0);
    ldReg(c, f, i.r2, A);
    sf.roundInt(f, A, rm);
    suppress(c);
    stReg(c, f, i.r1);
    complete(c);
  };
}

/** CONVERT FROM FIXED / FROM LOGICAL: GPR R2 (32 or 64 bits) to format f. */
function fromFixed(f: Fmt, bits: 32 | 64, signed: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) checkExt(c, i.r1);
    const rm = m3rm(c, i.m3);
    begin(c, (i.m4 & 4) !== 0);
    const lo = c.r[2 * i.r2]!;
    const hi = bits === 64 ? c.r[2 * i.r2 + 1]! : signed && (lo >>> 31) !== 0 ? 0xffffffff : 0;
    sf.fromFixed(f, hi, lo, signed, rm);
    stReg(c, f, i.r1);
    complete(c);
  };
}

/** CONVERT TO FIXED / TO LOGICAL: format f to GPR R1 (32 bits: bits 32-63 only). */
function toFixed(f: Fmt, bits: 32 | 64, signed: boolean): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) checkExt(c, i.r2);
    const rm = m3rm(c, i.m3);
    begin(c, (i.m4 & 4) !== 0);
    ldReg(c, f, i.r2, A);
    sf.toFixed(A, bits, signed, rm);
    suppress(c);
    c.r[2 * i.r1] = sf.FIX.lo;
    if (bits === 64) c.r[2 * i.r1 + 1] = sf.FIX.hi;
    c.cc = sf.FIX.cc;
    complete(c);
  };
}

/** TEST DATA CLASS: CC 1 when the operand's class is selected by bits 52-63 of the address. */
function tdc(f: Fmt): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (f === EXT) checkExt(c, i.r1);
    const a = c.ea(i.x2, i.b2, i.d2);
    ldReg(c, f, i.r1, A);
    c.cc = (a % 4096) & sf.dataClassBit(f, A) ? 1 : 0;
  };
}

/**
 * DIVIDE TO INTEGER: R1 (dividend) / R2 (divisor); the integer quotient rounded by the M4
 * method goes to R3, the remainder to R1. qemu-s390x has no DIEBR/DIDBR, so these follow
 * the Principles of Operation alone (see bfp-divint.test.ts).
 */
function divInt(f: Fmt): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    // The three registers must differ (as Hercules, the only other implementation at
    // hand, checks); M4 2 is invalid like any rounding-method field.
    if (i.r1 === i.r2 || i.r1 === i.r3 || i.r2 === i.r3) c.pgm(PGM.SPECIFICATION);
    const rm = m3rm(c, i.m4);
    const fpc = begin(c);
    ldReg(c, f, i.r1, A);
    ldReg(c, f, i.r2, B);
    const cc = sf.divideToInteger(f, A, B, rm, sf.fpcRounding(fpc));
    suppress(c);
    stReg(c, f, i.r1);
    const q = sf.QUO, fr = c.f;
    fr[2 * i.r3 + 1] = q[0]!;
    if (f.words >= 2) fr[2 * i.r3] = q[1]!;
    c.cc = cc;
    complete(c);
  };
}

// ------------------------------------------------------------------ native fast paths
//
// For finite operands and a result that is neither tiny nor overflowing, JavaScript's
// double arithmetic gives the round-to-nearest-even result and softfloat/native.ts tells
// whether it is exact and on which side the exact value lies, which yields the directed
// roundings too. Anything else, and an inexact result
// with the inexact trap enabled (whose DXC needs the rounding direction), goes to the
// soft-float handler. The oracle tests run through these handlers, so both paths are
// checked against qemu-s390x.

const S32 = new Float32Array(1);
const U32 = new Uint32Array(S32.buffer);
const D64 = new Float64Array(1);
const U64 = new Uint32Array(D64.buffer);

function getShort(c: Cpu, r: number): number {
  U32[0] = c.f[2 * r + 1]!;
  return S32[0]!;
}
function putShort(c: Cpu, r: number, v: number): void {
  S32[0] = v;
  c.f[2 * r + 1] = U32[0]!;
}
function shortOf(bits: number): number {
  U32[0] = bits;
  return S32[0]!;
}
function longAt(c: Cpu, a: number): number {
  const lo = c.ld64(a);
  U64[1] = c.vh; U64[0] = lo;
  return D64[0]!;
}

type Nat2 = (a: number, b: number) => boolean;
const subL: Nat2 = (a, b) => nf.addL(a, -b);
const subS: Nat2 = (a, b) => nf.addS(a, -b);

function fastArith(f: Fmt, mem: boolean, op: Nat2, setCC: boolean, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  const long = f === LONG;
  return (c, i) => {
    const fpc = c.fpc;
    const rm = fpc & 7;
    {
      const a = long ? c.fd[i.r1]! : getShort(c, i.r1);
      const b = mem ? (long ? longAt(c, c.ea(i.x2, i.b2, i.d2)) : shortOf(c.ld32(c.ea(i.x2, i.b2, i.d2))))
        : long ? c.fd[i.r2]! : getShort(c, i.r2);
      const r = op(a, b) && !(nf.nat.inexact && (fpc & 0x08000000) !== 0) ? (rm === 0 ? nf.nat.r : nf.directed(rm, long)) : NaN;
      if (r === r) {
        if (long) c.fd[i.r1] = r; else putShort(c, i.r1, r);
        if (nf.nat.inexact) c.fpc = (fpc | 0x00080000) >>> 0;
        if (setCC) c.cc = r === 0 ? 0 : r < 0 ? 1 : 2;
        return;
      }
    }
    slow(c, i);
  };
}

/** MULTIPLY AND ADD/SUBTRACT (long): R1 = R3 * op2 +- R1, rounded once. */
function fastFma(mem: boolean, sub: boolean, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const fpc = c.fpc;
    const rm = fpc & 7;
    {
      const b = mem ? longAt(c, c.ea(i.x2, i.b2, i.d2)) : c.fd[i.r2]!;
      const acc = c.fd[i.r1]!;
      const r = nf.fmaL(c.fd[i.r3]!, b, sub ? -acc : acc) && !(nf.nat.inexact && (fpc & 0x08000000) !== 0)
        ? (rm === 0 ? nf.nat.r : nf.directed(rm, true)) : NaN;
      if (r === r) {
        c.fd[i.r1] = r;
        if (nf.nat.inexact) c.fpc = (fpc | 0x00080000) >>> 0;
        return;
      }
    }
    slow(c, i);
  };
}

function fastSqrt(f: Fmt, mem: boolean, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  const long = f === LONG;
  return (c, i) => {
    const fpc = c.fpc;
    const rm = fpc & 7;
    {
      const a = mem ? (long ? longAt(c, c.ea(i.x2, i.b2, i.d2)) : shortOf(c.ld32(c.ea(i.x2, i.b2, i.d2))))
        : long ? c.fd[i.r2]! : getShort(c, i.r2);
      const ok = (long ? nf.sqrtL(a) : nf.sqrtS(a)) && !(nf.nat.inexact && (fpc & 0x08000000) !== 0);
      const r = ok ? (rm === 0 ? nf.nat.r : nf.directed(rm, long)) : NaN;
      if (r === r) {
        if (long) c.fd[i.r1] = r; else putShort(c, i.r1, r);
        if (nf.nat.inexact) c.fpc = (fpc | 0x00080000) >>> 0;
        return;
      }
    }
    slow(c, i);
  };
}

/** Compare without NaNs is a plain comparison and raises nothing (for either kind). */
function fastCompare(f: Fmt, mem: boolean, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  const long = f === LONG;
  return (c, i) => {
    const a = long ? c.fd[i.r1]! : getShort(c, i.r1);
    const b = mem ? (long ? longAt(c, c.ea(i.x2, i.b2, i.d2)) : shortOf(c.ld32(c.ea(i.x2, i.b2, i.d2))))
      : long ? c.fd[i.r2]! : getShort(c, i.r2);
    if (a === a && b === b) { c.cc = a === b ? 0 : a < b ? 1 : 2; return; }
    slow(c, i);
  };
}

/** LOAD LENGTHENED short to long is exact for every non-NaN. */
function fastLdeb(mem: boolean, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const a = mem ? shortOf(c.ld32(c.ea(i.x2, i.b2, i.d2))) : getShort(c, i.r2);
    if (a === a) { c.fd[i.r1] = a; return; }
    slow(c, i);
  };
}

/** LOAD ROUNDED long to short with the FPC's round-to-nearest-even (M3 = 0). */
function fastLedbr(slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const fpc = c.fpc;
    if (i.m3 === 0 && (fpc & 7) === 0 && nf.roundS(c.fd[i.r2]!)) {
      if (nf.nat.inexact) {
        if ((i.m4 & 4) === 0) {
          if (fpc & 0x08000000) { slow(c, i); return; }
          c.fpc = (fpc | 0x00080000) >>> 0;
        }
      }
      putShort(c, i.r1, nf.nat.r);
      return;
    }
    slow(c, i);
  };
}

/** CONVERT TO FIXED long to 32/64 bits with M3 = 5 (toward zero), C's (int)/(long) cast. */
function fastCfdbr(bits: 32 | 64, slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  const lim = bits === 32 ? 2147483648 : 9223372036854775808;
  return (c, i) => {
    const x = c.fd[i.r2]!;
    if (i.m3 === 5 && x > -lim - 1 && x < lim) {
      const n = Math.trunc(x);
      if (n >= -lim && n < lim) {
        if (n !== x && (i.m4 & 4) === 0) {
          const fpc = c.fpc;
          if (fpc & 0x08000000) { slow(c, i); return; }
          c.fpc = (fpc | 0x00080000) >>> 0;
        }
        if (bits === 32) c.r[2 * i.r1] = n >>> 0;
        else {
          const hi = Math.floor(n / 4294967296);
          c.r[2 * i.r1 + 1] = hi >>> 0;
          c.r[2 * i.r1] = n - hi * 4294967296;
        }
        c.cc = x === 0 ? 0 : x < 0 ? 1 : 2;
        return;
      }
    }
    slow(c, i);
  };
}

/** CONVERT FROM FIXED 32-bit to long is exact. */
function fastCdfbr(slow: (c: Cpu, i: Insn) => void): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    if (i.m3 === 0 || i.m3 === 4 || i.m3 >= 5 || i.m3 === 1) { c.fd[i.r1] = c.r[2 * i.r2]! | 0; return; }
    slow(c, i);
  };
}

// ------------------------------------------------------------------ FPC

const FPC_RESERVED = 0x03030088;

/** Whether an FPC value has reserved bits on or an invalid BFP rounding mode. */
function fpcInvalid(v: number): boolean {
  if (v & FPC_RESERVED) return true;
  const brm = v & 7;
  if (brm >= 4 && brm <= 6) return true;
  // The DFP rounding mode and the IEEE-quantum mask and flag are accepted and kept even
  // though ztab installs no DFP, as qemu-s390x does: they are assigned FPC bits and a
  // guest that saves and restores the FPC must get them back.
  return false;
}

function setFpc(c: Cpu, v: number): void {
  if (fpcInvalid(v)) c.pgm(PGM.SPECIFICATION);
  c.fpc = v >>> 0;
}

/**
 * SET FPC AND SIGNAL: the new value is installed with the old flags ORed in; old flags
 * whose mask is on in the new value become a simulated IEEE exception: the DXC of the
 * highest-priority one (overflow and underflow with inexact) with 3 in the low bits.
 */
function setFpcSignal(c: Cpu, v: number): void {
  if (fpcInvalid(v)) c.pgm(PGM.SPECIFICATION);
  const old = c.fpc;
  c.fpc = (v | (old & 0x00ff0000)) >>> 0;
  let x = ((old >>> 16) & (v >>> 24)) & 0xfc;
  if (x === 0) return;
  if (x & 0x80) x = 0x80;
  else if (x & 0x40) x = 0x40;
  else if (x & 0x20) x &= 0x28;
  else if (x & 0x10) x &= 0x18;
  else if (x & 0x08) x = 0x08;
  else x = 0x04;
  // A simulated IEEE exception carries 3 in the low DXC bits.
  c.dataException(x | 3);
}

// ------------------------------------------------------------------ the table

export const bfp: Semantics = {
  // ---- loads and stores
  le: (c, i) => { c.f[2 * i.r1 + 1] = c.ld32(c.ea(i.x2, i.b2, i.d2)); },
  ley: (c, i) => { c.f[2 * i.r1 + 1] = c.ld32(c.ea(i.x2, i.b2, i.d2)); },
  ld: (c, i) => { const lo = c.ld64(c.ea(i.x2, i.b2, i.d2)); c.f[2 * i.r1 + 1] = c.vh; c.f[2 * i.r1] = lo; },
  ldy: (c, i) => { const lo = c.ld64(c.ea(i.x2, i.b2, i.d2)); c.f[2 * i.r1 + 1] = c.vh; c.f[2 * i.r1] = lo; },
  ste: (c, i) => { c.st32(c.ea(i.x2, i.b2, i.d2), c.f[2 * i.r1 + 1]!); },
  stey: (c, i) => { c.st32(c.ea(i.x2, i.b2, i.d2), c.f[2 * i.r1 + 1]!); },
  std: (c, i) => { c.st64(c.ea(i.x2, i.b2, i.d2), c.f[2 * i.r1 + 1]!, c.f[2 * i.r1]!); },
  stdy: (c, i) => { c.st64(c.ea(i.x2, i.b2, i.d2), c.f[2 * i.r1 + 1]!, c.f[2 * i.r1]!); },
  ler: (c, i) => { c.f[2 * i.r1 + 1] = c.f[2 * i.r2 + 1]!; },
  ldr: (c, i) => { c.f[2 * i.r1 + 1] = c.f[2 * i.r2 + 1]!; c.f[2 * i.r1] = c.f[2 * i.r2]!; },
  lxr: (c, i) => { checkExt(c, i.r1); checkExt(c, i.r2); copyReg(c, EXT, i.r1, i.r2); },
  lzer: (c, i) => { c.f[2 * i.r1 + 1] = 0; },
  lzdr: (c, i) => { c.f[2 * i.r1 + 1] = 0; c.f[2 * i.r1] = 0; },
  lzxr: (c, i) => {
    checkExt(c, i.r1);
    const k = 2 * i.r1;
    c.f[k] = 0; c.f[k + 1] = 0; c.f[k + 4] = 0; c.f[k + 5] = 0;
  },
  lpdfr: (c, i) => { c.f[2 * i.r1 + 1] = c.f[2 * i.r2 + 1]! & 0x7fffffff; c.f[2 * i.r1] = c.f[2 * i.r2]!; },
  lndfr: (c, i) => { c.f[2 * i.r1 + 1] = (c.f[2 * i.r2 + 1]! | 0x80000000) >>> 0; c.f[2 * i.r1] = c.f[2 * i.r2]!; },
  lcdfr: (c, i) => { c.f[2 * i.r1 + 1] = (c.f[2 * i.r2 + 1]! ^ 0x80000000) >>> 0; c.f[2 * i.r1] = c.f[2 * i.r2]!; },
  cpsdr: (c, i) => {
    const h = ((c.f[2 * i.r2 + 1]! & 0x7fffffff) | (c.f[2 * i.r3 + 1]! & 0x80000000)) >>> 0;
    c.f[2 * i.r1] = c.f[2 * i.r2]!;
    c.f[2 * i.r1 + 1] = h;
  },
  lgdr: (c, i) => { c.r[2 * i.r1 + 1] = c.f[2 * i.r2 + 1]!; c.r[2 * i.r1] = c.f[2 * i.r2]!; },
  ldgr: (c, i) => { c.f[2 * i.r1 + 1] = c.r[2 * i.r2 + 1]!; c.f[2 * i.r1] = c.r[2 * i.r2]!; },

  // ---- FPC
  efpc: (c, i) => { c.r[2 * i.r1] = c.fpc; },
  sfpc: (c, i) => setFpc(c, c.r[2 * i.r1]!),
  sfasr: (c, i) => setFpcSignal(c, c.r[2 * i.r1]!),
  lfpc: (c, i) => setFpc(c, c.ld32(c.ea(0, i.b2, i.d2))),
  lfas: (c, i) => setFpcSignal(c, c.ld32(c.ea(0, i.b2, i.d2))),
  stfpc: (c, i) => c.st32(c.ea(0, i.b2, i.d2), c.fpc),
  // SRNM sets the two low bits of the 3-bit BFP rounding-mode field and clears the third.
  srnm: (c, i) => { c.fpc = ((c.fpc & ~7) | (c.ea(0, i.b2, i.d2) & 3)) >>> 0; },
  srnmb: (c, i) => {
    const m = c.ea(0, i.b2, i.d2) & 7;
    if (m >= 4 && m <= 6) c.pgm(PGM.SPECIFICATION);
    c.fpc = ((c.fpc & ~7) | m) >>> 0;
  },

  // ---- arithmetic
  aebr: fastArith(SHORT, false, nf.addS, true, arith(SHORT, false, opAdd, true)),
  aeb: fastArith(SHORT, true, nf.addS, true, arith(SHORT, true, opAdd, true)),
  adbr: fastArith(LONG, false, nf.addL, true, arith(LONG, false, opAdd, true)),
  adb: fastArith(LONG, true, nf.addL, true, arith(LONG, true, opAdd, true)),
  axbr: arith(EXT, false, opAdd, true),
  sebr: fastArith(SHORT, false, subS, true, arith(SHORT, false, opSub, true)),
  seb: fastArith(SHORT, true, subS, true, arith(SHORT, true, opSub, true)),
  sdbr: fastArith(LONG, false, subL, true, arith(LONG, false, opSub, true)),
  sdb: fastArith(LONG, true, subL, true, arith(LONG, true, opSub, true)),
  sxbr: arith(EXT, false, opSub, true),
  meebr: fastArith(SHORT, false, nf.mulS, false, arith(SHORT, false, opMul, false)),
  meeb: fastArith(SHORT, true, nf.mulS, false, arith(SHORT, true, opMul, false)),
  mdbr: fastArith(LONG, false, nf.mulL, false, arith(LONG, false, opMul, false)),
  mdb: fastArith(LONG, true, nf.mulL, false, arith(LONG, true, opMul, false)),
  mxbr: arith(EXT, false, opMul, false),
  mdebr: mulWide(LONG, SHORT, false),
  mdeb: mulWide(LONG, SHORT, true),
  mxdbr: mulWide(EXT, LONG, false),
  mxdb: mulWide(EXT, LONG, true),
  debr: fastArith(SHORT, false, nf.divS, false, arith(SHORT, false, opDiv, false)),
  deb: fastArith(SHORT, true, nf.divS, false, arith(SHORT, true, opDiv, false)),
  ddbr: fastArith(LONG, false, nf.divL, false, arith(LONG, false, opDiv, false)),
  ddb: fastArith(LONG, true, nf.divL, false, arith(LONG, true, opDiv, false)),
  dxbr: arith(EXT, false, opDiv, false),
  maebr: fma(SHORT, false, false),
  maeb: fma(SHORT, true, false),
  madbr: fastFma(false, false, fma(LONG, false, false)),
  madb: fastFma(true, false, fma(LONG, true, false)),
  msebr: fma(SHORT, false, true),
  mseb: fma(SHORT, true, true),
  msdbr: fastFma(false, true, fma(LONG, false, true)),
  msdb: fastFma(true, true, fma(LONG, true, true)),
  sqebr: fastSqrt(SHORT, false, sqrt(SHORT, false)),
  sqeb: fastSqrt(SHORT, true, sqrt(SHORT, true)),
  sqdbr: fastSqrt(LONG, false, sqrt(LONG, false)),
  sqdb: fastSqrt(LONG, true, sqrt(LONG, true)),
  sqxbr: sqrt(EXT, false),
  diebr: divInt(SHORT),
  didbr: divInt(LONG),

  // ---- comparison
  cebr: fastCompare(SHORT, false, compare(SHORT, false, false)),
  ceb: fastCompare(SHORT, true, compare(SHORT, true, false)),
  cdbr: fastCompare(LONG, false, compare(LONG, false, false)),
  cdb: fastCompare(LONG, true, compare(LONG, true, false)),
  cxbr: compare(EXT, false, false),
  kebr: fastCompare(SHORT, false, compare(SHORT, false, true)),
  keb: fastCompare(SHORT, true, compare(SHORT, true, true)),
  kdbr: fastCompare(LONG, false, compare(LONG, false, true)),
  kdb: fastCompare(LONG, true, compare(LONG, true, true)),
  kxbr: compare(EXT, false, true),
  tceb: tdc(SHORT),
  tcdb: tdc(LONG),
  tcxb: tdc(EXT),

  // ---- sign operations
  ltebr: loadTest(SHORT),
  ltdbr: loadTest(LONG),
  ltxbr: loadTest(EXT),
  lcebr: signOp(SHORT, SIGN_FLIP),
  lcdbr: signOp(LONG, SIGN_FLIP),
  lcxbr: signOp(EXT, SIGN_FLIP),
  lnebr: signOp(SHORT, SIGN_SET),
  lndbr: signOp(LONG, SIGN_SET),
  lnxbr: signOp(EXT, SIGN_SET),
  lpebr: signOp(SHORT, SIGN_CLEAR),
  lpdbr: signOp(LONG, SIGN_CLEAR),
  lpxbr: signOp(EXT, SIGN_CLEAR),

  // ---- conversions between formats
  ldebr: fastLdeb(false, lengthen(LONG, SHORT, false)),
  ldeb: fastLdeb(true, lengthen(LONG, SHORT, true)),
  lxdbr: lengthen(EXT, LONG, false),
  lxdb: lengthen(EXT, LONG, true),
  lxebr: lengthen(EXT, SHORT, false),
  lxeb: lengthen(EXT, SHORT, true),
  ledbr: fastLedbr(shorten(SHORT, LONG)),
  ldxbr: shorten(LONG, EXT),
  lexbr: shorten(SHORT, EXT),
  fiebr: fi(SHORT),
  fidbr: fi(LONG),
  fixbr: fi(EXT),

  // ---- conversions with fixed point
  cefbr: fromFixed(SHORT, 32, true),
  cdfbr: fastCdfbr(fromFixed(LONG, 32, true)),
  cxfbr: fromFixed(EXT, 32, true),
  cegbr: fromFixed(SHORT, 64, true),
  cdgbr: fromFixed(LONG, 64, true),
  cxgbr: fromFixed(EXT, 64, true),
  celfbr: fromFixed(SHORT, 32, false),
  cdlfbr: fromFixed(LONG, 32, false),
  cxlfbr: fromFixed(EXT, 32, false),
  celgbr: fromFixed(SHORT, 64, false),
  cdlgbr: fromFixed(LONG, 64, false),
  cxlgbr: fromFixed(EXT, 64, false),
  cfebr: toFixed(SHORT, 32, true),
  cfdbr: fastCfdbr(32, toFixed(LONG, 32, true)),
  cfxbr: toFixed(EXT, 32, true),
  cgebr: toFixed(SHORT, 64, true),
  cgdbr: fastCfdbr(64, toFixed(LONG, 64, true)),
  cgxbr: toFixed(EXT, 64, true),
  clfebr: toFixed(SHORT, 32, false),
  clfdbr: toFixed(LONG, 32, false),
  clfxbr: toFixed(EXT, 32, false),
  clgebr: toFixed(SHORT, 64, false),
  clgdbr: toFixed(LONG, 64, false),
  clgxbr: toFixed(EXT, 64, false),
};
