// The JIT: region discovery, hotness, dispatch, invalidation and the code cache. Wasm
// emission lives in codegen.ts / emitters.ts.
//
// Regions are 4 KiB guest pages (per addressing mode). The driver runs cold code in the
// interpreter one block at a time, counting block entries per page; a page whose count
// passes `hotThreshold` is translated with every block entry seen so far plus the
// targets reachable from them by static branches inside the page. A region is valid for
// the absolute frame the page translated to when it was compiled; each entry re-checks the
// page's translation through the read TLB, so another address space mapping the same
// virtual page to other storage never runs it.
//
// Invalidation rides on the write TLB: a frame holding translated code is dropped from
// both TLBs when it is compiled and flagged in `codeFrames`; the first store into it
// misses the TLB and reaches Cpu.translate(), where the JIT drops the frame's regions,
// clears the flag (so later stores run at full speed again) and raises the exit flag so a
// region running right now leaves after the storing instruction. Nothing is checked on
// the fast store path.

import { F, Insn, TABLE, decode, insnLength } from '@ztab/isa';
import { OFF, PROGRAM_CHECK, RAM_BASE, TLB_ENTRIES, operationException, type Cpu } from '@ztab/cpu';
import {
  CHAIN_LINES, EXECUTE_ROWS, EXIT_BAD_ENTRY, EXIT_IA, SCR_BUF, SCR_CC, SCR_CHAINS, SCR_FLAG, SCR_IA, SCR_N, SCR_PM, SCR_PMOK, SCR_TIER, SCR_TLB,
  compileRegion, emitterFor, wrapNum, type RBlock, type RInsn,
} from './codegen.ts';

/**
 * Offset of the JIT scratch area inside a CPU's state block (64 bytes): the last bytes
 * of the block, unused by state.ts's layout (TLB sets end at 0xd000).
 */
export const SCRATCH_OFF = 0xff00;

const TOP_ADDRESS = 18446744073709549568;
/** Instructions between two passes through Cpu.run (which polls for interruptions). */
const POLL_SLICE = 4096;
const MAX_BLOCK = 128;
const MAX_BLOCKS = 160;
/** A frame invalidated this often is left to the interpreter (self-modifying code). */
const MAX_INVALIDATIONS = 16;
/**
 * Hot and learn thresholds, by measurement of the Debian boot (3.35 G instructions; host
 * CPU seconds to the prompt): 64/8 cost 85.5 s, 256/32 71.1 s, 1024/64 61.5 s, 4096/128
 * 50.6 s (all under tsx, translating every static successor); with first regions limited
 * to the blocks seen running, 4096/128 cost 31.6 s and 4096/1024 24.6 s. A region costs
 * the time the interpreter spends on ~300,000 instructions: most kernel code runs too
 * rarely during a boot to repay it.
 */
const HOT_THRESHOLD = 4096;
const LEARN_THRESHOLD = 1024;
/**
 * The dispatcher module: (import "env" "tbl" (table 0 funcref)) and
 * (func (export "call") (param $slot i32) (param $entry i32) (param $limit i32) (param $n i32) (result i32)
 *   (call_indirect (type (func (param i32 i32 i32) (result i32))) (local.get $entry) (local.get $limit) (local.get $n) (local.get $slot))).
 */
const DISPATCHER = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: 0 = (i32 i32 i32) -> i32 (a region's run), 1 = (i32 i32 i32 i32) -> i32
  0x01, 0x10, 0x02, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f,
  // import env.tbl: table, funcref, no maximum, minimum 0
  0x02, 0x0d, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x74, 0x62, 0x6c, 0x01, 0x70, 0x00, 0x00,
  // one function of type 1
  0x03, 0x02, 0x01, 0x01,
  // export "call" = function 0
  0x07, 0x08, 0x01, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00,
  // body: no locals; local.get 1, 2, 3, local.get 0, call_indirect type 0 table 0, end
  0x0a, 0x0f, 0x01, 0x0d, 0x00, 0x20, 0x01, 0x20, 0x02, 0x20, 0x03, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b,
);
/** Chain-cache lines are indexed by slot in 16 bits. */
const MAX_CHAIN_SLOT = 0xffff;

/** Entries of the cold-block cache (a power of two). */
const CB_SIZE = 16384;
const CB_MASK = CB_SIZE - 1;

/** Block entries counted for a page without regions. */
interface Heat { key: number; n: number }

/** Entries of the region-entry cache (a power of two). */
const EC_SIZE = 4096;
const EC_MASK = EC_SIZE - 1;
const TLB_MASK = TLB_ENTRIES - 1;
/** Regions of one page (the first plus learned entries); beyond it the page stops learning. */
const MAX_PAGE_REGIONS = 8;
/** Instructions a region runs before it is translated again with inline accesses. */
const TIER_UP = 20_000_000;
/** Merges of a page's regions; after that it stops learning. */
const MAX_MERGES = 4;

export interface JitOptions {
  /** Interpreted block entries of a page before it is translated. */
  hotThreshold?: number;
  /** Entries at an offset no region of a translated page has before it gets a region of its own. */
  learnThreshold?: number;
  /** Instructions a region runs before it is translated again with inline storage accesses. */
  tierUp?: number;
  /** Regions kept; the oldest is evicted beyond it. */
  maxRegions?: number;
  /** Run each region entry in the JIT and again in the interpreter and compare. */
  crossCheck?: boolean;
  /** Run binaryen's optimizer on each region (slower compiles). */
  optimize?: boolean;
  /** Let regions transfer to each other inside wasm (default true). */
  chaining?: boolean;
  /**
   * The machine's code-frame map when several CPUs (each with its own Jit) share storage:
   * a store by any CPU into a frame must reach every Jit (the machine routes
   * Cpu.onCodeWrite to all of them). Default: a map of this Jit's own.
   */
  codeFrames?: Uint8Array;
}

export interface JitStats {
  compiles: number;
  compileMs: number;
  /** Bytes of wasm of the regions currently cached. */
  codeBytes: number;
  regions: number;
  evictions: number;
  invalidations: number;
  /** Guest instructions executed in translated code / in the interpreter. */
  jitInsns: number;
  interpInsns: number;
  /** Instructions emitted natively / through the interpreter helper (last compiles, cumulative). */
  nativeRows: number;
  helperRows: number;
  crossChecks: number;
  /** Calls into translated code. */
  entries: number;
  /** Extra regions translated for entry points a page's regions lacked. */
  learned: number;
  /** Regions dropped because their page now maps to other storage. */
  remaps: number;
  /** Pages whose regions were merged into one (many entry points). */
  merges: number;
  /** Regions translated again with inline storage accesses because they ran long. */
  tierUps: number;
  /** Transfers from one region straight into another inside wasm (no return to the driver). */
  chains: number;
}

/** A guest page (per addressing mode) with translated code: one region, plus one per entry learned later. */
interface Page {
  key: number;
  regions: Region[];
  /** Entries at offsets no region has, by page offset (interruptions return anywhere). */
  missAt: Map<number, number>;
  /** Times the page's regions were merged into one with all their entries. */
  merges: number;
}

interface Region {
  page: Page;
  vpage: number;
  frame: number;
  amode: number;
  /** Page offset of each block start -> block number (the wasm entry index). */
  entries: Map<number, number>;
  /** Instructions of each block (a region is entered only with room for the whole block). */
  blockLen: Int32Array;
  insns: RInsn[];
  run: (entry: number, limit: number, n: number) => number;
  /** Index of `run` in the dispatch table (-1 once dropped). */
  slot: number;
  /** Page offsets of its blocks, and whether accesses are inline (hot tier). */
  blocks: number[];
  inline: boolean;
  bytes: number;
  dead: boolean;
}

export interface Mismatch {
  pc: number;
  what: string;
}

export class Jit {
  readonly cpu: Cpu;
  enabled = true;
  readonly stats: JitStats = {
    compiles: 0, compileMs: 0, codeBytes: 0, regions: 0, evictions: 0, invalidations: 0,
    jitInsns: 0, interpInsns: 0, nativeRows: 0, helperRows: 0, crossChecks: 0, entries: 0,
    learned: 0, remaps: 0, merges: 0, tierUps: 0, chains: 0,
  };
  readonly mismatches: Mismatch[] = [];
  hotThreshold: number;
  learnThreshold: number;
  tierUpAt: number;
  maxRegions: number;
  crossCheck: boolean;
  optimize: boolean;

  private readonly scr: number;
  private readonly scr32: Int32Array;
  private readonly scrF64: Float64Array;
  private readonly u8: Uint8Array;
  /** Guest memory is a SharedArrayBuffer: regions must declare their memory import shared. */
  private readonly shared: boolean;
  private readonly pages = new Map<number, Page>();
  /** Every live region, oldest first (eviction order). */
  private readonly order = new Set<Region>();
  /**
   * Every region's run() sits in one table and is called through one exported wasm
   * function (call_indirect): a JS call site that reaches hundreds of different wasm
   * functions goes through V8's generic JS-to-wasm wrapper, ~6% of a boot.
   */
  private readonly table = new WebAssembly.Table({ element: 'anyfunc', initial: 256 });
  private readonly freeSlots: number[] = [];
  private readonly dispatch: (slot: number, entry: number, limit: number, n: number) => number;
  private readonly slotRegion: (Region | null)[] = [];
  /** The chain cache (see CHAIN_LINES in codegen.ts) as words: key low, key high, slot|block|length, frame offset|amode. */
  private readonly chain32: Uint32Array;
  private readonly chainOff: number;
  /** Region-to-region transfers inside wasm are on (off for tests of the driver alone). */
  chaining: boolean;
  private readonly ecPc = new Float64Array(EC_SIZE).fill(-1);
  private readonly ecRegion: (Region | null)[] = new Array<Region | null>(EC_SIZE).fill(null);
  private readonly ecEntry = new Int32Array(EC_SIZE);
  private readonly byFrame = new Map<number, Set<Region>>();
  /** One byte per 4 KiB frame of guest storage: 1 while translated code depends on it. */
  readonly codeFrames: Uint8Array;
  private readonly invalCount: Uint8Array;
  /** Block entries of each page without regions so far. */
  private readonly heat = new Map<number, Heat>();
  private readonly seen = new Map<number, Set<number>>();
  private readonly blockLens = new Map<number, number>();
  /**
   * Cold blocks (in pages without regions): a direct-mapped cache of block address ->
   * length and page heat record, so that a block run again costs no map lookups and no
   * region lookup. An entry is good while `coldVer` is what it was when it was filled;
   * it moves whenever a page gains a region (the block may have translated code now).
   */
  private readonly cbPc = new Float64Array(CB_SIZE).fill(-1);
  private readonly cbAmode = new Uint8Array(CB_SIZE);
  private readonly cbLen = new Uint8Array(CB_SIZE);
  private readonly cbVer = new Uint32Array(CB_SIZE);
  private readonly cbHeat: (Heat | null)[] = new Array<Heat | null>(CB_SIZE).fill(null);
  private coldVer = 1;
  private readonly tmp = new Insn();
  private sincePoll = 0;
  /** The interpreter alone (Cpu.run goes through this Jit once attached). */
  private readonly interpRun: (n: number, poll: boolean) => number;

  constructor(cpu: Cpu, opts: JitOptions = {}) {
    this.cpu = cpu;
    this.hotThreshold = opts.hotThreshold ?? HOT_THRESHOLD;
    this.tierUpAt = opts.tierUp ?? TIER_UP;
    // Tools and tests that ask for early translation want late entries learned early too.
    this.learnThreshold = opts.learnThreshold ?? Math.max(1, Math.min(LEARN_THRESHOLD, Math.floor(this.hotThreshold / 4)));
    this.maxRegions = opts.maxRegions ?? 2048;
    this.crossCheck = opts.crossCheck ?? false;
    this.optimize = opts.optimize ?? false;
    this.chaining = opts.chaining ?? true;
    const buf = cpu.memory.buffer as ArrayBuffer;
    this.chainOff = cpu.r.byteOffset + OFF.JIT_CHAIN;
    this.chain32 = new Uint32Array(buf, this.chainOff, CHAIN_LINES * 4);
    this.clearChain();
    this.scr = cpu.r.byteOffset - 0 + SCRATCH_OFF; // r is at OFF.GPR = 0 of the state block
    this.scr32 = new Int32Array(buf, this.scr, 16);
    this.scrF64 = new Float64Array(buf, this.scr + SCR_IA, 1);
    this.u8 = cpu.u8;
    this.shared = typeof SharedArrayBuffer !== 'undefined' && cpu.memory.buffer instanceof SharedArrayBuffer;
    this.codeFrames = opts.codeFrames ?? new Uint8Array(Math.ceil(cpu.ramSize / 4096));
    this.invalCount = new Uint8Array(this.codeFrames.length);
    // The TLB layout the generated code assumes (see Cpu's constructor).
    if (cpu.tlbTagW.byteOffset !== cpu.tlbTagR.byteOffset + 8 * TLB_ENTRIES ||
      cpu.tlbOffR.byteOffset !== cpu.tlbTagR.byteOffset + 16 * TLB_ENTRIES ||
      cpu.tlbOffW.byteOffset !== cpu.tlbTagR.byteOffset + 20 * TLB_ENTRIES) {
      throw new Error('jit: unexpected software-TLB layout');
    }
    this.interpRun = (n: number, poll: boolean): number => cpu.interpret(n, poll);
    const disp = new WebAssembly.Instance(new WebAssembly.Module(DISPATCHER), { env: { tbl: this.table } });
    this.dispatch = disp.exports.call as (slot: number, entry: number, limit: number, n: number) => number;
    // Stores into translated frames: the CPU reports them (write-TLB fills and writes
    // that bypass the TLB); a machine with several CPUs replaces onCodeWrite with one
    // that reaches every CPU's Jit.
    cpu.codeFrames = this.codeFrames;
    cpu.onCodeWrite = (f: number): void => this.invalidateFrame(f);
  }

  /** Make cpu.run() go through the JIT. */
  attach(): void {
    this.cpu.runner = (n: number): number => this.run(n);
  }

  /** Back to the interpreter alone (translations stay cached until invalidated). */
  detach(): void {
    this.cpu.runner = null;
  }

  // ------------------------------------------------------------------ invalidation

  /** Drop every region that depends on absolute frame `f`. */
  invalidateFrame(f: number): void {
    const set = this.byFrame.get(f);
    if (set) {
      for (const r of set) this.drop(r, false);
      this.byFrame.delete(f);
    }
    this.codeFrames[f] = 0;
    if (this.invalCount[f]! < 255) this.invalCount[f]!++;
    this.stats.invalidations++;
    // A region running now leaves after the current instruction.
    this.scr32[SCR_FLAG >> 2] = 1;
  }

  /**
   * Storage changed behind the CPU's back (loader, DMA): drop what depends on it, through
   * the CPU's own report so that a machine's other CPUs hear of it too.
   */
  invalidateRange(abs: number, len: number): void {
    this.cpu.codeWritten(abs, len);
  }

  /** Forget all translations (e.g. after a snapshot restore). */
  invalidateAll(): void {
    for (const r of [...this.order]) this.drop(r, false);
    this.byFrame.clear();
    this.codeFrames.fill(0);
    this.heat.clear();
    this.seen.clear();
    this.blockLens.clear();
    this.coldVer++;
    this.clearChain();
    this.scr32[SCR_FLAG >> 2] = 1;
  }

  /** Empty every chain-cache line (an odd key matches no block address). */
  private clearChain(): void {
    const w = this.chain32;
    for (let k = 0; k < w.length; k += 4) { w[k] = 1; w[k + 1] = 0; }
  }

  /** Make the chain-cache line of `pc` point at block `entry` of `r`. */
  private chainLine(pc: number, r: Region, entry: number): void {
    if (r.slot > MAX_CHAIN_SLOT) return;
    const w = this.chain32;
    const k = ((pc / 2) & (CHAIN_LINES - 1)) * 4;
    const lo = pc % 4294967296;
    if (w[k] === lo && w[k + 2]! === (r.slot | entry << 16 | r.blockLen[entry]! << 24) >>> 0) return;
    w[k] = lo;
    w[k + 1] = (pc - lo) / 4294967296;
    w[k + 2] = r.slot | entry << 16 | r.blockLen[entry]! << 24;
    w[k + 3] = RAM_BASE + r.frame * 4096 + r.amode;
  }

  /** Empty the chain-cache lines that lead into `r` (before its slot is freed or reused). */
  private unchain(r: Region): void {
    const w = this.chain32;
    for (const off of r.entries.keys()) {
      const k = (((r.vpage + off) / 2) & (CHAIN_LINES - 1)) * 4;
      if ((w[k + 2]! & 0xffff) === r.slot) { w[k] = 1; w[k + 1] = 0; }
    }
  }

  private drop(r: Region, evict: boolean): void {
    if (r.dead) return;
    r.dead = true;
    this.order.delete(r);
    if (r.slot >= 0) {
      this.unchain(r);
      this.table.set(r.slot, null);
      this.slotRegion[r.slot] = null;
      this.freeSlots.push(r.slot);
      r.slot = -1;
    }
    const p = r.page;
    const k = p.regions.indexOf(r);
    if (k >= 0) p.regions.splice(k, 1);
    if (p.regions.length === 0 && this.pages.get(p.key) === p) this.pages.delete(p.key);
    this.stats.codeBytes -= r.bytes;
    this.stats.regions--;
    if (evict) {
      this.stats.evictions++;
      const set = this.byFrame.get(r.frame);
      if (set) {
        set.delete(r);
        if (set.size === 0) { this.byFrame.delete(r.frame); this.codeFrames[r.frame] = 0; }
      }
    }
  }

  get regionCount(): number { return this.order.size; }

  private nextSlot = 0;

  /** A free table slot (the region's code names it: compile first, then fill it). */
  private allocSlot(): number {
    let k = this.freeSlots.pop();
    if (k === undefined) {
      k = this.nextSlot++;
      if (k >= this.table.length) this.table.grow(this.table.length);
    }
    return k;
  }

  // ------------------------------------------------------------------ driver

  /**
   * Run up to `budget` instructions like Cpu.run: translated regions where there are
   * some, the interpreter elsewhere (one block per Cpu.run call, which also polls for
   * interruptions and delivers program interruptions).
   */
  run(budget: number): number {
    const c = this.cpu;
    let n = 0;
    while (n < budget && c.stopReason === null) {
      // A block known to be cold (its page has no region) goes straight to the interpreter.
      const pc = c.ia;
      const cb = (pc / 2) & CB_MASK;
      const cold = this.cbPc[cb] === pc && this.cbVer[cb] === this.coldVer && this.cbAmode[cb] === c.amode;
      if (!cold && this.enabled && this.sincePoll < POLL_SLICE && !c.per && !c.wait && !c.stopped && c.earlyPsw === null) {
        const left = Math.min(budget - n, POLL_SLICE - this.sincePoll);
        c.armKick();
        const k = this.tryRegion(left);
        if (k >= 0) { n += k; this.sincePoll = c.kicked ? POLL_SLICE : this.sincePoll + k; continue; }
      }
      // Interruptions are looked at once per slice, and at once after an instruction that
      // opened a mask or made one pending (kick), as the interpreter alone does.
      const poll = this.sincePoll >= POLL_SLICE || c.wait || c.stopped;
      if (poll) this.sincePoll = 0;
      let len: number;
      if (!this.enabled) len = budget - n;
      else if (cold) { len = this.cbLen[cb]!; this.warm(this.cbHeat[cb]!, pc); }
      else len = this.noteBlock();
      c.armKick();
      const done = this.interpRun(Math.min(len, budget - n), poll);
      this.stats.interpInsns += done;
      n += done;
      this.sincePoll = c.kicked ? POLL_SLICE : this.sincePoll + done;
      if (done === 0) break;
    }
    return n;
  }

  /** Record a block entry at cpu.ia for the hotness count; returns the block's length. */
  private noteBlock(): number {
    const c = this.cpu;
    const pc = c.ia;
    const key = Math.floor(pc / 4096) * 4 + c.amode;
    let len = this.blockLens.get(pc);
    if (len === undefined) {
      len = this.scanBlock(pc);
      if (this.blockLens.size > 200000) this.blockLens.clear();
      this.blockLens.set(pc, len);
    }
    // A page with a region learns new entries in tryRegion (misses), not here.
    if (!this.pages.has(key)) {
      let heat = this.heat.get(key);
      if (!heat) { heat = { key, n: 0 }; this.heat.set(key, heat); }
      let s = this.seen.get(key);
      if (!s) { s = new Set(); this.seen.set(key, s); }
      if (s.size < MAX_BLOCKS) s.add(pc & 0xfff);
      // Seen once: from now on the cold-block cache counts its entries.
      const h = (pc / 2) & CB_MASK;
      this.cbPc[h] = pc;
      this.cbAmode[h] = c.amode;
      this.cbLen[h] = len;
      this.cbVer[h] = this.coldVer;
      this.cbHeat[h] = heat;
      this.warm(heat, pc);
    }
    return len;
  }

  /** One more block entry in a page without regions; translate the page once it is hot. */
  private warm(heat: Heat, pc: number): void {
    if (++heat.n >= this.hotThreshold) {
      heat.n = 0;
      this.compile(pc, heat.key);
    }
  }

  /**
   * Instructions up to and including the next branch from pc, read through the CPU's
   * fetch (a fetch exception ends the scan; the interpreter raises it properly).
   */
  private scanBlock(pc: number): number {
    const c = this.cpu;
    let a = pc;
    for (let k = 1; k <= MAX_BLOCK; k++) {
      try {
        c.fetch(a, this.tmp);
      } catch (e) {
        if (e !== PROGRAM_CHECK) throw e;
        return k;
      }
      if (this.tmp.row < 0 || (TABLE[this.tmp.row]!.flags & (F.BRANCH | F.END)) !== 0) return k;
      a = wrapNum(a + this.tmp.len, c.amode);
    }
    return MAX_BLOCK;
  }

  /** Frame that virtual `pc` maps to now, or -1 (exception: the interpreter will raise it). */
  private frameOf(pc: number): number {
    try {
      return Math.floor((this.cpu.ra(pc) - RAM_BASE) / 4096);
    } catch (e) {
      if (e !== PROGRAM_CHECK) throw e;
      return -1;
    }
  }

  /** Run translated code at cpu.ia if there is some; -1 if not. */
  private tryRegion(limit: number): number {
    const c = this.cpu;
    const pc = c.ia;
    // Most entries repeat (loops that call across pages, returns): a direct-mapped cache
    // of address -> (region, block) saves the page and entry lookups.
    const h = (pc >>> 1) & EC_MASK;
    let r: Region | null | undefined = this.ecRegion[h]!;
    let entry: number | undefined;
    if (r !== null && this.ecPc[h] === pc && !r.dead && r.amode === c.amode) {
      entry = this.ecEntry[h]!;
    } else {
      r = this.findEntry(pc);
      if (r === undefined) return -1;
      entry = this.found;
      this.ecPc[h] = pc;
      this.ecRegion[h] = r;
      this.ecEntry[h] = entry;
    }
    if (pc & 1 || r.blockLen[entry]! > limit) return -1;
    // The page must still map to the frame the region was translated from: the read
    // TLB's entry when it has one (the common case), else a full translation.
    const vpn = Math.floor(pc / 4096);
    const t = vpn & TLB_MASK;
    const frame = c.tlbTagR[t] === vpn ? (c.tlbOffR[t]! - RAM_BASE) / 4096 : this.frameOf(pc);
    if (frame !== r.frame) {
      // The page maps to other storage now (or not at all): this translation is useless
      // here; the page may become hot again with its new contents.
      this.drop(r, true);
      this.stats.remaps++;
      return -1;
    }
    if (this.chaining) this.chainLine(pc, r, entry);
    if (this.crossCheck) return this.runChecked(r, entry, limit);
    return this.enter(r, entry, limit);
  }

  /** Block index of the last findEntry() hit. */
  private found = 0;

  /**
   * The region with a block at `pc` (its index in `found`), or undefined; a miss counts
   * towards learning the entry.
   */
  private findEntry(pc: number): Region | undefined {
    const c = this.cpu;
    const key = Math.floor(pc / 4096) * 4 + c.amode;
    const p = this.pages.get(key);
    if (p === undefined) return undefined;
    const off = pc & 0xfff;
    for (let k = 0; k < p.regions.length; k++) {
      const e = p.regions[k]!.entries.get(off);
      if (e !== undefined) { this.found = e; return p.regions[k]; }
    }
    {
      // A block the region does not have. Interruptions return into the middle of blocks
      // at random places, so only an offset that keeps being entered is worth a
      // retranslation (the interpreter runs to the next block boundary meanwhile).
      // Such an entry gets a region of its own (the code reachable from it in the page),
      // so learning costs a translation of the new code only.
      const m = (p.missAt.get(off) ?? 0) + 1;
      p.missAt.set(off, m);
      if (m === this.learnThreshold) {
        if (p.regions.length < MAX_PAGE_REGIONS) {
          if (this.compile(pc, key, [off])) this.stats.learned++;
        } else if (p.merges < MAX_MERGES) {
          // Code entered at many places (switch tables: each case is reached by an
          // indirect branch) outgrows a region per entry: one region with every entry.
          const starts = new Set<number>([off]);
          for (const r of p.regions) for (const o of r.entries.keys()) starts.add(o);
          const merges = p.merges + 1;
          for (const r of [...p.regions]) this.drop(r, true);
          this.compile(pc, key, [...starts]);
          const np = this.pages.get(key);
          if (np) { np.merges = merges; np.missAt = p.missAt; }
          this.stats.merges++;
        }
      }
      return undefined;
    }
  }

  private enter(r: Region, entry: number, limit: number): number {
    const c = this.cpu;
    const s = this.scr32;
    s[SCR_CC >> 2] = c.cc;
    s[SCR_FLAG >> 2] = 0;
    s[SCR_N >> 2] = 0;
    s[SCR_TLB >> 2] = c.tlbTagR.byteOffset;
    // Whether fixed-point overflow is masked off (PSW bit 20 zero): the code then skips the
    // overflow helper. Only rows the helper runs can change the mask; it updates this.
    s[SCR_PMOK >> 2] = (c.pm & 8) === 0 ? 1 : 0;
    s[SCR_PM >> 2] = c.pm;
    this.stats.entries++;
    let status: number;
    try {
      status = this.dispatch(r.slot, entry, limit, 0);
    } catch (e) {
      if (e !== PROGRAM_CHECK) throw e;
      // Every helper that can throw copied the CC into the CPU first; a handler may have
      // changed it since (completion-type exceptions), so the CPU's value stands.
      const k = s[SCR_N >> 2]! + 1;
      c.icount += k;
      this.stats.jitInsns += k;
      this.deliverProgram();
      return k;
    }
    c.cc = s[SCR_CC >> 2]!;
    const k = s[SCR_N >> 2]!;
    if (status === EXIT_IA) {
      const ia = this.scrF64[0]!;
      c.ia = ia < 18446744073709551616 ? ia : TOP_ADDRESS;
    } else if (status === EXIT_BAD_ENTRY) {
      throw new Error(`jit: region entry ${entry} missing at 0x${c.ia.toString(16)}`);
    }
    c.icount += k;
    this.stats.jitInsns += k;
    this.stats.chains += s[SCR_CHAINS >> 2]!;
    s[SCR_CHAINS >> 2] = 0;
    const tier = s[SCR_TIER >> 2]!;
    if (tier !== 0) {
      s[SCR_TIER >> 2] = 0;
      const t = this.slotRegion[tier - 1];
      if (t && !t.inline && !t.dead) this.tierUp(t);
    }
    return k;
  }

  /**
   * A region that keeps running is translated again with its loads and stores inline
   * (the TLB lookup at every access instead of a call per access): bigger code that
   * takes longer to build, worth it only where the time goes.
   */
  private tierUp(r: Region): void {
    const offs = [...r.entries.keys()];
    const blocks = new Set(r.blocks);
    const key = r.page.key;
    this.drop(r, true);
    const nr = this.compile(r.vpage + offs[0]!, key, offs, blocks, true);
    if (nr) this.stats.tierUps++;
  }

  /** Deliver the program interruption a helper recognised, as Cpu.run would. */
  private deliverProgram(): void {
    this.cpu.programInterruption();
  }

  // ------------------------------------------------------------------ translation

  /** Translate the page of `pc` now (tests, tools); true if a region exists afterwards. */
  translateAt(pc: number): boolean {
    const key = Math.floor(pc / 4096) * 4 + this.cpu.amode;
    let s = this.seen.get(key);
    if (!s) { s = new Set(); this.seen.set(key, s); }
    s.add(pc & 0xfff);
    const old = this.pages.get(key);
    if (old) for (const r of [...old.regions]) this.drop(r, true);
    return this.compile(pc, key) !== null;
  }

  /** Translate the page of `pc` from `starts` (page offsets; default: every block entry seen). */
  private compile(pc: number, key: number, starts0?: number[], only?: Set<number>, inline = false): Region | null {
    const c = this.cpu;
    const frame = this.frameOf(pc);
    if (frame < 0 || frame >= this.codeFrames.length) return null;
    if (this.invalCount[frame]! >= MAX_INVALIDATIONS) return null;
    const vpage = Math.floor(pc / 4096) * 4096;
    const amode = c.amode;
    const starts = starts0 ?? [...(this.seen.get(key) ?? [pc & 0xfff])];
    // A page's first region holds the blocks the interpreter saw run, not every block
    // reachable from them: most of a kernel page's static successors are error paths that
    // never run, and translating them was a third of the compile time of a boot. An
    // entry learned later gets everything reachable from it (it is new code running).
    const seen = only ?? (starts0 === undefined ? this.seen.get(key) ?? null : null);
    const pageOff = RAM_BASE + frame * 4096;
    const u8 = this.u8;
    const blocks: RBlock[] = [];
    const blockIndex = new Map<number, number>();
    const insns: RInsn[] = [];
    const work = starts.filter((o) => (o & 1) === 0);
    const queued = new Set(work);
    while (work.length && blocks.length < MAX_BLOCKS) {
      const off0 = work.shift()!;
      const b: RBlock = { pc: vpage + off0, insns: [], next: vpage + off0 };
      let off = off0;
      for (;;) {
        if (b.insns.length > 0 && queued.has(off) && blockIndex.has(vpage + off)) break;
        if (b.insns.length >= MAX_BLOCK || off > 4094) break;
        const insn = decodeAt(u8, pageOff + off, 4096 - off);
        if (insn === null) break; // crosses the page end
        if (insn.row < 0) break; // the interpreter raises the operation exception
        const len = insn.len;
        // Cross-checking runs a region twice: instructions with effects outside the CPU
        // (SVC into the environment, EXECUTE of anything) stay in the interpreter.
        if (this.crossCheck && (TABLE[insn.row]!.flags & (F.BRANCH | F.END)) !== 0 && (!emitterFor(insn.row) || EXECUTE_ROWS.has(TABLE[insn.row]!.mn))) break;
        const ri: RInsn = { pc: vpage + off, insn, idx: insns.length };
        if (TABLE[insn.row]!.mn === 'exrl') {
          // Its target, when in this page (a store to the page drops the region with it).
          const t = off + 2 * insn.ri2;
          if (t >= 0 && t < 4096 && (t & 1) === 0) ri.ex = decodeAt(u8, pageOff + t, 4096 - t) ?? undefined;
        }
        insns.push(ri);
        b.insns.push(ri);
        off += len;
        const flags = TABLE[insn.row]!.flags;
        if ((flags & (F.BRANCH | F.END)) !== 0 && !isNop(insn)) {
          const t = staticTarget(insn, vpage + off - len, amode);
          if (t !== null && t >= vpage && t < vpage + 4096 && !queued.has(t - vpage) && (t & 1) === 0 && (seen === null || seen.has(t - vpage))) { queued.add(t - vpage); work.push(t - vpage); }
          // The fall-through of a conditional branch (or a call's return point) is a block
          // too; after an unconditional jump it is usually padding or another function.
          // So is the instruction after a state-changing row the helper runs (STOSM, SSM,
          // LCTLG, SVC...): the region is left there to poll interruptions and re-entered.
          if (!queued.has(off) && off < 4096 && !isJump(insn) && (seen === null || seen.has(off)) && (emitterFor(insn.row) || !NO_FALL_THROUGH.has(TABLE[insn.row]!.mn))) { queued.add(off); work.push(off); }
          break;
        }
      }
      b.next = wrapNum(vpage + off, amode);
      if (b.insns.length === 0) continue;
      blockIndex.set(b.pc, blocks.length);
      blocks.push(b);
    }
    if (blocks.length === 0) return null;
    const t0 = performance.now();
    // Rows of facilities this CPU lacks keep their operation exception (via the helper).
    const native = (row: number): boolean => c.handlers[row] !== operationException;
    const slot = this.allocSlot();
    // A region names its slot in a tier-up request; the hot tier never asks again.
    const tierUp = inline || !(this.tierUpAt < 2 ** 31) ? 0 : Math.max(1, Math.floor(this.tierUpAt));
    let out: ReturnType<typeof compileRegion>;
    let mod: WebAssembly.Module;
    try {
      out = compileRegion({
        base: c.r.byteOffset, scr: this.scr, amode, blocks, blockIndex, native, shared: this.shared,
        chain: this.chaining ? { slot, cache: this.chainOff, tierUp } : undefined,
      }, this.optimize, inline ? true : undefined);
      mod = new WebAssembly.Module(out.binary as Uint8Array<ArrayBuffer>);
    } catch (e) {
      this.freeSlots.push(slot);
      throw e;
    }
    let page = this.pages.get(key);
    if (!page) { page = { key, regions: [], missAt: new Map(), merges: 0 }; this.pages.set(key, page); }
    const region: Region = {
      page, vpage, frame, amode, entries: new Map(), blockLen: Int32Array.from(blocks, (b) => b.insns.length), insns, run: null as unknown as Region['run'], slot: -1,
      blocks: blocks.map((b) => b.pc - vpage), inline,
      bytes: out.binary.length, dead: false,
    };
    const inst = new WebAssembly.Instance(mod, { env: { mem: c.memory, tbl: this.table, ...this.helpers(region) } });
    region.run = inst.exports.run as Region['run'];
    region.slot = slot;
    this.table.set(slot, region.run);
    this.slotRegion[slot] = region;
    this.stats.compileMs += performance.now() - t0;
    this.stats.compiles++;
    this.stats.nativeRows += out.native;
    this.stats.helperRows += out.helper;
    for (let k = 0; k < blocks.length; k++) region.entries.set(blocks[k]!.pc - vpage, k);
    // Evict the oldest regions beyond the bound.
    while (this.order.size >= this.maxRegions) {
      const oldest = this.order.values().next().value as Region;
      this.drop(oldest, true);
    }
    // The page object may have been emptied (and removed) by that eviction.
    if (this.pages.get(key) !== page) this.pages.set(key, page);
    page.regions.push(region);
    // Cold-block cache entries of this page are wrong now (all are dropped: it is cheap).
    this.coldVer++;
    this.order.add(region);
    this.stats.regions++;
    this.stats.codeBytes += region.bytes;
    let set = this.byFrame.get(frame);
    if (!set) { set = new Set(); this.byFrame.set(frame, set); }
    set.add(region);
    if (this.codeFrames[frame] === 0) {
      this.codeFrames[frame] = 1;
      // The frame may sit in a write TLB already: stores must miss from now on.
      c.dropWriteFrame(frame);
    }
    return region;
  }

  /** The imported helpers of one region. */
  private helpers(r: Region): Record<string, (...a: number[]) => number> {
    const c = this.cpu;
    const s = this.scr32;
    const u8 = this.u8;
    const buf = this.scr + SCR_BUF;
    const at = (idx: number): Insn => {
      const ri = r.insns[idx]!;
      c.cc = s[SCR_CC >> 2]!;
      c.cur = ri.pc;
      c.ilen = ri.insn.len;
      c.ia = wrapNum(ri.pc + ri.insn.len, r.amode);
      return ri.insn;
    };
    return {
      interp: (idx: number): number => {
        const insn = at(idx);
        const next = c.ia;
        c.exec(insn);
        s[SCR_CC >> 2] = c.cc;
        s[SCR_TLB >> 2] = c.tlbTagR.byteOffset;
        s[SCR_PMOK >> 2] = (c.pm & 8) === 0 ? 1 : 0;
        s[SCR_PM >> 2] = c.pm;
        // An EXECUTE whose target branched (the region goes on after one that did not).
        if (c.stopReason !== null || r.dead || c.kicked || c.ia !== next) s[SCR_FLAG >> 2] = 1;
        return 0;
      },
      rd: (a: number, idx: number, size: number): number => {
        at(idx);
        if ((a % 4096) + size <= 4096) return c.ra(a);
        for (let k = 0; k < size; k++) u8[buf + k] = c.ld8(wrapNum(a + k, r.amode));
        return buf;
      },
      wr: (a: number, idx: number, size: number): number => {
        at(idx);
        if ((a % 4096) + size <= 4096) return c.wa(a);
        c.probe(a, size, true);
        return buf;
      },
      wflush: (a: number, idx: number, size: number): number => {
        at(idx);
        for (let k = 0; k < size; k++) c.st8(wrapNum(a + k, r.amode), u8[buf + k]!);
        return 0;
      },
      ovf: (idx: number): number => {
        at(idx);
        c.fixedOverflow();
        return 0;
      },
    };
  }

  // ------------------------------------------------------------------ cross-check

  /**
   * Run the region, then run the same number of instructions in the interpreter from the
   * same starting state, and compare registers, PSW pieces and storage. The interpreter's
   * result is kept; a program interruption is delivered once, after the comparison.
   */
  private runChecked(r: Region, entry: number, limit: number): number {
    const c = this.cpu;
    this.stats.crossChecks++;
    const pc = c.ia;
    const ram = this.u8.subarray(RAM_BASE, RAM_BASE + c.ramSize);
    const before = snap(c, ram);
    const icount = c.icount;
    const realHook = c.programHook;
    let jitFault = -1;
    c.programHook = (cc) => { jitFault = cc.pgmCode; };
    let k: number;
    try {
      k = this.enter(r, entry, limit);
    } finally {
      c.programHook = realHook;
    }
    const afterJit = snap(c, ram);
    restore(c, before, ram);
    c.stopReason = null;
    let intFault = -1;
    let afterInt: Snap | null = null;
    c.programHook = (cc) => { intFault = cc.pgmCode; afterInt = snap(cc, ram); cc.stopReason = 'jit-crosscheck'; };
    try {
      this.interpRun(k, false);
    } finally {
      c.programHook = realHook;
      if (c.stopReason === 'jit-crosscheck') c.stopReason = null;
    }
    c.icount = icount + k;
    afterInt ??= snap(c, ram);
    const diff = compare(afterJit, afterInt);
    if (diff !== null || jitFault !== intFault) {
      this.mismatches.push({ pc, what: diff ?? `program interruption ${jitFault} (jit) vs ${intFault} (interpreter)` });
    }
    if (intFault >= 0) this.deliverProgram();
    return k;
  }
}

/** Helper-run rows after which execution never continues at the next instruction. */
const NO_FALL_THROUGH = new Set(['lpsw', 'lpswe', 'lpswey', 'pr', 'pt', 'pti', 'trap2', 'trap4', 'rp', 'bsg', 'bsa', 'pc']);

/** The instruction at memory offset `p`, or null when it does not fit in the `room` bytes left of its page. */
function decodeAt(u8: Uint8Array, p: number, room: number): Insn | null {
  const len = insnLength(u8[p]!);
  if (len > room) return null;
  const w0 = len === 2 ? (u8[p]! << 24 | u8[p + 1]! << 16) >>> 0
    : ((u8[p]! << 24) | (u8[p + 1]! << 16) | (u8[p + 2]! << 8) | u8[p + 3]!) >>> 0;
  const w1 = len === 6 ? (u8[p + 4]! << 8) | u8[p + 5]! : 0;
  return decode(w0, w1, new Insn());
}

/** BCR/BC/BRC that can never branch (NOPR padding, serialization): not a block end. */
function isNop(i: Insn): boolean {
  const mn = TABLE[i.row]!.mn;
  if (mn === 'bcr') return (i.r1 & 15) === 0 || i.r2 === 0;
  if (mn === 'bc' || mn === 'brc' || mn === 'brcl') return (i.m1 & 15) === 0;
  return false;
}

/** Unconditional jumps (no fall-through). */
function isJump(i: Insn): boolean {
  const mn = TABLE[i.row]!.mn;
  if (mn === 'bcr') return (i.r1 & 15) === 15;
  if (mn === 'bc' || mn === 'brc' || mn === 'brcl') return (i.m1 & 15) === 15;
  return false;
}

/** Static branch target of a relative branch instruction, or null. */
function staticTarget(i: Insn, pc: number, amode: number): number | null {
  const fmt = TABLE[i.row]!.fmt;
  switch (fmt) {
    case 'RI-b': case 'RI-c': case 'RIL-b': case 'RIL-c': return wrapNum(pc + 2 * i.ri2, amode);
    case 'RIE-b': case 'RIE-c': return wrapNum(pc + 2 * i.ri4, amode);
    default: return null;
  }
}

interface Snap {
  r: Uint32Array; f: Uint32Array; ar: Uint32Array; cc: number; ia: number; amode: number; pm: number;
  fpc: number; ram: Uint8Array;
}

function snap(c: Cpu, ram: Uint8Array): Snap {
  return {
    r: c.r.slice(), f: c.f.slice(), ar: c.ar.slice(), cc: c.cc, ia: c.ia, amode: c.amode, pm: c.pm,
    fpc: c.fpc, ram: ram.slice(),
  };
}

function restore(c: Cpu, s: Snap, ram: Uint8Array): void {
  c.r.set(s.r); c.f.set(s.f); c.ar.set(s.ar);
  c.cc = s.cc; c.ia = s.ia; c.amode = s.amode; c.pm = s.pm; c.fpc = s.fpc;
  ram.set(s.ram);
}

function compare(a: Snap, b: Snap): string | null {
  for (let k = 0; k < 32; k++) if (a.r[k] !== b.r[k]) return `GPR ${k >> 1} ${k & 1 ? 'high' : 'low'} word: jit ${a.r[k]!.toString(16)} interpreter ${b.r[k]!.toString(16)}`;
  for (let k = 0; k < 32; k++) if (a.f[k] !== b.f[k]) return `FPR ${k >> 1}`;
  for (let k = 0; k < 16; k++) if (a.ar[k] !== b.ar[k]) return `AR ${k}`;
  if (a.cc !== b.cc) return `CC: jit ${a.cc} interpreter ${b.cc}`;
  if (a.ia !== b.ia) return `IA: jit ${a.ia.toString(16)} interpreter ${b.ia.toString(16)}`;
  if (a.amode !== b.amode || a.pm !== b.pm || a.fpc !== b.fpc) return 'PSW mode, program mask or FPC';
  const n = a.ram.length;
  for (let k = 0; k < n; k++) if (a.ram[k] !== b.ram[k]) return `storage at 0x${k.toString(16)}`;
  return null;
}
