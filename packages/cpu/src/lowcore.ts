// The prefix area ("lowcore") and the control-register bits the CPU itself acts on.
//
// Offsets are those of the z/Architecture PoP's "Assigned storage locations" (the same
// numbers Linux spells __LC_* in arch/s390/include/asm/lowcore.h). The CPU stores
// interruption information there through the prefix, as absolute addresses
// prefix + offset, without DAT, keys or low-address protection.

export const LC = {
  /** External-interruption parameter (service signal: SCCB address). */
  EXT_PARAMS: 0x80,
  /** CPU address of the source of an emergency signal / external call. */
  EXT_CPU_ADDR: 0x84,
  EXT_INT_CODE: 0x86,
  /** Halfword: ILC in bits 13-14, i.e. the instruction length in bytes. */
  SVC_ILC: 0x88,
  SVC_CODE: 0x8a,
  PGM_ILC: 0x8c,
  PGM_CODE: 0x8e,
  /** Word; the DXC is its last byte (location 147). */
  DATA_EXC_CODE: 0x90,
  MON_CLASS: 0x94,
  PER_CODE: 0x96,
  PER_ADDRESS: 0x98,
  EXC_ACCESS_ID: 0xa0,
  PER_ACCESS_ID: 0xa1,
  OP_ACCESS_ID: 0xa2,
  /** Translation-exception identification, 8 bytes. */
  TEID: 0xa8,
  MONITOR_CODE: 0xb0,
  SUBCHANNEL_ID: 0xb8,
  IO_INT_PARM: 0xbc,
  IO_INT_WORD: 0xc0,
  /** STFL stores the first 32 facility bits here. */
  STFL_FAC_LIST: 0xc8,
  BREAKING_EVENT_ADDR: 0x110,
  RESTART_OLD_PSW: 0x120,
  EXTERNAL_OLD_PSW: 0x130,
  SVC_OLD_PSW: 0x140,
  PROGRAM_OLD_PSW: 0x150,
  MCCK_OLD_PSW: 0x160,
  IO_OLD_PSW: 0x170,
  RESTART_NEW_PSW: 0x1a0,
  EXTERNAL_NEW_PSW: 0x1b0,
  SVC_NEW_PSW: 0x1c0,
  PROGRAM_NEW_PSW: 0x1d0,
  MCCK_NEW_PSW: 0x1e0,
  IO_NEW_PSW: 0x1f0,
  /** Store-status save areas (absolute 0x1200.. for the z/Architecture format). */
  FPREGS_SAVE: 0x1200,
  GPREGS_SAVE: 0x1280,
  PSW_SAVE: 0x1300,
  PREFIX_SAVE: 0x1318,
  FPC_SAVE: 0x131c,
  TODPREG_SAVE: 0x1324,
  TIMER_SAVE: 0x1328,
  CKC_SAVE: 0x1330,
  ACRS_SAVE: 0x1340,
  CREGS_SAVE: 0x1380,
} as const;

/** External-interruption codes. */
export const EXT = {
  CLOCK_COMPARATOR: 0x1004,
  CPU_TIMER: 0x1005,
  EMERGENCY_SIGNAL: 0x1201,
  EXTERNAL_CALL: 0x1202,
  SERVICE_SIGNAL: 0x2401,
} as const;

/**
 * Bits of control register 0 in its low word (CR0 bit n is 1 << (63 - n)); `cr[0]` holds
 * bits 32-63.
 */
export const CR0 = {
  /** Bit 35: low-address protection. */
  LAP: 0x10000000,
  /** Bit 38: fetch-protection override. */
  FETCH_OVERRIDE: 0x02000000,
  /** Bit 39: storage-protection override. */
  STORE_OVERRIDE: 0x01000000,
  /** Bit 40: enhanced-DAT enablement (EDAT-1 large pages, region/segment protection). */
  EDAT: 0x00800000,
  /** Bit 45: AFP-register control. */
  AFP: 0x00040000,
  /** Bit 49: emergency-signal subclass mask. */
  EMERGENCY: 0x4000,
  /** Bit 50: external-call subclass mask. */
  EXTERNAL_CALL: 0x2000,
  /** Bit 52: clock-comparator subclass mask. */
  CKC: 0x0800,
  /** Bit 53: CPU-timer subclass mask. */
  CPU_TIMER: 0x0400,
  /** Bit 54: service-signal subclass mask. */
  SERVICE: 0x0200,
} as const;

/** ASCE bits in its low word. */
export const ASCE = {
  ORIGIN: 0xfffff000,
  PRIVATE: 0x100,
  REAL: 0x20,
  /** Designation type, bits 60-61. */
  DT: 0x0c,
  TL: 0x03,
} as const;

/** Storage-key byte layout, as ISKE returns it: ACC in bits 0-3, then F, R, C. */
export const SK = {
  ACC: 0xf0,
  F: 0x08,
  R: 0x04,
  C: 0x02,
} as const;
