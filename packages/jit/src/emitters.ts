// Native wasm emitters, keyed by table mnemonic like the interpreter's semantics. A row
// without an emitter (or whose emitter returns null for particular operands) runs through
// the interpreter helper, so coverage grows one row at a time without ever being wrong
// for the rest.
//
// Semantics mirror packages/cpu/src/semantics (general.ts, control.ts) and the PoP; the
// random differential test (difftest.test.ts) runs every row here against them.

import type binaryen from 'binaryen';
import { s16, s8, type Insn } from '@ztab/isa';
import type { Gen } from './codegen.ts';
import { L_IA, L_OA32, L_OA64, L_OB32, L_OB64, L_R32, L_R64, L_X32, L_X64, wrapNum } from './codegen.ts';

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
        out.push(g.setCC(m.select(ovf(), g.c32(3), ccSign(g, w, get(R), get(R)))));
        out.push(g.overflowCheck(ovf()));
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
  brasl: (g, i) => ({ pre: [link(g, i.r1)], cond: null, target: rel(g, i.ri2), dyn: null }),
};

export const EMITTERS: Readonly<Record<string, Emitter>> = base;

export type { binaryen };
