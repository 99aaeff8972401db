// The user-mode address space: one flat guest memory (DAT off, prefix 0, so logical =
// absolute), with a permission byte per 4 KiB page that the CPU consults when it fills
// its software TLB. That is what turns a NULL dereference or a store into the text
// segment into the SIGSEGV a Linux process gets, at no cost on TLB hits.
//
// Layout of a memory of `ramSize` bytes:
//   0 ...................... unmapped (NULL page and below the ELF image)
//   ELF segments ........... at their link addresses (static executables link at 16 MiB)
//   brk heap ............... grows up from the end of bss
//   mmap area .............. allocated top-down below the stack
//   stack .................. STACK_SIZE bytes ending at ramSize

import { Cpu, DEFAULT_FACILITIES, PGM, RAM_BASE, SEMANTICS, createMemory } from '@ztab/cpu';

export const PAGE = 4096;
export const P_R = 1;
export const P_W = 2;
export const P_X = 4;
/** The page belongs to a mapping (possibly PROT_NONE). */
export const P_MAPPED = 8;

export const STACK_SIZE = 8 << 20;
/** Gap kept free between the top of the mmap area and the stack. */
const STACK_GAP = 1 << 20;

/** A CPU whose storage accesses honour the user-mode page permissions. */
export class UserCpu extends Cpu {
  pages: Uint8Array;
  /** Page address and kind of the last access fault, for the signal's si_addr and si_code. */
  faultAddr = 0;
  faultMapped = false;

  constructor(ramSize: number) {
    super({ memory: createMemory(ramSize), ramSize, index: 0, facilities: DEFAULT_FACILITIES }, SEMANTICS);
    this.pages = new Uint8Array(ramSize / PAGE);
  }

  override translate(a: number, write: boolean): number {
    const f = a < this.ramSize ? this.pages[Math.floor(a / PAGE)]! : 0;
    // Instruction fetch arrives as a read: s390 has no separate execute permission
    // before the instruction-execution-protection facility, which ztab does not offer.
    if ((f & (write ? P_W : P_R | P_X)) === 0) {
      this.faultAddr = a - (a % PAGE);
      this.faultMapped = (f & P_MAPPED) !== 0;
      return this.pgm(this.faultMapped ? PGM.PROTECTION : PGM.PAGE_TRANSLATION);
    }
    return a;
  }
}

/** Saved contents of an address space (fork snapshots). */
export interface MmSnapshot {
  pages: Uint8Array;
  /** Writable pages (and the live part of the stack). */
  runs: { addr: number; data: Uint8Array }[];
  /** Read-only pages: shared between snapshots while they do not change (see roGen). */
  roRuns: { addr: number; data: Uint8Array }[];
  roGen: number;
  brkStart: number;
  brk: number;
}

export class AddressSpace {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  readonly pages: Uint8Array;
  readonly size: number;
  brkStart = 0;
  brk = 0;
  readonly stackTop: number;
  readonly stackLo: number;
  readonly mmapTop: number;
  /** Pages that have ever been mapped (and may hold stale bytes). */
  private readonly used: Uint8Array;
  /**
   * Identifies the current set and contents of the non-writable pages. The guest cannot
   * store into them, so they change only through clear/map/unmap/protect, which take a
   * new number; fork snapshots reuse the copy made under the same number.
   */
  private roGen = 1;
  private static genCounter = 1;
  private roCache: { gen: number; runs: MmSnapshot['roRuns'] } = { gen: 0, runs: [] };

  constructor(readonly cpu: UserCpu) {
    this.u8 = cpu.u8;
    this.dv = cpu.dv;
    this.pages = cpu.pages;
    this.size = cpu.ramSize;
    this.stackTop = this.size;
    this.stackLo = this.size - STACK_SIZE;
    this.mmapTop = this.stackLo - STACK_GAP;
    this.used = new Uint8Array(this.pages.length);
  }

  /** Drop every mapping (execve). */
  clear(): void {
    this.roChanged();
    this.pages.fill(0);
    this.brkStart = this.brk = 0;
    this.cpu.tlbFlush();
  }

  private roChanged(): void {
    this.roGen = ++AddressSpace.genCounter;
  }

  /** Whether pages [s, e) include a mapped page without write permission. */
  private touchesRo(s: number, e: number): boolean {
    for (let p = s; p < e; p++) { const f = this.pages[p]!; if (f && !(f & P_W)) return true; }
    return false;
  }

  /** Whether [addr, addr+len) is free of mappings and inside memory. */
  isFree(addr: number, len: number): boolean {
    if (addr < PAGE || addr + len > this.size) return false;
    for (let p = addr / PAGE, e = (addr + len) / PAGE; p < e; p++) if (this.pages[p]) return false;
    return true;
  }

  /** Map page-aligned [addr, addr+len) with `prot` (PROT_* bits) and zero it. */
  map(addr: number, len: number, prot: number): void {
    const f = P_MAPPED | (prot & 7);
    const s = addr / PAGE, e = (addr + len) / PAGE;
    if (!(prot & P_W) || this.touchesRo(s, e)) this.roChanged();
    this.pages.fill(f, s, e);
    // Pages never mapped before are still zero from the host: writing zeros there would
    // only make the host commit memory (8 MiB of stack at every start).
    for (let p = s; p < e;) {
      if (!this.used[p]) { p++; continue; }
      let q = p;
      while (q < e && this.used[q]) q++;
      this.u8.fill(0, RAM_BASE + p * PAGE, RAM_BASE + q * PAGE);
      p = q;
    }
    this.used.fill(1, s, e);
    this.cpu.tlbFlush();
  }

  unmap(addr: number, len: number): void {
    if (this.touchesRo(addr / PAGE, Math.min(this.size, addr + len) / PAGE)) this.roChanged();
    this.pages.fill(0, addr / PAGE, Math.min(this.size, addr + len) / PAGE);
    this.cpu.tlbFlush();
  }

  /** Change protection; false if part of the range is not mapped (ENOMEM). */
  protect(addr: number, len: number, prot: number): boolean {
    const s = addr / PAGE, e = (addr + len) / PAGE;
    if (addr + len > this.size) return false;
    for (let p = s; p < e; p++) if (!(this.pages[p]! & P_MAPPED)) return false;
    if (!(prot & P_W) || this.touchesRo(s, e)) this.roChanged();
    this.pages.fill(P_MAPPED | (prot & 7), s, e);
    this.cpu.tlbFlush();
    return true;
  }

  /** Highest free page-aligned range of `len` bytes below the mmap top, or -1. */
  findFree(len: number): number {
    const need = len / PAGE;
    let run = 0;
    const lowest = Math.max(this.brk, this.brkStart) / PAGE;
    for (let p = this.mmapTop / PAGE - 1; p >= lowest; p--) {
      if (this.pages[p]) run = 0;
      else if (++run === need) return p * PAGE;
    }
    return -1;
  }

  /** Whether every page of [addr, addr+len) allows the access (EFAULT check for syscalls). */
  ok(addr: number, len: number, write: boolean): boolean {
    if (!(addr >= 0) || len < 0 || addr + len > this.size) return false;
    if (len === 0) return true;
    const need = write ? P_W : P_R;
    for (let p = Math.floor(addr / PAGE), e = Math.floor((addr + len - 1) / PAGE); p <= e; p++) {
      if (!(this.pages[p]! & need)) return false;
    }
    return true;
  }

  /** Copy of guest bytes, or null (EFAULT). */
  read(addr: number, len: number): Uint8Array | null {
    if (!this.ok(addr, len, false)) return null;
    return this.u8.slice(RAM_BASE + addr, RAM_BASE + addr + len);
  }

  /** View of guest bytes (no copy) for a checked access, or null. */
  view(addr: number, len: number, write: boolean): Uint8Array | null {
    if (!this.ok(addr, len, write)) return null;
    return this.u8.subarray(RAM_BASE + addr, RAM_BASE + addr + len);
  }

  write(addr: number, data: Uint8Array): boolean {
    if (!this.ok(addr, data.length, true)) return false;
    this.u8.set(data, RAM_BASE + addr);
    return true;
  }

  /** NUL-terminated string of at most `max` bytes (UTF-8 decoded), or null. */
  cstr(addr: number, max = 4096): string | null {
    const bytes: number[] = [];
    for (let k = 0; k < max; k++) {
      const a = addr + k;
      if (k === 0 || (a & (PAGE - 1)) === 0) if (!this.ok(a, 1, false)) return null;
      const b = this.u8[RAM_BASE + a]!;
      if (b === 0) return new TextDecoder().decode(new Uint8Array(bytes));
      bytes.push(b);
    }
    return null;
  }

  /** Unchecked big-endian accessors for addresses already validated with ok(). */
  g32(a: number): number { return this.dv.getUint32(RAM_BASE + a); }
  s32(a: number, v: number): void { this.dv.setUint32(RAM_BASE + a, v >>> 0); }
  /** 64-bit as a number; the high word must be small (pointers, sizes). */
  g64(a: number): number { return this.dv.getUint32(RAM_BASE + a) * 4294967296 + this.dv.getUint32(RAM_BASE + a + 4); }
  s64(a: number, v: number): void {
    const hi = v < 0 ? Math.floor(v / 4294967296) >>> 0 : Math.floor(v / 4294967296);
    this.dv.setUint32(RAM_BASE + a, hi >>> 0);
    this.dv.setUint32(RAM_BASE + a + 4, v >>> 0);
  }

  /**
   * Save the process image for fork. The stack is saved only from the page below the
   * stack pointer upwards: the parent cannot depend on anything below its stack pointer.
   */
  snapshot(sp: number): MmSnapshot {
    const runs: MmSnapshot['runs'] = [];
    const fresh = this.roCache.gen !== this.roGen;
    const roRuns: MmSnapshot['roRuns'] = fresh ? [] : this.roCache.runs;
    const n = this.pages.length;
    // Most of the page map is zero: skip it four pages at a time.
    const words = new Uint32Array(this.pages.buffer, this.pages.byteOffset, n >>> 2);
    const spPage = sp >= this.stackLo && sp < this.stackTop ? Math.max(this.stackLo, (Math.floor(sp / PAGE) - 1) * PAGE) : this.stackLo;
    for (let p = 0; p < n;) {
      if ((p & 3) === 0 && words[p >>> 2] === 0) { p += 4; continue; }
      const f = this.pages[p]!;
      if (!f) { p++; continue; }
      const w = f & P_W;
      let e = p;
      while (e < n && this.pages[e] && (this.pages[e]! & P_W) === w) e++;
      let s = p * PAGE;
      const end = e * PAGE;
      if (!w) {
        if (fresh) roRuns.push({ addr: s, data: this.u8.slice(RAM_BASE + s, RAM_BASE + end) });
      } else {
        if (s < this.stackTop && end > this.stackLo && s < spPage) s = Math.min(end, Math.max(s, spPage));
        if (end > s) runs.push({ addr: s, data: this.u8.slice(RAM_BASE + s, RAM_BASE + end) });
      }
      p = e;
    }
    if (fresh) this.roCache = { gen: this.roGen, runs: roRuns };
    return { pages: this.pages.slice(), runs, roRuns, roGen: this.roGen, brkStart: this.brkStart, brk: this.brk };
  }

  restore(s: MmSnapshot): void {
    this.pages.set(s.pages);
    for (const r of s.runs) this.u8.set(r.data, RAM_BASE + r.addr);
    if (this.roGen !== s.roGen) {
      for (const r of s.roRuns) this.u8.set(r.data, RAM_BASE + r.addr);
      this.roGen = s.roGen;
      this.roCache = { gen: s.roGen, runs: s.roRuns };
    }
    this.brkStart = s.brkStart;
    this.brk = s.brk;
    this.cpu.tlbFlush();
  }
}
