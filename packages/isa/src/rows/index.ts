import type { InsnDef } from '../table.ts';
import { bfp } from './bfp.ts';
import { control } from './control.ts';
import { decimal } from './decimal.ts';
import { extra } from './extra.ts';
import { general } from './general.ts';
import { system } from './system.ts';

/** Rows owned by the instruction families; an opcode appears at most once among them. */
const FAMILY: readonly InsnDef[] = [...general, ...control, ...decimal, ...bfp, ...system];

// rows/extra.ts holds rows no family owns plus stand-ins for family rows not written yet.
// A family row always wins: an extra row whose opcode a family row already uses is dropped
// here, so extra.ts can never trip the decoder's duplicate-opcode check and its stand-ins
// disappear by themselves as the families land their rows.
const familyOps = new Set(FAMILY.map((r) => r.op));

/** The whole instruction table: all family rows, then the extra rows no family shadows. */
export const TABLE: readonly InsnDef[] = [...FAMILY, ...extra.filter((r) => !familyOps.has(r.op))];

/**
 * Extra rows shadowed by a family row with the same opcode. They never decode; the
 * disassembler reads their binutils operand syntax (see disasm.ts).
 */
export const SHADOWED_EXTRA: readonly InsnDef[] = extra.filter((r) => familyOps.has(r.op));
