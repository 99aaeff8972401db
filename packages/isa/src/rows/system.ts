// Privileged and control instructions (PSW, control registers, DAT, storage keys, clocks,
// I/O, SIGP, DIAGNOSE) plus other rows the disassembler must know. Their semantics land
// with the privileged architecture; until then executing one is an operation exception.
import { type InsnDef } from '../table.ts';

export const system: InsnDef[] = [];
