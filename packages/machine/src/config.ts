// What a machine is built from. Only host-neutral types: the CLI (Node) and the browser
// worker each supply backends for disks, network, console and entropy.

import type { BlockBackend, EntropyBackend, NetBackend } from '@ztab/devices';
import { MAX_CPUS } from '@ztab/cpu';
import type { JitOptions } from '@ztab/jit';

export interface MachineConfig {
  /** Guest storage in MiB (a whole number, 1..4095). */
  memoryMiB: number;
  /** CPUs (1..MAX_CPUS of the state layout). */
  cpus: number;
  /** The kernel file's bytes: a Linux boot image (vmlinuz), an ELF file, or an IPL image. */
  kernel: Uint8Array;
  initrd?: Uint8Array;
  /** Kernel command line (Linux kernels only). */
  cmdline: string;
  /** One virtio-blk device per backend, in order (devno 0.0.0001 onwards, after the NIC). */
  drives: BlockBackend[];
  /** A guest reboot ends the run (exit status 0) instead of re-IPLing. */
  noReboot?: boolean;
  /** virtio-net's port; null or absent: the NIC is present with its link down. */
  net?: NetBackend | null;
  /** virtio-net's MAC address; QEMU's default first NIC address when absent. */
  mac?: Uint8Array;
  /** Idle sleeps last at least this long when a timer is what will end them (ms; default 25, 0 for exact timers). */
  idleSlackMs?: number;
  /** Random bytes for virtio-rng; crypto.getRandomValues when absent. */
  entropy?: EntropyBackend;
  /**
   * Translate hot guest code to WebAssembly (default true). The JIT (binaryen) loads in
   * the background; the interpreter runs until it is ready. false: the interpreter alone.
   */
  jit?: boolean;
  /**
   * Guest memory in a SharedArrayBuffer (a browser page must be cross-origin isolated for
   * that), so that other threads can see it; default false.
   */
  sharedMemory?: boolean;
  /** Tuning for the JIT (thresholds, cache bound, cross-check mode); see @ztab/jit. */
  jitOptions?: JitOptions;
  /**
   * Milliseconds the JIT may take to load (default 120 s); past that, jitReady settles,
   * jitError says so and the interpreter goes on alone.
   */
  jitLoadTimeoutMs?: number;
}

/** QEMU's default MAC for the first NIC (52:54:00:12:34:56). */
export const DEFAULT_MAC = Uint8Array.of(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);

/** A configuration the machine cannot be built from; one line of text. */
export class ConfigError extends Error {}

export function checkConfig(c: MachineConfig): void {
  if (!Number.isInteger(c.memoryMiB) || c.memoryMiB < 1 || c.memoryMiB > 4095) {
    throw new ConfigError(`memory must be 1..4095 MiB, got ${c.memoryMiB}`);
  }
  if (!Number.isInteger(c.cpus) || c.cpus < 1 || c.cpus > MAX_CPUS) {
    throw new ConfigError(`ztab's state layout holds 1..${MAX_CPUS} CPUs, got ${c.cpus}`);
  }
  if (c.kernel.length === 0) throw new ConfigError('the kernel is empty');
}
