// The instruction table: one row per instruction, the single source of truth for the
// decoder, the disassembler, the interpreter's handler table and the JIT's emitter table.
//
// Rows live in rows/<family>.ts so that each family (general, branch/string, decimal,
// BFP, system) can be read and extended on its own; TABLE concatenates them.

import { hasStorageOperand, type Format } from './formats.ts';

/** Row flags. */
export const F = {
  /** Privileged: a privileged-operation exception in the problem state. */
  PRIV: 1 << 0,
  /** Semiprivileged: allowed in the problem state subject to control-register checks. */
  SEMI: 1 << 1,
  /** May change the instruction address other than sequentially (branches, EX, SVC, LPSW). */
  BRANCH: 1 << 2,
  /** Ends a translated block even if it does not branch (PSW/state changes, SVC, EX). */
  END: 1 << 3,
  /** Accesses storage operands (derived from the format; set explicitly for implicit ones). */
  MEM: 1 << 4,
  /** May raise a program interruption other than an access exception (overflow, divide,
   * specification, data, BFP). */
  TRAP: 1 << 5,
  /** Sets the condition code. */
  CC: 1 << 6,
  /** Reads the condition code (conditional branches, load/store on condition, ALC, SLB). */
  USECC: 1 << 7,
} as const;

export interface InsnDef {
  /** Opcode in QEMU's convention, see opcodeOf() in formats.ts. */
  op: number;
  /** Machine mnemonic as in the Principles of Operation (lower case); unique per row. */
  mn: string;
  fmt: Format;
  /** Flags from F; MEM is added automatically for formats with storage operands. */
  flags: number;
  /** STFLE facility bit that must be installed, or -1 for the base architecture. */
  fac: number;
  /**
   * Operand syntax for the disassembler when it differs from the format's default order,
   * e.g. 'R1,R3,R2,M4'. See disasm.ts.
   */
  ops?: string;
}

/** Facility bits (STFLE) used by table rows. */
export const FAC = {
  BASE: -1,
  N3: 0, // z/Architecture instructions marked N3 (also in ESA/390 mode)
  ZARCH: 1,
  DAT_ENH: 3,
  STFLE: 7,
  EDAT1: 8,
  SENSE_RUNNING: 9,
  COND_SSKE: 10,
  IDTE: 4,
  ASN_LX_REUSE: 6,
  MSA: 17,
  LONG_DISP: 18,
  LONG_DISP_HP: 19,
  HFP_MADDSUB: 20,
  EXT_IMM: 21,
  ETF3_ENH: 22,
  HFP_UNNORM: 23,
  ETF2_ENH: 24,
  STCKF: 25,
  PARSING_ENH: 26,
  MVCOS: 27,
  TOD_STEER: 28,
  ETF3: 30,
  EXTRACT_CPU_TIME: 31,
  CSST: 32,
  CSST2: 33,
  GEN_EXT: 34,
  EXECUTE_EXT: 35,
  ENH_MONITOR: 36,
  FP_EXT: 37,
  ORDER_PRESERVING_COMPRESSION: 38,
  SET_PROG_PARAM: 40,
  FPS_ENH: 41, // floating-point-support enhancement (LGDR, LDGR, CPSDR, ...)
  DFP: 42,
  DFP_HP: 43,
  PFPO: 44,
  Z196: 45, // distinct-operands, fast-BCR-serialization, high-word, interlocked-access 1,
  //           load/store-on-condition 1, population-count
  CMPSC_ENH: 47,
  DFP_ZONED: 48,
  MISC_INSN_EXT: 49, // execution-hint, load-and-trap, misc-instruction-ext, PPA
  CONSTRAINED_TX: 50,
  LOCAL_TLB_CLEAR: 51,
  INTERLOCKED_ACCESS_2: 52,
  LOAD_STORE_ON_COND_2: 53,
  ENTROPY_ENC: 54,
  MSA5: 57,
  MISC_INSN_EXT_2: 58,
  TX: 73,
  STHYI: 74,
  ACCESS_EXCEPT_FS: 75,
  MSA3: 76,
  MSA4: 77,
  EDAT2: 78,
  DFP_PACKED_CONV: 80,
  VECTOR: 129,
} as const;

/** Shorthand for writing rows: R(op, mnemonic, format, flags?, facility?, ops?). */
export function R(op: number, mn: string, fmt: Format, flags = 0, fac: number = FAC.BASE, ops?: string): InsnDef {
  const row: InsnDef = { op, mn, fmt, flags: hasStorageOperand(fmt) ? flags | F.MEM : flags, fac };
  if (ops !== undefined) row.ops = ops;
  return row;
}
