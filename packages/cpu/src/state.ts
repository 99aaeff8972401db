// Layout of the one WebAssembly.Memory that holds the architected state of every CPU and
// the guest's main storage. The interpreter reads it through typed-array views, the JIT
// through wasm loads and stores at these offsets, so both see the same bytes.
//
// Registers are kept in host (little-endian) order so that a wasm i64.load of GPR n is
// its value; main storage is kept in guest (big-endian) order, byte for byte.

/** Bytes of per-CPU state (registers, TLB); CPU k's block starts at k * CPU_STATE_SIZE. */
export const CPU_STATE_SIZE = 0x10000;
/** CPUs the layout has room for. */
export const MAX_CPUS = 8;
/** Offset of guest absolute address 0 in the memory. */
export const RAM_BASE = CPU_STATE_SIZE * MAX_CPUS;

/** Offsets inside one CPU's state block. */
export const OFF = {
  /** 16 general registers, 8 bytes each, little-endian (low word first). */
  GPR: 0x000,
  /** 16 floating-point registers, 8 bytes each, little-endian as a float64 would be. */
  FPR: 0x080,
  /** 16 access registers, 4 bytes each. */
  AR: 0x100,
  /** 16 control registers, 8 bytes each, little-endian. */
  CR: 0x140,
  /** Floating-point-control register. */
  FPC: 0x1c0,
  /** Software TLB, see memory.ts. */
  TLB: 0x1000,
  /** The JIT's chain cache (8 KiB; its layout is the JIT's, codegen.ts CHAIN_LINES). */
  JIT_CHAIN: 0xd000,
} as const;

/** Entries of each software TLB (must be a power of two). */
export const TLB_ENTRIES = 1024;

const PAGE = 65536;

/** Create the memory for `ramBytes` of guest storage (a multiple of 1 MiB). */
export function createMemory(ramBytes: number, shared = false): WebAssembly.Memory {
  if (!Number.isInteger(ramBytes) || ramBytes <= 0 || ramBytes % (1 << 20) !== 0) {
    throw new RangeError(`guest storage size must be a positive multiple of 1 MiB, got ${ramBytes}`);
  }
  const pages = (RAM_BASE + ramBytes) / PAGE;
  if (pages > 65536) throw new RangeError(`guest storage of ${ramBytes} bytes exceeds the 4 GiB a wasm memory can hold`);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared } as WebAssembly.MemoryDescriptor);
}
