// Wasm emission for one region (the instructions of one 4 KiB guest page) with binaryen.
// This file knows how to turn decoded instructions into wasm; jit.ts decides what to
// translate, when, and what to throw away. (The split follows v86: jit.rs / codegen.rs.)
//
// Shape of a compiled region: one exported function `run(entry, limit) -> status`. A
// Relooper dispatcher switches on `entry` to the block where execution starts; blocks
// branch to each other while the executed-instruction count stays below `limit` and the
// exit flag in the scratch area is clear, so loops inside a page never leave wasm.
//
// State the wasm code keeps where JS can see it at any moment a helper may throw:
//  - GPRs live in the CPU state block (little-endian i64), written in place;
//  - the condition code lives in a wasm local and is written to the scratch area
//    (SCR_CC) before every helper call and every exit (and read back after the
//    interpreter helper), so a helper or an exception always sees the current value;
//  - before each helper call the count of completed instructions goes to SCR_N, so an
//    exception leaves an exact instruction count.
// Exits store the next instruction address (as f64) in SCR_IA and return 0, or return 1
// when a helper already put it in cpu.ia (a branch executed by the interpreter).

import binaryen from 'binaryen';
import { F, TABLE, type Insn } from '@ztab/isa';
import { OFF, TLB_ENTRIES } from '@ztab/cpu';
import { EMITTERS, type Emitter, type Term } from './emitters.ts';

type X = number; // binaryen ExpressionRef

/** Byte offsets inside the JIT scratch area (see SCRATCH_OFF in jit.ts). */
export const SCR_CC = 0;
export const SCR_FLAG = 4;
export const SCR_N = 8;
export const SCR_TLB = 12;
export const SCR_IA = 16;
/**
 * Nonzero once the overflow helper returned during this region entry (the program mask
 * disables fixed-point overflow): later overflows skip the call until the interpreter
 * helper (which may run SPM) or the next entry clears it. Only codegen uses it.
 */
export const SCR_PMOK = 24;
/** The program mask (PSW bits 20-23), kept current by the driver and the interpreter helper (IPM reads it). */
export const SCR_PM = 28;
/** 16 bytes where the read helper assembles an operand that crosses a page boundary. */
export const SCR_BUF = 32;
/** Table slot + 1 of a region that has run long enough to be translated again (0: none). */
export const SCR_TIER = 48;
/** Region-to-region transfers made inside wasm since the driver last looked (statistics). */
export const SCR_CHAINS = 52;

/**
 * The chain cache: CHAIN_LINES direct-mapped lines of 16 bytes in the CPU state block, one
 * per recently entered block (line (pc >> 1) & (CHAIN_LINES - 1)): the address as an i64
 * (odd when empty: block addresses are even), then slot | block << 16 | block length << 24,
 * then the region's frame offset in the memory | addressing mode. The driver fills a line
 * whenever it enters a region; a region leaving for an address whose line matches, whose
 * page still maps (read TLB) to that frame, and whose block fits in the limit, tail-calls
 * the next region itself instead of returning to JS.
 */
export const CHAIN_LINES = 512;

/** Exit statuses of a region function. */
export const EXIT_IA = 0;
export const EXIT_CPU_IA = 1;
export const EXIT_BAD_ENTRY = 2;

/** One guest instruction of a region, decoded at translation time. */
export interface RInsn {
  pc: number;
  insn: Insn;
  /** Global index in the region (helper calls name the instruction by it). */
  idx: number;
  /** EXRL: its target, when it lies in the same page (decoded with the region). */
  ex?: Insn;
}

export interface RBlock {
  pc: number;
  insns: RInsn[];
  /** Address after the last instruction (fall-through). */
  next: number;
}

export interface RegionSource {
  /** CPU state block offset in the memory. */
  base: number;
  /** Scratch area offset in the memory. */
  scr: number;
  amode: number;
  blocks: RBlock[];
  /** Whether an instruction at pc starts a block of this region (branch targets). */
  blockIndex: Map<number, number>;
  /** Whether a row may be emitted natively (its facility is installed on this CPU). */
  native: (row: number) => boolean;
  /** The guest memory is shared (a SharedArrayBuffer): the import must say so to link. */
  shared?: boolean;
  /**
   * Chaining: the region's slot in the dispatch table (imported as env.tbl), the chain
   * cache's offset in the memory, and the instructions after which the region asks to be
   * translated again (SCR_TIER; 0: never). Without it, every exit returns to the driver.
   */
  chain?: { slot: number; cache: number; tierUp: number };
}

export interface CompiledRegion {
  binary: Uint8Array;
  /** Rows emitted natively and through the interpreter helper (statistics). */
  native: number;
  helper: number;
}

const i32 = binaryen.i32, i64 = binaryen.i64, f64 = binaryen.f64, none = binaryen.none;

// Locals of the region function: run(entry, limit, n) starts at block `entry` with `n`
// instructions already done by the regions that chained to it; `limit` bounds the total.
const L_ENTRY = 0, L_LIMIT = 1;
const L_N = 2, L_A = 3, L_P = 4, L_E = 5, L_T = 6, L_IA = 7, L_X32 = 8, L_X64 = 9, L_TLB = 10, L_V64 = 11, L_V32 = 12, L_Y64 = 13, L_NEXT = 14;
/** Operand scratch for the emitters: two i64 operands and a result, and the same in i32. */
export const L_OA64 = 15, L_OB64 = 16, L_R64 = 17, L_OA32 = 18, L_OB32 = 19, L_R32 = 20;
/** The CC while wasm runs; written to SCR_CC before every helper call and exit. */
const L_CC = 21;
/** More emitter scratch (carries, a second result). */
export const L_S32 = 22, L_S64 = 23;
/** The count at entry (the region's own share of the instructions is L_N - L_N0). */
const L_N0 = 24;
/** f64 scratch for the BFP emitters: L_F0 .. L_F0 + 11. */
export const L_F0 = 25;
const PARAMS = [i32, i32, i32];
const VAR_TYPES = [i64, i32, i32, i32, i64, i32, i64, i32, i64, i32, i64, i32, i64, i64, i64, i32, i32, i32, i32, i32, i64, i32,
  f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64];

/**
 * Emission context handed to the per-row emitters: small builders over binaryen so the
 * emitters read like the architecture (G(r) is a 64-bit register, L(r) its low word).
 */
export class Gen {
  readonly m: binaryen.Module;
  readonly base: number;
  readonly scr: number;
  readonly amode: number;
  /** Instruction being emitted. */
  pc = 0;
  len = 0;
  idx = 0;
  /** Instructions of the current block completed before this one. */
  done = 0;
  helperCalls = 0;
  /** Counter for unique loop labels. */
  labels = 0;

  /**
   * Inline TLB lookups and accesses (somewhat faster code in some loops, ~2x the IR): see
   * compileRegion's `inlineAccess`. Otherwise each access calls a small per-module
   * function (cheap to compile).
   */
  readonly inline: boolean;

  constructor(m: binaryen.Module, src: RegionSource, inline = false) {
    this.m = m;
    this.inline = inline;
    this.base = src.base;
    this.scr = src.scr;
    this.amode = src.amode;
  }

  c32(v: number): X { return this.m.i32.const(v | 0); }
  /** i64 constant from halves; binaryen takes a number (exact in the safe range) or a BigInt, which ztab avoids. */
  c64(lo: number, hi: number): X {
    const h = hi | 0, l = lo >>> 0;
    if (h >= -0x200000 && h < 0x200000) return this.m.i64.const(h * 4294967296 + l);
    const m = this.m;
    return m.i64.or(m.i64.shl(m.i64.extend_u(m.i32.const(h)), m.i64.const(32)), m.i64.extend_u(m.i32.const(l | 0)));
  }
  /** An i64 constant from a JS integer (two's complement when negative). */
  c64n(v: number): X {
    const hi = Math.floor(v / 4294967296);
    return this.c64(v - hi * 4294967296, hi);
  }
  get32(l: number): X { return this.m.local.get(l, i32); }
  get64(l: number): X { return this.m.local.get(l, i64); }
  set(l: number, v: X): X { return this.m.local.set(l, v); }

  G(r: number): X { return this.m.i64.load(this.base + OFF.GPR + 8 * r, 8, this.c32(0)); }
  setG(r: number, v: X): X { return this.m.i64.store(this.base + OFF.GPR + 8 * r, 8, this.c32(0), v); }
  L(r: number): X { return this.m.i32.load(this.base + OFF.GPR + 8 * r, 4, this.c32(0)); }
  setL(r: number, v: X): X { return this.m.i32.store(this.base + OFF.GPR + 8 * r, 4, this.c32(0), v); }
  H(r: number): X { return this.m.i32.load(this.base + OFF.GPR + 8 * r + 4, 4, this.c32(0)); }
  setH(r: number, v: X): X { return this.m.i32.store(this.base + OFF.GPR + 8 * r + 4, 4, this.c32(0), v); }
  /** Bits 56-63 of GPR r (its lowest byte in the little-endian state block). */
  setB(r: number, v: X): X { return this.m.i32.store8(this.base + OFF.GPR + 8 * r, 1, this.c32(0), v); }

  /** FPR n as its 64-bit image (same little-endian layout as the GPRs). */
  FP(r: number): X { return this.m.i64.load(this.base + OFF.FPR + 8 * r, 8, this.c32(0)); }
  setFP(r: number, v: X): X { return this.m.i64.store(this.base + OFF.FPR + 8 * r, 8, this.c32(0), v); }

  cc(): X { return this.m.local.get(L_CC, i32); }
  setCC(v: X): X { return this.m.local.set(L_CC, v); }
  /** Publish the CC where helpers and the driver read it. */
  ccOut(): X { return this.m.i32.store(this.scr + SCR_CC, 4, this.c32(0), this.m.local.get(L_CC, i32)); }
  ccIn(): X { return this.m.local.set(L_CC, this.m.i32.load(this.scr + SCR_CC, 4, this.c32(0))); }
  flag(): X { return this.m.i32.load(this.scr + SCR_FLAG, 4, this.c32(0)); }

  /** Condition for a 4-bit branch mask against the current CC (mask bit 8 is CC 0). */
  ccMatch(mask: number): X {
    const m = this.m;
    if ((mask & 15) === 15) return this.c32(1);
    if ((mask & 15) === 0) return this.c32(0);
    return m.i32.and(m.i32.shr_u(this.c32(8), this.cc()), this.c32(mask));
  }

  /** Wrap an i64 address to the addressing mode the region was compiled for. */
  wrapAddr(a: X): X {
    if (this.amode === 3) return a;
    return this.m.i64.and(a, this.c64(this.amode === 1 ? 0x7fffffff : 0xffffff, 0));
  }

  /** Effective address D(X,B) as i64, wrapped. */
  ea(x: number, b: number, d: number): X {
    const m = this.m;
    let e: X | null = null;
    if (x !== 0) e = this.G(x);
    if (b !== 0) e = e === null ? this.G(b) : m.i64.add(e, this.G(b));
    if (e === null) return this.wrapAddr(this.c64n(d));
    if (d !== 0) e = m.i64.add(e, this.c64n(d));
    return this.wrapAddr(e);
  }

  /** A register used as an address (BCR, BASR targets) in the region's mode. */
  regAddr(r: number): X { return this.wrapAddr(this.G(r)); }

  /** The next instruction address, as the interpreter computes it (wrapped). */
  nextPc(): number { return wrapNum(this.pc + this.len, this.amode); }

  /** Before a helper call: the completed-instruction count and the CC where JS sees them. */
  private progress(): X {
    return this.m.block(null, [
      this.m.i32.store(this.scr + SCR_N, 4, this.c32(0), this.m.i32.add(this.get32(L_N), this.c32(this.done))),
      this.ccOut(),
    ]);
  }

  /**
   * Exit from the middle of a block: the next instruction is `ia` (i64). Exits branch to
   * one shared tail (see compileRegion) that publishes the count, CC and address.
   */
  exitNow(ia: X, completed: number): X {
    const m = this.m;
    return m.block(null, [
      this.set(L_IA, ia),
      this.set(L_N, m.i32.add(this.get32(L_N), this.c32(completed))),
      m.br('XI'),
    ]);
  }

  /** Exit after a helper put the next instruction address in cpu.ia. */
  exitCpuIa(completed: number): X {
    const m = this.m;
    return m.block(null, [
      this.set(L_N, m.i32.add(this.get32(L_N), this.c32(completed))),
      m.br('XC'),
    ]);
  }

  /** After a helper that may have stored into translated code or asked to stop: leave. */
  private checkFlag(): X {
    return this.m.if(this.flag(), this.exitCpuIa(this.done + 1));
  }

  /**
   * Load `size` bytes (1, 2, 4, 8) at the i64 address `a`: inline TLB lookup, the read
   * helper on a miss or a page-crossing operand. Leaves the zero-extended big-endian value
   * in L_X32 (sizes 1-4) or L_X64 (size 8); returns the statements.
   */
  load(a: X, size: number): X[] {
    if (this.inline) return this.loadInline(a, size);
    const m = this.m;
    this.helperCalls++;
    const name = `ld${size}`;
    this.fns.add(name);
    return [this.set(size === 8 ? L_X64 : L_X32, m.call(name, [a, ...this.missArgs()], size === 8 ? i64 : i32))];
  }

  /** What a helper call on a TLB miss needs: TLB set base, instruction index, completed count, CC. */
  private missArgs(): X[] {
    return [this.get32(L_TLB), this.c32(this.idx), this.m.i32.add(this.get32(L_N), this.c32(this.done)), this.cc()];
  }

  private loadInline(a: X, size: number): X[] {
    const m = this.m;
    const out: X[] = [];
    out.push(this.set(L_A, a));
    out.push(this.lookup(false, size));
    // L_P is the operand's offset in the memory.
    const p = this.get32(L_P);
    if (size === 1) out.push(this.set(L_X32, m.i32.load8_u(0, 1, p)));
    else if (size === 2) {
      out.push(this.set(L_X32, m.i32.load16_u(0, 1, p)));
      out.push(this.set(L_X32, m.i32.or(m.i32.shl(m.i32.and(this.get32(L_X32), this.c32(0xff)), this.c32(8)), m.i32.shr_u(this.get32(L_X32), this.c32(8)))));
    } else if (size === 4) {
      out.push(this.set(L_X32, this.bswap32(m.i32.load(0, 1, p))));
    } else {
      out.push(this.set(L_X32, this.bswap32(m.i32.load(0, 1, p))));
      out.push(this.set(L_X64, m.i64.or(m.i64.shl(m.i64.extend_u(this.get32(L_X32)), this.c64(32, 0)),
        m.i64.extend_u(this.bswap32(m.i32.load(4, 1, this.get32(L_P)))))));
    }
    return out;
  }

  /** bswap of an i32 expression through L_T. */
  private bswap32(v: X): X {
    const m = this.m;
    return m.block(null, [
      this.set(L_T, v),
      m.i32.or(m.i32.rotl(m.i32.and(this.get32(L_T), this.c32(0xff00ff00)), this.c32(8)),
        m.i32.rotr(m.i32.and(this.get32(L_T), this.c32(0x00ff00ff)), this.c32(8))),
    ], i32);
  }

  /**
   * TLB lookup of L_A for a `size`-byte access: sets L_P to the operand's offset, through
   * the helper on a miss (which may throw an access exception with the instruction's
   * address and length already in the CPU).
   */
  private lookup(write: boolean, size: number, noHelper = false): X {
    if (!noHelper) this.helperCalls++;
    if (!this.inline) {
      // One small function per module does the lookup (and the helper call on a miss):
      // far less IR per access than inlining it, which is most of the compile time.
      const name = (write ? 'tw' : 'tr') + (noHelper ? 'n' : '');
      this.fns.add(name);
      const m = this.m;
      return this.set(L_P, m.call(name, [this.get64(L_A), this.get32(L_TLB), this.c32(size), this.c32(this.idx),
        m.i32.add(this.get32(L_N), this.c32(this.done)), this.cc()], i32));
    }
    return this.lookupInline(write, size, noHelper);
  }

  /** The EXRL target of the instruction being emitted, when the region has it. */
  exTarget: Insn | null = null;

  /**
   * MVC of a length known only at run time (EXRL of an MVC: glibc's memcpy tail): `n` (1 to
   * 256) in local L_V32, both operands each within one page with TLB hits (source read,
   * destination write), byte by byte from the left when the destination starts inside the
   * source; the interpreter helper (which runs the EXRL) otherwise.
   */
  moveDyn(a1: X, a2: X): X[] {
    const m = this.m;
    const S = L_OA32, N = L_V32;
    const fits = (): X => m.i32.le_u(m.i32.add(m.i32.and(m.i32.wrap(this.get64(L_A)), this.c32(0xfff)), this.get32(N)), this.c32(4096));
    return [
      this.set(L_A, a2), this.lookup(false, 1, true),
      this.set(S, m.select(fits(), this.get32(L_P), this.c32(-1))),
      this.set(L_A, a1), this.lookup(true, 1, true),
      this.set(L_P, m.select(fits(), this.get32(L_P), this.c32(-1))),
      m.if(m.i32.and(m.i32.ge_s(this.get32(L_P), this.c32(0)), m.i32.ge_s(this.get32(S), this.c32(0))),
        this.moveBytes(() => this.get32(N)),
        m.block(null, this.interp(false))),
    ];
  }

  /**
   * MVC's move of `len()` bytes from offset L_OA32 to offset L_P (both resolved, in one page
   * each): byte by byte from the left when the destination starts inside the source (a
   * byte propagates), else one memory.copy, which gives the same bytes.
   */
  private moveBytes(len: () => X): X {
    const m = this.m;
    const S = L_OA32, K = L_OB32;
    const n = this.labels++;
    const loop = m.block(`md${n}`, [
      this.set(K, this.c32(0)),
      m.loop(`ml${n}`, m.block(null, [
        m.i32.store8(0, 1, m.i32.add(this.get32(L_P), this.get32(K)), m.i32.load8_u(0, 1, m.i32.add(this.get32(S), this.get32(K)))),
        this.set(K, m.i32.add(this.get32(K), this.c32(1))),
        m.br(`ml${n}`, m.i32.lt_u(this.get32(K), len())),
      ])),
    ], none);
    const overlap = m.i32.lt_u(m.i32.sub(this.get32(L_P), this.get32(S)), len());
    return m.if(m.i32.and(overlap, m.i32.ne(this.get32(L_P), this.get32(S))), loop,
      m.memory.copy(this.get32(L_P), this.get32(S), len(), '0', '0'));
  }

  /** Internal functions the region calls (added to the module after the body). */
  readonly fns = new Set<string>();

  private lookupInline(write: boolean, size: number, noHelper: boolean): X {
    const m = this.m;
    const E = TLB_ENTRIES;
    // entry index, tag compare on the VPN as a double (the TLB arrays are Float64Array).
    const vpn = m.i64.shr_u(this.get64(L_A), this.c64(12, 0));
    const tagOff = write ? 8 * E : 0;
    const offOff = write ? 20 * E : 16 * E;
    const lowA = m.i32.and(m.i32.wrap(this.get64(L_A)), this.c32(0xfff));
    const hit = m.i32.and(
      m.f64.eq(m.f64.load(tagOff, 8, m.i32.add(this.get32(L_TLB), m.i32.shl(this.get32(L_E), this.c32(3)))), m.f64.convert_u.i64(vpn)),
      m.i32.le_u(lowA, this.c32(4096 - size)));
    const miss = noHelper ? this.set(L_P, this.c32(-1)) : m.block(null, [
      this.progress(),
      this.set(L_P, m.call(write ? 'wr' : 'rd', [m.f64.convert_u.i64(this.get64(L_A)), this.c32(this.idx), this.c32(size)], i32)),
    ]);
    return m.block(null, [
      this.set(L_E, m.i32.and(m.i32.wrap(m.i64.shr_u(this.get64(L_A), this.c64(12, 0))), this.c32(E - 1))),
      m.if(hit,
        this.set(L_P, m.i32.add(m.i32.load(offOff, 4, m.i32.add(this.get32(L_TLB), m.i32.shl(this.get32(L_E), this.c32(2)))), m.i32.and(m.i32.wrap(this.get64(L_A)), this.c32(0xfff)))),
        miss),
    ]);
  }

  /**
   * Statements of an internal function that leave in local P the offset of the `size`
   * bytes at the i64 in local A (TLB set base in local TLB): inline on a hit; on a miss
   * `miss` (which must set P or return).
   */
  private fnLookup(write: boolean, size: X, L: { A: number; TLB: number; P: number; EI: number; LO: number }, miss: X): X {
    const m = this.m;
    const E = TLB_ENTRIES;
    const a = (): X => m.local.get(L.A, i64);
    const slot = (sh: number): X => m.i32.add(m.local.get(L.TLB, i32), m.i32.shl(m.i32.and(m.local.get(L.EI, i32), this.c32(E - 1)), this.c32(sh)));
    return m.block(null, [
      m.local.set(L.EI, m.i32.wrap(m.i64.shr_u(a(), m.i64.const(12)))),
      m.local.set(L.LO, m.i32.and(m.i32.wrap(a()), this.c32(0xfff))),
      m.if(m.i32.and(
        m.f64.eq(m.f64.load(write ? 8 * E : 0, 8, slot(3)), m.f64.convert_u.i64(m.i64.shr_u(a(), m.i64.const(12)))),
        m.i32.le_u(m.i32.add(m.local.get(L.LO, i32), size), this.c32(4096))),
      m.local.set(L.P, m.i32.add(m.i32.load(write ? 20 * E : 16 * E, 4, slot(2)), m.local.get(L.LO, i32))),
      miss),
    ]);
  }

  /** On a miss inside an internal function: publish count and CC, ask the rd/wr helper. */
  private fnMiss(write: boolean, L: { A: number; P: number; IDX: number; N: number; CC: number }, size: X): X {
    const m = this.m;
    return m.block(null, [
      m.i32.store(this.scr + SCR_N, 4, this.c32(0), m.local.get(L.N, i32)),
      m.i32.store(this.scr + SCR_CC, 4, this.c32(0), m.local.get(L.CC, i32)),
      m.local.set(L.P, m.call(write ? 'wr' : 'rd', [m.f64.convert_u.i64(m.local.get(L.A, i64)), m.local.get(L.IDX, i32), size], i32)),
    ]);
  }

  /** bswap32 of v through local t (of the function being built). */
  private bsw(v: X, t: number): X {
    const m = this.m;
    return m.block(null, [
      m.local.set(t, v),
      m.i32.or(m.i32.rotl(m.i32.and(m.local.get(t, i32), this.c32(0xff00ff00)), this.c32(8)),
        m.i32.rotr(m.i32.and(m.local.get(t, i32), this.c32(0x00ff00ff)), this.c32(8))),
    ], i32);
  }

  /**
   * Add internal function `name` to the module:
   *  - tr, tw, trn, twn (address, TLB, size, idx, count, CC) -> offset: the lookup alone,
   *    `n` forms return -1 on a miss (their callers fall back to the interpreter);
   *  - ld1/2/4/8 (address, TLB, idx, count, CC) -> big-endian value, zero-extended;
   *  - st1/2/4/8 (address, value, TLB, idx, count, CC): store, page-crossing through wflush;
   *  - stm4/8, lm4/8 (address, first register, count, TLB) -> 1 done, 0 not in one page
   *    with a TLB hit (the caller runs the interpreter).
   * Out of line so each access is one call in the region instead of ~40 expressions.
   */
  addFn(name: string): void {
    const m = this.m;
    const c = (v: number): X => this.c32(v);
    const get = (l: number, t = i32): X => m.local.get(l, t);
    if (name === 'ip' || name === 'ov') {
      // (idx, count, CC): publish count and CC, call the interp/ovf helper; ip returns the new CC.
      const pub = [m.i32.store(this.scr + SCR_N, 4, c(0), get(1)), m.i32.store(this.scr + SCR_CC, 4, c(0), get(2))];
      const pmOk = (v: number): X => m.i32.store(this.scr + SCR_PMOK, 4, c(0), c(v));
      if (name === 'ip') {
        m.addFunction(name, binaryen.createType([i32, i32, i32]), i32, [], m.block(null, [
          ...pub, m.drop(m.call('interp', [get(0)], i32)), m.return(m.i32.load(this.scr + SCR_CC, 4, c(0)))]));
      } else {
        m.addFunction(name, binaryen.createType([i32, i32, i32]), none, [], m.if(m.i32.eqz(m.i32.load(this.scr + SCR_PMOK, 4, c(0))),
          m.block(null, [...pub, m.drop(m.call('ovf', [get(0)], i32)), pmOk(1)])));
      }
      return;
    }
    if (name[0] === 't') {
      const write = name[1] === 'w', noHelper = name.endsWith('n');
      const L = { A: 0, TLB: 1, SIZE: 2, IDX: 3, N: 4, CC: 5, P: 6, EI: 7, LO: 8 };
      const miss = noHelper ? m.local.set(L.P, c(-1)) : this.fnMiss(write, L, get(L.SIZE));
      m.addFunction(name, binaryen.createType([i64, i32, i32, i32, i32, i32]), i32, [i32, i32, i32],
        m.block(null, [this.fnLookup(write, get(L.SIZE), L, miss), m.return(get(L.P))]));
      return;
    }
    if (name.startsWith('ld') || name.startsWith('st') && !name.startsWith('stm')) {
      const write = name.startsWith('st');
      const size = Number(name.slice(2));
      // Parameters: A, [V], TLB, IDX, N, CC; then locals P, EI, LO, T.
      const o = write ? 1 : 0;
      const L = { A: 0, V: 1, TLB: 1 + o, IDX: 2 + o, N: 3 + o, CC: 4 + o, P: 5 + o, EI: 6 + o, LO: 7 + o, T: 8 + o };
      const p = (): X => get(L.P);
      const body: X[] = [this.fnLookup(write, c(size), L, this.fnMiss(write, L, c(size)))];
      const vt = size === 8 ? i64 : i32;
      if (!write) {
        let v: X;
        if (size === 1) v = m.i32.load8_u(0, 1, p());
        else if (size === 2) v = m.i32.or(m.i32.shl(m.i32.load8_u(0, 1, p()), c(8)), m.i32.load8_u(1, 1, p()));
        else if (size === 4) v = this.bsw(m.i32.load(0, 1, p()), L.T);
        else v = m.i64.or(m.i64.shl(m.i64.extend_u(this.bsw(m.i32.load(0, 1, p()), L.T)), m.i64.const(32)), m.i64.extend_u(this.bsw(m.i32.load(4, 1, p()), L.T)));
        body.push(m.return(v));
        m.addFunction(name, binaryen.createType([i64, i32, i32, i32, i32]), vt, [i32, i32, i32, i32], m.block(null, body));
        return;
      }
      const v = (): X => get(L.V, vt);
      if (size === 1) body.push(m.i32.store8(0, 1, p(), v()));
      else if (size === 2) body.push(m.i32.store8(0, 1, p(), m.i32.shr_u(v(), c(8))), m.i32.store8(1, 1, p(), v()));
      else if (size === 4) body.push(m.i32.store(0, 1, p(), this.bsw(v(), L.T)));
      else {
        body.push(m.i32.store(0, 1, p(), this.bsw(m.i32.wrap(m.i64.shr_u(v(), m.i64.const(32))), L.T)));
        body.push(m.i32.store(4, 1, p(), this.bsw(m.i32.wrap(v()), L.T)));
      }
      // A page-crossing operand: the helper returned the scratch buffer (after probing both
      // pages); the bytes went there and 'wflush' moves them to storage.
      body.push(m.if(m.i32.eq(p(), c(this.scr + SCR_BUF)),
        m.drop(m.call('wflush', [m.f64.convert_u.i64(get(L.A, i64)), get(L.IDX), c(size)], i32))));
      m.addFunction(name, binaryen.createType([i64, vt, i32, i32, i32, i32]), none, [i32, i32, i32, i32], m.block(null, body));
      return;
    }
    // stm4/stm8/lm4/lm8
    const write = name.startsWith('stm');
    const size = Number(name.slice(write ? 3 : 2));
    const L = { A: 0, R1: 1, CNT: 2, TLB: 3, P: 4, EI: 5, LO: 6, K: 7, RA: 8, T: 9 };
    const n = this.labels++;
    const q = (): X => m.i32.add(get(L.P), m.i32.mul(get(L.K), c(size)));
    const moves: X[] = [];
    if (write) {
      if (size === 8) moves.push(m.i32.store(0, 1, q(), this.bsw(m.i32.load(4, 4, get(L.RA)), L.T)), m.i32.store(4, 1, q(), this.bsw(m.i32.load(0, 4, get(L.RA)), L.T)));
      else moves.push(m.i32.store(0, 1, q(), this.bsw(m.i32.load(0, 4, get(L.RA)), L.T)));
    } else if (size === 8) {
      moves.push(m.i32.store(4, 4, get(L.RA), this.bsw(m.i32.load(0, 1, q()), L.T)), m.i32.store(0, 4, get(L.RA), this.bsw(m.i32.load(4, 1, q()), L.T)));
    } else {
      moves.push(m.i32.store(0, 4, get(L.RA), this.bsw(m.i32.load(0, 1, q()), L.T)));
    }
    const body = m.block(null, [
      this.fnLookup(write, m.i32.mul(get(L.CNT), c(size)), L, m.return(c(0))),
      m.local.set(L.K, c(0)),
      m.loop(`mm${n}`, m.block(null, [
        // Register R1 + K, wrapping from 15 to 0.
        m.local.set(L.RA, m.i32.add(c(this.base + OFF.GPR), m.i32.shl(m.i32.and(m.i32.add(get(L.R1), get(L.K)), c(15)), c(3)))),
        ...moves,
        m.local.set(L.K, m.i32.add(get(L.K), c(1))),
        m.br(`mm${n}`, m.i32.lt_u(get(L.K), get(L.CNT))),
      ])),
      m.return(c(1)),
    ]);
    m.addFunction(name, binaryen.createType([i64, i32, i32, i32]), i32, [i32, i32, i32, i32, i32, i32], body);
  }

  /**
   * Store the low `size` bytes of `v` (i32 for sizes 1-4, i64 for 8) at the i64 address
   * `a`. A write-TLB hit stores inline; translated pages are never in the write TLB, so
   * every store to code comes through the helper, which invalidates and raises the flag.
   */
  store(a: X, v: X, size: number): X[] {
    if (this.inline) return this.storeInline(a, v, size);
    const m = this.m;
    this.helperCalls++;
    const name = `st${size}`;
    this.fns.add(name);
    // Arguments evaluate left to right: the address, then the value (both read registers only).
    return [m.call(name, [a, v, ...this.missArgs()], none), this.checkFlag()];
  }

  private storeInline(a: X, v: X, size: number): X[] {
    const m = this.m;
    const out: X[] = [];
    if (size === 8) out.push(this.set(L_V64, v)); else out.push(this.set(L_V32, v));
    out.push(this.set(L_A, a));
    // A write-TLB hit is never a frame with translated code (those are kept out of the
    // write TLB) nor a page crossing: only the helper's path needs the checks after it.
    out.push(this.lookupInline(true, size, true));
    const p = (): X => this.get32(L_P);
    const st = (): X => {
      if (size === 1) return m.i32.store8(0, 1, p(), this.get32(L_V32));
      if (size === 2) return m.i32.store16(0, 1, p(), m.i32.or(m.i32.shl(m.i32.and(this.get32(L_V32), this.c32(0xff)), this.c32(8)), m.i32.and(m.i32.shr_u(this.get32(L_V32), this.c32(8)), this.c32(0xff))));
      if (size === 4) return m.i32.store(0, 1, p(), this.bswap32(this.get32(L_V32)));
      return m.block(null, [
        m.i32.store(0, 1, p(), this.bswap32(m.i32.wrap(m.i64.shr_u(this.get64(L_V64), this.c64(32, 0))))),
        m.i32.store(4, 1, p(), this.bswap32(m.i32.wrap(this.get64(L_V64)))),
      ]);
    };
    this.helperCalls++;
    out.push(m.if(m.i32.ge_s(p(), this.c32(0)), st(), m.block(null, [
      this.progress(),
      this.set(L_P, m.call('wr', [m.f64.convert_u.i64(this.get64(L_A)), this.c32(this.idx), this.c32(size)], i32)),
      st(),
      // A page-crossing operand: the helper returned the scratch buffer (after probing both
      // pages); the bytes went there and 'wflush' moves them to storage.
      m.if(m.i32.eq(p(), this.c32(this.scr + SCR_BUF)),
        m.drop(m.call('wflush', [m.f64.convert_u.i64(this.get64(L_A)), this.c32(this.idx), this.c32(size)], i32))),
      this.checkFlag(),
    ])));
    return out;
  }

  /**
   * STM/STMG/LM/LMG: registers r1 through r3 (wrapping) from or to consecutive words at
   * `a`. Inline when the whole operand is in one page with a TLB hit; otherwise the
   * interpreter helper runs the instruction (its exceptions and page-crossing order).
   */
  multiple(a: X, r1: number, r3: number, size: 4 | 8, write: boolean): X[] {
    const m = this.m;
    const count = ((r3 - r1) & 15) + 1;
    if (!this.inline) {
      const name = `${write ? 'stm' : 'lm'}${size}`;
      this.fns.add(name);
      return [
        this.set(L_A, a),
        m.if(m.i32.eqz(m.call(name, [this.get64(L_A), this.c32(r1), this.c32(count), this.get32(L_TLB)], i32)), m.block(null, this.interp(false))),
      ];
    }
    const body: X[] = [];
    for (let k = 0; k < count; k++) {
      const r = (r1 + k) & 15;
      const off = k * size;
      if (write) {
        if (size === 8) {
          body.push(m.i32.store(off, 1, this.get32(L_P), this.bswap32(this.H(r))));
          body.push(m.i32.store(off + 4, 1, this.get32(L_P), this.bswap32(this.L(r))));
        } else {
          body.push(m.i32.store(off, 1, this.get32(L_P), this.bswap32(this.L(r))));
        }
      } else if (size === 8) {
        body.push(m.i32.store(this.base + OFF.GPR + 8 * r + 4, 4, this.c32(0), this.bswap32(m.i32.load(off, 1, this.get32(L_P)))));
        body.push(m.i32.store(this.base + OFF.GPR + 8 * r, 4, this.c32(0), this.bswap32(m.i32.load(off + 4, 1, this.get32(L_P)))));
      } else {
        body.push(this.setL(r, this.bswap32(m.i32.load(off, 1, this.get32(L_P)))));
      }
    }
    return [
      this.set(L_A, a),
      this.lookup(write, count * size, true),
      m.if(m.i32.ge_s(this.get32(L_P), this.c32(0)), m.block(null, body), m.block(null, this.interp(false))),
    ];
  }

  /**
   * CLC: compare `len` bytes at a1 and a2. Inline when both operands lie in one page each
   * with read-TLB hits (then no access exception is possible); the helper otherwise.
   */
  /**
   * CLST (strcmp) within the operands' current pages: both first bytes read-TLB hits, the
   * terminator byte valid, and the comparison decided before either page ends. Otherwise
   * (and for CC 3, which needs 8 KiB) the helper runs the instruction from the start.
   */
  compareString(r1: number, r2: number): X[] {
    const m = this.m;
    const P1 = L_OA32, K = L_OB32, N = L_R32, RES = L_S32, V1 = L_X32, V2 = L_V32, NA1 = L_OA64, NA2 = L_OB64;
    const g32 = (l: number): X => this.get32(l);
    const term = (): X => m.i32.and(this.L(0), this.c32(0xff));
    const room = (a: X): X => m.i32.sub(this.c32(4096), m.i32.and(m.i32.wrap(a), this.c32(0xfff)));
    const done = `sd${this.labels++}`, loop = `sl${this.labels++}`;
    const next = (a: X): X => this.wrapAddr(m.i64.add(a, m.i64.extend_u(g32(K))));
    const put = (r: number, l: number): X => (this.amode === 3 ? this.setG(r, this.get64(l)) : this.setL(r, m.i32.wrap(this.get64(l))));
    const body = m.block(done, [
      m.loop(loop, m.block(null, [
        m.br(done, m.i32.ge_u(g32(K), g32(N))),
        this.set(V1, m.i32.load8_u(0, 1, m.i32.add(g32(P1), g32(K)))),
        this.set(V2, m.i32.load8_u(0, 1, m.i32.add(this.get32(L_P), g32(K)))),
        m.if(m.i32.eq(g32(V1), g32(V2)), m.block(null, [
          m.if(m.i32.eq(g32(V1), term()), m.block(null, [this.setCC(this.c32(0)), this.set(RES, this.c32(1)), m.br(done)])),
          this.set(K, m.i32.add(g32(K), this.c32(1))),
          m.br(loop),
        ])),
        this.setCC(m.select(m.i32.eq(g32(V1), term()), this.c32(1),
          m.select(m.i32.eq(g32(V2), term()), this.c32(2), m.select(m.i32.lt_u(g32(V1), g32(V2)), this.c32(1), this.c32(2))))),
        // Both new addresses first: R1 and R2 may be the same register.
        this.set(NA1, next(this.regAddr(r1))),
        this.set(NA2, next(this.regAddr(r2))),
        put(r1, NA1),
        put(r2, NA2),
        this.set(RES, this.c32(1)),
        m.br(done),
      ])),
    ], none);
    return [
      this.set(RES, this.c32(0)),
      this.set(L_A, this.regAddr(r1)),
      this.lookup(false, 1, true),
      this.set(P1, this.get32(L_P)),
      this.set(N, room(this.get64(L_A))),
      this.set(L_A, this.regAddr(r2)),
      this.lookup(false, 1, true),
      this.set(N, m.select(m.i32.lt_u(room(this.get64(L_A)), g32(N)), room(this.get64(L_A)), g32(N))),
      this.set(K, this.c32(0)),
      m.if(m.i32.and(m.i32.eqz(m.i32.and(this.L(0), this.c32(0xffffff00))),
        m.i32.and(m.i32.ge_s(g32(P1), this.c32(0)), m.i32.ge_s(this.get32(L_P), this.c32(0)))), body),
      m.if(m.i32.eqz(g32(RES)), m.block(null, this.interp(false))),
    ];
  }

  compareChars(a1: X, a2: X, len: number): X[] {
    const m = this.m;
    const P1 = L_OA32, K = L_OB32, B = L_R32;
    const b1 = (): X => m.i32.load8_u(0, 1, m.i32.add(this.get32(P1), this.get32(K)));
    const b2 = (): X => m.i32.load8_u(0, 1, m.i32.add(this.get32(L_P), this.get32(K)));
    const n = this.labels++;
    const loop = m.block(`cd${n}`, [
      this.set(K, this.c32(0)),
      m.loop(`cl${n}`, m.block(null, [
        this.set(B, m.i32.sub(b1(), b2())),
        m.br(`cd${n}`, m.i32.ne(this.get32(B), this.c32(0))),
        this.set(K, m.i32.add(this.get32(K), this.c32(1))),
        m.br(`cl${n}`, m.i32.lt_u(this.get32(K), this.c32(len))),
      ])),
    ], none);
    return [
      this.set(L_A, a2),
      this.lookup(false, len, true),
      this.set(P1, this.get32(L_P)),
      this.set(L_A, a1),
      this.lookup(false, len, true),
      // L_P: first operand, P1: second (swapped below by subtracting in the right order).
      m.if(m.i32.and(m.i32.ge_s(this.get32(L_P), this.c32(0)), m.i32.ge_s(this.get32(P1), this.c32(0))),
        m.block(null, [
          // Put the first operand's offset in P1 and the second's in L_P.
          this.set(B, this.get32(P1)), this.set(P1, this.get32(L_P)), this.set(L_P, this.get32(B)),
          this.set(B, this.c32(0)),
          loop,
          this.setCC(m.select(m.i32.eqz(this.get32(B)), this.c32(0), m.select(m.i32.lt_s(this.get32(B), this.c32(0)), this.c32(1), this.c32(2)))),
        ]),
        m.block(null, this.interp(false))),
    ];
  }

  /**
   * Read-modify-write of a `size`-byte storage operand (ASI, NI, ...): `body` runs with
   * L_P at the operand when it lies in one page with a write-TLB hit (then no access
   * exception is possible; a page writable is readable, keys and DAT protection only
   * restrict stores more than fetches); otherwise the interpreter runs the instruction.
   */
  rmw(a: X, size: number, body: X[], align = 1): X[] {
    const m = this.m;
    let ok = m.i32.ge_s(this.get32(L_P), this.c32(0));
    // A misaligned operand (CS, CSG: specification exception) goes to the interpreter.
    if (align > 1) ok = m.i32.and(ok, m.i32.eqz(m.i32.and(m.i32.wrap(this.get64(L_A)), this.c32(align - 1))));
    return [this.set(L_A, a), this.lookup(true, size, true), m.if(ok, m.block(null, body), m.block(null, this.interp(false)))];
  }

  /** `body` when `cond` holds, else the interpreter runs the instruction (its exceptions, rare cases). */
  guarded(cond: X, body: X[]): X {
    return this.m.if(cond, this.m.block(null, body), this.m.block(null, this.interp(false)));
  }

  /** Big-endian value of `size` bytes at L_P + off (i32 for 1-4 bytes, i64 for 8). */
  atP(size: number, off = 0): X {
    const m = this.m;
    const p = this.get32(L_P);
    if (size === 1) return m.i32.load8_u(off, 1, p);
    if (size === 2) return this.bswap16(m.i32.load16_u(off, 1, p));
    if (size === 4) return this.bswap32(m.i32.load(off, 1, p));
    return m.i64.or(m.i64.shl(m.i64.extend_u(this.bswap32(m.i32.load(off, 1, p))), this.c64(32, 0)),
      m.i64.extend_u(this.bswap32(m.i32.load(off + 4, 1, this.get32(L_P)))));
  }

  /** Store `v` big-endian as `size` bytes at L_P (i64 for 8 bytes, i32 otherwise); v is evaluated once. */
  toP(size: number, v: X): X[] {
    const m = this.m;
    const p = (): X => this.get32(L_P);
    if (size === 1) return [m.i32.store8(0, 1, p(), v)];
    if (size === 2) return [m.i32.store16(0, 1, p(), this.bswap16(v))];
    if (size === 4) return [m.i32.store(0, 1, p(), this.bswap32(v))];
    return [
      this.set(L_V64, v),
      m.i32.store(0, 1, p(), this.bswap32(m.i32.wrap(m.i64.shr_u(this.get64(L_V64), this.c64(32, 0))))),
      m.i32.store(4, 1, p(), this.bswap32(m.i32.wrap(this.get64(L_V64)))),
    ];
  }

  /** bswap of the low 16 bits of an i32 expression (result zero-extended). */
  bswap16(v: X): X {
    const m = this.m;
    return m.block(null, [
      this.set(L_T, v),
      m.i32.or(m.i32.and(m.i32.shr_u(this.get32(L_T), this.c32(8)), this.c32(0xff)), m.i32.and(m.i32.shl(this.get32(L_T), this.c32(8)), this.c32(0xff00))),
    ], i32);
  }

  /**
   * MVC / XC / NC / OC of `len` bytes, byte by byte from the left as the architecture
   * defines overlap. Inline when both operands lie in one page each with TLB hits
   * (source read, destination write), else the interpreter. XC of a field with itself
   * (clearing) needs only the destination.
   */
  chars(op: 'mvc' | 'xc' | 'nc' | 'oc', a1: X, a2: X | null, len: number): X[] {
    const m = this.m;
    const S = L_OA32, K = L_OB32, ACC = L_R32;
    const out: X[] = [];
    if (a2 !== null) {
      out.push(this.set(L_A, a2), this.lookup(false, len, true), this.set(S, this.get32(L_P)));
    }
    out.push(this.set(L_A, a1), this.lookup(true, len, true));
    const okP = m.i32.ge_s(this.get32(L_P), this.c32(0));
    const ok = a2 === null ? okP : m.i32.and(okP, m.i32.ge_s(this.get32(S), this.c32(0)));
    const body: X[] = [];
    if (a2 === null) {
      body.push(m.memory.fill(this.get32(L_P), this.c32(0), this.c32(len), '0'), this.setCC(this.c32(0)));
    } else if (op === 'mvc') {
      body.push(this.moveBytes(() => this.c32(len)));
    } else {
      const n = this.labels++;
      const f = op === 'xc' ? m.i32.xor : op === 'nc' ? m.i32.and : m.i32.or;
      const d = (): X => m.i32.add(this.get32(L_P), this.get32(K));
      body.push(
        this.set(K, this.c32(0)), this.set(ACC, this.c32(0)),
        m.loop(`xl${n}`, m.block(null, [
          this.set(L_T, f(m.i32.load8_u(0, 1, d()), m.i32.load8_u(0, 1, m.i32.add(this.get32(S), this.get32(K))))),
          m.i32.store8(0, 1, d(), this.get32(L_T)),
          this.set(ACC, m.i32.or(this.get32(ACC), this.get32(L_T))),
          this.set(K, m.i32.add(this.get32(K), this.c32(1))),
          m.br(`xl${n}`, m.i32.lt_u(this.get32(K), this.c32(len))),
        ])),
        this.setCC(m.i32.ne(this.get32(ACC), this.c32(0))),
      );
    }
    out.push(m.if(ok, m.block(null, body), m.block(null, this.interp(false))));
    return out;
  }

  /** A completion-type fixed-point overflow: interrupts only if the program mask says so. */
  overflowCheck(cond: X): X {
    this.helperCalls++;
    if (this.inline) {
      // Masked off (SCR_PMOK, as in `ov`): no call. The decompressor's hash loops overflow
      // all the time with the mask off.
      const m = this.m;
      return m.if(m.i32.and(cond, m.i32.eqz(m.i32.load(this.scr + SCR_PMOK, 4, this.c32(0)))),
        m.block(null, [this.progress(), m.drop(m.call('ovf', [this.c32(this.idx)], i32)), m.i32.store(this.scr + SCR_PMOK, 4, this.c32(0), this.c32(1))]));
    }
    this.fns.add('ov');
    return this.m.if(cond, this.m.call('ov', [this.c32(this.idx), this.m.i32.add(this.get32(L_N), this.c32(this.done)), this.cc()], none));
  }

  /** Execute the instruction through the interpreter's handler. */
  interp(endsBlock: boolean): X[] {
    this.helperCalls++;
    const m = this.m;
    let out: X[];
    if (this.inline) {
      out = [this.progress(), m.drop(m.call('interp', [this.c32(this.idx)], i32)),
        this.set(L_TLB, m.i32.load(this.scr + SCR_TLB, 4, this.c32(0))), this.ccIn()];
    } else {
      this.fns.add('ip');
      out = [this.setCC(m.call('ip', [this.c32(this.idx), m.i32.add(this.get32(L_N), this.c32(this.done)), this.cc()], i32)),
        this.set(L_TLB, m.i32.load(this.scr + SCR_TLB, 4, this.c32(0)))];
    }
    if (endsBlock) out.push(this.exitCpuIa(this.done + 1));
    else out.push(this.checkFlag());
    return out;
  }
}

/**
 * EXECUTE and EXECUTE RELATIVE LONG: helper rows after which the region may go on (the
 * helper raises the exit flag when the target branched). jit.ts keeps them out of
 * cross-checked regions: their targets may have effects outside the CPU.
 */
export const EXECUTE_ROWS: ReadonlySet<string> = new Set(['ex', 'exrl']);

/** binaryen's "no maximum" for a table (Table::kUnlimitedSize as a 32-bit index). */
const UNBOUNDED = 0xffffffff;

/**
 * Leaving for the address in L_IA: when the chain cache's line holds it, the page still
 * maps to the region's frame in the current read TLB, the addressing mode is the same,
 * the exit flag is clear and the whole first block fits in the limit, publish the CC and
 * tail-call the next region (the same checks the driver makes before an entry).
 */
function chainTo(g: Gen, ch: NonNullable<RegionSource['chain']>, account: () => X[]): X {
  const m = g.m;
  const E = TLB_ENTRIES;
  const ia = g.get64(L_IA);
  const line = m.i32.add(g.c32(ch.cache), m.i32.shl(m.i32.and(m.i32.wrap(m.i64.shr_u(ia, g.c64(1, 0))), g.c32(CHAIN_LINES - 1)), g.c32(4)));
  const vpn = m.i64.shr_u(g.get64(L_IA), g.c64(12, 0));
  const go = m.i32.and(
    m.i32.and(
      m.i32.eq(m.i32.and(g.get32(L_T), g.c32(3)), g.c32(g.amode)),
      m.i32.eqz(g.flag())),
    m.i32.and(
      m.i32.le_u(m.i32.add(g.get32(L_N), m.i32.shr_u(g.get32(L_X32), g.c32(24))), g.get32(L_LIMIT)),
      m.i32.and(
        m.f64.eq(m.f64.load(0, 8, m.i32.add(g.get32(L_TLB), m.i32.shl(g.get32(L_E), g.c32(3)))), m.f64.convert_u.i64(vpn)),
        m.i32.eq(m.i32.load(16 * E, 4, m.i32.add(g.get32(L_TLB), m.i32.shl(g.get32(L_E), g.c32(2)))), m.i32.and(g.get32(L_T), g.c32(~0xfff))))));
  return m.block(null, [
    g.set(L_P, line),
    m.if(m.i64.eq(m.i64.load(0, 8, g.get32(L_P)), g.get64(L_IA)), m.block(null, [
      g.set(L_X32, m.i32.load(8, 4, g.get32(L_P))),
      g.set(L_T, m.i32.load(12, 4, g.get32(L_P))),
      g.set(L_E, m.i32.and(m.i32.wrap(m.i64.shr_u(g.get64(L_IA), g.c64(12, 0))), g.c32(E - 1))),
      m.if(go, m.block(null, [
        g.ccOut(),
        ...account(),
        m.i32.store(g.scr + SCR_CHAINS, 4, g.c32(0), m.i32.add(m.i32.load(g.scr + SCR_CHAINS, 4, g.c32(0)), g.c32(1))),
        m.return_call_indirect('tbl', m.i32.and(g.get32(L_X32), g.c32(0xffff)),
          [m.i32.and(m.i32.shr_u(g.get32(L_X32), g.c32(16)), g.c32(0xff)), g.get32(L_LIMIT), g.get32(L_N)],
          binaryen.createType(PARAMS), i32),
      ])),
    ])),
  ]);
}

/** Wrap an address number to an addressing mode as Cpu.wrap does. */
export function wrapNum(a: number, amode: number): number {
  if (amode === 3) return a >= 0 && a < 2 ** 64 ? a : ((a % 2 ** 64) + 2 ** 64) % 2 ** 64;
  return amode === 1 ? a & 0x7fffffff : a & 0xffffff;
}

/** Native emitter of a row if one exists and the instruction's operands allow it. */
export function emitterFor(row: number): Emitter | undefined {
  // Built on first use: emitters.ts and this file import each other.
  emitterByRow ??= TABLE.map((d) => (Object.prototype.hasOwnProperty.call(EMITTERS, d.mn) ? EMITTERS[d.mn] : undefined));
  return row >= 0 ? emitterByRow[row] : undefined;
}

/** Every region with inline TLB accesses, as the optimizing tier has them (for comparison). */
const INLINE_TLB = typeof process !== 'undefined' && process.env?.ZTAB_JIT_INLINE_TLB === '1';

const VALIDATE = typeof process !== 'undefined' && process.env?.ZTAB_JIT_VALIDATE === '1';

let emitterByRow: (Emitter | undefined)[] | null = null;

/** Where compile time goes (cumulative ms): building binaryen IR, and emitting the binary. */
export const codegenStats = { compiles: 0, buildMs: 0, emitMs: 0, insns: 0, bytes: 0 };

/** Translate a region. Throws only on an internal error (a bug in an emitter). */
/**
 * `inlineAccess`: inline TLB accesses (default from ZTAB_JIT_INLINE_TLB=1), for a second
 * tier of regions that stay hot; `optimize`: binaryen -O2 (slow, ~1 s a region, and it
 * currently aborts inside binaryen on some of the boot's regions, as it did before).
 */
export function compileRegion(src: RegionSource, optimize = false, inlineAccess = INLINE_TLB): CompiledRegion {
  const t0 = performance.now();
  const m = new binaryen.Module();
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.SignExt | binaryen.Features.MutableGlobals | binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt |
      (src.shared ? binaryen.Features.Atomics : 0) | (src.chain ? binaryen.Features.TailCall : 0));
    m.setMemory(1, 65536, null, [], src.shared === true, false, '0');
    m.addMemoryImport('0', 'env', 'mem');
    m.addFunctionImport('interp', 'env', 'interp', i32, i32);
    m.addFunctionImport('rd', 'env', 'rd', binaryen.createType([f64, i32, i32]), i32);
    m.addFunctionImport('wr', 'env', 'wr', binaryen.createType([f64, i32, i32]), i32);
    m.addFunctionImport('ovf', 'env', 'ovf', i32, i32);
    m.addFunctionImport('wflush', 'env', 'wflush', binaryen.createType([f64, i32, i32]), i32);
    const ch = src.chain;
    if (ch) {
      // The driver's dispatch table (no maximum: it grows), and the instructions this
      // region has run, for the tier-up request.
      m.addTable('tbl', 0, UNBOUNDED);
      m.addTableImport('tbl', 'env', 'tbl');
      m.addGlobal('ran', i32, true, m.i32.const(0));
    }
    const g = new Gen(m, src, inlineAccess);
    let native = 0, helper = 0;

    // Structure (v86-style): a loop around a br_table over nested blocks. Block k's code
    // follows the end of the k-th nested block, so a branch to block k sets L_NEXT and
    // re-dispatches, and a fall-through to block k+1 simply runs on.
    const nb = src.blocks.length;
    const codes: X[][] = [];
    // Going on to block k is allowed while all of it fits in the limit (so a region never
    // runs more instructions than asked, like the interpreter) and nobody raised the flag.
    const ok = (k: number): X => m.i32.and(
      m.i32.le_u(m.i32.add(g.get32(L_N), g.c32(src.blocks[k]!.insns.length)), g.get32(L_LIMIT)), m.i32.eqz(g.flag()));
    const exit = (ia: X): X => m.block(null, [g.set(L_IA, ia), m.br('XI')]);
    const goTo = (k: number): X => m.block(null, [g.set(L_NEXT, g.c32(k)), m.br('L')]);
    for (let bi = 0; bi < nb; bi++) {
      const b = src.blocks[bi]!;
      const stmts: X[] = [];
      let term: Term | null = null;
      let endedByHelper = false;
      for (let k = 0; k < b.insns.length; k++) {
        const ri = b.insns[k]!;
        const i = ri.insn;
        g.pc = ri.pc; g.len = i.len; g.idx = ri.idx; g.done = k; g.exTarget = ri.ex ?? null;
        const flags = TABLE[i.row]!.flags;
        const last = k === b.insns.length - 1;
        const em = src.native(i.row) ? emitterFor(i.row) : undefined;
        const r = em ? em(g, i) : null;
        if (r === null) {
          helper++;
          // EXECUTE runs its target through the helper; the region goes on unless the target
          // branched (the helper raises the exit flag then). glibc's memcpy and memset run
          // an EXRL per call.
          const ends = (flags & (F.BRANCH | F.END)) !== 0 && !EXECUTE_ROWS.has(TABLE[i.row]!.mn);
          stmts.push(...g.interp(ends));
          if (ends) { endedByHelper = true; break; }
          continue;
        }
        native++;
        if (Array.isArray(r)) { stmts.push(...r); continue; }
        // A branch that never branches (NOPR): keep going.
        if (r.target === null && r.dyn === null && !last) { stmts.push(...r.pre); continue; }
        if (!last) throw new Error(`jit: branch ${TABLE[i.row]!.mn} in the middle of a block`);
        stmts.push(...r.pre);
        term = r;
      }
      codes.push(stmts);
      if (endedByHelper) continue; // the helper's exit returned already
      stmts.push(g.set(L_N, m.i32.add(g.get32(L_N), g.c32(b.insns.length))));
      const t = term ?? { pre: [], cond: null, target: null, dyn: null };
      const fall = b.next;
      const fallIdx = src.blockIndex.get(fall);
      // Leaving toward the fall-through address: run on into the next block when it is
      // the fall-through, dispatch to it when it is elsewhere in the region, else exit.
      const toFall = (): X => (fallIdx === bi + 1 ? m.if(m.i32.eqz(ok(fallIdx)), exit(g.c64n(fall)))
        : fallIdx !== undefined ? m.if(ok(fallIdx), goTo(fallIdx), exit(g.c64n(fall))) : exit(g.c64n(fall)));
      const toTarget = (): X => {
        if (t.dyn !== null) return exit(g.get64(L_IA));
        const tIdx = src.blockIndex.get(t.target!);
        return tIdx !== undefined ? m.if(ok(tIdx), goTo(tIdx), exit(g.c64n(t.target!))) : exit(g.c64n(t.target!));
      };
      const branches = t.dyn !== null || t.target !== null;
      if (!branches) stmts.push(toFall());
      else if (t.cond === null) stmts.push(toTarget());
      else stmts.push(m.if(t.cond, toTarget()), toFall());
    }

    // Nest: block B0 holds the br_table; block Bk+1 holds block Bk and code k.
    const names = Array.from({ length: nb }, (_, k) => `B${k}`);
    // A named block with an unreachable child (code ending in return/br) makes binaryen
    // search the block's whole subtree for branches to type it, which is quadratic in this
    // nesting; wrapping each block's code in `if (1)` gives it type none.
    let e = m.block('B0', [m.switch(names, 'BAD', g.get32(L_NEXT))], none);
    for (let k = 0; k < nb; k++) {
      e = m.block(k + 1 < nb ? `B${k + 1}` : null, [e, m.if(g.c32(1), m.block(null, codes[k]!))], none);
    }
    const body = m.block(null, [
      g.set(L_N0, g.get32(L_N)),
      g.set(L_TLB, m.i32.load(src.scr + SCR_TLB, 4, g.c32(0))),
      g.set(L_NEXT, g.get32(L_ENTRY)),
      g.ccIn(),
      m.block('BAD', [m.loop('L', e)], none),
    ], none);
    for (const name of g.fns) g.addFn(name);
    // The region's own instructions go to its `ran` counter at every exit; past the
    // tier-up mark it names itself in SCR_TIER for the driver.
    const account = (): X[] => !ch ? [] : [
      m.global.set('ran', m.i32.add(m.global.get('ran', i32), m.i32.sub(g.get32(L_N), g.get32(L_N0)))),
      ...(ch.tierUp > 0 ? [m.if(m.i32.gt_u(m.global.get('ran', i32), g.c32(ch.tierUp)), m.i32.store(src.scr + SCR_TIER, 4, g.c32(0), g.c32(ch.slot + 1)))] : []),
    ];
    // The shared exit tails: leave with the next address in L_IA (status 0, unless the
    // chain cache has the next region: then a tail call to it), or with cpu.ia set by a
    // helper (status 1); both publish the count and the CC.
    const tails = m.block('XC', [
      m.block('XI', [body, m.return(g.c32(EXIT_BAD_ENTRY))], none),
      ...(ch ? [chainTo(g, ch, account)] : []),
      m.f64.store(src.scr + SCR_IA, 8, g.c32(0), m.f64.convert_u.i64(g.get64(L_IA))),
      m.i32.store(src.scr + SCR_N, 4, g.c32(0), g.get32(L_N)),
      g.ccOut(),
      ...account(),
      m.return(g.c32(EXIT_IA)),
    ], none);
    m.addFunction('run', binaryen.createType(PARAMS), i32, VAR_TYPES, m.block(null, [
      tails,
      m.i32.store(src.scr + SCR_N, 4, g.c32(0), g.get32(L_N)),
      g.ccOut(),
      ...account(),
      m.return(g.c32(EXIT_CPU_IA)),
    ]));
    m.addFunctionExport('run', 'run');
    // binaryen's global options default to -O2, under which even emitBinary() builds and
    // optimizes Stack IR: as costly as building the module. Level 0 unless optimizing.
    if (optimize) { binaryen.setOptimizeLevel(2); binaryen.setShrinkLevel(1); m.optimize(); } else { binaryen.setOptimizeLevel(0); binaryen.setShrinkLevel(0); }
    // Validation costs about as much as the rest of the compile; V8 validates the binary
    // anyway, so binaryen's is for debugging emitters.
    if (VALIDATE && !m.validate()) throw new Error('jit: generated module does not validate');
    const t1 = performance.now();
    const binary = m.emitBinary();
    const t2 = performance.now();
    codegenStats.compiles++; codegenStats.buildMs += t1 - t0; codegenStats.emitMs += t2 - t1;
    codegenStats.insns += native + helper; codegenStats.bytes += binary.length;
    return { binary, native, helper };
  } finally {
    m.dispose();
  }
}

export { L_IA, L_X32, L_X64, L_T, L_V64, L_V32, L_Y64, L_A, L_CC, i32 as I32, i64 as I64, f64 as F64, none as NONE };
