// Native wasm emitters, keyed by table mnemonic like the interpreter's semantics. A row
// without an emitter (or whose emitter returns null for particular operands) runs through
// the interpreter helper, so coverage grows one row at a time without ever being wrong
// for the rest.
//
// Semantics mirror packages/cpu/src/semantics (general.ts, control.ts) and the PoP; the
// random differential test (difftest.test.ts) runs every row here against them.

import type binaryen from 'binaryen';
import { TABLE, s16, s8, type Insn } from '@ztab/isa';
import type { Gen } from './codegen.ts';
import { OFF } from '@ztab/cpu';
import { F64, L_F0, SCR_PM, L_IA, L_V32, L_OA32, L_OA64, L_OB32, L_OB64, L_R32, L_R64, L_S32, L_S64, L_X32, L_X64, wrapNum } from './codegen.ts';

type X = number;

/**
 * What a branch row contributes: statements, then a taken condition (null: always, when
 * there is a target) and a static target or a dynamic one (then `pre` leaves it in L_IA
 * and `dyn` is non-null). target and dyn both null: the instruction never branches.
 */
export interface Term {
  pre: X[];
  cond: X | null;
  target: number | null;
  dyn: X | null;
}

export type Emitter = (g: Gen, i: Insn) => X[] | Term | null;

type Op = 'ld' | 'lt' | 'add' | 'sub' | 'addl' | 'subl' | 'and' | 'or' | 'xor' | 'cmp' | 'cmpl' | 'mul';
/**
 * Second-operand kinds: R register; RS32/RZ32 low word sign/zero-extended (64-bit ops);
 * RS16 RZ16 RS8 RZ8 low bits of the register extended; I16 I32 signed immediates, U32
 * unsigned; M<size><s|u> storage operand D2(X2,B2) of that size.
 */
type Src = 'R' | 'RS32' | 'RZ32' | 'RS16' | 'RZ16' | 'RS8' | 'RZ8' | 'I16' | 'I32' | 'U32'
  | 'M8s' | 'M8u' | 'M16s' | 'M16u' | 'M32s' | 'M32u' | 'M64';
/** Operand shape: 2 = R1 op= src; 'rrf' = R1 = R2 op R3; 'rie' = R1 = R3 op I2. */
type Shape = 2 | 'rrf' | 'rie';

function src(g: Gen, i: Insn, w: 32 | 64, s: Src, pre: X[], second: number): X {
  const m = g.m;
  const ext64 = (v32: X, signed: boolean): X => (signed ? m.i64.extend_s(v32) : m.i64.extend_u(v32));
  switch (s) {
    case 'R': return w === 32 ? g.L(second) : g.G(second);
    case 'RS32': return m.i64.extend_s(g.L(second));
    case 'RZ32': return m.i64.extend_u(g.L(second));
    case 'RS16': return w === 32 ? m.i32.extend16_s(g.L(second)) : ext64(m.i32.extend16_s(g.L(second)), true);
    case 'RZ16': return w === 32 ? m.i32.and(g.L(second), g.c32(0xffff)) : ext64(m.i32.and(g.L(second), g.c32(0xffff)), false);
    case 'RS8': return w === 32 ? m.i32.extend8_s(g.L(second)) : ext64(m.i32.extend8_s(g.L(second)), true);
    case 'RZ8': return w === 32 ? m.i32.and(g.L(second), g.c32(0xff)) : ext64(m.i32.and(g.L(second), g.c32(0xff)), false);
    case 'I16': return w === 32 ? g.c32(s16(i.i2)) : g.c64n(s16(i.i2));
    case 'I32': return w === 32 ? g.c32(i.i2 | 0) : g.c64n(i.i2 | 0);
    case 'U32': return w === 32 ? g.c32(i.i2) : g.c64(i.i2, 0);
    default: {
      const size = s === 'M64' ? 8 : s.startsWith('M32') ? 4 : s.startsWith('M16') ? 2 : 1;
      const signed = s.endsWith('s');
      pre.push(...g.load(g.ea(i.x2, i.b2, i.d2), size));
      if (size === 8) return g.get64(L_X64);
      let v = g.get32(L_X32);
      if (signed && size === 2) v = m.i32.extend16_s(v);
      if (signed && size === 1) v = m.i32.extend8_s(v);
      return w === 32 ? v : ext64(v, signed);
    }
  }
}

/** CC 0/1/2 for a signed result compared with zero. */
function ccSign(g: Gen, w: 32 | 64, r: X, r2: X): X {
  const m = g.m;
  if (w === 32) return m.select(m.i32.eqz(r), g.c32(0), m.select(m.i32.lt_s(r2, g.c32(0)), g.c32(1), g.c32(2)));
  return m.select(m.i64.eqz(r), g.c32(0), m.select(m.i64.lt_s(r2, g.c64(0, 0)), g.c32(1), g.c32(2)));
}

function arith(op: Op, w: 32 | 64, s: Src, shape: Shape = 2): Emitter {
  return (g, i) => {
    const m = g.m;
    const pre: X[] = [];
    const dst = i.r1;
    const first = shape === 2 ? i.r1 : shape === 'rrf' ? i.r2 : i.r3;
    const second = shape === 'rrf' ? i.r3 : i.r2;
    const b = src(g, i, w, s, pre, second);
    const W = w === 32 ? m.i32 : m.i64;
    const OA = w === 32 ? L_OA32 : L_OA64, OB = w === 32 ? L_OB32 : L_OB64, R = w === 32 ? L_R32 : L_R64;
    const get = (l: number): X => (w === 32 ? g.get32(l) : g.get64(l));
    const regA = (): X => (w === 32 ? g.L(first) : g.G(first));
    const put = (v: X): X => (w === 32 ? g.setL(dst, v) : g.setG(dst, v));
    const zero = (): X => (w === 32 ? g.c32(0) : g.c64(0, 0));
    const out = pre;
    switch (op) {
      case 'ld': out.push(put(b)); return out;
      case 'lt':
        out.push(g.set(R, b), put(get(R)), g.setCC(ccSign(g, w, get(R), get(R))));
        return out;
      case 'cmp': case 'cmpl': {
        out.push(g.set(OA, regA()), g.set(OB, b));
        const lt = op === 'cmp' ? W.lt_s(get(OA), get(OB)) : W.lt_u(get(OA), get(OB));
        const gt = op === 'cmp' ? W.gt_s(get(OA), get(OB)) : W.gt_u(get(OA), get(OB));
        out.push(g.setCC(m.select(lt, g.c32(1), m.select(gt, g.c32(2), g.c32(0)))));
        return out;
      }
      default: break;
    }
    out.push(g.set(OA, regA()), g.set(OB, b));
    switch (op) {
      case 'add': case 'sub': {
        out.push(g.set(R, op === 'add' ? W.add(get(OA), get(OB)) : W.sub(get(OA), get(OB))));
        out.push(put(get(R)));
        // Signed overflow: the operands agree in sign (add) or differ (sub) and the result's
        // sign differs from the first operand's.
        const ovf = (): X => op === 'add'
          ? W.lt_s(W.and(W.xor(get(OA), get(R)), W.xor(get(OB), get(R))), zero())
          : W.lt_s(W.and(W.xor(get(OA), get(OB)), W.xor(get(OA), get(R))), zero());
        out.push(g.set(L_S32, ovf()), g.setCC(m.select(g.get32(L_S32), g.c32(3), ccSign(g, w, get(R), get(R)))));
        out.push(g.overflowCheck(g.get32(L_S32)));
        return out;
      }
      case 'addl': case 'subl': {
        out.push(g.set(R, op === 'addl' ? W.add(get(OA), get(OB)) : W.sub(get(OA), get(OB))));
        out.push(put(get(R)));
        const nz = w === 32 ? m.i32.ne(get(R), g.c32(0)) : m.i64.ne(get(R), g.c64(0, 0));
        const c2 = op === 'addl' ? W.lt_u(get(R), get(OA)) : m.i32.eqz(W.lt_u(get(OA), get(OB)));
        out.push(g.setCC(m.i32.or(nz, m.i32.shl(c2, g.c32(1)))));
        return out;
      }
      case 'and': case 'or': case 'xor': {
        const f = op === 'and' ? W.and : op === 'or' ? W.or : W.xor;
        out.push(g.set(R, f(get(OA), get(OB))), put(get(R)));
        out.push(g.setCC(w === 32 ? m.i32.ne(get(R), g.c32(0)) : m.i64.ne(get(R), g.c64(0, 0))));
        return out;
      }
      case 'mul':
        out.push(put(W.mul(get(OA), get(OB))));
        return out;
      default: return null;
    }
  };
}

function store(size: 1 | 2 | 4 | 8): Emitter {
  return (g, i) => g.store(g.ea(i.x2, i.b2, i.d2), size === 8 ? g.G(i.r1) : g.L(i.r1), size);
}

/** LA-style: the address (or a constant one) into R1; below 64-bit mode only bits 32-63 change. */
function setAddr(g: Gen, r1: number, a: X): X {
  if (g.amode === 3) return g.setG(r1, a);
  return g.setL(r1, g.m.i32.wrap(a));
}

type ShiftOp = 'sll' | 'srl' | 'sra' | 'rll';
/** RS-a (R1 in place) or RSY-a (R1 from R3) shifts; the amount is bits 58-63 of D2(B2). */
function shift(op: ShiftOp, w: 32 | 64, fromR3: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const srcR = fromR3 ? i.r3 : i.r1;
    const amt = m.i32.and(m.i32.wrap(g.ea(0, i.b2, i.d2)), g.c32(63));
    const out: X[] = [g.set(L_OB32, amt)];
    const n = g.get32(L_OB32);
    if (w === 64) {
      const n64 = m.i64.extend_u(n);
      const v = g.G(srcR);
      const r = op === 'sll' ? m.i64.shl(v, n64) : op === 'srl' ? m.i64.shr_u(v, n64) : op === 'sra' ? m.i64.shr_s(v, n64) : m.i64.rotl(v, n64);
      out.push(g.set(L_R64, r), g.setG(i.r1, g.get64(L_R64)));
      if (op === 'sra') out.push(g.setCC(ccSign(g, 64, g.get64(L_R64), g.get64(L_R64))));
      return out;
    }
    const v = g.L(srcR);
    const big = m.i32.ge_u(n, g.c32(32));
    let r: X;
    if (op === 'sll') r = m.select(big, g.c32(0), m.i32.shl(v, n));
    else if (op === 'srl') r = m.select(big, g.c32(0), m.i32.shr_u(v, n));
    else if (op === 'sra') r = m.i32.shr_s(v, m.select(big, g.c32(31), g.get32(L_OB32)));
    else r = m.i32.rotl(v, n);
    out.push(g.set(L_R32, r), g.setL(i.r1, g.get32(L_R32)));
    if (op === 'sra') out.push(g.setCC(ccSign(g, 32, g.get32(L_R32), g.get32(L_R32))));
    return out;
  };
}

const rel = (g: Gen, ri: number): number => wrapNum(g.pc + ri * 2, g.amode);

function brc(g: Gen, mask: number, ri: number): Term {
  const mk = mask & 15;
  if (mk === 0) return { pre: [], cond: null, target: null, dyn: null };
  return { pre: [], cond: mk === 15 ? null : g.ccMatch(mk), target: rel(g, ri), dyn: null };
}

/** COMPARE AND BRANCH family: branch when the comparison result is selected by M3. */
function cmpBranch(w: 32 | 64, logical: boolean, imm: 'r' | 's8' | 'u8'): Emitter {
  return (g, i) => {
    const m = g.m;
    const W = w === 32 ? m.i32 : m.i64;
    const OA = w === 32 ? L_OA32 : L_OA64, OB = w === 32 ? L_OB32 : L_OB64;
    const get = (l: number): X => (w === 32 ? g.get32(l) : g.get64(l));
    const b = imm === 'r' ? (w === 32 ? g.L(i.r2) : g.G(i.r2))
      : imm === 's8' ? (w === 32 ? g.c32(s8(i.i2)) : g.c64n(s8(i.i2)))
        : (w === 32 ? g.c32(i.i2 & 0xff) : g.c64(i.i2 & 0xff, 0));
    const pre = [g.set(OA, w === 32 ? g.L(i.r1) : g.G(i.r1)), g.set(OB, b)];
    const mask = i.m3 & 15;
    const target = rel(g, i.ri4);
    if (mask === 0) return { pre, cond: null, target: null, dyn: null };
    if (mask >= 14) return { pre, cond: null, target, dyn: null };
    const parts: X[] = [];
    if (mask & 8) parts.push(W.eq(get(OA), get(OB)));
    if (mask & 4) parts.push(logical ? W.lt_u(get(OA), get(OB)) : W.lt_s(get(OA), get(OB)));
    if (mask & 2) parts.push(logical ? W.gt_u(get(OA), get(OB)) : W.gt_s(get(OA), get(OB)));
    let cond = parts[0] ?? g.c32(0);
    for (let k = 1; k < parts.length; k++) cond = m.i32.or(cond, parts[k]!);
    return { pre, cond, target, dyn: null };
  };
}

/** BAS-style link of the updated instruction address into R1. */
function link(g: Gen, r1: number): X {
  const next = g.nextPc();
  if (g.amode === 3) return g.setG(r1, g.c64n(next));
  return g.setL(r1, g.c32(g.amode === 1 ? (next | 0x80000000) : next & 0xffffff));
}

/** Mask of bit positions s..e (0 = most significant), wrapping when s > e, as [high, low] words. */
export function rangeMask64(s: number, e: number): [number, number] {
  let hi = 0, lo = 0;
  for (let b = 0; b < 64; b++) {
    if (s <= e ? b >= s && b <= e : b >= s || b <= e) {
      if (b < 32) hi |= 1 << (31 - b); else lo |= 1 << (63 - b);
    }
  }
  return [hi >>> 0, lo >>> 0];
}

/** ROTATE THEN INSERT SELECTED BITS (64-bit form; the high/low-word forms use the helper). */
const risbgEmit: Emitter = (g, i) => {
  const m = g.m;
  const [mh, ml] = rangeMask64(i.i3 & 63, i.i4 & 63);
  const zero = (i.i4 & 0x80) !== 0;
  const rot = m.i64.rotl(g.G(i.r2), g.c64(i.i5 & 63, 0));
  let v = m.i64.and(rot, g.c64(ml, mh));
  if (!zero) v = m.i64.or(v, m.i64.and(g.G(i.r1), g.c64(~ml, ~mh)));
  return [g.set(L_R64, v), g.setG(i.r1, g.get64(L_R64)), g.setCC(ccSign(g, 64, g.get64(L_R64), g.get64(L_R64)))];
};

/** RNSBG / ROSBG / RXSBG: the operation on the selected bits; CC from them; T bit tests only. */
function rsbgOp(op: 'and' | 'or' | 'xor'): Emitter {
  return (g, i) => {
    const m = g.m;
    const [mh, ml] = rangeMask64(i.i3 & 63, i.i4 & 63);
    const rot = m.i64.rotl(g.G(i.r2), g.c64(i.i5 & 63, 0));
    const f = op === 'and' ? m.i64.and : op === 'or' ? m.i64.or : m.i64.xor;
    const out: X[] = [
      g.set(L_OA64, g.G(i.r1)),
      g.set(L_R64, m.i64.and(f(g.get64(L_OA64), rot), g.c64(ml, mh))),
      g.setCC(m.i64.ne(g.get64(L_R64), g.c64(0, 0))),
    ];
    if ((i.i3 & 0x80) === 0) out.push(g.setG(i.r1, m.i64.or(m.i64.and(g.get64(L_OA64), g.c64(~ml, ~mh)), g.get64(L_R64))));
    return out;
  };
}

// ---------------------------------------------------------------------- carries and borrows

/** The carry the CC of a logical add holds (CC 2 or 3), as 0/1. */
const carryIn = (g: Gen): X => g.m.i32.and(g.m.i32.shr_u(g.cc(), g.c32(1)), g.c32(1));

/** CC of a logical add/subtract: bit 1 = carry (no borrow), bit 0 = result nonzero. */
const ccLogical = (g: Gen, carry: X, nz: X): X => g.m.i32.or(g.m.i32.shl(carry, g.c32(1)), nz);

/**
 * ADD LOGICAL WITH CARRY / SUBTRACT LOGICAL WITH BORROW, 64-bit: R1 op= src op carry. The
 * carry in is bit 1 of the CC (for subtract: CC 2/3 mean "no borrow").
 */
function carry64(sub: boolean, s: Src): Emitter {
  return (g, i) => {
    const m = g.m;
    const pre: X[] = [];
    const b = src(g, i, 64, s, pre, i.r2);
    const A = (): X => g.get64(L_OA64), B = (): X => g.get64(L_OB64), T = (): X => g.get64(L_S64), Rr = (): X => g.get64(L_R64);
    pre.push(g.set(L_OA64, g.G(i.r1)), g.set(L_OB64, b), g.set(L_S32, carryIn(g)));
    if (!sub) {
      pre.push(
        g.set(L_S64, m.i64.add(A(), B())),
        g.set(L_R64, m.i64.add(T(), m.i64.extend_u(g.get32(L_S32)))),
        g.setG(i.r1, Rr()),
        // Carry out of either addition (the second only when T was all ones and C was 1).
        g.setCC(ccLogical(g, m.i32.or(m.i64.lt_u(T(), A()), m.i64.lt_u(Rr(), T())), m.i64.ne(Rr(), g.c64(0, 0)))),
      );
    } else {
      // Borrow in = 1 - carry; no borrow out unless A < B or (T = 0 and a borrow came in).
      pre.push(
        g.set(L_S64, m.i64.sub(A(), B())),
        g.set(L_R64, m.i64.sub(T(), m.i64.extend_u(m.i32.xor(g.get32(L_S32), g.c32(1))))),
        g.setG(i.r1, Rr()),
        g.setCC(ccLogical(g,
          m.i32.eqz(m.i32.or(m.i64.lt_u(A(), B()), m.i32.and(m.i64.eqz(T()), m.i32.eqz(g.get32(L_S32))))),
          m.i64.ne(Rr(), g.c64(0, 0)))),
      );
    }
    return pre;
  };
}

/** The 32-bit forms, computed in 64 bits so the carry is bit 32. */
function carry32(sub: boolean, s: Src): Emitter {
  return (g, i) => {
    const m = g.m;
    const pre: X[] = [];
    const b = src(g, i, 32, s, pre, i.r2);
    const cin = m.i64.extend_u(sub ? m.i32.xor(carryIn(g), g.c32(1)) : carryIn(g));
    const a64 = m.i64.extend_u(g.L(i.r1)), b64 = m.i64.extend_u(b);
    pre.push(g.set(L_S64, sub ? m.i64.sub(m.i64.sub(a64, b64), cin) : m.i64.add(m.i64.add(a64, b64), cin)));
    pre.push(g.set(L_R32, m.i32.wrap(g.get64(L_S64))), g.setL(i.r1, g.get32(L_R32)));
    const carry = sub ? m.i64.ge_s(g.get64(L_S64), g.c64(0, 0)) : m.i32.wrap(m.i64.shr_u(g.get64(L_S64), g.c64(32, 0)));
    pre.push(g.setCC(ccLogical(g, carry, m.i32.ne(g.get32(L_R32), g.c32(0)))));
    return pre;
  };
}

// ---------------------------------------------------------------------- complement / positive / negative

type SignOp = 'lc' | 'lp' | 'ln';
/**
 * LOAD COMPLEMENT / POSITIVE / NEGATIVE. w: operand width; `gf` sign-extends the 32-bit
 * source to 64 bits (no overflow possible then). Overflow (the most negative number
 * complemented or made positive) stores the result, sets CC 3 and is completion-type.
 */
function signOp(op: SignOp, w: 32 | 64, gf = false): Emitter {
  return (g, i) => {
    const m = g.m;
    const W = w === 32 ? m.i32 : m.i64;
    const A = L_OA64, R = L_R64;
    const out: X[] = [];
    const get = (l: number): X => (w === 32 ? m.i32.wrap(g.get64(l)) : g.get64(l));
    // Work in i64 for both widths: a 32-bit operand sign-extended.
    out.push(g.set(A, w === 32 || gf ? m.i64.extend_s(g.L(i.r2)) : g.G(i.r2)));
    const a = (): X => g.get64(A);
    const neg = m.i64.sub(g.c64(0, 0), a());
    const isNeg = (): X => m.i64.lt_s(a(), g.c64(0, 0));
    const r = op === 'lc' ? neg : op === 'lp' ? m.select(isNeg(), neg, a()) : m.select(m.i64.gt_s(a(), g.c64(0, 0)), m.i64.sub(g.c64(0, 0), a()), a());
    out.push(g.set(R, r));
    out.push(w === 32 ? g.setL(i.r1, get(R)) : g.setG(i.r1, g.get64(R)));
    const z = (): X => (w === 32 ? m.i32.eqz(get(R)) : m.i64.eqz(g.get64(R)));
    // The most negative number of the width: its complement does not fit.
    const min = (): X => (w === 32 ? m.i32.eq(m.i32.wrap(a()), g.c32(0x80000000)) : m.i64.eq(a(), g.c64(0, 0x80000000)));
    const canOvf = op !== 'ln' && !gf;
    let cc: X;
    if (op === 'lc') cc = m.select(z(), g.c32(0), m.select(W.lt_s(get(R), w === 32 ? g.c32(0) : g.c64(0, 0)), g.c32(1), g.c32(2)));
    else if (op === 'lp') cc = m.select(z(), g.c32(0), g.c32(2));
    else cc = m.select(z(), g.c32(0), g.c32(1));
    if (canOvf) cc = m.select(min(), g.c32(3), cc);
    out.push(g.setCC(cc));
    if (canOvf) out.push(g.overflowCheck(min()));
    return out;
  };
}

// ---------------------------------------------------------------------- 16/32-bit immediate pieces

/** NIxx, OIxx, XIxx on one halfword (h: 0 = bits 48-63 ... 3 = bits 0-15) or word (f: 0 low, 1 high). */
function logicPart(op: 'and' | 'or' | 'xor', width: 16 | 32, part: number): Emitter {
  return (g, i) => {
    const m = g.m;
    const high = width === 32 ? part === 1 : part >= 2;
    const sh = width === 16 ? (part & 1) * 16 : 0;
    const word = (): X => (high ? g.H(i.r1) : g.L(i.r1));
    const imm = width === 16 ? (i.i2 & 0xffff) : i.i2 >>> 0;
    const f = op === 'and' ? m.i32.and : op === 'or' ? m.i32.or : m.i32.xor;
    // The whole word with the other half untouched: AND with ones outside the field.
    const operand = width === 32 ? imm : op === 'and' ? ((imm << sh) | ~(0xffff << sh)) : imm << sh;
    const out: X[] = [g.set(L_R32, f(word(), g.c32(operand)))];
    out.push(high ? g.setH(i.r1, g.get32(L_R32)) : g.setL(i.r1, g.get32(L_R32)));
    const field = width === 32 ? g.get32(L_R32) : m.i32.and(g.get32(L_R32), g.c32(0xffff << sh));
    out.push(g.setCC(m.i32.ne(field, g.c32(0))));
    return out;
  };
}

/** TEST UNDER MASK (TMLL...TMHH): the 16-bit field `part` of R1 against the immediate. */
function tmPart(part: number): Emitter {
  return (g, i) => {
    const m = g.m;
    const mask = i.i2 & 0xffff;
    if (mask === 0) return [g.setCC(g.c32(0))];
    const sh = (part & 1) * 16;
    const word = part >= 2 ? g.H(i.r1) : g.L(i.r1);
    const left = 0x80000000 >>> Math.clz32(mask);
    return [g.set(L_R32, m.i32.and(m.i32.shr_u(word, g.c32(sh)), g.c32(0xffff))), g.setCC(tmCC(g, L_R32, mask, left))];
  };
}

/** CC of TEST UNDER MASK of the value in local v: 0 all selected zero, 3 all one, else by the leftmost selected bit (16-bit forms) or 1. */
function tmCC(g: Gen, v: number, mask: number, left: number): X {
  const m = g.m;
  const sel = (): X => m.i32.and(g.get32(v), g.c32(mask));
  const mixed = left === 0 ? g.c32(1) : m.select(m.i32.and(g.get32(v), g.c32(left)), g.c32(2), g.c32(1));
  return m.select(m.i32.eqz(sel()), g.c32(0), m.select(m.i32.eq(sel(), g.c32(mask)), g.c32(3), mixed));
}

/** LLIHH ... LLILL, LLIHF: the immediate in one field, zeros elsewhere (64 bits). */
function loadLogicalImm(bitPos: number, full = false): Emitter {
  return (g, i) => {
    const v = (full ? i.i2 >>> 0 : i.i2 & 0xffff) * 2 ** bitPos;
    const hi = Math.floor(v / 4294967296), lo = v - hi * 4294967296;
    return [g.setG(i.r1, g.c64(lo, hi))];
  };
}

/** IIHH ... IILL: insert the immediate halfword, the rest of R1 unchanged; IIHF the high word. */
function insertImm(part: number, full = false): Emitter {
  return (g, i) => {
    const m = g.m;
    const high = full ? true : part >= 2;
    if (full) return [g.setH(i.r1, g.c32(i.i2))];
    const sh = (part & 1) * 16;
    const word = high ? g.H(i.r1) : g.L(i.r1);
    const v = m.i32.or(m.i32.and(word, g.c32(~(0xffff << sh))), g.c32((i.i2 & 0xffff) << sh));
    return [high ? g.setH(i.r1, v) : g.setL(i.r1, v)];
  };
}

// ---------------------------------------------------------------------- relative-long storage

/**
 * LGRL, LRL, STRL ...: the operand address is known at translation time; a misaligned one
 * (specification exception) or one beyond 2^53 stays with the interpreter.
 */
function relAddr(g: Gen, i: Insn, align: number): number | null {
  const a = rel(g, i.ri2);
  if (a >= 2 ** 53 || a % align !== 0) return null;
  return a;
}

function loadRel(size: 2 | 4 | 8, w: 32 | 64, signed: boolean, align: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const a = relAddr(g, i, align ? size : 1);
    if (a === null) return null;
    const out = g.load(g.c64n(a), size);
    if (size === 8) { out.push(g.setG(i.r1, g.get64(L_X64))); return out; }
    let v = g.get32(L_X32);
    if (signed && size === 2) v = m.i32.extend16_s(v);
    out.push(w === 32 ? g.setL(i.r1, v) : g.setG(i.r1, signed ? m.i64.extend_s(v) : m.i64.extend_u(v)));
    return out;
  };
}

function storeRel(size: 2 | 4 | 8): Emitter {
  return (g, i) => {
    const a = relAddr(g, i, size === 2 ? 1 : size);
    if (a === null) return null;
    return g.store(g.c64n(a), size === 8 ? g.G(i.r1) : g.L(i.r1), size);
  };
}

/** COMPARE (LOGICAL) RELATIVE LONG. */
function cmpRel(size: 2 | 4 | 8, w: 32 | 64, logical: boolean, signed16 = false): Emitter {
  return (g, i) => {
    const m = g.m;
    const a = relAddr(g, i, size === 2 ? 1 : size);
    if (a === null) return null;
    const out = g.load(g.c64n(a), size);
    let b: X;
    if (size === 8) b = g.get64(L_X64);
    else {
      let v = g.get32(L_X32);
      if (size === 2 && signed16) v = m.i32.extend16_s(v);
      b = w === 32 ? v : (logical ? m.i64.extend_u(v) : m.i64.extend_s(v));
    }
    out.push(...cmpInto(g, w, logical, w === 32 ? g.L(i.r1) : g.G(i.r1), b));
    return out;
  };
}

/** CC of comparing two expressions (first operand, second operand). */
function cmpInto(g: Gen, w: 32 | 64, logical: boolean, a: X, b: X): X[] {
  const m = g.m;
  const W = w === 32 ? m.i32 : m.i64;
  const OA = w === 32 ? L_OA32 : L_OA64, OB = w === 32 ? L_OB32 : L_OB64;
  const get = (l: number): X => (w === 32 ? g.get32(l) : g.get64(l));
  const lt = logical ? W.lt_u(get(OA), get(OB)) : W.lt_s(get(OA), get(OB));
  const gt = logical ? W.gt_u(get(OA), get(OB)) : W.gt_s(get(OA), get(OB));
  return [g.set(OA, a), g.set(OB, b), g.setCC(m.select(lt, g.c32(1), m.select(gt, g.c32(2), g.c32(0))))];
}

// ---------------------------------------------------------------------- storage-immediate

/** MVI, MVHHI, MVHI, MVGHI: an immediate (sign-extended for the halfword forms) stored. */
function moveImm(size: 1 | 2 | 4 | 8): Emitter {
  return (g, i) => {
    const a = g.ea(0, i.b1, i.d1);
    if (size === 1) return g.store(a, g.c32(i.i2 & 0xff), 1);
    if (size === 2) return g.store(a, g.c32(i.i2 & 0xffff), 2);
    if (size === 4) return g.store(a, g.c32(s16(i.i2)), 4);
    return g.store(a, g.c64n(s16(i.i2)), 8);
  };
}

/** CLI, CHSI, CLFHSI ...: a storage operand compared with an immediate. */
function cmpImm(size: 1 | 2 | 4 | 8, logical: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const out = g.load(g.ea(0, i.b1, i.d1), size);
    const w = size === 8 ? 64 : 32;
    let a: X, b: X;
    if (size === 8) {
      a = g.get64(L_X64);
      b = logical ? g.c64(i.i2 & 0xffff, 0) : g.c64n(s16(i.i2));
    } else if (size === 1) {
      a = g.get32(L_X32); b = g.c32(i.i2 & 0xff);
    } else if (size === 2) {
      a = logical ? g.get32(L_X32) : m.i32.extend16_s(g.get32(L_X32)); b = logical ? g.c32(i.i2 & 0xffff) : g.c32(s16(i.i2));
    } else {
      a = g.get32(L_X32); b = logical ? g.c32(i.i2 & 0xffff) : g.c32(s16(i.i2));
    }
    out.push(...cmpInto(g, w, logical, a, b));
    return out;
  };
}

/** TM, TMY: a storage byte under the immediate mask. */
const tmStorage: Emitter = (g, i) => {
  const mask = i.i2 & 0xff;
  const out = g.load(g.ea(0, i.b1, i.d1), 1);
  out.push(g.setCC(mask === 0 ? g.c32(0) : tmCC(g, L_X32, mask, 0)));
  return out;
};

/** NI/OI/XI (and the Y forms): one storage byte, in place. */
function logicByte(op: 'and' | 'or' | 'xor'): Emitter {
  return (g, i) => {
    const m = g.m;
    const f = op === 'and' ? m.i32.and : op === 'or' ? m.i32.or : m.i32.xor;
    return g.rmw(g.ea(0, i.b1, i.d1), 1, [
      g.set(L_R32, f(g.atP(1), g.c32(i.i2 & 0xff))),
      ...g.toP(1, g.get32(L_R32)),
      g.setCC(m.i32.ne(g.get32(L_R32), g.c32(0))),
    ]);
  };
}

/** ASI, AGSI (signed, overflow completion-type), ALSI, ALGSI: a signed byte added to storage. */
function addImmStorage(w: 32 | 64, logical: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const W = w === 32 ? m.i32 : m.i64;
    const size = w / 8;
    const imm = s8(i.i2);
    const OA = w === 32 ? L_OA32 : L_OA64, R = w === 32 ? L_R32 : L_R64;
    const get = (l: number): X => (w === 32 ? g.get32(l) : g.get64(l));
    const b = (): X => (w === 32 ? g.c32(imm) : g.c64n(imm));
    const zero = (): X => (w === 32 ? g.c32(0) : g.c64(0, 0));
    const body: X[] = [g.set(OA, g.atP(size)), g.set(R, W.add(get(OA), b())), ...g.toP(size, get(R))];
    if (logical) {
      // Adding a negative byte is adding its 64-bit two's complement: carry as for any add.
      const carry = W.lt_u(get(R), get(OA));
      body.push(g.setCC(ccLogical(g, carry, W.ne(get(R), zero()))));
    } else {
      const ovf = (): X => W.lt_s(W.and(W.xor(get(OA), get(R)), W.xor(b(), get(R))), zero());
      body.push(g.set(L_S32, ovf()), g.setCC(m.select(g.get32(L_S32), g.c32(3), ccSign(g, w, get(R), get(R)))), g.overflowCheck(g.get32(L_S32)));
    }
    return g.rmw(g.ea(0, i.b1, i.d1), size, body);
  };
}

/** INSERT CHARACTER (IC, ICY): bits 56-63 of R1 from storage. */
const insertChar: Emitter = (g, i) => {
  const out = g.load(g.ea(i.x2, i.b2, i.d2), 1);
  out.push(g.setB(i.r1, g.get32(L_X32)));
  return out;
};

/** ICM/ICMY/ICMH with a contiguous mask of the high or low bytes handled natively; other masks by the helper. */
function icmEmit(high: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const mask = i.m3 & 15;
    // Contiguous masks of one, two or four bytes; others (and mask 0) by the helper.
    if (mask === 0) return null;
    const bits = [8, 4, 2, 1].filter((b) => (mask & b) !== 0).length;
    const lowBit = 31 - Math.clz32(mask & -mask); // 0..3, byte 3 - lowBit
    const contiguous = ((mask >>> lowBit) + 1 & (mask >>> lowBit)) === 0;
    if (!contiguous || bits === 3) return null;
    const size = bits as 1 | 2 | 4;
    const out = g.load(g.ea(0, i.b2, i.d2), size);
    const sh = lowBit * 8;
    const fieldMask = (size === 4 ? 0xffffffff : ((1 << (8 * size)) - 1)) << sh;
    const word = high ? g.H(i.r1) : g.L(i.r1);
    const v = size === 4 ? g.get32(L_X32) : m.i32.or(m.i32.and(word, g.c32(~fieldMask)), m.i32.shl(g.get32(L_X32), g.c32(sh)));
    out.push(high ? g.setH(i.r1, v) : g.setL(i.r1, v));
    // CC: 0 all inserted bits zero, 1 leftmost inserted bit one, 2 otherwise.
    const top = 1 << (8 * size - 1);
    out.push(g.setCC(m.select(m.i32.eqz(g.get32(L_X32)), g.c32(0), m.select(m.i32.and(g.get32(L_X32), g.c32(top)), g.c32(1), g.c32(2)))));
    return out;
  };
}

/**
 * CLM/CLMY/CLMH: the bytes of R1's word (low, or high for CLMH) that M3 selects, left to
 * right, against as many consecutive bytes of storage. Comparing them byte by byte from
 * the left is comparing the packed big-endian values unsigned. Mask 0 still accesses one
 * byte (as the interpreter does, for its access exceptions) and sets CC 0.
 */
function clmEmit(high: boolean): Emitter {
  return (g, i) => {
    const m = g.m;
    const mask = i.m3 & 15;
    const a = (): X => g.ea(0, i.b2, i.d2);
    if (mask === 0) return [...g.load(a(), 1), g.setCC(g.c32(0))];
    const picks = [0, 1, 2, 3].filter((k) => (mask >>> (3 - k)) & 1);
    const n = picks.length;
    const out: X[] = [];
    // Storage: n bytes as a big-endian value in L_S32 (3 bytes: 2 then 1, in address order).
    if (n === 3) {
      out.push(...g.load(a(), 2), g.set(L_S32, g.get32(L_X32)));
      out.push(...g.load(g.wrapAddr(m.i64.add(a(), g.c64(2, 0))), 1));
      out.push(g.set(L_S32, m.i32.or(m.i32.shl(g.get32(L_S32), g.c32(8)), g.get32(L_X32))));
    } else {
      out.push(...g.load(a(), n), g.set(L_S32, g.get32(L_X32)));
    }
    // Register: the selected bytes packed the same way.
    const word = high ? g.H(i.r1) : g.L(i.r1);
    out.push(g.set(L_R32, word));
    let v: X | null = null;
    picks.forEach((k, j) => {
      const byte = m.i32.and(m.i32.shr_u(g.get32(L_R32), g.c32(24 - 8 * k)), g.c32(0xff));
      const placed = m.i32.shl(byte, g.c32(8 * (n - 1 - j)));
      v = v === null ? placed : m.i32.or(v, placed);
    });
    out.push(g.set(L_R32, v!));
    out.push(g.setCC(m.select(m.i32.eq(g.get32(L_R32), g.get32(L_S32)), g.c32(0),
      m.select(m.i32.lt_u(g.get32(L_R32), g.get32(L_S32)), g.c32(1), g.c32(2)))));
    return out;
  };
}

/** Byte-reverse the i32 in local l. */
function bswapLocal(g: Gen, l: number): X {
  const m = g.m;
  return m.i32.or(m.i32.rotl(m.i32.and(g.get32(l), g.c32(0xff00ff00)), g.c32(8)), m.i32.rotr(m.i32.and(g.get32(l), g.c32(0x00ff00ff)), g.c32(8)));
}

// ---------------------------------------------------------------------- divide, compare and swap

/**
 * DIVIDE LOGICAL (DLGR, DLG: 128 by 64 bits; DLR, DL: 64 by 32) natively when the
 * quotient surely fits (DLGR: high doubleword zero; DLR: high word below the divisor,
 * which also makes it nonzero) and the divisor is nonzero; the interpreter does the
 * rest, including the fixed-point-divide exceptions.
 */
function divLogical(w: 32 | 64, s: Src): Emitter {
  return (g, i) => {
    const m = g.m;
    if (i.r1 & 1) return null; // specification exception
    const out: X[] = [];
    const b = src(g, i, w, s, out, i.r2);
    const N = L_OA64, D = L_OB64;
    if (w === 64) {
      out.push(g.set(D, b), g.set(N, g.G(i.r1 + 1)));
      out.push(g.guarded(m.i32.and(m.i64.eqz(g.G(i.r1)), m.i64.ne(g.get64(D), g.c64(0, 0))), [
        g.setG(i.r1, m.i64.rem_u(g.get64(N), g.get64(D))),
        g.setG(i.r1 + 1, m.i64.div_u(g.get64(N), g.get64(D))),
      ]));
      return out;
    }
    out.push(g.set(D, m.i64.extend_u(b)),
      g.set(N, m.i64.or(m.i64.shl(m.i64.extend_u(g.L(i.r1)), g.c64(32, 0)), m.i64.extend_u(g.L(i.r1 + 1)))));
    out.push(g.guarded(m.i64.lt_u(m.i64.extend_u(g.L(i.r1)), g.get64(D)), [
      g.setL(i.r1, m.i32.wrap(m.i64.rem_u(g.get64(N), g.get64(D)))),
      g.setL(i.r1 + 1, m.i32.wrap(m.i64.div_u(g.get64(N), g.get64(D)))),
    ]));
    return out;
  };
}

/** DIVIDE SINGLE (DSGR, DSGFR, DSG, DSGF): R1+1 / divisor; zero and -2^63 / -1 by the interpreter. */
function divSingle(s: Src): Emitter {
  return (g, i) => {
    const m = g.m;
    if (i.r1 & 1) return null;
    const out: X[] = [];
    const b = src(g, i, 64, s, out, i.r2);
    const N = L_OA64, D = L_OB64;
    out.push(g.set(D, b), g.set(N, g.G(i.r1 + 1)));
    const bad = m.i32.or(m.i64.eqz(g.get64(D)),
      m.i32.and(m.i64.eq(g.get64(D), g.c64(0xffffffff, 0xffffffff)), m.i64.eq(g.get64(N), g.c64(0, 0x80000000))));
    out.push(g.guarded(m.i32.eqz(bad), [
      g.setG(i.r1, m.i64.rem_s(g.get64(N), g.get64(D))),
      g.setG(i.r1 + 1, m.i64.div_s(g.get64(N), g.get64(D))),
    ]));
    return out;
  };
}

/** COMPARE AND SWAP (CS, CSY, CSG): aligned operand with a write-TLB hit natively. */
function compareSwap(w: 32 | 64): Emitter {
  return (g, i) => {
    const m = g.m;
    const size = w / 8;
    const W = w === 32 ? m.i32 : m.i64;
    const V = w === 32 ? L_R32 : L_R64;
    const get = (): X => (w === 32 ? g.get32(V) : g.get64(V));
    const r1 = (): X => (w === 32 ? g.L(i.r1) : g.G(i.r1));
    return g.rmw(g.ea(0, i.b2, i.d2), size, [
      g.set(V, g.atP(size)),
      m.if(W.eq(get(), r1()),
        m.block(null, [...g.toP(size, w === 32 ? g.L(i.r3) : g.G(i.r3)), g.setCC(g.c32(0))]),
        m.block(null, [w === 32 ? g.setL(i.r1, get()) : g.setG(i.r1, get()), g.setCC(g.c32(1))])),
    ], size);
  };
}

/**
 * LOAD AND AND/OR/EXCLUSIVE OR (interlocked): R1 the old storage value, storage the old
 * value combined with R3, CC 0 for a zero result, 1 otherwise. Aligned and in one page with
 * a write-TLB hit natively (one guest CPU runs at a time, so the update is atomic); the
 * interpreter otherwise (specification exception, access exceptions).
 */
function loadAndLogic(w: 32 | 64, op: 'and' | 'or' | 'xor'): Emitter {
  return (g, i) => {
    const m = g.m;
    const size = w / 8;
    const W = w === 32 ? m.i32 : m.i64;
    const OLD = w === 32 ? L_OA32 : L_OA64, NEW = w === 32 ? L_R32 : L_R64;
    const get = (l: number): X => (w === 32 ? g.get32(l) : g.get64(l));
    const f = op === 'and' ? W.and : op === 'or' ? W.or : W.xor;
    const zero = (): X => (w === 32 ? g.c32(0) : g.c64(0, 0));
    return g.rmw(g.ea(0, i.b2, i.d2), size, [
      g.set(OLD, g.atP(size)),
      g.set(NEW, f(get(OLD), w === 32 ? g.L(i.r3) : g.G(i.r3))),
      ...g.toP(size, get(NEW)),
      w === 32 ? g.setL(i.r1, get(OLD)) : g.setG(i.r1, get(OLD)),
      g.setCC(W.ne(get(NEW), zero())),
    ], size);
  };
}

/** STORE ON CONDITION: the store (and its exceptions) only when the condition holds. */
function storeOnCond(size: 4 | 8): Emitter {
  return (g, i) => [g.m.if(g.ccMatch(i.m3), g.m.block(null, g.store(g.ea(0, i.b2, i.d2), size === 4 ? g.L(i.r1) : g.G(i.r1), size)))];
}

/** FIND LEFTMOST ONE: R1 the bit number (64 if none), R1+1 the operand with that bit off. */
const flogrEmit: Emitter = (g, i) => {
  const m = g.m;
  if (i.r1 & 1) return null; // specification exception
  const V = (): X => g.get64(L_OA64), N = (): X => g.get64(L_R64);
  return [
    g.set(L_OA64, g.G(i.r2)),
    g.set(L_R64, m.i64.clz(V())),
    g.setG(i.r1, N()),
    // The found bit is 2^63 >> N; for a zero operand N = 64 and R1+1 is zero anyway.
    g.setG(i.r1 + 1, m.i64.and(V(), m.i64.xor(m.i64.shr_u(g.c64(0, 0x80000000), N()), g.c64(0xffffffff, 0xffffffff)))),
    g.setCC(m.select(m.i64.eqz(V()), g.c32(0), g.c32(2))),
  ];
};

/** POPULATION COUNT: each byte's count of one bits, in place of that byte. */
const popcntEmit: Emitter = (g, i) => {
  const m = g.m;
  const v = (): X => g.get64(L_R64);
  const k = (x: number): X => g.c64(x, x);
  return [
    g.set(L_R64, g.G(i.r2)),
    g.set(L_R64, m.i64.sub(v(), m.i64.and(m.i64.shr_u(v(), g.c64(1, 0)), k(0x55555555)))),
    g.set(L_R64, m.i64.add(m.i64.and(v(), k(0x33333333)), m.i64.and(m.i64.shr_u(v(), g.c64(2, 0)), k(0x33333333)))),
    g.set(L_R64, m.i64.and(m.i64.add(v(), m.i64.shr_u(v(), g.c64(4, 0))), k(0x0f0f0f0f))),
    g.setG(i.r1, v()),
    g.setCC(m.i64.ne(v(), g.c64(0, 0))),
  ];
};

const base: Record<string, Emitter> = {
  clc: (g, i) => g.compareChars(g.ea(0, i.b1, i.d1), g.ea(0, i.b2, i.d2), i.l1 + 1),
  risbg: risbgEmit, rnsbg: rsbgOp('and'), rosbg: rsbgOp('or'), rxsbg: rsbgOp('xor'),
  // ------------------------------------------------------------ loads, register forms
  lr: arith('ld', 32, 'R'), lgr: arith('ld', 64, 'R'), lgfr: arith('ld', 64, 'RS32'), llgfr: arith('ld', 64, 'RZ32'),
  lhr: arith('ld', 32, 'RS16'), lghr: arith('ld', 64, 'RS16'), lbr: arith('ld', 32, 'RS8'), lgbr: arith('ld', 64, 'RS8'),
  llcr: arith('ld', 32, 'RZ8'), llgcr: arith('ld', 64, 'RZ8'), llhr: arith('ld', 32, 'RZ16'), llghr: arith('ld', 64, 'RZ16'),
  ltr: arith('lt', 32, 'R'), ltgr: arith('lt', 64, 'R'), ltgfr: arith('lt', 64, 'RS32'),
  // ------------------------------------------------------------ arithmetic, register forms
  ar: arith('add', 32, 'R'), agr: arith('add', 64, 'R'), agfr: arith('add', 64, 'RS32'),
  sr: arith('sub', 32, 'R'), sgr: arith('sub', 64, 'R'), sgfr: arith('sub', 64, 'RS32'),
  alr: arith('addl', 32, 'R'), algr: arith('addl', 64, 'R'), algfr: arith('addl', 64, 'RZ32'),
  slr: arith('subl', 32, 'R'), slgr: arith('subl', 64, 'R'), slgfr: arith('subl', 64, 'RZ32'),
  nr: arith('and', 32, 'R'), ngr: arith('and', 64, 'R'), or: arith('or', 32, 'R'), ogr: arith('or', 64, 'R'),
  xr: arith('xor', 32, 'R'), xgr: arith('xor', 64, 'R'),
  cr: arith('cmp', 32, 'R'), cgr: arith('cmp', 64, 'R'), cgfr: arith('cmp', 64, 'RS32'),
  clr: arith('cmpl', 32, 'R'), clgr: arith('cmpl', 64, 'R'), clgfr: arith('cmpl', 64, 'RZ32'),
  msr: arith('mul', 32, 'R'), msgr: arith('mul', 64, 'R'), msgfr: arith('mul', 64, 'RS32'),
  // distinct-operands facility
  ark: arith('add', 32, 'R', 'rrf'), agrk: arith('add', 64, 'R', 'rrf'), srk: arith('sub', 32, 'R', 'rrf'), sgrk: arith('sub', 64, 'R', 'rrf'),
  alrk: arith('addl', 32, 'R', 'rrf'), algrk: arith('addl', 64, 'R', 'rrf'), slrk: arith('subl', 32, 'R', 'rrf'), slgrk: arith('subl', 64, 'R', 'rrf'),
  nrk: arith('and', 32, 'R', 'rrf'), ngrk: arith('and', 64, 'R', 'rrf'), ork: arith('or', 32, 'R', 'rrf'), ogrk: arith('or', 64, 'R', 'rrf'),
  xrk: arith('xor', 32, 'R', 'rrf'), xgrk: arith('xor', 64, 'R', 'rrf'),
  ahik: arith('add', 32, 'I16', 'rie'), aghik: arith('add', 64, 'I16', 'rie'),
  // ------------------------------------------------------------ immediates
  lhi: arith('ld', 32, 'I16'), lghi: arith('ld', 64, 'I16'), lgfi: arith('ld', 64, 'I32'), llilf: arith('ld', 64, 'U32'), iilf: arith('ld', 32, 'U32'),
  ahi: arith('add', 32, 'I16'), aghi: arith('add', 64, 'I16'), afi: arith('add', 32, 'I32'), agfi: arith('add', 64, 'I32'),
  alfi: arith('addl', 32, 'U32'), algfi: arith('addl', 64, 'U32'), slfi: arith('subl', 32, 'U32'), slgfi: arith('subl', 64, 'U32'),
  chi: arith('cmp', 32, 'I16'), cghi: arith('cmp', 64, 'I16'), cfi: arith('cmp', 32, 'I32'), cgfi: arith('cmp', 64, 'I32'),
  clfi: arith('cmpl', 32, 'U32'), clgfi: arith('cmpl', 64, 'U32'),
  mhi: arith('mul', 32, 'I16'), mghi: arith('mul', 64, 'I16'), msfi: arith('mul', 32, 'I32'), msgfi: arith('mul', 64, 'I32'),
  nilf: arith('and', 32, 'U32'), oilf: arith('or', 32, 'U32'), xilf: arith('xor', 32, 'U32'),
  // ------------------------------------------------------------ storage operands
  l: arith('ld', 32, 'M32u'), ly: arith('ld', 32, 'M32u'), lg: arith('ld', 64, 'M64'),
  lgf: arith('ld', 64, 'M32s'), llgf: arith('ld', 64, 'M32u'),
  lh: arith('ld', 32, 'M16s'), lhy: arith('ld', 32, 'M16s'), lgh: arith('ld', 64, 'M16s'),
  llh: arith('ld', 32, 'M16u'), llgh: arith('ld', 64, 'M16u'),
  lb: arith('ld', 32, 'M8s'), lgb: arith('ld', 64, 'M8s'), llc: arith('ld', 32, 'M8u'), llgc: arith('ld', 64, 'M8u'),
  lt: arith('lt', 32, 'M32u'), ltg: arith('lt', 64, 'M64'), ltgf: arith('lt', 64, 'M32s'),
  a: arith('add', 32, 'M32u'), ay: arith('add', 32, 'M32u'), ag: arith('add', 64, 'M64'), agf: arith('add', 64, 'M32s'),
  ah: arith('add', 32, 'M16s'), ahy: arith('add', 32, 'M16s'),
  s: arith('sub', 32, 'M32u'), sy: arith('sub', 32, 'M32u'), sg: arith('sub', 64, 'M64'), sgf: arith('sub', 64, 'M32s'),
  sh: arith('sub', 32, 'M16s'), shy: arith('sub', 32, 'M16s'),
  al: arith('addl', 32, 'M32u'), aly: arith('addl', 32, 'M32u'), alg: arith('addl', 64, 'M64'), algf: arith('addl', 64, 'M32u'),
  sl: arith('subl', 32, 'M32u'), sly: arith('subl', 32, 'M32u'), slg: arith('subl', 64, 'M64'), slgf: arith('subl', 64, 'M32u'),
  n: arith('and', 32, 'M32u'), ny: arith('and', 32, 'M32u'), ng: arith('and', 64, 'M64'),
  o: arith('or', 32, 'M32u'), oy: arith('or', 32, 'M32u'), og: arith('or', 64, 'M64'),
  x: arith('xor', 32, 'M32u'), xy: arith('xor', 32, 'M32u'), xg: arith('xor', 64, 'M64'),
  c: arith('cmp', 32, 'M32u'), cy: arith('cmp', 32, 'M32u'), cg: arith('cmp', 64, 'M64'), cgf: arith('cmp', 64, 'M32s'),
  ch: arith('cmp', 32, 'M16s'), chy: arith('cmp', 32, 'M16s'), cgh: arith('cmp', 64, 'M16s'),
  cl: arith('cmpl', 32, 'M32u'), cly: arith('cmpl', 32, 'M32u'), clg: arith('cmpl', 64, 'M64'), clgf: arith('cmpl', 64, 'M32u'),
  ms: arith('mul', 32, 'M32u'), msy: arith('mul', 32, 'M32u'), msg: arith('mul', 64, 'M64'), msgf: arith('mul', 64, 'M32s'),
  st: store(4), sty: store(4), stg: store(8), sth: store(2), sthy: store(2), stc: store(1), stcy: store(1),
  stmg: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 8, true),
  lmg: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 8, false),
  stm: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 4, true),
  stmy: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 4, true),
  lm: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 4, false),
  lmy: (g, i) => g.multiple(g.ea(0, i.b2, i.d2), i.r1, i.r3, 4, false),
  // ------------------------------------------------------------ FPR moves (no BFP arithmetic)
  ldr: (g, i) => [g.setFP(i.r1, g.FP(i.r2))],
  lzdr: (g, i) => [g.setFP(i.r1, g.c64(0, 0))],
  lgdr: (g, i) => [g.setG(i.r1, g.FP(i.r2))],
  ldgr: (g, i) => [g.setFP(i.r1, g.G(i.r2))],
  ld: (g, i) => [...g.load(g.ea(i.x2, i.b2, i.d2), 8), g.setFP(i.r1, g.get64(L_X64))],
  ldy: (g, i) => [...g.load(g.ea(i.x2, i.b2, i.d2), 8), g.setFP(i.r1, g.get64(L_X64))],
  std: (g, i) => g.store(g.ea(i.x2, i.b2, i.d2), g.FP(i.r1), 8),
  stdy: (g, i) => g.store(g.ea(i.x2, i.b2, i.d2), g.FP(i.r1), 8),
  la: (g, i) => [setAddr(g, i.r1, g.ea(i.x2, i.b2, i.d2))],
  lay: (g, i) => [setAddr(g, i.r1, g.ea(i.x2, i.b2, i.d2))],
  larl: (g, i) => [setAddr(g, i.r1, g.c64n(rel(g, i.ri2)))],
  // ------------------------------------------------------------ shifts
  sll: shift('sll', 32, false), srl: shift('srl', 32, false), sra: shift('sra', 32, false),
  sllk: shift('sll', 32, true), srlk: shift('srl', 32, true), srak: shift('sra', 32, true), rll: shift('rll', 32, true),
  sllg: shift('sll', 64, true), srlg: shift('srl', 64, true), srag: shift('sra', 64, true), rllg: shift('rll', 64, true),
  // ------------------------------------------------------------ load on condition
  locr: (g, i) => [g.m.if(g.ccMatch(i.m3), g.setL(i.r1, g.L(i.r2)))],
  // LOAD ON CONDITION from storage: the operand is fetched (and may fault) whatever the
  // condition, as the interpreter does.
  loc: (g, i) => [...g.load(g.ea(0, i.b2, i.d2), 4), g.m.if(g.ccMatch(i.m3), g.setL(i.r1, g.get32(L_X32)))],
  locg: (g, i) => [...g.load(g.ea(0, i.b2, i.d2), 8), g.m.if(g.ccMatch(i.m3), g.setG(i.r1, g.get64(L_X64)))],
  lan: loadAndLogic(32, 'and'), lao: loadAndLogic(32, 'or'), lax: loadAndLogic(32, 'xor'),
  lang: loadAndLogic(64, 'and'), laog: loadAndLogic(64, 'or'), laxg: loadAndLogic(64, 'xor'),
  stoc: storeOnCond(4), stocg: storeOnCond(8),
  clst: (g, i) => g.compareString(i.r1, i.r2),
  // EXECUTE RELATIVE LONG of an MVC in the same page (glibc's memcpy tail: the length
  // from a register); any other target runs through the helper.
  exrl: (g, i) => {
    const t = g.exTarget;
    if (t === null || t.row < 0 || t.row !== MVC_ROW) return null;
    const m = g.m;
    const len = i.r1 === 0 ? g.c32(t.l1) : m.i32.or(g.c32(t.l1), m.i32.and(g.L(i.r1), g.c32(0xff)));
    return [g.set(L_V32, m.i32.add(len, g.c32(1))), ...g.moveDyn(g.ea(0, t.b1, t.d1), g.ea(0, t.b2, t.d2))];
  },
  // EXTRACT ACCESS: glibc reads its thread pointer with it.
  ear: (g, i) => [g.setL(i.r1, g.m.i32.load(g.base + OFF.AR + 4 * i.r2, 4, g.c32(0)))],
  // INSERT PROGRAM MASK: CC and program mask into bits 34-39, bits 32-33 zero.
  ipm: (g, i) => [g.setL(i.r1, g.m.i32.or(g.m.i32.and(g.L(i.r1), g.c32(0x00ffffff)),
    g.m.i32.or(g.m.i32.shl(g.cc(), g.c32(28)), g.m.i32.shl(g.m.i32.load(g.scr + SCR_PM, 4, g.c32(0)), g.c32(24)))))],
  locgr: (g, i) => [g.m.if(g.ccMatch(i.m3), g.setG(i.r1, g.G(i.r2)))],
  // ------------------------------------------------------------ branches
  brc: (g, i) => brc(g, i.m1, i.ri2),
  brcl: (g, i) => brc(g, i.m1, i.ri2),
  bcr: (g, i) => {
    const mk = i.r1 & 15;
    if (i.r2 === 0 || mk === 0) return { pre: [], cond: null, target: null, dyn: null };
    return { pre: [g.set(L_IA, g.regAddr(i.r2))], cond: mk === 15 ? null : g.ccMatch(mk), target: null, dyn: g.get64(L_IA) };
  },
  bc: (g, i) => {
    const mk = i.m1 & 15;
    if (mk === 0) return { pre: [], cond: null, target: null, dyn: null };
    return { pre: [g.set(L_IA, g.ea(i.x2, i.b2, i.d2))], cond: mk === 15 ? null : g.ccMatch(mk), target: null, dyn: g.get64(L_IA) };
  },
  brct: (g, i) => ({
    pre: [g.setL(i.r1, g.m.i32.sub(g.L(i.r1), g.c32(1)))],
    cond: g.m.i32.ne(g.L(i.r1), g.c32(0)), target: rel(g, i.ri2), dyn: null,
  }),
  brctg: (g, i) => ({
    pre: [g.setG(i.r1, g.m.i64.sub(g.G(i.r1), g.c64(1, 0)))],
    cond: g.m.i64.ne(g.G(i.r1), g.c64(0, 0)), target: rel(g, i.ri2), dyn: null,
  }),
  crj: cmpBranch(32, false, 'r'), cgrj: cmpBranch(64, false, 'r'), clrj: cmpBranch(32, true, 'r'), clgrj: cmpBranch(64, true, 'r'),
  cij: cmpBranch(32, false, 's8'), cgij: cmpBranch(64, false, 's8'), clij: cmpBranch(32, true, 'u8'), clgij: cmpBranch(64, true, 'u8'),
  basr: (g, i) => {
    if (g.amode === 0) return null; // 24-bit linkage carries ILC/CC/PM bits for BAL only, but keep it simple
    if (i.r2 === 0) return { pre: [link(g, i.r1)], cond: null, target: null, dyn: null };
    return { pre: [g.set(L_IA, g.regAddr(i.r2)), link(g, i.r1)], cond: null, target: null, dyn: g.get64(L_IA) };
  },
  bras: (g, i) => ({ pre: [link(g, i.r1)], cond: null, target: rel(g, i.ri2), dyn: null }),
  // ------------------------------------------------------------ carries (multi-precision arithmetic)
  alcgr: carry64(false, 'R'), slbgr: carry64(true, 'R'), alcg: carry64(false, 'M64'), slbg: carry64(true, 'M64'),
  alcr: carry32(false, 'R'), slbr: carry32(true, 'R'), alc: carry32(false, 'M32u'), slb: carry32(true, 'M32u'),
  // ------------------------------------------------------------ complement, positive, negative
  lcr: signOp('lc', 32), lcgr: signOp('lc', 64), lcgfr: signOp('lc', 64, true),
  lpr: signOp('lp', 32), lpgr: signOp('lp', 64), lpgfr: signOp('lp', 64, true),
  lnr: signOp('ln', 32), lngr: signOp('ln', 64), lngfr: signOp('ln', 64, true),
  // ------------------------------------------------------------ immediate halfwords and words
  nihf: logicPart('and', 32, 1), oihf: logicPart('or', 32, 1), xihf: logicPart('xor', 32, 1),
  nihh: logicPart('and', 16, 3), nihl: logicPart('and', 16, 2), nilh: logicPart('and', 16, 1), nill: logicPart('and', 16, 0),
  oihh: logicPart('or', 16, 3), oihl: logicPart('or', 16, 2), oilh: logicPart('or', 16, 1), oill: logicPart('or', 16, 0),
  tmhh: tmPart(3), tmhl: tmPart(2), tmlh: tmPart(1), tmll: tmPart(0),
  llihh: loadLogicalImm(48), llihl: loadLogicalImm(32), llilh: loadLogicalImm(16), llill: loadLogicalImm(0), llihf: loadLogicalImm(32, true),
  iihh: insertImm(3), iihl: insertImm(2), iilh: insertImm(1), iill: insertImm(0), iihf: insertImm(0, true),
  // ------------------------------------------------------------ relative long
  lgrl: loadRel(8, 64, false, true), lrl: loadRel(4, 32, false, true), lgfrl: loadRel(4, 64, true, true), llgfrl: loadRel(4, 64, false, true),
  lhrl: loadRel(2, 32, true, false), lghrl: loadRel(2, 64, true, false), llhrl: loadRel(2, 32, false, false), llghrl: loadRel(2, 64, false, false),
  strl: storeRel(4), stgrl: storeRel(8), sthrl: storeRel(2),
  crl: cmpRel(4, 32, false), cgrl: cmpRel(8, 64, false), cgfrl: cmpRel(4, 64, false), clrl: cmpRel(4, 32, true),
  clgrl: cmpRel(8, 64, true), clgfrl: cmpRel(4, 64, true), chrl: cmpRel(2, 32, false, true), cghrl: cmpRel(2, 64, false, true),
  clhrl: cmpRel(2, 32, true), clghrl: cmpRel(2, 64, true),
  // ------------------------------------------------------------ storage immediate
  mvi: moveImm(1), mviy: moveImm(1), mvhhi: moveImm(2), mvhi: moveImm(4), mvghi: moveImm(8),
  cli: cmpImm(1, true), cliy: cmpImm(1, true), chhsi: cmpImm(2, false), clhhsi: cmpImm(2, true),
  chsi: cmpImm(4, false), clfhsi: cmpImm(4, true), cghsi: cmpImm(8, false), clghsi: cmpImm(8, true),
  tm: tmStorage, tmy: tmStorage,
  ni: logicByte('and'), niy: logicByte('and'), oi: logicByte('or'), oiy: logicByte('or'), xi: logicByte('xor'), xiy: logicByte('xor'),
  asi: addImmStorage(32, false), agsi: addImmStorage(64, false), alsi: addImmStorage(32, true), algsi: addImmStorage(64, true),
  // ------------------------------------------------------------ characters
  ic: insertChar, icy: insertChar, icm: icmEmit(false), icmy: icmEmit(false), icmh: icmEmit(true),
  clm: clmEmit(false), clmy: clmEmit(false), clmh: clmEmit(true),
  mvc: (g, i) => g.chars('mvc', g.ea(0, i.b1, i.d1), g.ea(0, i.b2, i.d2), i.l1 + 1),
  xc: (g, i) => g.chars('xc', g.ea(0, i.b1, i.d1), i.b1 === i.b2 && i.d1 === i.d2 ? null : g.ea(0, i.b2, i.d2), i.l1 + 1),
  nc: (g, i) => g.chars('nc', g.ea(0, i.b1, i.d1), g.ea(0, i.b2, i.d2), i.l1 + 1),
  oc: (g, i) => g.chars('oc', g.ea(0, i.b1, i.d1), g.ea(0, i.b2, i.d2), i.l1 + 1),
  // ------------------------------------------------------------ byte reversal
  lrvr: (g, i) => [g.set(L_S32, g.L(i.r2)), g.setL(i.r1, bswapLocal(g, L_S32))],
  lrvgr: (g, i) => [
    g.set(L_S64, g.G(i.r2)),
    g.set(L_S32, g.m.i32.wrap(g.get64(L_S64))), g.set(L_R32, bswapLocal(g, L_S32)),
    g.set(L_S32, g.m.i32.wrap(g.m.i64.shr_u(g.get64(L_S64), g.c64(32, 0)))), g.set(L_OA32, bswapLocal(g, L_S32)),
    g.setL(i.r1, g.get32(L_OA32)), g.setH(i.r1, g.get32(L_R32)),
  ],
  lrv: (g, i) => [...g.load(g.ea(i.x2, i.b2, i.d2), 4), g.set(L_S32, g.get32(L_X32)), g.setL(i.r1, bswapLocal(g, L_S32))],
  lrvg: (g, i) => [
    ...g.load(g.ea(i.x2, i.b2, i.d2), 8),
    g.set(L_S32, g.m.i32.wrap(g.get64(L_X64))), g.set(L_R32, bswapLocal(g, L_S32)),
    g.set(L_S32, g.m.i32.wrap(g.m.i64.shr_u(g.get64(L_X64), g.c64(32, 0)))), g.set(L_OA32, bswapLocal(g, L_S32)),
    g.setL(i.r1, g.get32(L_OA32)), g.setH(i.r1, g.get32(L_R32)),
  ],
  pfd: () => [], pfdrl: () => [], flogr: flogrEmit, popcnt: popcntEmit,
  dlgr: divLogical(64, 'R'), dlg: divLogical(64, 'M64'), dlr: divLogical(32, 'R'), dl: divLogical(32, 'M32u'),
  dsgr: divSingle('R'), dsgfr: divSingle('RS32'), dsg: divSingle('M64'), dsgf: divSingle('M32s'),
  cs: compareSwap(32), csy: compareSwap(32), csg: compareSwap(64),
  strv: (g, i) => [g.set(L_S32, g.L(i.r1)), ...g.store(g.ea(i.x2, i.b2, i.d2), bswapLocal(g, L_S32), 4)],
  brasl: (g, i) => ({ pre: [link(g, i.r1)], cond: null, target: rel(g, i.ri2), dyn: null }),
};

// ------------------------------------------------------------ BFP long, common cases
//
// The interpreter's fast paths (softfloat/native.ts) in wasm: round to nearest even with
// the inexact trap off, finite operands, a result clear of the subnormal range and of
// overflow. wasm's f64 arithmetic is IEEE binary64 with that rounding; the error-free
// transforms (TwoSum, Dekker's product) say whether the result is exact, for the FPC's
// inexact flag. Anything else (NaNs, zeros, directed rounding, traps, the ends of the
// range) runs the row's handler through the helper, which has every rule.

const TINY_L = 2 ** -960, BIG = 2 ** 990, MIN_NORMAL_L = 2.2250738585072014e-308, MAX_L = 1.7976931348623157e308;
const SPLIT = 134217729; // 2^27 + 1

const fget = (g: Gen, k: number): X => g.m.local.get(L_F0 + k, F64);
const fset = (g: Gen, k: number, v: X): X => g.m.local.set(L_F0 + k, v);
const fconst = (g: Gen, v: number): X => g.m.f64.const(v);
const fpr = (g: Gen, r: number): X => g.m.f64.reinterpret(g.FP(r));
const setFpr = (g: Gen, r: number, v: X): X => g.setFP(r, g.m.i64.reinterpret(v));
const fpcWord = (g: Gen): X => g.m.i32.load(g.base + OFF.FPC, 4, g.c32(0));
/** Rounding mode 0 (nearest even) and the inexact trap off. */
const fpcPlain = (g: Gen): X => g.m.i32.eqz(g.m.i32.and(fpcWord(g), g.c32(0x08000007)));
const setInexact = (g: Gen): X => g.m.i32.store(g.base + OFF.FPC, 4, g.c32(0), g.m.i32.or(fpcWord(g), g.c32(0x00080000)));
/** R1 = the f64 in local `v`; the inexact flag when the error term in local `err` is not zero. */
const result = (g: Gen, r: number, v: number, err: number): X[] =>
  [setFpr(g, r, fget(g, v)), g.m.if(g.m.f64.ne(fget(g, err), fconst(g, 0)), setInexact(g))];
/** lo <= |v| < hi (false for NaN). */
const absIn = (g: Gen, v: X, lo: number, hi: number): X => {
  const m = g.m;
  return m.i32.and(m.f64.ge(m.f64.abs(v), fconst(g, lo)), m.f64.lt(m.f64.abs(v), fconst(g, hi)));
};

/** The second operand of an RRE (register) or RXE (storage, loaded first) form. */
function bfpOp2(g: Gen, i: Insn, mem: boolean, pre: X[]): X {
  if (!mem) return fpr(g, i.r2);
  pre.push(...g.load(g.ea(i.x2, i.b2, i.d2), 8));
  return g.m.f64.reinterpret(g.get64(L_X64));
}

/** Into local `out`: the error of p = fl(a*b) (a, b, p in locals), exact for |a|, |b| < 2^990 and |p| >= 2^-960. */
function prodErr(g: Gen, a: number, b: number, p: number, out: number): X[] {
  const m = g.m, f = (k: number): X => fget(g, k);
  const T = 8, AH = 9, AL = 10, BH = 11; // BL is computed in place
  return [
    fset(g, T, m.f64.mul(fconst(g, SPLIT), f(a))),
    fset(g, AH, m.f64.sub(f(T), m.f64.sub(f(T), f(a)))),
    fset(g, AL, m.f64.sub(f(a), f(AH))),
    fset(g, T, m.f64.mul(fconst(g, SPLIT), f(b))),
    fset(g, BH, m.f64.sub(f(T), m.f64.sub(f(T), f(b)))),
    // T = BL
    fset(g, T, m.f64.sub(f(b), f(BH))),
    fset(g, out, m.f64.add(
      m.f64.add(m.f64.add(m.f64.sub(m.f64.mul(f(AH), f(BH)), f(p)), m.f64.mul(f(AH), f(T))), m.f64.mul(f(AL), f(BH))),
      m.f64.mul(f(AL), f(T)))),
  ];
}

/** Into local `out`: the error of s = fl(a + b) (TwoSum; all in locals, no overflow). */
function sumErr(g: Gen, a: number, b: number, s: number, out: number): X[] {
  const m = g.m, f = (k: number): X => fget(g, k);
  const BB = 8;
  return [
    fset(g, BB, m.f64.sub(f(s), f(a))),
    fset(g, out, m.f64.add(m.f64.sub(f(a), m.f64.sub(f(s), f(BB))), m.f64.sub(f(b), f(BB)))),
  ];
}

/** ADD / SUBTRACT (long): R1 = R1 +- op2, CC by the result. */
function bfpAdd(sub: boolean, mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, B = 1, S = 2, E = 3;
    const pre: X[] = [];
    const b = bfpOp2(g, i, mem, pre);
    pre.push(fset(g, A, fpr(g, i.r1)), fset(g, B, sub ? m.f64.neg(b) : b), fset(g, S, m.f64.add(f(A), f(B))));
    const ok = m.i32.and(fpcPlain(g), absIn(g, f(S), MIN_NORMAL_L, MAX_L * 2));
    return [...pre, g.guarded(ok, [
      ...sumErr(g, A, B, S, E),
      ...result(g, i.r1, S, E),
      g.setCC(m.select(m.f64.lt(f(S), fconst(g, 0)), g.c32(1), g.c32(2))),
    ])];
  };
}

/** MULTIPLY (long): R1 = R1 * op2. */
function bfpMul(mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, B = 1, P = 2, E = 3;
    const pre: X[] = [];
    const b = bfpOp2(g, i, mem, pre);
    pre.push(fset(g, A, fpr(g, i.r1)), fset(g, B, b), fset(g, P, m.f64.mul(f(A), f(B))));
    const ok = m.i32.and(m.i32.and(fpcPlain(g), absIn(g, f(P), TINY_L, BIG)),
      m.i32.and(m.f64.lt(m.f64.abs(f(A)), fconst(g, BIG)), m.f64.lt(m.f64.abs(f(B)), fconst(g, BIG))));
    return [...pre, g.guarded(ok, [
      ...prodErr(g, A, B, P, E),
      ...result(g, i.r1, P, E),
    ])];
  };
}

/**
 * MULTIPLY AND ADD / SUBTRACT (long): R1 = R3 * op2 +- R1, rounded once: as fmaL, for the
 * case where the two error terms add exactly (the helper has the rest).
 */
function bfpFma(sub: boolean, mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, B = 1, C = 2, P = 3, PE = 4, S = 5, E1 = 6, T = 7;
    const pre: X[] = [];
    const b = bfpOp2(g, i, mem, pre);
    const c = fpr(g, i.r1);
    pre.push(fset(g, A, fpr(g, i.r3)), fset(g, B, b), fset(g, C, sub ? m.f64.neg(c) : c), fset(g, P, m.f64.mul(f(A), f(B))));
    const ok1 = m.i32.and(
      m.i32.and(fpcPlain(g), m.i32.and(absIn(g, f(P), TINY_L, BIG), absIn(g, f(C), TINY_L, BIG))),
      m.i32.and(m.f64.lt(m.f64.abs(f(A)), fconst(g, BIG)), m.f64.lt(m.f64.abs(f(B)), fconst(g, BIG))));
    // Locals reused once their values are dead: A <- e2, B <- r, C <- e3.
    const E2 = A, R = B, E3 = C;
    const tail: X[] = [
      ...prodErr(g, A, B, P, PE),
      fset(g, S, m.f64.add(f(P), f(C))),
      ...sumErr(g, P, C, S, E1),
      fset(g, T, m.f64.add(f(E1), f(PE))),
      ...sumErr(g, E1, PE, T, E2),
      fset(g, R, m.f64.add(f(S), f(T))),
    ];
    const ok2 = m.i32.and(m.f64.eq(f(E2), fconst(g, 0)), absIn(g, f(R), TINY_L, BIG));
    return [...pre, g.guarded(ok1, [...tail, g.guarded(ok2, [
      ...sumErr(g, S, T, R, E3),
      ...result(g, i.r1, R, E3),
    ])])];
  };
}

/** COMPARE / COMPARE AND SIGNAL (long): non-NaN operands only (NaNs: the helper's signalling rules). */
function bfpCompare(mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, B = 1;
    const pre: X[] = [];
    const b = bfpOp2(g, i, mem, pre);
    pre.push(fset(g, A, fpr(g, i.r1)), fset(g, B, b));
    return [...pre, g.guarded(m.i32.and(m.f64.eq(f(A), f(A)), m.f64.eq(f(B), f(B))), [
      g.setCC(m.select(m.f64.eq(f(A), f(B)), g.c32(0), m.select(m.f64.lt(f(A), f(B)), g.c32(1), g.c32(2)))),
    ])];
  };
}

/** CC of a long BFP value in local 0: 0 zero, 1 negative, 2 positive, 3 NaN. */
function bfpCC(g: Gen): X {
  const m = g.m, v = (): X => fget(g, 0);
  return m.select(m.f64.ne(v(), v()), g.c32(3),
    m.select(m.f64.eq(v(), fconst(g, 0)), g.c32(0), m.select(m.f64.lt(v(), fconst(g, 0)), g.c32(1), g.c32(2))));
}

/** LOAD COMPLEMENT / POSITIVE / NEGATIVE (long): the sign bit only, CC by the result; never an exception. */
function bfpSign(how: 'flip' | 'clear' | 'set'): Emitter {
  return (g, i) => {
    const m = g.m;
    const v = g.FP(i.r2);
    const r = how === 'flip' ? m.i64.xor(v, g.c64(0, 0x80000000))
      : how === 'clear' ? m.i64.and(v, g.c64(0xffffffff, 0x7fffffff)) : m.i64.or(v, g.c64(0, 0x80000000));
    return [g.setFP(i.r1, r), fset(g, 0, fpr(g, i.r1)), g.setCC(bfpCC(g))];
  };
}

/** LOAD AND TEST (long): copy and CC; a NaN (an SNaN is an invalid operation) goes to the helper. */
const bfpLtdbr: Emitter = (g, i) => {
  const m = g.m, f = (k: number): X => fget(g, k);
  return [fset(g, 0, fpr(g, i.r2)), g.guarded(m.f64.eq(f(0), f(0)), [setFpr(g, i.r1, f(0)), g.setCC(bfpCC(g))])];
};

/** DIVIDE (long): R1 = R1 / op2; exact when R1 - q*op2 (Dekker) is zero. */
function bfpDiv(mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, B = 1, Q = 2, P = 3, E = 4;
    const pre: X[] = [];
    const b = bfpOp2(g, i, mem, pre);
    pre.push(fset(g, A, fpr(g, i.r1)), fset(g, B, b), fset(g, Q, m.f64.div(f(A), f(B))));
    // The quotient, the dividend and the divisor clear of both ends of the range (this
    // excludes zeros, infinities and NaNs too), so that q*b and its error are exact.
    const ok = m.i32.and(m.i32.and(fpcPlain(g), absIn(g, f(Q), TINY_L, BIG)),
      m.i32.and(absIn(g, f(A), TINY_L, BIG), absIn(g, f(B), TINY_L, BIG)));
    return [...pre, g.guarded(ok, [
      fset(g, P, m.f64.mul(f(Q), f(B))),
      ...prodErr(g, Q, B, P, E),
      fset(g, E, m.f64.sub(m.f64.sub(f(A), f(P)), f(E))),
      ...result(g, i.r1, Q, E),
    ])];
  };
}

/** SQUARE ROOT (long): R1 = sqrt(op2); exact when op2 - s*s (Dekker) is zero. */
function bfpSqrt(mem: boolean): Emitter {
  return (g, i) => {
    const m = g.m, f = (k: number): X => fget(g, k);
    const A = 0, S = 1, P = 2, E = 3;
    const pre: X[] = [];
    const a = bfpOp2(g, i, mem, pre);
    pre.push(fset(g, A, a));
    const ok = m.i32.and(fpcPlain(g), m.i32.and(m.f64.ge(f(A), fconst(g, TINY_L)), m.f64.lt(f(A), fconst(g, BIG))));
    return [...pre, g.guarded(ok, [
      fset(g, S, m.f64.sqrt(f(A))),
      fset(g, P, m.f64.mul(f(S), f(S))),
      ...prodErr(g, S, S, P, E),
      fset(g, E, m.f64.sub(m.f64.sub(f(A), f(P)), f(E))),
      ...result(g, i.r1, S, E),
    ])];
  };
}

/** CONVERT FROM FIXED (32 to long): always exact; the modifier values the interpreter takes natively. */
const bfpCdfbr: Emitter = (g, i) => {
  if (!(i.m3 === 0 || i.m3 === 1 || i.m3 >= 4)) return null;
  return [setFpr(g, i.r1, g.m.f64.convert_s.i32(g.L(i.r2)))];
};

Object.assign(base, {
  adbr: bfpAdd(false, false), adb: bfpAdd(false, true), sdbr: bfpAdd(true, false), sdb: bfpAdd(true, true),
  mdbr: bfpMul(false), mdb: bfpMul(true),
  madbr: bfpFma(false, false), madb: bfpFma(false, true), msdbr: bfpFma(true, false), msdb: bfpFma(true, true),
  cdbr: bfpCompare(false), cdb: bfpCompare(true), kdbr: bfpCompare(false), kdb: bfpCompare(true),
  lcdbr: bfpSign('flip'), lpdbr: bfpSign('clear'), lndbr: bfpSign('set'), ltdbr: bfpLtdbr,
  ddbr: bfpDiv(false), ddb: bfpDiv(true), sqdbr: bfpSqrt(false), sqdb: bfpSqrt(true),
  cdfbr: bfpCdfbr,
});

const MVC_ROW = TABLE.findIndex((d) => d.mn === 'mvc');

export const EMITTERS: Readonly<Record<string, Emitter>> = base;

export type { binaryen };
