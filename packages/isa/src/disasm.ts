// Disassembler derived from the instruction table, printing what binutils' objdump
// (2.40, s390x) prints in its instruction column.
//
// Operand syntax comes from, in this order: the `ops` of an rows/extra.ts row with the
// same opcode and format that a family row shadows (extra.ts keeps objdump-checked specs
// that spell register classes); the row's own `ops`; the format's default below.
// Extended mnemonics (jne, locgrh, crjnl, risbgz, vlgvb, wfadb, ...) are a disassembler
// concern and live in the declarative rule tables below, keyed by opcode so that they do
// not depend on how a family spells the machine mnemonic.
//
// Operand spec language, comma separated:
//   R1 F1 A1 C1 V1   register of class %r %f %a %c %v from field r1 (also R2, R3, ...).
//                    A V register takes its fifth bit from the RXB field (bits 36-39)
//                    according to where its four bits sit.
//   I2 S2            field i2 printed unsigned / sign-extended to the field's width.
//   M3               field m3 (a mask), unsigned.
//   J2               relative-immediate field ri2 printed as the absolute target address.
//   D2(X2,B2) D2(B2) D2(L2,B2) D1(R1,B1) D2(V2,B2)
//                    storage operands; an L length prints as encoded + 1.
//   X@b[:w]          any of the letters above applied to a raw bit field at PoP bit b,
//                    width w (4 when omitted), for layouts the format list lacks (vector).
//   ?                suffix: an optional trailing operand, omitted when zero.

import { FIELDS, extKind, type Field, type Format } from './formats.ts';
import { Insn, decode, rowDef } from './decode.ts';
import { SHADOWED_EXTRA } from './rows/index.ts';
import type { InsnDef } from './table.ts';

/** The operand list a format prints when the row says nothing else. */
export const DEFAULT_OPS: Record<Format, string> = {
  E: '',
  I: 'I1',
  IE: 'I1,I2',
  MII: 'M1,J2,J3',
  'RI-a': 'R1,S2',
  'RI-b': 'R1,J2',
  'RI-c': 'M1,J2',
  'RIE-a': 'R1,S2,M3',
  'RIE-b': 'R1,R2,M3,J4',
  'RIE-c': 'R1,S2,M3,J4',
  'RIE-d': 'R1,R3,S2',
  'RIE-e': 'R1,R3,J2',
  'RIE-f': 'R1,R2,I3,I4,I5',
  'RIE-g': 'R1,S2,M3',
  'RIL-a': 'R1,S2',
  'RIL-b': 'R1,J2',
  'RIL-c': 'M1,J2',
  RIS: 'R1,S2,M3,D4(B4)',
  RR: 'R1,R2',
  RRD: 'F1,F3,F2',
  RRE: 'R1,R2',
  'RRF-a': 'R1,R2,R3',
  'RRF-b': 'R1,R3,R2',
  'RRF-c': 'R1,R2,M3',
  'RRF-d': 'R1,R2,M4',
  'RRF-e': 'R1,M3,R2,M4',
  RRS: 'R1,R2,M3,D4(B4)',
  'RS-a': 'R1,R3,D2(B2)',
  'RS-b': 'R1,M3,D2(B2)',
  RSI: 'R1,R3,J2',
  'RSL-a': 'D1(L1,B1)',
  'RSL-b': 'F1,D2(L2,B2),M3',
  'RSY-a': 'R1,R3,D2(B2)',
  'RSY-b': 'R1,M3,D2(B2)',
  'RX-a': 'R1,D2(X2,B2)',
  'RX-b': 'M1,D2(X2,B2)',
  RXE: 'R1,D2(X2,B2)',
  RXF: 'F1,F3,D2(X2,B2)',
  'RXY-a': 'R1,D2(X2,B2)',
  'RXY-b': 'M1,D2(X2,B2)',
  S: 'D2(B2)',
  SI: 'D1(B1),I2',
  SIL: 'D1(B1),S2',
  SIY: 'D1(B1),I2',
  SMI: 'M1,J2,D1(B1)',
  'SS-a': 'D1(L1,B1),D2(B2)',
  'SS-b': 'D1(L1,B1),D2(L2,B2)',
  'SS-c': 'D1(L1,B1),D2(B2),I3',
  'SS-d': 'D1(R1,B1),D2(B2),R3',
  'SS-e': 'R1,R3,D2(B2),D4(B4)',
  'SS-f': 'D1(B1),D2(L2,B2)',
  SSE: 'D1(B1),D2(B2)',
  SSF: 'D1(B1),D2(B2),R3',
};

// ---------------------------------------------------------------------------------------
// Compiled operand specs. Each operand is a small record so printing never parses text.

const enum K { Reg, Unsigned, Signed, Rel, Mem }

interface Src {
  /** Decoded field to read, or '' for a raw bit range. */
  field: Field | '';
  bit: number;
  width: number;
  /** printed value is ANDed with this (a raw range written X@b&mask) */
  mask?: number;
}

interface Operand {
  kind: K;
  /** Register prefix for K.Reg ('r', 'f', 'a', 'c', 'v'). */
  cls: string;
  src: Src;
  optional: boolean;
  // storage operands
  disp?: Src;
  inner?: { cls: string; src: Src; length: boolean; always: boolean } | undefined;
  base?: Src;
}

const CLS: Record<string, string> = { R: 'r', F: 'f', A: 'a', C: 'c', V: 'v' };

function fieldSrc(fmt: Format, name: string, spec: string): Src {
  let f = FIELDS[fmt].find((x) => x.name === name);
  // Family rows sometimes name a mask by the register field it occupies (M1 of BCR is
  // the r1 nibble of RR): fall back to the four-bit field with the same number.
  f ??= FIELDS[fmt].find((x) => x.width === 4 && x.name.endsWith(name.slice(-1)) && !x.name.startsWith('d'));
  if (!f) throw new Error(`disasm: operand spec '${spec}' names field ${name}, which format ${fmt} lacks`);
  return { field: f.name, bit: f.bit, width: f.width };
}

/** Parse one operand reference such as 'R1', 'I2', 'V@12', 'I@16:16'. */
function parseRef(fmt: Format, ref: string, spec: string): { letter: string; src: Src } {
  const raw = /^([A-Z])@(\d+)(?::(\d+))?(?:&(\d+))?$/.exec(ref);
  if (raw) {
    const src: Src = { field: '', bit: +raw[2]!, width: raw[3] ? +raw[3] : 4 };
    if (raw[4]) src.mask = +raw[4];
    return { letter: raw[1]!, src };
  }
  const m = /^([A-Z])(\d)$/.exec(ref);
  if (!m) throw new Error(`disasm: bad operand ${ref} in '${spec}'`);
  const letter = m[1]!;
  const n = m[2]!;
  const name = letter in CLS ? `r${n}` : letter === 'M' ? `m${n}` : letter === 'J' ? `ri${n}`
    : letter === 'I' || letter === 'S' ? `i${n}` : letter === 'X' ? 'x2' : letter === 'B' ? `b${n}`
      : letter === 'D' ? `d${n}` : letter === 'L' ? `l${n}` : '';
  // Register classes other than R address the same r fields; X is the index register.
  return { letter, src: fieldSrc(fmt, letter === 'X' ? 'x2' : name, spec) };
}

function compile(fmt: Format, spec: string): Operand[] {
  if (spec === '') return [];
  const out: Operand[] = [];
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0, cur = '';
  for (const ch of spec) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  for (let p of parts) {
    const optional = p.endsWith('?');
    if (optional) p = p.slice(0, -1);
    const mem = /^([^()]+)\((?:([^(),]+),)?([^(),]+)\)$/.exec(p);
    if (mem) {
      const d = parseRef(fmt, mem[1]!, spec);
      const b = parseRef(fmt, mem[3]!, spec);
      let inner: Operand['inner'];
      if (mem[2]) {
        const x = parseRef(fmt, mem[2], spec);
        // L: a length, printed plus one; R: a register operand inside the parentheses,
        // always printed; X and V: an index, dropped when zero like binutils does.
        inner = x.letter === 'L' ? { cls: '', src: x.src, length: true, always: true }
          : { cls: x.letter === 'V' ? 'v' : 'r', src: x.src, length: false, always: x.letter === 'R' };
      }
      out.push({ kind: K.Mem, cls: '', src: d.src, optional, disp: d.src, inner, base: b.src });
      continue;
    }
    const r = parseRef(fmt, p, spec);
    const kind = r.letter in CLS ? K.Reg : r.letter === 'S' ? K.Signed : r.letter === 'J' ? K.Rel : K.Unsigned;
    out.push({ kind, cls: CLS[r.letter] ?? '', src: r.src, optional });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Extended mnemonics.

/** binutils' condition suffixes for branch-on-condition style masks 1..14. */
const COND = ['', 'o', 'h', 'nle', 'l', 'nhe', 'lh', 'ne', 'e', 'nlh', 'he', 'nl', 'le', 'nh', 'no', ''];
/** Suffixes of compare-and-branch/trap masks (only CC 0-2 meaningful); others print the mask. */
const CMP: Record<number, string> = { 2: 'h', 4: 'l', 6: 'ne', 8: 'e', 10: 'nl', 12: 'nh' };

/**
 * A conditional extended mnemonic: when the mask field `m` has a suffix, print
 * `pre + suffix + post` with operand list `ops` (the mask dropped); `special` names
 * masks with their own mnemonic (unconditional and no-op forms).
 */
interface CondRule {
  m: Field;
  table: 'cond' | 'cmp';
  pre: string;
  post?: string;
  ops: string;
  special?: Record<number, [string, string]>;
}

const condRules = new Map<number, CondRule>();
function cond(op: number, rule: CondRule): void { condRules.set(op, rule); }

cond(0x07, { m: 'm1', table: 'cond', pre: 'b', post: 'r', ops: 'R2', special: { 0: ['nopr', 'R2?'], 15: ['br', 'R2'] } });
cond(0x47, { m: 'm1', table: 'cond', pre: 'b', ops: 'D2(X2,B2)', special: { 0: ['nop', 'D2(X2,B2)'], 15: ['b', 'D2(X2,B2)'] } });
cond(0xa704, { m: 'm1', table: 'cond', pre: 'j', ops: 'J2', special: { 0: ['jnop', 'J2'], 15: ['j', 'J2'] } });
cond(0xc004, { m: 'm1', table: 'cond', pre: 'jg', ops: 'J2', special: { 0: ['jgnop', 'J2'], 15: ['jg', 'J2'] } });
cond(0xe347, { m: 'm1', table: 'cond', pre: 'bi', ops: 'D2(X2,B2)', special: { 15: ['bi', 'D2(X2,B2)'] } });
// load/store on condition: mnemonic + suffix, mask dropped
for (const [op, mn, ops] of [
  [0xb9f2, 'locr', 'R1,R2'], [0xb9e2, 'locgr', 'R1,R2'], [0xb9e0, 'locfhr', 'R1,R2'],
  [0xebf2, 'loc', 'R1,D2(B2)'], [0xebe2, 'locg', 'R1,D2(B2)'], [0xebf3, 'stoc', 'R1,D2(B2)'],
  [0xebe3, 'stocg', 'R1,D2(B2)'], [0xebe0, 'locfh', 'R1,D2(B2)'], [0xebe1, 'stocfh', 'R1,D2(B2)'],
  [0xec42, 'lochi', 'R1,S2'], [0xec46, 'locghi', 'R1,S2'], [0xec4e, 'lochhi', 'R1,S2'],
  [0xb9f0, 'selr', 'R1,R2,R3'], [0xb9e3, 'selgr', 'R1,R2,R3'], [0xb9c0, 'selfhr', 'R1,R2,R3'],
] as const) {
  const m: Field = op === 0xb9f0 || op === 0xb9e3 || op === 0xb9c0 ? 'm4' : 'm3';
  cond(op, { m, table: 'cond', pre: mn, ops });
}
// compare and branch / trap: mnemonic + CC suffix, mask dropped
for (const [op, mn, ops] of [
  [0xec76, 'crj', 'R1,R2,J4'], [0xec64, 'cgrj', 'R1,R2,J4'], [0xec77, 'clrj', 'R1,R2,J4'], [0xec65, 'clgrj', 'R1,R2,J4'],
  [0xec7e, 'cij', 'R1,S2,J4'], [0xec7c, 'cgij', 'R1,S2,J4'], [0xec7f, 'clij', 'R1,I2,J4'], [0xec7d, 'clgij', 'R1,I2,J4'],
  [0xecf6, 'crb', 'R1,R2,D4(B4)'], [0xece4, 'cgrb', 'R1,R2,D4(B4)'], [0xecf7, 'clrb', 'R1,R2,D4(B4)'], [0xece5, 'clgrb', 'R1,R2,D4(B4)'],
  [0xecfe, 'cib', 'R1,S2,D4(B4)'], [0xecfc, 'cgib', 'R1,S2,D4(B4)'], [0xecff, 'clib', 'R1,I2,D4(B4)'], [0xecfd, 'clgib', 'R1,I2,D4(B4)'],
  [0xb972, 'crt', 'R1,R2'], [0xb960, 'cgrt', 'R1,R2'], [0xb973, 'clrt', 'R1,R2'], [0xb961, 'clgrt', 'R1,R2'],
  [0xec72, 'cit', 'R1,S2'], [0xec70, 'cgit', 'R1,S2'], [0xec73, 'clfit', 'R1,I2'], [0xec71, 'clgit', 'R1,I2'],
  [0xeb23, 'clt', 'R1,D2(B2)'], [0xeb2b, 'clgt', 'R1,D2(B2)'],
] as const) {
  cond(op, { m: 'm3', table: 'cmp', pre: mn, ops });
}

/**
 * Alternate spellings chosen by field values: when every field in `zero` is zero the
 * short form is printed, otherwise the long one (binutils keeps both, e.g. the z196
 * rounding-mode forms cdgbra/cdgbr).
 */
interface AltRule { zero: Field[]; short: [string, string]; long: [string, string] }
const altRules = new Map<number, AltRule>();

/**
 * Bit flags folded into the mnemonic, e.g. risbg with the zero-remaining bit → risbgz.
 * binutils spells the flag only when the field's bits under `mask` equal `value` (the
 * bit next to the flag is reserved), and then prints the field without the flag.
 */
interface FlagRule { field: Field; mask: number; value: number; flag: number; mn: string }
const flagRules = new Map<number, FlagRule>();
flagRules.set(0xec55, { field: 'i4', mask: 0xc0, value: 0x80, flag: 0x80, mn: 'risbgz' });
flagRules.set(0xec59, { field: 'i4', mask: 0xc0, value: 0x80, flag: 0x80, mn: 'risbgnz' });

/** Vector element-size (and flag) mnemonics: base + [z] + size + [s]. */
interface VecRule {
  base: string;
  /** raw bit position of the element-size field */
  es: number;
  names: readonly string[];
  ops: string;
  /** operand list when the element size has no name (the size, then any flags, print last) */
  full: string;
  /** bit of the flags field holding ZS (2) and CS (1), if the instruction has them */
  flags?: number;
  z?: boolean;
  s?: boolean;
  /** the remaining flag bits print as a trailing optional operand */
  rest?: boolean;
  /** flag values without a spelling fall back to the base mnemonic and `full` */
  strict?: boolean;
}
const vecRules = new Map<number, VecRule>();

/** Register an alternate-spelling rule (used by rows/extra.ts style data below). */
function alt(op: number, zero: Field[], short: [string, string], long: [string, string]): void {
  altRules.set(op, { zero, short, long });
}

// BFP conversions and rounding: the z196 forms with rounding-mode masks.
for (const [op, s, l, so, lo] of [
  [0xb394, 'cefbr', 'cefbra', 'F1,R2', 'F1,M3,R2,M4'], [0xb395, 'cdfbr', 'cdfbra', 'F1,R2', 'F1,M3,R2,M4'],
  [0xb396, 'cxfbr', 'cxfbra', 'F1,R2', 'F1,M3,R2,M4'], [0xb3a4, 'cegbr', 'cegbra', 'F1,R2', 'F1,M3,R2,M4'],
  [0xb3a5, 'cdgbr', 'cdgbra', 'F1,R2', 'F1,M3,R2,M4'], [0xb3a6, 'cxgbr', 'cxgbra', 'F1,R2', 'F1,M3,R2,M4'],
  [0xb398, 'cfebr', 'cfebra', 'R1,M3,F2', 'R1,M3,F2,M4'], [0xb399, 'cfdbr', 'cfdbra', 'R1,M3,F2', 'R1,M3,F2,M4'],
  [0xb39a, 'cfxbr', 'cfxbra', 'R1,M3,F2', 'R1,M3,F2,M4'], [0xb3a8, 'cgebr', 'cgebra', 'R1,M3,F2', 'R1,M3,F2,M4'],
  [0xb3a9, 'cgdbr', 'cgdbra', 'R1,M3,F2', 'R1,M3,F2,M4'], [0xb3aa, 'cgxbr', 'cgxbra', 'R1,M3,F2', 'R1,M3,F2,M4'],
  [0xb357, 'fiebr', 'fiebra', 'F1,M3,F2', 'F1,M3,F2,M4'], [0xb35f, 'fidbr', 'fidbra', 'F1,M3,F2', 'F1,M3,F2,M4'],
  [0xb347, 'fixbr', 'fixbra', 'F1,M3,F2', 'F1,M3,F2,M4'],
  [0xb344, 'ledbr', 'ledbra', 'F1,F2', 'F1,M3,F2,M4'], [0xb345, 'ldxbr', 'ldxbra', 'F1,F2', 'F1,M3,F2,M4'],
  [0xb346, 'lexbr', 'lexbra', 'F1,F2', 'F1,M3,F2,M4'],
  [0xb3e1, 'cgdtr', 'cgdtra', 'R1,M3,F2', 'R1,M3,F2,M4'], [0xb3e9, 'cgxtr', 'cgxtra', 'R1,M3,F2', 'R1,M3,F2,M4'],
  [0xb3f1, 'cdgtr', 'cdgtra', 'F1,R2', 'F1,M3,R2,M4'], [0xb3f9, 'cxgtr', 'cxgtra', 'F1,R2', 'F1,M3,R2,M4'],
] as const) {
  // the short RRF forms that keep M3 only need M4 zero
  alt(op, so.includes('M3') ? ['m4'] : ['m3', 'm4'], [s, so], [l, lo]);
}
for (const [op, s, l] of [
  [0xb3d2, 'adtr', 'adtra'], [0xb3da, 'axtr', 'axtra'], [0xb3d1, 'ddtr', 'ddtra'], [0xb3d9, 'dxtr', 'dxtra'],
  [0xb3d0, 'mdtr', 'mdtra'], [0xb3d8, 'mxtr', 'mxtra'], [0xb3d3, 'sdtr', 'sdtra'], [0xb3db, 'sxtr', 'sxtra'],
] as const) {
  alt(op, ['m4'], [s, 'F1,F2,F3'], [l, 'F1,F2,F3,M4']);
}

/** Whole-instruction spellings for particular values of a raw field (vgbm 0 → vzero). */
interface ValueRule { bit: number; width: number; names: Record<number, [string, string]> }
const valueRules = new Map<number, ValueRule>();
valueRules.set(0xe744, { bit: 16, width: 16, names: { 0: ['vzero', 'V@8'], 0xffff: ['vone', 'V@8'] } });

// The unicode conversions keep their ESA/390 names while M3 is zero.
alt(0xb2a7, ['m3'], ['cutfu', 'R1,R2'], ['cu12', 'R1,R2,M3']);
alt(0xb2a6, ['m3'], ['cuutf', 'R1,R2'], ['cu21', 'R1,R2,M3']);

function vec(op: number, r: VecRule): void { vecRules.set(op, r); }
const BHFG = ['b', 'h', 'f', 'g'] as const;
const BHFGQ = ['b', 'h', 'f', 'g', 'q'] as const;
const BHF = ['b', 'h', 'f'] as const;
const RRR = 'V@8,V@12,V@16';
vec(0xe721, { base: 'vlgv', es: 32, names: BHFG, ops: 'R@8,V@12,D2(B2)', full: 'R@8,V@12,D2(B2),M@32' });
vec(0xe722, { base: 'vlvg', es: 32, names: BHFG, ops: 'V@8,R@12,D2(B2)', full: 'V@8,R@12,D2(B2),M@32' });
vec(0xe705, { base: 'vlrep', es: 32, names: BHFG, ops: 'V@8,D2(X2,B2)', full: 'V@8,D2(X2,B2),M@32' });
vec(0xe704, { base: 'vllez', es: 32, names: ['b', 'h', 'f', 'g', '', '', 'lf'], ops: 'V@8,D2(X2,B2)', full: 'V@8,D2(X2,B2),M@32' });
vec(0xe74d, { base: 'vrep', es: 32, names: BHFG, ops: 'V@8,V@12,I@16:16', full: 'V@8,V@12,I@16:16,M@32' });
vec(0xe745, { base: 'vrepi', es: 32, names: BHFG, ops: 'V@8,S@16:16', full: 'V@8,S@16:16,M@32' });
vec(0xe746, { base: 'vgm', es: 32, names: BHFG, ops: 'V@8,I@16:8,I@24:8', full: 'V@8,I@16:8,I@24:8,M@32' });
for (const [op, b] of [[0xe733, 'verll'], [0xe730, 'vesl'], [0xe73a, 'vesra'], [0xe738, 'vesrl']] as const) {
  vec(op, { base: b, es: 32, names: BHFG, ops: 'V@8,V@12,D2(B2)', full: 'V@8,V@12,D2(B2),M@32' });
}
for (const [op, b, names] of [[0xe761, 'vmrh', BHFG], [0xe760, 'vmrl', BHFG], [0xe7f3, 'va', BHFGQ], [0xe7f7, 'vs', BHFGQ],
  [0xe7fe, 'vmn', BHFG], [0xe7fc, 'vmnl', BHFG], [0xe7ff, 'vmx', BHFG], [0xe7fd, 'vmxl', BHFG],
  [0xe7f0, 'vavgl', BHFG], [0xe7f2, 'vavg', BHFG], [0xe7f1, 'vacc', BHFGQ], [0xe7f5, 'vscbi', BHFGQ],
  [0xe7a2, 'vml', ['b', 'hw', 'f']], [0xe7a3, 'vmh', BHF], [0xe7a1, 'vmlh', BHF], [0xe773, 'verllv', BHFG],
  [0xe770, 'veslv', BHFG], [0xe77a, 'vesrav', BHFG], [0xe778, 'vesrlv', BHFG]] as const) {
  vec(op, { base: b, es: 32, names, ops: RRR, full: RRR + ',M@32' });
}
for (const [op, b] of [[0xe7f8, 'vceq'], [0xe7fb, 'vch'], [0xe7f9, 'vchl']] as const) {
  vec(op, { base: b, es: 32, names: BHFG, ops: RRR, full: RRR + ',M@32,M@24', flags: 24, s: true, strict: true });
}
vec(0xe794, { base: 'vpk', es: 32, names: ['', 'h', 'f', 'g'], ops: RRR, full: RRR + ',M@32' });
for (const [op, b, names] of [[0xe7d7, 'vuph', BHF], [0xe7d5, 'vuplh', BHF], [0xe7d4, 'vupll', BHF],
  [0xe7d6, 'vupl', ['b', 'hw', 'f']], [0xe7db, 'vec', BHFG], [0xe7d9, 'vecl', BHFG], [0xe7de, 'vlc', BHFG],
  [0xe7df, 'vlp', BHFG], [0xe753, 'vclz', BHFG], [0xe752, 'vctz', BHFG], [0xe75f, 'vseg', BHF],
  [0xe750, 'vpopct', BHFG]] as const) {
  vec(op, { base: b, es: 32, names, ops: 'V@8,V@12', full: 'V@8,V@12,M@32' });
}
for (const [op, b, names] of [[0xe7aa, 'vmal', ['b', 'hw', 'f']], [0xe7ab, 'vmah', BHF], [0xe7a9, 'vmalh', BHF],
  [0xe7ae, 'vmae', BHF], [0xe7ac, 'vmale', BHF], [0xe7af, 'vmao', BHF], [0xe7ad, 'vmalo', BHF]] as const) {
  vec(op, { base: b, es: 20, names, ops: RRR + ',V@32', full: RRR + ',V@32,M@20' });
}
vec(0xe764, { base: 'vsum', es: 32, names: ['b', 'h'], ops: RRR, full: RRR + ',M@32' });
vec(0xe765, { base: 'vsumg', es: 32, names: ['', 'h', 'f'], ops: RRR, full: RRR + ',M@32' });
vec(0xe767, { base: 'vsumq', es: 32, names: ['', '', 'f', 'g'], ops: RRR, full: RRR + ',M@32' });
for (const [op, b] of [[0xe7a4, 'vmle'], [0xe7a5, 'vmlo'], [0xe7a6, 'vme'], [0xe7a7, 'vmo']] as const) {
  vec(op, { base: b, es: 32, names: BHF, ops: RRR, full: RRR + ',M@32' });
}
vec(0xe7b8, { base: 'vmsl', es: 20, names: ['', '', '', 'g'], ops: RRR + ',V@32,M@24', full: RRR + ',V@32,M@20,M@24' });
vec(0xe7b4, { base: 'vgfm', es: 32, names: BHFG, ops: RRR, full: RRR + ',M@32' });
vec(0xe7bc, { base: 'vgfma', es: 20, names: BHFG, ops: RRR + ',V@32', full: RRR + ',V@32,M@20' });
for (const [op, b] of [[0xe7bb, 'vac'], [0xe7b9, 'vaccc'], [0xe7bf, 'vsbi'], [0xe7bd, 'vsbcbi']] as const) {
  vec(op, { base: b, es: 20, names: ['', '', '', '', 'q'], ops: RRR + ',V@32', full: RRR + ',V@32,M@20' });
}
vec(0xe772, { base: 'verim', es: 32, names: BHFG, ops: RRR + ',I@24:8', full: RRR + ',I@24:8,M@32' });
vec(0xe797, { base: 'vpks', es: 32, names: ['', 'h', 'f', 'g'], ops: RRR, full: RRR + ',M@32,M@24', flags: 24, s: true, strict: true });
vec(0xe795, { base: 'vpkls', es: 32, names: ['', 'h', 'f', 'g'], ops: RRR, full: RRR + ',M@32,M@24', flags: 24, s: true, strict: true });
vec(0xe674, { base: 'vschp', es: 32, names: ['', '', '=vschsp', '=vschdp', '=vschxp'], ops: RRR + ',M@24', full: RRR + ',M@32,M@24' });
const MEMX = 'V@8,D2(X2,B2)';
for (const [op, b, names] of [[0xe604, 'vllebrz', ['', 'h', 'f', '=ldrv', '', '', '=lerv']],
  [0xe605, 'vlbrrep', ['', 'h', 'f', 'g']], [0xe606, 'vlbr', ['', 'h', 'f', 'g', 'q']], [0xe607, 'vler', ['', 'h', 'f', 'g']],
  [0xe60a, 'vstebrg', ['=stdrv']], [0xe60b, 'vstebrf', ['=sterv']],
  [0xe60e, 'vstbr', ['', 'h', 'f', 'g', 'q']], [0xe60f, 'vster', ['', 'h', 'f', 'g']]] as const) {
  vec(op, { base: b, es: 32, names, ops: MEMX, full: MEMX + ',M@32' });
}
vec(0xe780, { base: 'vfee', es: 32, names: BHF, ops: RRR, full: RRR + ',M@32,M@24?', flags: 24, z: true, s: true });
vec(0xe781, { base: 'vfene', es: 32, names: BHF, ops: RRR, full: RRR + ',M@32,M@24?', flags: 24, z: true, s: true });
vec(0xe782, { base: 'vfae', es: 32, names: BHF, ops: RRR, full: RRR + ',M@32,M@24?', flags: 24, z: true, s: true, rest: true });
vec(0xe75c, { base: 'vistr', es: 32, names: BHF, ops: 'V@8,V@12', full: 'V@8,V@12,M@32,M@24?', flags: 24, s: true });
vec(0xe78a, { base: 'vstrc', es: 20, names: BHF, ops: RRR + ',V@32', full: RRR + ',V@32,M@20,M@24?', flags: 24, z: true, s: true, rest: true });
vec(0xe78b, { base: 'vstrs', es: 20, names: BHF, ops: RRR + ',V@32', full: RRR + ',V@32,M@20,M@24?', flags: 24, z: true });

// ---------------------------------------------------------------------------------------

/**
 * Vector floating point: `v|w` + stem + `sb|db|xb` from the format field and the
 * single-element flag (8 → w); extended format only as a single element. `sub` names the
 * operation of VFPSO (complement, negative, positive) by its M5 value.
 */
interface FpRule {
  stem: string;
  fmt: number;
  single: number;
  ops: string;
  sub?: { bit: number; names: Record<number, string> };
  /** compares: the stem when the M5 bit 4 (signalling) is set */
  kStem?: string;
  /** compares: the CS flag field; 1 adds an `s` suffix, other non-zero values need the base form */
  cs?: number;
  /** WFC/WFK: always single element, the w is part of the name and M4 must be zero */
  wOnly?: boolean;
  /**
   * Conversions and rounding: the name after v/w per format value (instead of stem +
   * sb/db/xb); formats in `wFormats` exist only as single element. With `loose`, the
   * single-element field may hold other flags, which `ops` prints (as M@b&7).
   */
  forms?: Record<number, string>;
  wFormats?: number[];
  loose?: boolean;
}
const fpRules = new Map<number, FpRule>();
const FP_NAMES: Record<number, string> = { 2: 'sb', 3: 'db', 4: 'xb' };
for (const [op, stem] of [[0xe7e3, 'fa'], [0xe7e2, 'fs'], [0xe7e7, 'fm'], [0xe7e5, 'fd']] as const) {
  fpRules.set(op, { stem, fmt: 32, single: 28, ops: 'V@8,V@12,V@16' });
}
fpRules.set(0xe7ce, { stem: 'fsq', fmt: 32, single: 28, ops: 'V@8,V@12' });
for (const [op, stem] of [[0xe78f, 'fma'], [0xe78e, 'fms'], [0xe79f, 'fnma'], [0xe79e, 'fnms']] as const) {
  fpRules.set(op, { stem, fmt: 20, single: 28, ops: 'V@8,V@12,V@16,V@32' });
}
fpRules.set(0xe7cc, { stem: 'fpso', fmt: 32, single: 28, ops: 'V@8,V@12', sub: { bit: 24, names: { 0: 'flc', 1: 'fln', 2: 'flp' } } });
for (const [op, stem, k] of [[0xe7e8, 'fce', 'fke'], [0xe7eb, 'fch', 'fkh'], [0xe7ea, 'fche', 'fkhe']] as const) {
  fpRules.set(op, { stem, fmt: 32, single: 28, ops: 'V@8,V@12,V@16', kStem: k, cs: 24 });
}
for (const [op, e, d] of [[0xe7c3, 'cefb', 'cdgb'], [0xe7c1, 'celfb', 'cdlgb'], [0xe7c2, 'cfeb', 'cgdb'], [0xe7c0, 'clfeb', 'clgdb']] as const) {
  fpRules.set(op, { stem: '', fmt: 32, single: 28, ops: 'V@8,V@12,M@28&7,M@24', forms: { 2: e, 3: d }, loose: true });
}
fpRules.set(0xe7c7, { stem: '', fmt: 32, single: 28, ops: 'V@8,V@12,M@28&7,M@24', forms: { 2: 'fisb', 3: 'fidb', 4: 'fixb' }, wFormats: [4], loose: true });
fpRules.set(0xe7c5, { stem: '', fmt: 32, single: 28, ops: 'V@8,V@12,M@28&7,M@24', forms: { 3: 'flrd', 4: 'flrx' }, wFormats: [4], loose: true });
fpRules.set(0xe7c4, { stem: '', fmt: 32, single: 28, ops: 'V@8,V@12', forms: { 2: 'flls', 3: 'flld' }, wFormats: [3] });
fpRules.set(0xe74a, { stem: 'ftci', fmt: 32, single: 28, ops: 'V@8,V@12,I@16:12' });
fpRules.set(0xe7ee, { stem: 'fmin', fmt: 32, single: 28, ops: 'V@8,V@12,V@16,M@24' });
fpRules.set(0xe7ef, { stem: 'fmax', fmt: 32, single: 28, ops: 'V@8,V@12,V@16,M@24' });
fpRules.set(0xe7cb, { stem: 'fc', fmt: 32, single: 28, ops: 'V@8,V@12', wOnly: true });
fpRules.set(0xe7ca, { stem: 'fk', fmt: 32, single: 28, ops: 'V@8,V@12', wOnly: true });

function fpChoose(def: InsnDef, r: FpRule, i: Insn): [string, string] {
  const fv = rawBits(i.w0, i.w1, r.fmt, 4);
  const f = FP_NAMES[fv];
  let w = rawBits(i.w0, i.w1, r.single, 4);
  const base: [string, string] = [def.mn, opsOf(def)];
  if (r.forms) {
    const name = r.forms[fv];
    if (name === undefined) return base;
    if (!r.loose && w !== 0 && w !== 8) return base;
    const single = (w & 8) !== 0;
    if (!single && r.wFormats?.includes(fv)) return base;
    return [(single ? 'w' : 'v') + name, r.ops];
  }
  if (f === undefined) return base;
  if (r.wOnly) return w === 0 ? ['w' + r.stem + f, r.ops] : base;
  let stem = r.stem;
  if (r.kStem && (w & 4) !== 0) { stem = r.kStem; w &= ~4; }
  if ((w !== 0 && w !== 8) || (f === 'xb' && w === 0)) return base;
  const pre = w === 8 ? 'w' : 'v';
  if (r.cs !== undefined) {
    const cs = rawBits(i.w0, i.w1, r.cs, 4);
    if (cs > 1) return base;
    return [pre + stem + f + (cs === 1 ? 's' : ''), r.ops];
  }
  if (r.sub) {
    const name = r.sub.names[rawBits(i.w0, i.w1, r.sub.bit, 4)];
    if (name) return [pre + name + f, r.ops];
    return [pre + stem + f, r.ops + `,M@${r.sub.bit}`];
  }
  return [pre + stem + f, r.ops];
}

const compiled = new Map<string, Operand[]>();
function ops(fmt: Format, spec: string): Operand[] {
  const key = fmt + '|' + spec;
  let c = compiled.get(key);
  if (!c) { c = compile(fmt, spec); compiled.set(key, c); }
  return c;
}

const shadowOps = new Map<number, InsnDef>();
for (const r of SHADOWED_EXTRA) shadowOps.set(r.op, r);

/** The operand spec a row prints with (see the header comment for the precedence). */
export function opsOf(def: InsnDef): string {
  // A shadowed extra row is checked against objdump and spells register classes (%f,
  // %a, %c, %v), which family rows' `ops` (operand order only) do not, so it comes first.
  const sh = shadowOps.get(def.op);
  if (sh && sh.ops !== undefined && sameLayout(sh, def)) return sh.ops;
  if (def.ops !== undefined) return def.ops;
  return DEFAULT_OPS[def.fmt];
}

/**
 * Whether the shadowed row's operand spec reads the same bits under the family row's
 * format (RRF-a and RRF-b, say, place their fields alike); a family row with a layout
 * that differs keeps its own spec, so a wrong format shows up as a mismatch.
 */
const layoutOk = new Map<InsnDef, boolean>();
function sameLayout(sh: InsnDef, def: InsnDef): boolean {
  if (sh.fmt === def.fmt) return true;
  let ok = layoutOk.get(def);
  if (ok === undefined) {
    try {
      const a = compile(sh.fmt, sh.ops!);
      const b = compile(def.fmt, sh.ops!);
      const same = (x?: Src, y?: Src) => x?.bit === y?.bit && x?.width === y?.width;
      ok = a.length === b.length && a.every((o, k) => {
        const q = b[k]!;
        return same(o.src, q.src) && same(o.base, q.base) && same(o.disp, q.disp) && same(o.inner?.src, q.inner?.src);
      });
    } catch {
      ok = false;
    }
    layoutOk.set(def, ok);
  }
  return ok;
}

function rawBits(w0: number, w1: number, bit: number, width: number): number {
  // the instruction as a 48-bit big-endian value: w0 = bits 0-31, w1 = bits 32-47
  if (bit + width <= 32) return (w0 >>> (32 - bit - width)) & ((1 << width) - 1);
  if (bit >= 32) return (w1 >>> (48 - bit - width)) & ((1 << width) - 1);
  const lo = bit + width - 32;
  return (((w0 & ((1 << (32 - bit)) - 1)) << lo) | (w1 >>> (16 - lo))) >>> 0;
}

function val(src: Src, i: Insn): number {
  if (src.field !== '') return (i as unknown as Record<string, number>)[src.field]!;
  const v = rawBits(i.w0, i.w1, src.bit, src.width);
  return src.mask === undefined ? v : v & src.mask;
}

/** Vector register number: four bits plus the RXB bit for the field's position. */
function vreg(src: Src, i: Insn): number {
  const n = val(src, i);
  const rxb = (i.w1 >>> 8) & 15;
  const k = src.bit === 8 ? 8 : src.bit === 12 ? 4 : src.bit === 16 ? 2 : src.bit === 32 ? 1 : 0;
  return (rxb & k) !== 0 ? n + 16 : n;
}

/** An address as objdump prints it: targets below zero wrap in the 64-bit space. */
function hex64(a: number): string {
  if (a >= 0) return '0x' + a.toString(16);
  // exact in halves: a is a small negative integer, far from 2^53
  const lo = ((a % 2 ** 32) + 2 ** 32) % 2 ** 32;
  const hi = (Math.floor(a / 2 ** 32) + 2 ** 32) % 2 ** 32;
  return '0x' + hi.toString(16) + lo.toString(16).padStart(8, '0');
}

function fmtOperand(o: Operand, i: Insn, addr: number): string {
  switch (o.kind) {
    case K.Reg:
      return '%' + o.cls + (o.cls === 'v' ? vreg(o.src, i) : val(o.src, i));
    case K.Unsigned:
      return String(val(o.src, i));
    case K.Signed: {
      const v = val(o.src, i);
      const sh = 32 - o.src.width;
      return String(o.src.field !== '' && o.src.width === 32 ? v | 0 : (v << sh) >> sh);
    }
    case K.Rel: {
      let ri = val(o.src, i);
      // decoded ri fields are already signed; a raw bit range is not
      if (o.src.field === '') ri = ri >= 2 ** (o.src.width - 1) ? ri - 2 ** o.src.width : ri;
      return hex64(addr + ri * 2);
    }
    case K.Mem: {
      const d = val(o.disp!, i);
      const b = val(o.base!, i);
      const inner = o.inner;
      if (inner) {
        const x = val(inner.src, i);
        const xs = inner.length ? String(x + 1) : inner.cls === 'v' ? '%v' + vreg(inner.src, i) : '%r' + x;
        const xz = inner.cls === 'v' ? vreg(inner.src, i) === 0 : x === 0;
        if (inner.always) return `${d}(${xs},%r${b})`;
        if (xz && b === 0) return String(d);
        if (xz) return `${d}(%r${b})`;
        return `${d}(${xs},%r${b})`;
      }
      return b === 0 ? String(d) : `${d}(%r${b})`;
    }
  }
}

function operands(list: Operand[], i: Insn, addr: number): string {
  let n = list.length;
  while (n > 0 && list[n - 1]!.optional && isZero(list[n - 1]!, i)) n--;
  let s = '';
  for (let k = 0; k < n; k++) {
    if (k > 0) s += ',';
    s += fmtOperand(list[k]!, i, addr);
  }
  return s;
}

function isZero(o: Operand, i: Insn): boolean {
  if (o.kind === K.Mem) return val(o.disp!, i) === 0 && val(o.base!, i) === 0 && (!o.inner || val(o.inner.src, i) === 0);
  return val(o.src, i) === 0;
}

function line(mn: string, text: string): string {
  return text === '' ? mn : mn + '\t' + text;
}

const scratch = new Insn();

/** The mnemonic and operand spec objdump uses for a decoded instruction. */
function choose(def: InsnDef, i: Insn): [string, string] {
  const c = condRules.get(def.op);
  if (c) {
    const m = val(condSrc(def, c), i);
    const sp = c.special?.[m];
    if (sp) return sp;
    const suf = c.table === 'cond' ? COND[m]! : CMP[m] ?? '';
    if (suf !== '') return [c.pre + suf + (c.post ?? ''), c.ops];
    return [def.mn, opsOf(def)];
  }
  const a = altRules.get(def.op);
  if (a) {
    const rec = i as unknown as Record<string, number>;
    return a.zero.every((f) => rec[f] === 0) ? a.short : a.long;
  }
  const f = flagRules.get(def.op);
  if (f) {
    const rec = i as unknown as Record<string, number>;
    if ((rec[f.field]! & f.mask) === f.value) {
      rec[f.field] = rec[f.field]! & ~f.flag;
      return [f.mn, opsOf(def)];
    }
  }
  const v = vecRules.get(def.op);
  if (v) return vecChoose(v, i);
  const fp = fpRules.get(def.op);
  if (fp) return fpChoose(def, fp, i);
  const sv = valueRules.get(def.op);
  if (sv) {
    const hit = sv.names[rawBits(i.w0, i.w1, sv.bit, sv.width)];
    if (hit) return hit;
  }
  return [def.mn, opsOf(def)];
}

const condSrcs = new Map<InsnDef, Src>();
function condSrc(def: InsnDef, c: CondRule): Src {
  let s = condSrcs.get(def);
  if (!s) { s = fieldSrc(def.fmt, c.m, c.m); condSrcs.set(def, s); }
  return s;
}

function vecChoose(v: VecRule, i: Insn): [string, string] {
  const es = rawBits(i.w0, i.w1, v.es, 4);
  const name = v.names[es] ?? '';
  if (name === '') return [v.base, v.full];
  // '=name' spells the whole mnemonic (vllebrz with M3 6 is lerv)
  if (name.startsWith('=')) return [name.slice(1), v.ops];
  if (v.flags === undefined) return [v.base + name, v.ops];
  const fl = rawBits(i.w0, i.w1, v.flags, 4);
  const flagOp = `,M@${v.flags}`;
  if (v.rest === true) {
    // ZS and CS fold into the mnemonic; the other flag bits stay an optional operand
    const z = v.z === true && (fl & 2) !== 0;
    const s = v.s === true && (fl & 1) !== 0;
    const left = fl & ~((z ? 2 : 0) | (s ? 1 : 0));
    return [v.base + (z ? 'z' : '') + name + (s ? 's' : ''), v.ops + (left === 0 ? '' : `,#${left}`)];
  }
  // exact flag values have their own spelling; anything else prints the flags field
  if (fl === 0) return [v.base + name, v.ops];
  if (fl === 1 && v.s === true) return [v.base + name + 's', v.ops];
  if (fl === 2 && v.z === true) return [v.base + 'z' + name, v.ops];
  if (fl === 3 && v.z === true && v.s === true) return [v.base + 'z' + name + 's', v.ops];
  return v.strict === true ? [v.base, v.full] : [v.base + name, v.ops + flagOp];
}

/**
 * Disassemble one instruction: w0 = bytes 0-3, w1 = bytes 4-5 (zero-padded for shorter
 * instructions), at address `addr` (for relative targets). Returns objdump's text:
 * mnemonic, a tab, operands. An opcode outside the table gives `.long 0x...` as objdump
 * prints undecodable words.
 */
export function disassemble(w0: number, w1: number, addr: number): string {
  const i = decode(w0 >>> 0, w1 & 0xffff, scratch);
  if (i.row < 0) return `.long\t0x${(w0 >>> 0).toString(16).padStart(8, '0')}`;
  const def = rowDef(i.row);
  const rz = reservedMask(i.row, def);
  if (((w0 & rz[0]!) | (w1 & rz[1]!)) !== 0) return `.long\t0x${(w0 >>> 0).toString(16).padStart(8, '0')}`;
  const [mn, spec] = choose(def, i);
  const hashAt = spec.indexOf(',#');
  if (hashAt >= 0) {
    // vecChoose appends ',#n' for remaining flag bits: a computed value, not a field
    return line(mn, operands(ops(def.fmt, spec.slice(0, hashAt)), i, addr) + ',' + spec.slice(hashAt + 2));
  }
  return line(mn, operands(ops(def.fmt, spec), i, addr));
}

// binutils matches an opcode only when the bits its operands do not cover are zero and
// prints `.long` otherwise; those are the bits outside the opcode and the fields the
// disassembler reads (bitsUsed), except a few places binutils' masks leave unchecked,
// found by comparing with objdump on the 18 MB of the decompressed kernel image: the RXB
// field of vector instructions, M4 of RRF-a and of the RRF-b rows with only general
// registers (not DFP's IEDTR/IEXTR), bits 36-39 of RIE-b/RIE-d and 32-39 of RIE-e,
// and bits 8-15 of the one-byte-opcode S instructions (SSM, LPSW, TS).
const reservedMasks: Uint32Array[] = [];
function reservedMask(row: number, def: InsnDef): Uint32Array {
  let m = reservedMasks[row];
  if (m) return m;
  const b0 = def.op > 0xff ? def.op >>> 8 : def.op;
  const len = (b0 >>> 6) === 0 ? 2 : (b0 >>> 6) === 3 ? 6 : 4;
  const free = new Uint8Array(48);
  for (let b = 8; b < len * 8; b++) free[b] = 1;
  const clear = (bit: number, width: number) => { for (let b = bit; b < bit + width; b++) free[b] = 0; };
  if (def.op > 0xff) {
    switch (extKind(b0)) {
      case 'byte1': clear(8, 8); break;
      case 'nib1': clear(12, 4); break;
      case 'byte5': clear(40, 8); break;
      default: break;
    }
  }
  const used = bitsUsed(def);
  for (const [bit, width] of used) clear(bit, width);
  if (used.some(([bit]) => bit >= 36 && bit < 40)) clear(36, 4);
  const gprOnly = !/[FACV]/.test(used.length ? opsOf(def) : '');
  if (def.fmt === 'RRF-a' || (def.fmt === 'RRF-b' && gprOnly)) clear(20, 4);
  if (def.fmt === 'RIE-b') clear(36, 4);
  if (def.fmt === 'RIE-e') clear(32, 8);
  if (def.fmt === 'RIE-d') clear(36, 4);
  if (def.fmt === 'S' && def.op <= 0xff) clear(8, 8);
  m = new Uint32Array(2);
  for (let b = 0; b < 32; b++) if (free[b]) m[0] = (m[0]! | (1 << (31 - b))) >>> 0;
  for (let b = 32; b < 48; b++) if (free[b]) m[1] = m[1]! | (1 << (47 - b));
  reservedMasks[row] = m;
  return m;
}

/** One line of a whole-buffer disassembly. */
export interface DisasmLine {
  addr: number;
  len: number;
  text: string;
}

/**
 * Disassemble a whole buffer of code loaded at `base`, walking instruction lengths the
 * way objdump does: an undecodable opcode consumes four bytes as `.long` (two as
 * `.short` at the very end).
 */
export function disassembleBuffer(bytes: Uint8Array, base: number, start = 0, end = bytes.length): DisasmLine[] {
  const out: DisasmLine[] = [];
  let p = start;
  while (p < end) {
    const left = end - p;
    const b = (k: number) => (p + k < end ? bytes[p + k]! : 0);
    const w0 = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
    const len = (b(0) >>> 6) === 0 ? 2 : (b(0) >>> 6) === 3 ? 6 : 4;
    // Only the instruction's own bytes take part in decoding and the reserved-bit check.
    const text = len > left ? '.long' : disassemble(len === 2 ? w0 & 0xffff0000 : w0, len === 6 ? (b(4) << 8) | b(5) : 0, base + p);
    if (!text.startsWith('.long')) {
      out.push({ addr: base + p, len, text });
      p += len;
    } else if (left >= 4) {
      // objdump steps over a word it cannot decode whatever the length code says
      out.push({ addr: base + p, len: 4, text: `.long\t0x${w0.toString(16).padStart(8, '0')}` });
      p += 4;
    } else if (left >= 2) {
      out.push({ addr: base + p, len: 2, text: `.short\t0x${(w0 >>> 16).toString(16).padStart(4, '0')}` });
      p += 2;
    } else {
      out.push({ addr: base + p, len: 1, text: `.byte\t0x${b(0).toString(16).padStart(2, '0')}` });
      p += 1;
    }
  }
  return out;
}

/**
 * The raw bit ranges (PoP bit, width) that the disassembler reads for a row: the
 * operands of every spelling it may choose, the mask of an extended mnemonic and the RXB
 * field of vector rows. Tests use it to generate encodings that exercise exactly those.
 */
export function bitsUsed(def: InsnDef): Array<[number, number, boolean]> {
  // [bit, width, is a register number]
  const out: Array<[number, number, boolean]> = [];
  const add = (src: Src | undefined, reg = false) => {
    // a 20-bit displacement is DL (12 bits at `bit`) plus DH (bits 32-39)
    if (src) out.push(src.width === 20 ? [src.bit, 12, false] : [src.bit, src.width, reg]);
    if (src?.width === 20) out.push([32, 8, false]);
  };
  const specs = [opsOf(def)];
  const c = condRules.get(def.op);
  if (c) { add(condSrc(def, c)); specs.push(c.ops); }
  const a = altRules.get(def.op);
  if (a) specs.push(a.short[1], a.long[1]);
  const v = vecRules.get(def.op);
  if (v) { out.push([v.es, 4, false]); if (v.flags !== undefined) out.push([v.flags, 4, false]); specs.push(v.ops, v.full); }
  const sv = valueRules.get(def.op);
  if (sv) out.push([sv.bit, sv.width, false]);
  const fp = fpRules.get(def.op);
  if (fp) {
    out.push([fp.fmt, 4, false], [fp.single, 4, false]);
    specs.push(fp.ops);
    if (fp.sub) out.push([fp.sub.bit, 4, false]);
    if (fp.cs !== undefined) out.push([fp.cs, 4, false]);
  }
  for (const spec of specs) {
    for (const o of ops(def.fmt, spec)) {
      if (o.kind === K.Mem) { add(o.disp); add(o.base, true); add(o.inner?.src, o.inner !== undefined && !o.inner.length); }
      else add(o.src, o.kind === K.Reg);
      // the RXB bit that extends this vector register
      const vsrc = o.cls === 'v' ? o.src : o.inner?.cls === 'v' ? o.inner.src : undefined;
      if (vsrc) out.push([vsrc.bit === 8 ? 36 : vsrc.bit === 12 ? 37 : vsrc.bit === 16 ? 38 : 39, 1, false]);
    }
  }
  return out;
}
