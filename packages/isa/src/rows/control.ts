// Branches, EXECUTE, SVC, condition-code and addressing-mode instructions, and the
// storage-to-storage families: move/compare/translate, the long and string forms, the
// Unicode conversions, checksum, compare-and-swap and its relatives.
import { F, FAC, R, type InsnDef } from '../table.ts';

const { BRANCH, END, USECC } = F;

export const control: InsnDef[] = [
  R(0xa704, 'brc', 'RI-c', BRANCH | END | USECC),
  R(0x0a, 'svc', 'I', BRANCH | END),
  R(0xc000, 'larl', 'RIL-b', 0, FAC.N3),
];
