// Program-interruption codes (PoP, "Program-Interruption Conditions").

export const PGM = {
  OPERATION: 0x01,
  PRIVILEGED: 0x02,
  EXECUTE: 0x03,
  PROTECTION: 0x04,
  ADDRESSING: 0x05,
  SPECIFICATION: 0x06,
  DATA: 0x07,
  FIXED_OVERFLOW: 0x08,
  FIXED_DIVIDE: 0x09,
  DECIMAL_OVERFLOW: 0x0a,
  DECIMAL_DIVIDE: 0x0b,
  HFP_EXP_OVERFLOW: 0x0c,
  HFP_EXP_UNDERFLOW: 0x0d,
  HFP_SIGNIFICANCE: 0x0e,
  HFP_DIVIDE: 0x0f,
  SEGMENT_TRANSLATION: 0x10,
  PAGE_TRANSLATION: 0x11,
  TRANSLATION_SPEC: 0x12,
  SPECIAL_OPERATION: 0x13,
  OPERAND: 0x15,
  TRACE_TABLE: 0x16,
  SPACE_SWITCH: 0x1c,
  HFP_SQRT: 0x1d,
  ALET_SPEC: 0x28,
  ALEN_TRANSLATION: 0x29,
  ALE_SEQUENCE: 0x2a,
  ASTE_VALIDITY: 0x2b,
  ASTE_SEQUENCE: 0x2c,
  EXTENDED_AUTHORITY: 0x2d,
  STACK_FULL: 0x30,
  STACK_EMPTY: 0x31,
  STACK_SPEC: 0x32,
  STACK_TYPE: 0x33,
  STACK_OPERATION: 0x34,
  ASCE_TYPE: 0x38,
  REGION_FIRST: 0x39,
  REGION_SECOND: 0x3a,
  REGION_THIRD: 0x3b,
  MONITOR_EVENT: 0x40,
  PER: 0x80,
} as const;

/**
 * Whether an interruption with this code nullifies the instruction (the old PSW points at
 * it) rather than suppressing or completing it (the old PSW points past it). Only the
 * DAT translation exceptions nullify, as in QEMU.
 */
export function nullifies(code: number): boolean {
  switch (code & 0x7f) {
    case PGM.SEGMENT_TRANSLATION: case PGM.PAGE_TRANSLATION: case PGM.ASCE_TYPE:
    case PGM.REGION_FIRST: case PGM.REGION_SECOND: case PGM.REGION_THIRD:
      return true;
    default:
      return false;
  }
}

/** Data-exception codes (DXC) placed in the FPC and the lowcore. */
export const DXC = {
  DECIMAL_OPERAND: 0x00,
  SIMULATED_IEEE_INEXACT: 0x04,
  IEEE_INEXACT_TRUNCATED: 0x08,
  IEEE_INEXACT_INCREMENTED: 0x0c,
  IEEE_UNDERFLOW_EXACT: 0x10,
  IEEE_UNDERFLOW_INEXACT_TRUNCATED: 0x18,
  IEEE_UNDERFLOW_INEXACT_INCREMENTED: 0x1c,
  IEEE_OVERFLOW_EXACT: 0x20,
  IEEE_OVERFLOW_INEXACT_TRUNCATED: 0x28,
  IEEE_OVERFLOW_INEXACT_INCREMENTED: 0x2c,
  IEEE_DIVIDE_BY_ZERO: 0x40,
  IEEE_INVALID: 0x80,
  AFP_REGISTER: 0x01,
  BFP_INSTRUCTION: 0x02,
  DFP_INSTRUCTION: 0x03,
  COMPARE_AND_TRAP: 0xff,
} as const;
