// Decimal (packed and zoned) instructions, conversions between binary and decimal, and
// the edit instructions.
import { type InsnDef } from '../table.ts';

export const decimal: InsnDef[] = [];
