export * from './formats.ts';
export * from './table.ts';
export * from './decode.ts';
export { TABLE } from './rows/index.ts';
export { disassemble, disassembleBuffer } from './disasm.ts';
