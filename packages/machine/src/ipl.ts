// Loading a Linux kernel the way QEMU's `-kernel` does on s390x (facts from QEMU's
// hw/s390x/ipl.c and Linux arch/s390/include/asm/setup.h, boot/ipl_parm.c):
//
// - an ELF kernel (EM_S390, 64-bit big-endian) has its PT_LOAD segments placed at their
//   physical addresses and starts at e_entry; an entry of 0x10000 (or the old SALIPL
//   0x800) marks a Linux kernel whose parameter area gets the command line;
// - any other file is a raw boot image copied to absolute 0. It is Linux when "S390EP"
//   sits at 0x10008; it then starts at 0x10000. Otherwise it starts at the address of
//   the short IPL PSW in its bytes 4-7;
// - the initrd goes to 8 MiB (QEMU's INITRD_START), moved up in 1 MiB steps until it
//   is at least 1 MiB past the end of the kernel; its address and size are stored as
//   64-bit values at 0x10408 and 0x10410 of the parameter area;
// - the command line goes to 0x10480, NUL-terminated; Linux 6.1 reads the room it has
//   from 0x10430 (0 meaning the historic 896 bytes);
// - the CPU starts in the 64-bit addressing mode, everything else in the PSW zero.

/** Start of the Linux boot image's code, and of its parameter area. */
export const KERN_IMAGE_START = 0x10000;
export const PARMAREA = 0x10400;
export const PARM_INITRD_START = PARMAREA + 0x08;
export const PARM_INITRD_SIZE = PARMAREA + 0x10;
export const PARM_MAX_COMMAND_LINE = PARMAREA + 0x30;
export const PARM_COMMAND_LINE = PARMAREA + 0x80;
/** Command-line room of kernels that do not declare one. */
export const LEGACY_COMMAND_LINE_SIZE = 896;
export const INITRD_START = 0x800000;
const MIB = 0x100000;

/** A kernel, initrd or command line the machine cannot boot; the message is one line. */
export class IplError extends Error {}

export interface IplImage {
  /** PSW instruction address to start at (in the 64-bit addressing mode). */
  entry: number;
  /** End of the highest byte the kernel occupies (for placing the initrd). */
  kernelEnd: number;
  /** Whether the parameter area was written (a Linux kernel). */
  linux: boolean;
  initrdStart: number;
  initrdSize: number;
}

const TWO32 = 4294967296;

function be64(dv: DataView, off: number): number {
  const hi = dv.getUint32(off, false);
  const lo = dv.getUint32(off + 4, false);
  if (hi >= 0x200000) return Number.MAX_SAFE_INTEGER;
  return hi * TWO32 + lo;
}

function putBe64(ram: Uint8Array, off: number, v: number): void {
  const dv = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  const hi = Math.floor(v / TWO32);
  dv.setUint32(off, hi >>> 0, false);
  dv.setUint32(off + 4, (v - hi * TWO32) >>> 0, false);
}

export function isElf(k: Uint8Array): boolean {
  return k.length >= 4 && k[0] === 0x7f && k[1] === 0x45 && k[2] === 0x4c && k[3] === 0x46;
}

/**
 * CRC-32 (IEEE, reflected), used to check the footer of the xz stream a compressed
 * boot image carries: a truncated vmlinuz would otherwise only fail inside the guest's
 * decompressor, after the boot has started.
 */
let crcTable: Uint32Array | null = null;
export function crc32(b: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = crcTable[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

function findBytes(hay: Uint8Array, needle: readonly number[], from: number, to: number): number {
  outer: for (let i = from; i + needle.length <= to; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Checks that an xz stream embedded in a boot image is complete: some stream footer
 * after the header must carry the header's stream flags, a correct CRC32 and a backward
 * size that stays inside the stream. Returns an error text or null. Images compressed
 * otherwise (gzip, zstd, lz4...) are not checked.
 */
export function checkEmbeddedXz(k: Uint8Array): string | null {
  // The decompressor's own code carries the magic as a constant: the stream is the
  // first occurrence whose header CRC is right.
  let h = -1;
  for (let at = 0; ; at++) {
    at = findBytes(k, XZ_MAGIC, at, Math.min(k.length, 0x400000));
    if (at < 0 || at + 12 > k.length) return null;
    const crc = new DataView(k.buffer, k.byteOffset + at + 8, 4).getUint32(0, true);
    if (crc32(k.subarray(at + 6, at + 8)) === crc) { h = at; break; }
  }
  const flags0 = k[h + 6]!, flags1 = k[h + 7]!;
  // Footers end with "YZ"; look for one whose fields agree, from the end backwards.
  for (let i = k.length - 2; i >= h + 24; i--) {
    if (k[i] !== 0x59 || k[i + 1] !== 0x5a) continue;
    const f = i + 2 - 12;
    if (k[f + 8] !== flags0 || k[f + 9] !== flags1) continue;
    const dv = new DataView(k.buffer, k.byteOffset + f, 12);
    if (crc32(k.subarray(f + 4, f + 10)) !== dv.getUint32(0, true)) continue;
    const backward = (dv.getUint32(4, true) + 1) * 4;
    if (f - backward >= h + 12) return null;
  }
  return 'the compressed kernel inside it is truncated or corrupt (no valid xz stream footer)';
}

interface Segment { file: number; size: number; mem: number; paddr: number }

function elfSegments(k: Uint8Array): { entry: number; segs: Segment[] } {
  if (k.length < 64) throw new IplError('truncated ELF header');
  if (k[4] !== 2 || k[5] !== 2) throw new IplError('not a 64-bit big-endian ELF file');
  const dv = new DataView(k.buffer, k.byteOffset, k.byteLength);
  if (dv.getUint16(18, false) !== 22) throw new IplError('ELF file is not for s390 (e_machine != 22)');
  const entry = be64(dv, 24);
  const phoff = be64(dv, 32);
  const phentsize = dv.getUint16(54, false);
  const phnum = dv.getUint16(56, false);
  if (phnum === 0) throw new IplError('ELF file has no program headers');
  if (phentsize < 56 || phoff + phnum * phentsize > k.length) throw new IplError('ELF program headers are truncated');
  const segs: Segment[] = [];
  for (let n = 0; n < phnum; n++) {
    const p = phoff + n * phentsize;
    if (dv.getUint32(p, false) !== 1) continue; // PT_LOAD only
    const file = be64(dv, p + 8), paddr = be64(dv, p + 24), size = be64(dv, p + 32), mem = be64(dv, p + 40);
    if (file + size > k.length) throw new IplError(`ELF segment ${n} runs past the end of the file (truncated)`);
    if (size > mem) throw new IplError(`ELF segment ${n} has p_filesz > p_memsz`);
    segs.push({ file, size, mem, paddr });
  }
  if (segs.length === 0) throw new IplError('ELF file has no loadable segments');
  return { entry, segs };
}

/**
 * Reads the command-line room a Linux boot image declares. Undefined for ELF files
 * and images too short to have a parameter area.
 */
export function commandLineRoom(ram: Uint8Array): number {
  const dv = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  const v = be64(dv, PARM_MAX_COMMAND_LINE);
  return v === 0 ? LEGACY_COMMAND_LINE_SIZE : v;
}

/**
 * Places `kernel`, `initrd` and `cmdline` into guest absolute storage `ram` (which the
 * caller has cleared) and returns where to start. Throws IplError for anything that
 * cannot boot: the caller prints its message as one line.
 */
export function loadLinux(ram: Uint8Array, kernel: Uint8Array, initrd: Uint8Array | undefined, cmdline: string): IplImage {
  let entry: number;
  let kernelEnd: number;
  let linux: boolean;
  if (isElf(kernel)) {
    const { entry: e, segs } = elfSegments(kernel);
    kernelEnd = 0;
    for (const s of segs) {
      if (s.paddr + s.mem > ram.length) throw new IplError(`ELF segment at 0x${s.paddr.toString(16)} does not fit in ${ram.length >> 20} MiB of memory`);
      ram.set(kernel.subarray(s.file, s.file + s.size), s.paddr);
      ram.fill(0, s.paddr + s.size, s.paddr + s.mem);
      if (s.paddr + s.mem > kernelEnd) kernelEnd = s.paddr + s.mem;
    }
    linux = e === KERN_IMAGE_START || e === 0x800;
    entry = linux ? KERN_IMAGE_START : e;
  } else {
    if (kernel.length > ram.length) throw new IplError(`kernel of ${kernel.length} bytes does not fit in ${ram.length >> 20} MiB of memory`);
    if (kernel.length < 8) throw new IplError('kernel image is truncated (shorter than an IPL PSW)');
    ram.set(kernel, 0);
    kernelEnd = kernel.length;
    const magic = String.fromCharCode(...kernel.subarray(0x10008, 0x1000e));
    linux = magic === 'S390EP';
    if (linux) {
      if (kernel.length < PARM_COMMAND_LINE + 1) throw new IplError('kernel image is truncated (ends inside its parameter area)');
      const bad = checkEmbeddedXz(kernel);
      if (bad) throw new IplError(bad);
      entry = KERN_IMAGE_START;
    } else {
      // The short (ESA/390) IPL PSW at 0: its address bits.
      entry = new DataView(kernel.buffer, kernel.byteOffset, 8).getUint32(4, false) & 0x7fffffff;
    }
  }

  let initrdStart = 0;
  let initrdSize = 0;
  if (initrd) {
    initrdStart = INITRD_START;
    while (kernelEnd + MIB > initrdStart) initrdStart += MIB;
    if (initrdStart + initrd.length > ram.length) {
      throw new IplError(`initrd of ${initrd.length} bytes does not fit at 0x${initrdStart.toString(16)} in ${ram.length >> 20} MiB of memory`);
    }
    const bad = checkInitrd(initrd);
    if (bad) throw new IplError(`initrd: ${bad}`);
    ram.set(initrd, initrdStart);
    initrdSize = initrd.length;
  }

  if (linux) {
    putBe64(ram, PARM_INITRD_START, initrdStart);
    putBe64(ram, PARM_INITRD_SIZE, initrdSize);
    const bytes = new TextEncoder().encode(cmdline);
    const room = Math.min(commandLineRoom(ram), 0x10000);
    if (bytes.length >= room) throw new IplError(`the command line is ${bytes.length} bytes, this kernel takes at most ${room - 1}`);
    ram.set(bytes, PARM_COMMAND_LINE);
    ram[PARM_COMMAND_LINE + bytes.length] = 0;
  } else if (cmdline !== '') {
    throw new IplError('-append needs a Linux kernel (no S390EP mark and no Linux ELF entry point)');
  }
  return { entry, kernelEnd, linux, initrdStart, initrdSize };
}

/**
 * A gzip initramfs must end with its ISIZE/CRC trailer somewhere past a complete deflate
 * stream; cheap evidence of truncation is a member whose trailer size disagrees with
 * nothing we can check without inflating, so only the header is verified here, plus
 * the "TRAILER!!!" of an uncompressed cpio archive.
 */
export function checkInitrd(b: Uint8Array): string | null {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
    if (b.length < 18) return 'truncated gzip file';
    if (b[2] !== 8) return 'gzip file with an unknown compression method';
    return null;
  }
  if (b.length >= 6 && String.fromCharCode(...b.subarray(0, 6)) === '070701') {
    const tail = String.fromCharCode(...b.subarray(Math.max(0, b.length - 1024)));
    return tail.includes('TRAILER!!!') ? null : 'cpio archive is truncated (no TRAILER!!! entry)';
  }
  return null;
}
