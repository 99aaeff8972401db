// What the page and the machine worker say to each other (through comlink). Plain data
// only: everything here crosses the worker boundary by structured clone.

import type { RunState } from './rate.ts';

export type { RunState };

/** The guest's data disk: a base image over HTTP under an IndexedDB overlay. */
export interface DiskSpec {
  /** Names the overlay's database: one overlay per name. */
  name: string;
  /** Absolute URL of the base image; null: an empty disk of `size` bytes. */
  url: string | null;
  size: number;
  /** Identity of the base (its sha256): an overlay written over another base is dropped. */
  baseId: string;
}

export interface BootSpec {
  kernel: Uint8Array;
  initrd?: Uint8Array;
  cmdline: string;
  memoryMiB: number;
}

export interface DiskInfo {
  size: number;
  /** 64 KiB chunks written by the guest or an import. */
  overlayChunks: number;
  imported: boolean;
  /** Whether writes reach IndexedDB (false: storage refused, the guest gets I/O errors). */
  persistent: boolean;
  /** The last storage failure, if any. */
  error: string | null;
}

export interface Status {
  state: RunState;
  /** Guest instructions per second over the last interval. */
  ips: number;
  /** Guest instructions since the machine was built. */
  instructions: number;
  /** Share of instructions executed by JIT-compiled code (0 until there is a JIT). */
  jitShare: number;
  /** Guest memory is a SharedArrayBuffer (the page is cross-origin isolated). */
  sharedMemory: boolean;
  /** IPLs of the current machine. */
  ipls: number;
  /** Why the machine stopped, or what it is doing. */
  message: string;
}

/** Callbacks the page hands the worker (wrapped with Comlink.proxy). */
export interface HostEvents {
  console(bytes: Uint8Array): void | Promise<void>;
  status(s: Status): void | Promise<void>;
  notice(kind: 'error' | 'info', message: string): void | Promise<void>;
}

/** The worker's API. */
export interface MachineApi {
  connect(events: HostEvents): void;
  openDisk(spec: DiskSpec): Promise<DiskInfo>;
  boot(spec: BootSpec): Promise<void>;
  pause(): void;
  resume(): void;
  /** A fresh IPL of the same kernel (a new machine over the same disk). */
  reset(): Promise<void>;
  /** Asks the guest to shut down; stops it hard after `graceMs`. */
  powerOff(graceMs?: number): Promise<void>;
  /** Keystrokes for the console. */
  input(bytes: Uint8Array): void;
  status(): Status;
  diskInfo(): DiskInfo | null;
  diskRead(offset: number, length: number): Promise<Uint8Array>;
  diskWrite(offset: number, bytes: Uint8Array): Promise<void>;
  diskFlush(): Promise<void>;
  /** Drops the overlay; a running machine is reset so the guest sees the disk anew. */
  diskReset(): Promise<DiskInfo>;
  diskExport(): Promise<Blob>;
  diskImport(image: Blob): Promise<DiskInfo>;
}
