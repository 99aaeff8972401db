// Address layout and record formats shared by the oracle harness (the s390x program the
// generator assembles and runs under qemu-s390x) and the ztab side of the differential
// test. Both sides must place the instruction and the scratch buffer at the same logical
// addresses, because link addresses, relative targets and effective addresses are part
// of what is compared.

/** Harness code (prologue, prep, save paths, signal handler). Below 16 MiB so that it
 * still runs after an instruction under test switches to the 24-bit addressing mode. */
export const TEXT_BASE = 0x100000;
/** Case blocks: one CASE_STRIDE-byte block per case. */
export const CASES_BASE = 0x400000;
export const CASE_STRIDE = 64;
/** Offset of the instruction under test inside its block. */
export const INSN_OFF = 18;
/** Offset of the branch landing pad inside its block. */
export const LAND_OFF = 40;
/** Scratch buffer for storage operands: two pages, with unmapped pages on both sides. */
export const BUF = 0x800000;
export const BUF_SIZE = 0x2000;
/** Harness data (inputs, patterns, output staging), at most DATA_SIZE bytes. */
export const DATA_BASE = 0xa00000;
export const DATA_SIZE = 0xff000;
/**
 * End of the oracle's program image: a doubleword linked just below it keeps the image
 * the same size for every batch.
 */
export const IMAGE_END = 0xb00000;
/**
 * qemu-user reserves the span of the program image and leaves what no section fills
 * inaccessible: an access to such a hole is SIGSEGV/SEGV_ACCERR, while outside the span
 * it is SEGV_MAPERR (measured with the harness binaries; qemu's brk area past the image
 * is not reached by any case).
 */
export const RESERVED_END = IMAGE_END;
/** Largest batch: the case blocks must stay below BUF and the inputs fit the data. */
export const MAX_BATCH_CASES = 2000;

/** Bytes of the buffer compared per dirty-chunk test. */
export const CHUNK = 256;
export const CHUNKS = BUF_SIZE / CHUNK;

/** Number of fixed buffer patterns; each case starts from one of them plus two patches. */
export const PATTERNS = 4;
export const PATCH_LEN = 16;

/** Input record (big-endian) consumed by the harness's prep routine, one per case. */
export const IN = {
  GPR: 0, // 16 x 8
  FPR: 128, // 16 x 8
  AR: 256, // 16 x 4
  FPC: 320,
  CCPM: 324, // SPM operand: cc in bits 2-3 (of the low word), program mask in bits 4-7
  PAT: 328,
  P1OFF: 332,
  P2OFF: 336,
  P1: 340,
  P2: 356,
  SIZE: 384,
} as const;

/** Output record written to stdout by the harness, one per case. */
export const OUT = {
  CASE: 0,
  KIND: 4, // 0 fall-through, 1 branched to the landing pad, 2 signal
  SIGNO: 8,
  SICODE: 12,
  SIADDR: 16,
  PSWADDR: 24,
  PSWMASK: 32, // signal: the 64-bit PSW mask; otherwise IPM word, then IPM word after TAM
  GPR: 40,
  FPR: 168,
  AR: 296,
  FPC: 360,
  MASK: 364, // dirty chunks, chunk i is bit (31 - i)
  SIZE: 368, // followed by the dirty chunks, CHUNK bytes each
} as const;

export const KIND_FALL = 0;
export const KIND_LAND = 1;
export const KIND_SIGNAL = 2;

export function caseAddr(base: number, k: number): number {
  return base + k * CASE_STRIDE;
}
