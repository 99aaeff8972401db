// Decoder derived from the table: opcode lookup and operand-field extraction.
//
// An instruction is handled as two words: w0 = bytes 0..3 (big-endian, for a two-byte
// instruction bytes 2..3 are zero) and w1 = bytes 4..5. Field extraction has a hand-
// unrolled fast path per format (extract) and a generic one driven by FIELDS
// (extractGeneric); decode.test.ts proves they agree for every format.

import { FIELDS, FORMATS, extKind, insnLength, opcodeOf, type Field, type Format } from './formats.ts';
import { TABLE } from './rows/index.ts';
import type { InsnDef } from './table.ts';

/** A decoded instruction. One object is reused by the interpreter, so never keep it. */
export class Insn {
  /** Index of the row in TABLE, or -1 when the opcode is not in the table. */
  row = -1;
  len = 2;
  w0 = 0;
  w1 = 0;
  r1 = 0; r2 = 0; r3 = 0;
  m1 = 0; m3 = 0; m4 = 0; m5 = 0;
  x2 = 0; b1 = 0; b2 = 0; b4 = 0;
  d1 = 0; d2 = 0; d4 = 0;
  i1 = 0; i2 = 0; i3 = 0; i4 = 0; i5 = 0;
  ri2 = 0; ri3 = 0; ri4 = 0;
  l1 = 0; l2 = 0;
}

export const s8 = (v: number): number => (v << 24) >> 24;
export const s16 = (v: number): number => (v << 16) >> 16;
export const s32 = (v: number): number => v | 0;

/** Numeric id of each format, the index in FORMATS. */
export const FMT_ID: Record<Format, number> = Object.fromEntries(FORMATS.map((f, i) => [f, i])) as Record<Format, number>;

// Opcode lookup: the first byte selects either a row directly or a 256-entry secondary
// table indexed by the extension byte (nibble families use only 16 entries).
const NONE = -1;
const primary = new Int32Array(256).fill(NONE);
const secondary: Int32Array[] = [];
const rowFmt = new Int32Array(TABLE.length);
const byOp = new Map<number, number>();

for (let i = 0; i < TABLE.length; i++) {
  const def = TABLE[i]!;
  if (byOp.has(def.op)) throw new Error(`instruction table: opcode 0x${def.op.toString(16)} appears twice (${def.mn})`);
  byOp.set(def.op, i);
  rowFmt[i] = FMT_ID[def.fmt];
  const b0 = def.op > 0xff ? def.op >>> 8 : def.op;
  const kind = extKind(b0);
  if ((kind === 'none') !== (def.op <= 0xff)) {
    throw new Error(`instruction table: ${def.mn} opcode 0x${def.op.toString(16)} does not fit the extension rule of first byte 0x${b0.toString(16)}`);
  }
  if (insnLength(b0) !== formatLength(def.fmt)) {
    throw new Error(`instruction table: ${def.mn} has format ${def.fmt} but its first byte implies length ${insnLength(b0)}`);
  }
  if (kind === 'none') {
    primary[b0] = i;
  } else {
    if (primary[b0] === NONE) {
      primary[b0] = -2 - secondary.length;
      secondary.push(new Int32Array(256).fill(NONE));
    }
    secondary[-2 - primary[b0]!]![def.op & 0xff] = i;
  }
}

/** Length of instructions of a format, from the format's layout. */
export function formatLength(fmt: Format): number {
  switch (fmt) {
    case 'E': case 'I': case 'RR': return 2;
    case 'MII': case 'RIE-a': case 'RIE-b': case 'RIE-c': case 'RIE-d': case 'RIE-e': case 'RIE-f':
    case 'RIE-g': case 'RIL-a': case 'RIL-b': case 'RIL-c': case 'RIS': case 'RRS': case 'RSL-a':
    case 'RSL-b': case 'RSY-a': case 'RSY-b': case 'RXE': case 'RXF': case 'RXY-a': case 'RXY-b':
    case 'SIL': case 'SIY': case 'SMI': case 'SS-a': case 'SS-b': case 'SS-c': case 'SS-d':
    case 'SS-e': case 'SS-f': case 'SSE': case 'SSF':
      return 6;
    default:
      return 4;
  }
}

/** Row index for an instruction whose first byte is b0, second b1 and sixth b5; -1 if none. */
export function lookup(b0: number, b1: number, b5: number): number {
  const p = primary[b0]!;
  if (p >= NONE) return p;
  const t = secondary[-2 - p]!;
  switch (extKind(b0)) {
    case 'byte1': return t[b1]!;
    case 'nib1': return t[b1 & 0x0f]!;
    default: return t[b5]!;
  }
}

/** Row index for an opcode number (QEMU convention), or -1. */
export function rowOfOpcode(op: number): number {
  return byOp.get(op) ?? NONE;
}

/** The table row for a row index. */
export function rowDef(row: number): InsnDef {
  return TABLE[row]!;
}

/**
 * Decode the instruction in (w0, w1) into `out`: row, length and operand fields. An
 * opcode missing from the table gives row -1 and only the length.
 */
export function decode(w0: number, w1: number, out: Insn): Insn {
  const b0 = w0 >>> 24;
  const row = lookup(b0, (w0 >>> 16) & 0xff, w1 & 0xff);
  out.row = row;
  out.len = insnLength(b0);
  out.w0 = w0;
  out.w1 = w1;
  if (row >= 0) extract(rowFmt[row]!, w0, w1, out);
  return out;
}

const dl20 = (w0: number, w1: number): number => (((w1 >>> 8) << 24) >> 12) | ((w0 & 0xfff));

/** Fast per-format field extraction; fmt is a FMT_ID value. */
export function extract(fmt: number, w0: number, w1: number, o: Insn): void {
  const n1 = (w0 >>> 20) & 15; // bits 8-11
  const n2 = (w0 >>> 16) & 15; // bits 12-15
  switch (fmt) {
    case 0: /* E */ return;
    case 1: /* I */ o.i1 = (w0 >>> 16) & 0xff; return;
    case 2: /* IE */ o.i1 = (w0 >>> 4) & 15; o.i2 = w0 & 15; return;
    case 3: /* MII */ o.m1 = n1; o.ri2 = ((w0 << 12) >> 20); o.ri3 = ((((w0 & 0xff) << 16) | w1) << 8) >> 8; return;
    case 4: /* RI-a */ o.r1 = n1; o.i2 = w0 & 0xffff; return;
    case 5: /* RI-b */ o.r1 = n1; o.ri2 = (w0 << 16) >> 16; return;
    case 6: /* RI-c */ o.m1 = n1; o.ri2 = (w0 << 16) >> 16; return;
    case 7: /* RIE-a */ o.r1 = n1; o.i2 = w0 & 0xffff; o.m3 = w1 >>> 12; return;
    case 8: /* RIE-b */ o.r1 = n1; o.r2 = n2; o.ri4 = (w0 << 16) >> 16; o.m3 = w1 >>> 12; return;
    case 9: /* RIE-c */ o.r1 = n1; o.m3 = n2; o.ri4 = (w0 << 16) >> 16; o.i2 = w1 >>> 8; return;
    case 10: /* RIE-d */ o.r1 = n1; o.r3 = n2; o.i2 = w0 & 0xffff; return;
    case 11: /* RIE-e */ o.r1 = n1; o.r3 = n2; o.ri2 = (w0 << 16) >> 16; return;
    case 12: /* RIE-f */ o.r1 = n1; o.r2 = n2; o.i3 = (w0 >>> 8) & 0xff; o.i4 = w0 & 0xff; o.i5 = w1 >>> 8; return;
    case 13: /* RIE-g */ o.r1 = n1; o.m3 = n2; o.i2 = w0 & 0xffff; return;
    case 14: /* RIL-a */ o.r1 = n1; o.i2 = (((w0 & 0xffff) << 16) | w1) >>> 0; return;
    case 15: /* RIL-b */ o.r1 = n1; o.ri2 = ((w0 & 0xffff) << 16) | w1; return;
    case 16: /* RIL-c */ o.m1 = n1; o.ri2 = ((w0 & 0xffff) << 16) | w1; return;
    case 17: /* RIS */ o.r1 = n1; o.m3 = n2; o.b4 = (w0 >>> 12) & 15; o.d4 = w0 & 0xfff; o.i2 = w1 >>> 8; return;
    case 18: /* RR */ o.r1 = (w0 >>> 20) & 15; o.r2 = (w0 >>> 16) & 15; return;
    case 19: /* RRD */ o.r1 = (w0 >>> 12) & 15; o.r3 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 20: /* RRE */ o.r1 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 21: /* RRF-a */
    case 22: /* RRF-b */ o.r3 = (w0 >>> 12) & 15; o.m4 = (w0 >>> 8) & 15; o.r1 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 23: /* RRF-c */ o.m3 = (w0 >>> 12) & 15; o.r1 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 24: /* RRF-d */ o.m4 = (w0 >>> 8) & 15; o.r1 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 25: /* RRF-e */ o.m3 = (w0 >>> 12) & 15; o.m4 = (w0 >>> 8) & 15; o.r1 = (w0 >>> 4) & 15; o.r2 = w0 & 15; return;
    case 26: /* RRS */ o.r1 = n1; o.r2 = n2; o.b4 = (w0 >>> 12) & 15; o.d4 = w0 & 0xfff; o.m3 = w1 >>> 12; return;
    case 27: /* RS-a */ o.r1 = n1; o.r3 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; return;
    case 28: /* RS-b */ o.r1 = n1; o.m3 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; return;
    case 29: /* RSI */ o.r1 = n1; o.r3 = n2; o.ri2 = (w0 << 16) >> 16; return;
    case 30: /* RSL-a */ o.l1 = n1; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; return;
    case 31: /* RSL-b */ o.l2 = (w0 >>> 16) & 0xff; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; o.r1 = w1 >>> 12; o.m3 = (w1 >>> 8) & 15; return;
    case 32: /* RSY-a */ o.r1 = n1; o.r3 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = dl20(w0, w1); return;
    case 33: /* RSY-b */ o.r1 = n1; o.m3 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = dl20(w0, w1); return;
    case 34: /* RX-a */ o.r1 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; return;
    case 35: /* RX-b */ o.m1 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; return;
    case 36: /* RXE */ o.r1 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; o.m3 = w1 >>> 12; return;
    case 37: /* RXF */ o.r3 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; o.r1 = w1 >>> 12; return;
    case 38: /* RXY-a */ o.r1 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = dl20(w0, w1); return;
    case 39: /* RXY-b */ o.m1 = n1; o.x2 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = dl20(w0, w1); return;
    case 40: /* S */ o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; return;
    case 41: /* SI */ o.i2 = (w0 >>> 16) & 0xff; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; return;
    case 42: /* SIL */ o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.i2 = w1; return;
    case 43: /* SIY */ o.i2 = (w0 >>> 16) & 0xff; o.b1 = (w0 >>> 12) & 15; o.d1 = dl20(w0, w1); return;
    case 44: /* SMI */ o.m1 = n1; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.ri2 = (w1 << 16) >> 16; return;
    case 45: /* SS-a */ o.l1 = (w0 >>> 16) & 0xff; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 46: /* SS-b */ o.l1 = n1; o.l2 = n2; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 47: /* SS-c */ o.l1 = n1; o.i3 = n2; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 48: /* SS-d */ o.r1 = n1; o.r3 = n2; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 49: /* SS-e */ o.r1 = n1; o.r3 = n2; o.b2 = (w0 >>> 12) & 15; o.d2 = w0 & 0xfff; o.b4 = w1 >>> 12; o.d4 = w1 & 0xfff; return;
    case 50: /* SS-f */ o.l2 = (w0 >>> 16) & 0xff; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 51: /* SSE */ o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
    case 52: /* SSF */ o.r3 = n1; o.b1 = (w0 >>> 12) & 15; o.d1 = w0 & 0xfff; o.b2 = w1 >>> 12; o.d2 = w1 & 0xfff; return;
  }
}

/** Read `width` bits starting at PoP bit `bit` of the 48-bit instruction (w0, w1). */
function bits(w0: number, w1: number, bit: number, width: number): number {
  let v = 0;
  for (let b = bit; b < bit + width; b++) {
    const x = b < 32 ? (w0 >>> (31 - b)) & 1 : (w1 >>> (47 - b)) & 1;
    v = v * 2 + x;
  }
  return v;
}

/** Field extraction straight from FIELDS; slow, the reference for extract(). */
export function extractGeneric(fmt: Format, w0: number, w1: number): Partial<Record<Field, number>> {
  const out: Partial<Record<Field, number>> = {};
  for (const f of FIELDS[fmt]) {
    if (f.kind === 'dl') {
      const lo = bits(w0, w1, f.bit, 12);
      const hi = bits(w0, w1, 32, 8);
      out[f.name] = (hi >= 128 ? hi - 256 : hi) * 4096 + lo;
    } else {
      const v = bits(w0, w1, f.bit, f.width);
      out[f.name] = f.kind === 's' && v >= 2 ** (f.width - 1) ? v - 2 ** f.width : v;
    }
  }
  return out;
}

export { opcodeOf };
