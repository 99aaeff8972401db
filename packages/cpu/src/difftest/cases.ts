// Deterministic test-case generation for the differential test.
//
// Every row of the instruction table gets CASES_PER_ROW cases. A case is the full input
// state (GPRs, FPRs, access registers, FPC, condition code, program mask, the scratch
// buffer as one of a few fixed patterns plus two 16-byte patches) and the instruction
// bytes. Cases are a pure function of (SEED, mnemonic, row encoding, block address), so
// the committed fixtures store only the oracle's outputs; the ztab side regenerates the
// inputs and checks a hash to notice when the generator and the fixtures drift apart.
//
// Operand fields are random within the format, then storage operands are aimed: the base
// (and index) registers are set so that the effective address lands in the scratch buffer
// (or, for branches, on the case's landing pad), with a minority of cases left pointing at
// unmapped storage, page crossings and the buffer's ends on purpose.

import { F, FIELDS, extKind, insnLength, type FieldSpec, type InsnDef } from '@ztab/isa';
import { familyOf } from './families.ts';
import { BUF, BUF_SIZE, IN, INSN_OFF, LAND_OFF, PATCH_LEN, PATTERNS, caseAddr } from './layout.ts';

export const SEED = 0x2a7ab001;
export const CASES_PER_ROW = 40;

/** Small, fast, deterministic PRNG (sfc32). */
export class Rng {
  private a: number; private b: number; private c: number; private d = 1;
  constructor(seed: number) {
    this.a = seed >>> 0; this.b = 0x9e3779b9; this.c = (seed ^ 0x85ebca6b) >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** 0 <= x < n (n <= 2^32). */
  int(n: number): number { return Math.floor((this.u32() / 4294967296) * n); }
  chance(p: number): boolean { return this.u32() / 4294967296 < p; }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]!; }
}

/** FNV-1a over a string, for per-row seeds. */
export function hashStr(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function hashBytes(b: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

export interface Case {
  /** Instruction bytes (2, 4 or 6). */
  insn: Uint8Array;
  /** GPRs as in Cpu.r: [2n] low word, [2n+1] high word. */
  g: Uint32Array;
  /** FPRs as in Cpu.f: [2n] low word, [2n+1] high word. */
  f: Uint32Array;
  a: Uint32Array;
  fpc: number;
  cc: number;
  pm: number;
  pat: number;
  p1off: number;
  p1: Uint8Array;
  p2off: number;
  p2: Uint8Array;
  /** Address of the instruction and of its landing pad. */
  addr: number;
  land: number;
}

// ------------------------------------------------------------------ buffer patterns

function packedByte(r: Rng): number { return (r.int(10) << 4) | r.int(10); }

/** The fixed buffer patterns, PATTERNS x BUF_SIZE bytes. */
export function makePatterns(seed = SEED): Uint8Array {
  const r = new Rng(seed ^ 0x5eed);
  const out = new Uint8Array(PATTERNS * BUF_SIZE);
  for (let p = 0; p < PATTERNS; p++) {
    const b = out.subarray(p * BUF_SIZE, (p + 1) * BUF_SIZE);
    for (let i = 0; i < BUF_SIZE; i++) {
      switch (p) {
        case 0: b[i] = r.int(256); break;
        // Packed-decimal-looking doublewords, each ending in a sign nibble.
        case 1: b[i] = (i & 7) === 7 ? (r.int(10) << 4) | r.pick([0xc, 0xd, 0xf, 0xc, 0xd, 0xa, 0xb, 0xe]) : packedByte(r); break;
        case 2: b[i] = r.chance(1 / 16) ? r.int(256) : 0; break;
        // Text with terminators: strings for the string and translate families.
        default: b[i] = r.chance(1 / 40) ? 0 : 0x20 + r.int(95); break;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ values

type U64 = [hi: number, lo: number];

const GPR_EDGES: readonly U64[] = [
  [0, 0], [0, 1], [0xffffffff, 0xffffffff], [0, 0x7fffffff], [0, 0x80000000], [0, 0xffffffff],
  [0xffffffff, 0x80000000], [0x7fffffff, 0xffffffff], [0x80000000, 0], [1, 0], [0xffffffff, 0x7fffffff],
  [0, 0x8000], [0, 0xffff], [0, 0x7fff], [0xffffffff, 0xffff8000], [0x80000000, 1], [0, 2], [0, 0x100],
];

function bufOffset(r: Rng, align: number): number {
  let o: number;
  switch (r.int(6)) {
    case 0: o = r.int(64); break;
    case 1: o = 4096 - 1 - r.int(24); break; // straddles the page boundary inside the buffer
    case 2: o = BUF_SIZE - 1 - r.int(24); break; // runs off the end into unmapped storage
    default: o = 64 + r.int(BUF_SIZE - 512); break;
  }
  return o - (o % align);
}

function gprValue(r: Rng): U64 {
  const k = r.int(100);
  if (k < 15) return [0, r.int(17)];
  if (k < 30) return r.pick(GPR_EDGES);
  if (k < 48) return [0, BUF + bufOffset(r, r.pick([1, 2, 4, 8]))];
  if (k < 58) return [0, r.int(300)];
  if (k < 70) { const lo = r.u32(); return [r.chance(0.5) ? 0 : lo & 0x80000000 ? 0xffffffff : 0, lo]; }
  if (k < 75) { const v = (r.u32() << 16) >> 16; return [v < 0 ? 0xffffffff : 0, v >>> 0]; }
  return [r.u32(), r.u32()];
}

const DBL_EDGES: readonly U64[] = [
  [0, 0], [0x80000000, 0], [0x3ff00000, 0], [0xbff00000, 0], [0x7ff00000, 0], [0xfff00000, 0],
  [0x7ff80000, 0], [0xfff80000, 0], [0x7ff40000, 0], [0x7ff00000, 1], [0x7fefffff, 0xffffffff],
  [0x00100000, 0], [0, 1], [0x800fffff, 0xffffffff], [0x43300000, 0], [0x41dfffff, 0xffc00000],
  [0xc3e00000, 0], [0x3fe00000, 0], [0x40000000, 0], [0x3ff80000, 0], [0x7fe00000, 0],
];
const FLT_EDGES: readonly number[] = [
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000,
  0x7f7fffff, 0x00800000, 1, 0x807fffff, 0x4b000000, 0x4f000000, 0xcf000000, 0x3f000000, 0x40000000,
];

function fprValue(r: Rng): U64 {
  const k = r.int(100);
  if (k < 28) return r.pick(DBL_EDGES);
  if (k < 48) return [((r.chance(0.5) ? 0x80000000 : 0) | ((1023 - 40 + r.int(80)) << 20) | r.int(1 << 20)) >>> 0, r.u32()];
  if (k < 60) return [r.pick(FLT_EDGES), r.chance(0.5) ? 0 : r.u32()];
  if (k < 72) return [((r.chance(0.5) ? 0x80000000 : 0) | ((127 - 20 + r.int(40)) << 23) | r.int(1 << 23)) >>> 0, r.chance(0.5) ? 0 : r.u32()];
  if (k < 82) { const n = r.int(2000) - 1000; const d = new DataView(new ArrayBuffer(8)); d.setFloat64(0, n); return [d.getUint32(0), d.getUint32(4)]; }
  return [r.u32(), r.u32()];
}

function fpcValue(r: Rng): number {
  const masks = r.chance(0.7) ? 0 : r.int(256) & 0xf8;
  const flags = r.chance(0.5) ? 0 : r.int(256) & 0xf8;
  const dxc = r.chance(0.6) ? 0 : r.int(256);
  const rm = r.pick([0, 0, 0, 1, 2, 3, 7]);
  return ((masks << 24) | (flags << 16) | (dxc << 8) | rm) >>> 0;
}

function immediate(r: Rng, width: number): number {
  const max = width >= 32 ? 4294967296 : 2 ** width;
  const k = r.int(10);
  if (k < 3) { const v = r.int(17); return r.chance(0.5) ? v : (max - v) % max; }
  if (k < 5) return r.pick([0, max - 1, max / 2, max / 2 - 1, 1]);
  return width >= 32 ? r.u32() : r.int(max);
}

// ------------------------------------------------------------------ encoding

function setBits(b: Uint8Array, bit: number, width: number, v: number): void {
  for (let k = 0; k < width; k++) {
    const pos = bit + width - 1 - k;
    const on = Math.floor(v / 2 ** k) % 2;
    const byte = pos >> 3, m = 0x80 >> (pos & 7);
    if (on) b[byte]! |= m; else b[byte]! &= ~m;
  }
}

export function encode(def: InsnDef, fields: Partial<Record<string, number>>): Uint8Array {
  const b0 = def.op > 0xff ? def.op >>> 8 : def.op;
  const out = new Uint8Array(insnLength(b0));
  out[0] = b0;
  switch (extKind(b0)) {
    case 'byte1': out[1] = def.op & 0xff; break;
    case 'nib1': out[1] = def.op & 0x0f; break;
    case 'byte5': out[5] = def.op & 0xff; break;
    default: break;
  }
  for (const f of FIELDS[def.fmt]) {
    const v = fields[f.name] ?? 0;
    if (f.kind === 'dl') {
      const u = ((v % 0x100000) + 0x100000) % 0x100000;
      setBits(out, f.bit, 12, u & 0xfff);
      setBits(out, 32, 8, u >>> 12);
    } else {
      const m = 2 ** f.width;
      setBits(out, f.bit, f.width, ((v % m) + m) % m);
    }
  }
  return out;
}

// ------------------------------------------------------------------ special rows

/** SVC numbers that no s390x Linux or qemu-user syscall uses: both sides give -ENOSYS. */
export const SAFE_SVC: readonly number[] = [17, 18, 31, 32, 35, 44, 53, 56, 58, 98, 101, 109, 113, 123, 139, 170, 171, 192, 193, 223, 242];
export const ENOSYS = 38;

/** Targets for EXECUTE: non-branching, register-only or exception-raising instructions. */
const EX_TARGETS: readonly number[][] = [
  [0x18, 0x12], [0x1a, 0x34], [0x1f, 0x45], [0xa7, 0x1a, 0x00, 0x01], [0xb2, 0x22, 0x00, 0x10],
  [0x44, 0x00, 0x00, 0x00], [0x00, 0x00], [0x41, 0x10, 0x00, 0x10], [0xb9, 0x08, 0x00, 0x12],
  [0x14, 0x56], [0xc2, 0x19, 0x00, 0x00, 0x00, 0x07], [0x89, 0x10, 0x00, 0x03], [0xb9, 0x04, 0x00, 0x21],
  [0xc6, 0x00, 0x00, 0x00, 0x00, 0x00],
];

function fillPatch(r: Rng, p: Uint8Array, decimal: boolean, len: number): void {
  for (let i = 0; i < p.length; i++) p[i] = r.int(256);
  const k = r.int(decimal ? 10 : 6);
  const n = Math.max(1, Math.min(len, p.length));
  if (k >= 4) { // packed decimal of the operand length
    for (let i = 0; i < n; i++) p[i] = packedByte(r);
    p[n - 1] = (p[n - 1]! & 0xf0) | r.pick([0xc, 0xd, 0xf, 0xc, 0xd, 0xa, 0xb, 0xe]);
    if (r.chance(0.1)) p[r.int(n)] = r.int(256);
  } else if (k === 3) { // zoned
    for (let i = 0; i < n; i++) p[i] = 0xf0 | r.int(10);
    p[n - 1] = (r.pick([0xc, 0xd, 0xf]) << 4) | r.int(10);
  } else if (k === 2) { // a short string
    for (let i = 0; i < p.length; i++) p[i] = 0x41 + r.int(26);
    p[r.int(p.length)] = 0;
  }
}

// ------------------------------------------------------------------ cases

const STORAGE: readonly [b: string, d: string, x: string | null][] = [['b1', 'd1', null], ['b2', 'd2', 'x2'], ['b4', 'd4', null]];

/** Generate the cases of one row, the first one's block at `base`. */
export function genCases(def: InsnDef, base: number, n = CASES_PER_ROW, seed = SEED): Case[] {
  const r = new Rng(hashStr(`${def.mn}:${def.op}:${def.fmt}`, seed));
  const specs = FIELDS[def.fmt];
  const isBranch = (def.flags & F.BRANCH) !== 0 && def.mn !== 'ex' && def.mn !== 'exrl';
  const decimal = familyOf(def.mn) === 'decimal';
  const cases: Case[] = [];
  for (let k = 0; k < n; k++) {
    const block = caseAddr(base, k);
    const addr = block + INSN_OFF, land = block + LAND_OFF;
    const g = new Uint32Array(32), f = new Uint32Array(32), a = new Uint32Array(16);
    const setG = (reg: number, hi: number, lo: number) => { g[2 * reg + 1] = hi >>> 0; g[2 * reg] = lo >>> 0; };
    for (let i = 0; i < 16; i++) {
      const [hi, lo] = gprValue(r); setG(i, hi, lo);
      const [fh, fl] = fprValue(r); f[2 * i + 1] = fh; f[2 * i] = fl;
      a[i] = r.chance(0.7) ? 0 : r.u32();
    }
    const fields: Record<string, number> = {};
    for (const s of specs) fields[s.name] = randomField(r, s);

    const p1 = new Uint8Array(PATCH_LEN), p2 = new Uint8Array(PATCH_LEN);
    const lens = [(fields.l1 ?? fields.l2 ?? 15) + 1, (fields.l2 ?? fields.l1 ?? 15) + 1];
    fillPatch(r, p1, decimal, lens[0]!);
    fillPatch(r, p2, decimal, lens[1]!);
    let p1off = bufOffset(r, 1), p2off = bufOffset(r, 1);
    const targets: number[] = [];

    // Storage operands: aim D(X,B) at the buffer, or at the landing pad for branches.
    for (const [bn, dn, xn] of STORAGE) {
      if (!specs.some((s) => s.name === bn)) continue;
      const long = specs.find((s) => s.name === dn)!.kind === 'dl';
      const roll = r.int(100);
      // A branch that misses the pad must go somewhere unmapped (page 0): the oracle would
      // run whatever it found at a mapped target.
      if (roll < 5 || (isBranch && roll < 11)) { // absolute low address: unmapped
        fields[bn] = 0;
        if (xn) fields[xn] = 0;
        // An odd branch target would also raise the question which of specification and
        // translation exception the fetch reports first; keep to the plain page fault.
        if (isBranch) fields[dn] = fields[dn]! & ~1;
        continue;
      }
      if (roll < 11) continue; // whatever the random register holds
      const t = isBranch ? land : BUF + bufOffset(r, r.pick([1, 2, 4, 8, 8]));
      targets.push(t);
      const b = 1 + r.int(15);
      const d = long ? (r.chance(0.5) ? r.int(256) : r.chance(0.6) ? r.int(4096) : r.int(0x100000) - 0x80000) : r.chance(0.6) ? r.int(256) : r.int(4096);
      let xv = 0;
      if (xn && specs.some((s) => s.name === xn)) {
        if (r.chance(0.5)) fields[xn] = 0;
        else {
          let x = 1 + r.int(15);
          if (x === b) x = (x % 15) + 1;
          fields[xn] = x;
          xv = r.int(256);
          setG(x, 0, xv);
        }
      }
      fields[bn] = b;
      fields[dn] = d;
      const v = t - d - xv; // positive: the buffer and pads sit far above 2^20
      setG(b, 0, v);
    }

    // Relative operands: branches land on the pad, others address the buffer.
    for (const s of specs) {
      if (s.kind !== 's') continue;
      let t: number;
      if (isBranch) t = land;
      else if (s.width >= 32) { t = BUF + bufOffset(r, r.pick([2, 4, 8, 8])); targets.push(t); }
      else continue;
      const h = (t - addr) / 2;
      if (Number.isInteger(h) && Math.abs(h) < 2 ** (s.width - 1)) fields[s.name] = h;
    }

    // Branches through a register: the register holds the landing pad.
    if (isBranch && (def.fmt === 'RR' || def.fmt === 'RRE') && (fields.r2 ?? 0) !== 0) {
      const r2 = fields.r2!;
      if (def.mn === 'bsm' || def.mn === 'bassm') {
        const m = r.int(3);
        // In the 64-bit mode all 64 bits are the address; below it the high word is ignored.
        setG(r2, m === 0 || r.chance(0.5) ? 0 : r.u32(), m === 0 ? land + 1 : m === 1 ? (0x80000000 | land) >>> 0 : land);
      } else setG(r2, 0, land);
    }

    if (def.mn === 'svc') fields.i1 = r.pick(SAFE_SVC);

    // EXECUTE: its target sits in the first patch.
    if ((def.mn === 'ex' || def.mn === 'exrl') && targets.length > 0) {
      const t = targets[0]!;
      const off = t - BUF;
      if (off >= 0 && off <= BUF_SIZE - PATCH_LEN) {
        p1off = off;
        const tgt = r.pick(EX_TARGETS);
        for (let i = 0; i < tgt.length; i++) p1[i] = tgt[i]!;
      }
    } else {
      // Put the patches where the operands are, so decimal and string operands are well formed.
      const offs = targets.map((t) => t - BUF).filter((o) => o >= 0 && o <= BUF_SIZE - PATCH_LEN);
      if (offs[0] !== undefined && r.chance(0.8)) p1off = offs[0];
      if (offs[1] !== undefined && r.chance(0.8)) p2off = offs[1];
    }

    cases.push({
      insn: encode(def, fields), g, f, a,
      fpc: fpcValue(r), cc: r.int(4), pm: r.chance(0.5) ? 0 : 8, pat: r.int(PATTERNS),
      p1off: Math.min(p1off, BUF_SIZE - PATCH_LEN), p1, p2off: Math.min(p2off, BUF_SIZE - PATCH_LEN), p2, addr, land,
    });
  }
  return cases;
}

function randomField(r: Rng, s: FieldSpec): number {
  const n = s.name;
  if (n[0] === 'r' && n[1] !== 'i') return r.int(16);
  if (n[0] === 'm') return r.int(16);
  if (n === 'x2' || n[0] === 'b') return r.int(16);
  if (n[0] === 'l') return r.chance(0.5) ? r.int(16) : r.int(2 ** s.width);
  if (n[0] === 'd') return s.kind === 'dl' ? r.int(0x100000) - 0x80000 : r.int(4096);
  if (s.kind === 's') { const m = 2 ** s.width; return immediate(r, s.width) - (r.chance(0.5) ? m / 2 : 0); }
  return immediate(r, s.width);
}

/** Serialize a case's input record for the harness (big-endian, see IN). */
export function inputRecord(c: Case, out: DataView, at: number): void {
  for (let i = 0; i < 16; i++) {
    out.setUint32(at + IN.GPR + 8 * i, c.g[2 * i + 1]!);
    out.setUint32(at + IN.GPR + 8 * i + 4, c.g[2 * i]!);
    out.setUint32(at + IN.FPR + 8 * i, c.f[2 * i + 1]!);
    out.setUint32(at + IN.FPR + 8 * i + 4, c.f[2 * i]!);
    out.setUint32(at + IN.AR + 4 * i, c.a[i]!);
  }
  out.setUint32(at + IN.FPC, c.fpc);
  out.setUint32(at + IN.CCPM, ((c.cc << 28) | (c.pm << 24)) >>> 0);
  out.setUint32(at + IN.PAT, c.pat);
  out.setUint32(at + IN.P1OFF, c.p1off);
  out.setUint32(at + IN.P2OFF, c.p2off);
  for (let i = 0; i < PATCH_LEN; i++) {
    out.setUint8(at + IN.P1 + i, c.p1[i]!);
    out.setUint8(at + IN.P2 + i, c.p2[i]!);
  }
}

/** Hash of a row's generated inputs and instruction bytes (fixture staleness check). */
export function casesHash(cases: readonly Case[]): string {
  const buf = new Uint8Array(IN.SIZE + 16);
  const dv = new DataView(buf.buffer);
  let h = 0x811c9dc5;
  for (const c of cases) {
    buf.fill(0);
    inputRecord(c, dv, 0);
    buf.set(c.insn, IN.SIZE);
    dv.setUint32(IN.SIZE + 8, c.addr);
    h = hashBytes(buf, h);
  }
  return h.toString(16).padStart(8, '0');
}

/** The initial buffer of a case: its pattern with the two patches applied (p2 last). */
export function initialBuffer(c: Case, patterns: Uint8Array): Uint8Array {
  const b = patterns.slice(c.pat * BUF_SIZE, (c.pat + 1) * BUF_SIZE);
  b.set(c.p1, c.p1off);
  b.set(c.p2, c.p2off);
  return b;
}

/** A row's encoding with every field random (no aiming): for the fuzz test. */
export function randomEncoding(r: Rng, def: InsnDef): Uint8Array {
  const fields: Record<string, number> = {};
  for (const s of FIELDS[def.fmt]) fields[s.name] = randomField(r, s);
  return encode(def, fields);
}
