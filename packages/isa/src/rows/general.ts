// General instructions: loads and stores, binary integer arithmetic, logical operations,
// comparisons, shifts and rotates, and the z196 additions (distinct-operands, high-word,
// interlocked-access 1, load/store-on-condition, population-count).
import { F, FAC, R, type InsnDef } from '../table.ts';

const { CC, TRAP } = F;

export const general: InsnDef[] = [
  R(0x18, 'lr', 'RR'),
  R(0x1a, 'ar', 'RR', CC | TRAP),
  R(0xb9f8, 'ark', 'RRF-a', CC | TRAP, FAC.Z196),
  R(0x58, 'l', 'RX-a'),
  R(0xe304, 'lg', 'RXY-a', 0, FAC.ZARCH),
];
