// Semantics of binary floating point and the FPC instructions
// (see packages/isa/src/rows/bfp.ts).
import type { Semantics } from '../cpu.ts';

export const bfp: Semantics = {};
