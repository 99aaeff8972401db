// Instruction formats of z/Architecture (Principles of Operation, chapter 5).
//
// A format fixes the instruction length and where each operand field sits. Bit numbers
// below count from 0 at the most significant bit of the first instruction byte, as the
// PoP does. Field extraction is driven by FIELDS so the decoder, the disassembler, the
// interpreter and the JIT agree on one description.

export const FORMATS = [
  'E', 'I', 'IE', 'MII',
  'RI-a', 'RI-b', 'RI-c',
  'RIE-a', 'RIE-b', 'RIE-c', 'RIE-d', 'RIE-e', 'RIE-f', 'RIE-g',
  'RIL-a', 'RIL-b', 'RIL-c',
  'RIS',
  'RR', 'RRD', 'RRE',
  'RRF-a', 'RRF-b', 'RRF-c', 'RRF-d', 'RRF-e',
  'RRS',
  'RS-a', 'RS-b', 'RSI', 'RSL-a', 'RSL-b', 'RSY-a', 'RSY-b',
  'RX-a', 'RX-b', 'RXE', 'RXF', 'RXY-a', 'RXY-b',
  'S', 'SI', 'SIL', 'SIY', 'SMI',
  'SS-a', 'SS-b', 'SS-c', 'SS-d', 'SS-e', 'SS-f',
  'SSE', 'SSF',
] as const;

export type Format = (typeof FORMATS)[number];

/**
 * Names of the decoded fields. One mutable object of this shape carries a decoded
 * instruction (see Insn in decode.ts); a format sets only the fields it has.
 *
 * Conventions:
 *  - r*, x2, b*: register numbers 0..15; m*: 4-bit masks; l*: length fields as encoded
 *    (that is, operand length minus one).
 *  - d*: displacements. 12-bit ones are unsigned; the 20-bit ones of the *Y formats
 *    (DL + DH) are already sign-extended.
 *  - i*: immediates, raw and unsigned as encoded (the instruction's semantics decide
 *    whether to sign-extend; use s8/s16/s32 from decode.ts).
 *  - ri*: relative-immediate operands in halfwords, already sign-extended.
 */
export type Field =
  | 'r1' | 'r2' | 'r3'
  | 'm1' | 'm3' | 'm4' | 'm5'
  | 'x2' | 'b1' | 'b2' | 'b4'
  | 'd1' | 'd2' | 'd4'
  | 'i1' | 'i2' | 'i3' | 'i4' | 'i5'
  | 'ri2' | 'ri3' | 'ri4'
  | 'l1' | 'l2';

/** How a field is encoded: start bit, width in bits, and the kind of value. */
export interface FieldSpec {
  name: Field;
  bit: number;
  width: number;
  /** 'u' unsigned, 's' signed (relative immediates), 'dl' 20-bit long displacement */
  kind: 'u' | 's' | 'dl';
}

const u = (name: Field, bit: number, width: number): FieldSpec => ({ name, bit, width, kind: 'u' });
const s = (name: Field, bit: number, width: number): FieldSpec => ({ name, bit, width, kind: 's' });
// A long displacement is DL (12 bits at `bit`) plus DH (8 bits at bit 32), signed.
const dl = (name: Field, bit: number): FieldSpec => ({ name, bit, width: 20, kind: 'dl' });

/** Field layout of every format. Opcode bits are not listed. */
export const FIELDS: Record<Format, readonly FieldSpec[]> = {
  E: [],
  I: [u('i1', 8, 8)],
  IE: [u('i1', 24, 4), u('i2', 28, 4)],
  MII: [u('m1', 8, 4), s('ri2', 12, 12), s('ri3', 24, 24)],
  'RI-a': [u('r1', 8, 4), u('i2', 16, 16)],
  'RI-b': [u('r1', 8, 4), s('ri2', 16, 16)],
  'RI-c': [u('m1', 8, 4), s('ri2', 16, 16)],
  'RIE-a': [u('r1', 8, 4), u('i2', 16, 16), u('m3', 32, 4)],
  'RIE-b': [u('r1', 8, 4), u('r2', 12, 4), s('ri4', 16, 16), u('m3', 32, 4)],
  'RIE-c': [u('r1', 8, 4), u('m3', 12, 4), s('ri4', 16, 16), u('i2', 32, 8)],
  'RIE-d': [u('r1', 8, 4), u('r3', 12, 4), u('i2', 16, 16)],
  'RIE-e': [u('r1', 8, 4), u('r3', 12, 4), s('ri2', 16, 16)],
  'RIE-f': [u('r1', 8, 4), u('r2', 12, 4), u('i3', 16, 8), u('i4', 24, 8), u('i5', 32, 8)],
  'RIE-g': [u('r1', 8, 4), u('m3', 12, 4), u('i2', 16, 16)],
  'RIL-a': [u('r1', 8, 4), u('i2', 16, 32)],
  'RIL-b': [u('r1', 8, 4), s('ri2', 16, 32)],
  'RIL-c': [u('m1', 8, 4), s('ri2', 16, 32)],
  RIS: [u('r1', 8, 4), u('m3', 12, 4), u('b4', 16, 4), u('d4', 20, 12), u('i2', 32, 8)],
  RR: [u('r1', 8, 4), u('r2', 12, 4)],
  RRD: [u('r1', 16, 4), u('r3', 24, 4), u('r2', 28, 4)],
  RRE: [u('r1', 24, 4), u('r2', 28, 4)],
  'RRF-a': [u('r3', 16, 4), u('m4', 20, 4), u('r1', 24, 4), u('r2', 28, 4)],
  'RRF-b': [u('r3', 16, 4), u('m4', 20, 4), u('r1', 24, 4), u('r2', 28, 4)],
  'RRF-c': [u('m3', 16, 4), u('r1', 24, 4), u('r2', 28, 4)],
  'RRF-d': [u('m4', 20, 4), u('r1', 24, 4), u('r2', 28, 4)],
  'RRF-e': [u('m3', 16, 4), u('m4', 20, 4), u('r1', 24, 4), u('r2', 28, 4)],
  RRS: [u('r1', 8, 4), u('r2', 12, 4), u('b4', 16, 4), u('d4', 20, 12), u('m3', 32, 4)],
  'RS-a': [u('r1', 8, 4), u('r3', 12, 4), u('b2', 16, 4), u('d2', 20, 12)],
  'RS-b': [u('r1', 8, 4), u('m3', 12, 4), u('b2', 16, 4), u('d2', 20, 12)],
  RSI: [u('r1', 8, 4), u('r3', 12, 4), s('ri2', 16, 16)],
  'RSL-a': [u('l1', 8, 4), u('b1', 16, 4), u('d1', 20, 12)],
  'RSL-b': [u('l2', 8, 8), u('b2', 16, 4), u('d2', 20, 12), u('r1', 32, 4), u('m3', 36, 4)],
  'RSY-a': [u('r1', 8, 4), u('r3', 12, 4), u('b2', 16, 4), dl('d2', 20)],
  'RSY-b': [u('r1', 8, 4), u('m3', 12, 4), u('b2', 16, 4), dl('d2', 20)],
  'RX-a': [u('r1', 8, 4), u('x2', 12, 4), u('b2', 16, 4), u('d2', 20, 12)],
  'RX-b': [u('m1', 8, 4), u('x2', 12, 4), u('b2', 16, 4), u('d2', 20, 12)],
  RXE: [u('r1', 8, 4), u('x2', 12, 4), u('b2', 16, 4), u('d2', 20, 12), u('m3', 32, 4)],
  RXF: [u('r3', 8, 4), u('x2', 12, 4), u('b2', 16, 4), u('d2', 20, 12), u('r1', 32, 4)],
  'RXY-a': [u('r1', 8, 4), u('x2', 12, 4), u('b2', 16, 4), dl('d2', 20)],
  'RXY-b': [u('m1', 8, 4), u('x2', 12, 4), u('b2', 16, 4), dl('d2', 20)],
  S: [u('b2', 16, 4), u('d2', 20, 12)],
  SI: [u('i2', 8, 8), u('b1', 16, 4), u('d1', 20, 12)],
  SIL: [u('b1', 16, 4), u('d1', 20, 12), u('i2', 32, 16)],
  SIY: [u('i2', 8, 8), u('b1', 16, 4), dl('d1', 20)],
  SMI: [u('m1', 8, 4), u('b1', 16, 4), u('d1', 20, 12), s('ri2', 32, 16)],
  'SS-a': [u('l1', 8, 8), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  'SS-b': [u('l1', 8, 4), u('l2', 12, 4), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  'SS-c': [u('l1', 8, 4), u('i3', 12, 4), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  'SS-d': [u('r1', 8, 4), u('r3', 12, 4), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  'SS-e': [u('r1', 8, 4), u('r3', 12, 4), u('b2', 16, 4), u('d2', 20, 12), u('b4', 32, 4), u('d4', 36, 12)],
  'SS-f': [u('l2', 8, 8), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  SSE: [u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
  SSF: [u('r3', 8, 4), u('b1', 16, 4), u('d1', 20, 12), u('b2', 32, 4), u('d2', 36, 12)],
};

/** Instruction length in bytes, from the two high bits of the first byte. */
export function insnLength(byte0: number): 2 | 4 | 6 {
  const k = byte0 >>> 6;
  return k === 0 ? 2 : k === 3 ? 6 : 4;
}

/** Formats whose fields include a storage operand (base register + displacement). */
export function hasStorageOperand(fmt: Format): boolean {
  return FIELDS[fmt].some((f) => f.name === 'b1' || f.name === 'b2' || f.name === 'b4');
}

/**
 * Where the opcode extension of instructions with first byte `b0` sits, if any:
 *  - 'byte1': the second byte (bits 8-15), e.g. B2xx, B9xx
 *  - 'nib1':  bits 12-15, e.g. A7x, C0x
 *  - 'byte5': the sixth byte (bits 40-47), e.g. E3xx, EBxx
 *  - 'none':  the first byte alone is the opcode
 */
export type ExtKind = 'none' | 'byte1' | 'nib1' | 'byte5';

export function extKind(b0: number): ExtKind {
  switch (b0) {
    case 0x01: case 0xa4: case 0xa6: case 0xb2: case 0xb3: case 0xb9: case 0xe5:
      return 'byte1';
    case 0xa5: case 0xa7: case 0xc0: case 0xc2: case 0xc4: case 0xc6: case 0xc8: case 0xcc:
      return 'nib1';
    case 0xe3: case 0xe6: case 0xe7: case 0xeb: case 0xec: case 0xed:
      return 'byte5';
    default:
      return 'none';
  }
}

/**
 * Opcode number of a table row, in QEMU's convention: a one-byte opcode is the byte
 * itself; an extended opcode is `b0 << 8 | ext`, where ext is the second or sixth byte, or
 * the four-bit extension for nib1 families.
 */
export function opcodeOf(b0: number, b1: number, b5: number): number {
  switch (extKind(b0)) {
    case 'none': return b0;
    case 'byte1': return (b0 << 8) | b1;
    case 'nib1': return (b0 << 8) | (b1 & 0x0f);
    case 'byte5': return (b0 << 8) | b5;
  }
}
