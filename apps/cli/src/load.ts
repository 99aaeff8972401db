/**
 * Turns a MachineConfig into checked inputs for the machine: the kernel and initrd
 * read into memory, every disk checked for the access it will need, and the default
 * guest filled in from public/guest/manifest.json. Problems become one LoadError line.
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineConfig } from './args.ts';

export class LoadError extends Error {}

export interface LoadedImage {
  path: string;
  bytes: Uint8Array;
}

export interface LoadedDrive {
  path: string;
  size: number;
  readonly: boolean;
  /** Writes stay in memory (-snapshot, or the default guest's disk). */
  snapshot: boolean;
}

export interface LoadedMachine {
  config: MachineConfig;
  kernel: LoadedImage;
  initrd?: LoadedImage;
  cmdline: string;
  drives: LoadedDrive[];
  /** True when the kernel, initrd and disk came from the default guest. */
  defaultGuest: boolean;
}

/** What a default-guest manifest must provide (the builder in apps/guest writes more). */
interface GuestManifest {
  cmdline: string;
  files: Record<'kernel' | 'initrd' | 'disk', { path: string }>;
}

function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    default:
      return (e as Error).message;
  }
}

async function regularFile(what: string, path: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new LoadError(`${what} ${path}: is a directory`);
    if (!s.isFile() && !s.isBlockDevice()) throw new LoadError(`${what} ${path}: not a regular file`);
    size = s.size;
  } catch (e) {
    if (e instanceof LoadError) throw e;
    throw new LoadError(`cannot read ${what} ${path}: ${describeErrno(e)}`);
  }
  return size;
}

async function readImage(what: string, path: string): Promise<LoadedImage> {
  await regularFile(what, path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new LoadError(`cannot read ${what} ${path}: ${describeErrno(e)}`);
  }
  if (bytes.length === 0) throw new LoadError(`${what} ${path}: file is empty`);
  return { path, bytes };
}

/**
 * An s390x kernel is either an ELF file for EM_S390, 64-bit big-endian, or the
 * plain boot image (Debian's vmlinuz) that carries "S390EP" at 0x10008.
 */
export function isS390xKernel(bytes: Uint8Array): boolean {
  const elf = bytes.length >= 20 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
  if (elf) return bytes[4] === 2 && bytes[5] === 2 && bytes[18] === 0 && bytes[19] === 22;
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0x10008, 0x1000e));
  return magic === 'S390EP' || isIplImage(bytes);
}

/**
 * Any other image QEMU's -kernel loads at 0 and starts at the address of the short
 * (ESA/390) IPL PSW in its first 8 bytes: bit 12 set, bits 0, 2-4 and 24-31 zero, and
 * an address inside the image.
 */
export function isIplImage(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const w0 = dv.getUint32(0, false);
  const addr = dv.getUint32(4, false) & 0x7fffffff;
  return (w0 & 0xb80000ff) === 0 && (w0 & 0x00080000) !== 0 && addr >= 8 && addr < bytes.length;
}

/**
 * The command line room a boot image declares in its parameter area (0x10430;
 * zero means the old fixed 896 bytes). Undefined for ELF kernels, which do not say.
 */
export function maxCommandLine(bytes: Uint8Array): number | undefined {
  if (bytes[0] === 0x7f || bytes.length < 0x10438) return undefined;
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0x10430, false);
  return declared === 0n ? 896 : Number(declared);
}

async function checkDrive(path: string, readonly: boolean, snapshot: boolean): Promise<LoadedDrive> {
  const size = await regularFile('-drive', path);
  const writable = !readonly && !snapshot;
  try {
    await access(path, writable ? constants.R_OK | constants.W_OK : constants.R_OK);
  } catch (e) {
    const hint = writable ? ' (add readonly=on or -snapshot to use it read-only)' : '';
    throw new LoadError(`cannot ${writable ? 'open for writing' : 'read'} -drive ${path}: ${describeErrno(e)}${hint}`);
  }
  if (size === 0) throw new LoadError(`-drive ${path}: file is empty`);
  return { path, size, readonly, snapshot };
}

async function readGuestManifest(guestDir: string): Promise<GuestManifest> {
  const file = join(guestDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new LoadError(`no default guest in ${guestDir} (run 'pnpm guest', or give -kernel)`);
  }
  try {
    const m = JSON.parse(text) as GuestManifest;
    if (typeof m.cmdline !== 'string' || !m.files?.kernel?.path || !m.files.initrd?.path || !m.files.disk?.path) {
      throw new Error('incomplete');
    }
    return m;
  } catch {
    throw new LoadError(`${file} is not a guest manifest (run 'pnpm guest --refresh')`);
  }
}

export interface LoadOptions {
  /** Where the default guest lives (public/guest in the repository). */
  guestDir: string;
}

export async function loadMachine(config: MachineConfig, options: LoadOptions): Promise<LoadedMachine> {
  const defaultGuest = config.kernel === undefined;
  let kernelPath = config.kernel;
  let initrdPath = config.initrd;
  let cmdline = config.append ?? '';
  const drives: LoadedDrive[] = [];

  if (defaultGuest) {
    const m = await readGuestManifest(options.guestDir);
    kernelPath = join(options.guestDir, m.files.kernel.path);
    initrdPath = join(options.guestDir, m.files.initrd.path);
    cmdline = config.append ?? m.cmdline;
    if (config.drives.length === 0) {
      // The built image must stay as built (its manifest records its hash).
      drives.push(await checkDrive(join(options.guestDir, m.files.disk.path), false, true));
    }
  }

  const kernel = await readImage('-kernel', kernelPath!);
  if (!isS390xKernel(kernel.bytes)) {
    throw new LoadError(`-kernel ${kernel.path}: not an s390x Linux kernel (no s390x ELF header, no S390EP mark)`);
  }
  const initrd = initrdPath === undefined ? undefined : await readImage('-initrd', initrdPath);
  for (const d of config.drives) drives.push(await checkDrive(d.file, d.readonly, config.snapshot));

  const needed = kernel.bytes.length + (initrd?.bytes.length ?? 0);
  if (needed >= config.memoryMiB * 1024 * 1024) {
    throw new LoadError(`-m ${config.memoryMiB}M is too small to hold the kernel and initrd (${needed} bytes)`);
  }
  const limit = maxCommandLine(kernel.bytes);
  const cmdlineBytes = new TextEncoder().encode(cmdline).length;
  if (limit !== undefined && cmdlineBytes >= limit) {
    throw new LoadError(`-append: the command line is ${cmdlineBytes} bytes, this kernel takes at most ${limit - 1}`);
  }
  return { config, kernel, ...(initrd ? { initrd } : {}), cmdline, drives, defaultGuest };
}
