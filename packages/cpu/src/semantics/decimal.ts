// Semantics of the decimal instructions (see packages/isa/src/rows/decimal.ts).
import type { Semantics } from '../cpu.ts';

export const decimal: Semantics = {};
