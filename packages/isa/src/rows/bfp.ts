// Binary floating point in short, long and extended formats, the floating-point-register
// moves and sign operations, and the FPC register instructions.
import { type InsnDef } from '../table.ts';

export const bfp: InsnDef[] = [];
