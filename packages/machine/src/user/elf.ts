// ELF64 big-endian s390x executables: just enough of the format to load a static
// program (ET_EXEC, or a static-pie ET_DYN) the way the kernel's binfmt_elf does.
// The file is hostile input: every offset and size is checked against the file and
// against the guest memory before anything is copied.

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_S390 = 22;
export const PT_LOAD = 1;
export const PT_INTERP = 3;
export const PT_PHDR = 6;
export const PT_GNU_STACK = 0x6474e551;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface ElfImage {
  type: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  phdrs: ProgramHeader[];
  interp: string | null;
}

export class ElfError extends Error {}

const MAX_PHNUM = 128;

/** 64-bit big-endian field as a number; values at or above 2^53 are rejected. */
function u64(dv: DataView, off: number): number {
  const hi = dv.getUint32(off), lo = dv.getUint32(off + 4);
  if (hi >= 0x200000) throw new ElfError('64-bit field out of range');
  return hi * 4294967296 + lo;
}

export function isElf(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

/** Parse and validate the ELF header and program headers. Throws ElfError. */
export function parseElf(b: Uint8Array): ElfImage {
  if (b.length < 64 || !isElf(b)) throw new ElfError('not an ELF file');
  if (b[4] !== 2) throw new ElfError('not ELFCLASS64');
  if (b[5] !== 2) throw new ElfError('not big-endian');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = dv.getUint16(16);
  if (type !== ET_EXEC && type !== ET_DYN) throw new ElfError(`ELF type ${type} is not executable`);
  if (dv.getUint16(18) !== EM_S390) throw new ElfError('not an s390 ELF file');
  const entry = u64(dv, 24);
  const phoff = u64(dv, 32);
  const phentsize = dv.getUint16(54);
  const phnum = dv.getUint16(56);
  if (phentsize !== 56 || phnum === 0 || phnum > MAX_PHNUM) throw new ElfError('bad program header table');
  if (phoff + phnum * 56 > b.length) throw new ElfError('program headers beyond the file');
  const phdrs: ProgramHeader[] = [];
  let interp: string | null = null;
  for (let k = 0; k < phnum; k++) {
    const o = phoff + k * 56;
    const ph: ProgramHeader = {
      type: dv.getUint32(o), flags: dv.getUint32(o + 4), offset: u64(dv, o + 8), vaddr: u64(dv, o + 16),
      filesz: u64(dv, o + 32), memsz: u64(dv, o + 40), align: u64(dv, o + 48),
    };
    if (ph.type === PT_LOAD) {
      if (ph.filesz > ph.memsz) throw new ElfError('segment file size exceeds its memory size');
      if (ph.offset + ph.filesz > b.length) throw new ElfError('segment beyond the end of the file');
      if ((ph.offset & 0xfff) !== (ph.vaddr & 0xfff)) throw new ElfError('segment offset and address disagree modulo the page size');
    }
    if (ph.type === PT_INTERP) {
      const end = Math.min(ph.offset + ph.filesz, b.length);
      let s = '';
      for (let p = ph.offset; p < end && b[p] !== 0; p++) s += String.fromCharCode(b[p]!);
      interp = s;
    }
    phdrs.push(ph);
  }
  if (!phdrs.some((p) => p.type === PT_LOAD)) throw new ElfError('no loadable segment');
  return { type, entry, phoff, phentsize, phnum, phdrs, interp };
}
