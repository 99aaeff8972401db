// One z/Architecture CPU: architected state, storage access and the interpreter loop.
//
// Conventions every instruction handler relies on:
//  - GPR n is two 32-bit halves in `r`: r[2n] is bits 32-63 (the low word), r[2n+1] is
//    bits 0-31 (the high word). The same bytes are the GPR as a little-endian i64 for the
//    JIT. FPRs are the same in `f`, and `fd[n]` is FPR n as a float64.
//  - Logical (virtual) addresses are JavaScript numbers. They are exact up to 2^53, far
//    beyond any address Linux uses; ea() wraps them to the addressing mode. Above 2^53
//    an address is the nearest double: a documented limitation (exactness there would
//    need the 64-bit sum as two halves through every storage accessor and TLB tag).
//  - Before a handler runs, `cur` is its own address and `ia` already points past it; a
//    branch just assigns `ia`. `ilen` is its length.
//  - A handler that hits an exception calls pgm(code), which throws PROGRAM_CHECK. Nothing
//    may have been changed yet unless the exception is of the completion kind (fixed-point
//    overflow, some BFP traps): check everything first, then write.
//
// The privileged architecture lives beside this file: dat.ts (table walk), interrupts.ts
// (delivery through the lowcore and the pending-interruption poll), timers.ts (TOD
// epoch, clock comparator, CPU timer), sigp.ts, diagnose.ts, stsi.ts and
// semantics/system.ts. What stays here is what the storage fast paths depend on:
// translate() (DAT, prefixing, keys, low-address protection) and the TLB it fills.

import { F, Insn, TABLE, decode, insnLength } from '@ztab/isa';
import { W, datWalk } from './dat.ts';
import { deliverProgram, deliverSvc, pollInterrupts, wakeAt } from './interrupts.ts';
import type { IoHost } from './io-host.ts';
import { CR0, SK } from './lowcore.ts';
import { PGM } from './pgm.ts';
import { CPU_STATE_SIZE, OFF, RAM_BASE, TLB_ENTRIES } from './state.ts';

export type Handler = (c: Cpu, i: Insn) => void;
/** Semantics of a family of instructions, keyed by table mnemonic. */
export type Semantics = Record<string, Handler>;

/** Thrown by Cpu.pgm(); caught by the run loop. A plain object: no stack trace to build. */
export const PROGRAM_CHECK = Object.freeze({ programCheck: true });

const TWO32 = 4294967296;
const PAGE_MASK = 0xfff;
const TLB_MASK = TLB_ENTRIES - 1;
const DCACHE_SIZE = 4096;
const DCACHE_MASK = DCACHE_SIZE - 1;
/** Placeholder for empty decode-cache slots: len 0 never matches a real instruction. */
const EMPTY_INSN = Object.freeze(Object.assign(new Insn(), { len: 0 })) as Insn;
/**
 * Instructions between two polls for interruptions and timers. Anything that can make an
 * interruption deliverable at once (a mask being opened, SIGP, an I/O instruction) ends
 * the slice early through kick(), so this only bounds timer latency (~0.1 ms).
 */
const SLICE = 4096;
/** TEID fetch/store indication (bits 52-53), as QEMU stores it. */
const TEID_FETCH = 0x800;
const TEID_STORE = 0x400;

/** Addressing modes, as the value of the PSW's EA and BA bits. */
export const AMODE_24 = 0;
export const AMODE_31 = 1;
export const AMODE_64 = 3;

export interface CpuOptions {
  memory: WebAssembly.Memory;
  /** Bytes of guest storage after RAM_BASE. */
  ramSize: number;
  /** Index of this CPU (its state block). */
  index?: number;
  /** Installed facilities (STFLE bit numbers). */
  facilities: readonly number[];
  /** Storage keys shared by the CPUs of one machine (one byte per 4 KiB frame). */
  keys?: Uint8Array;
  /** The CPUs of the machine, indexed by CPU address; this CPU adds itself. */
  cpus?: Cpu[];
}

/** What the CPU asks of the machine around it (all optional). */
export interface MachineHooks {
  /** DIAGNOSE 0x308 subcodes 0 (reset modified clear), 1 (reset load normal), 3 (load clear): re-IPL. */
  ipl?(c: Cpu, subcode: number): void;
  /** A CPU entered the stopped state (SIGP stop of itself ends a single-CPU machine: QEMU powers off when every CPU is stopped). */
  stopped?(c: Cpu): void;
  /** DIAGNOSE 0x288 watchdog: fn 0 init, 1 change, 2 cancel; returns 0, or nonzero for a specification exception (QEMU's diag288 device). */
  watchdog?(fn: number, timeout: number, action: number): number;
  /** The IPL parameter block DIAGNOSE 0x308 stores (subcode 6) and replaces (subcode 5); null: none. */
  iplb?: Uint8Array | null;
}

export class Cpu {
  readonly index: number;
  readonly ramSize: number;
  readonly memory: WebAssembly.Memory;
  /** The whole memory as bytes; guest absolute address A is u8[RAM_BASE + A]. */
  readonly u8: Uint8Array;
  /** The whole memory; big-endian accessors read guest storage in guest order. */
  readonly dv: DataView;
  /** General registers as halves, see the header comment. */
  readonly r: Uint32Array;
  /** Floating-point registers as halves (f[2n+1] is the high word). */
  readonly f: Uint32Array;
  /** Floating-point registers as float64. */
  readonly fd: Float64Array;
  /** Access registers. */
  readonly ar: Uint32Array;
  /** Control registers as halves (cr[2n+1] is bits 0-31). */
  readonly cr: Uint32Array;
  /** The FPC register at [0]. */
  readonly fpcReg: Uint32Array;

  // PSW, decoded. The JIT reads and writes these through the CPU object, not memory.
  per = false;
  dat = false;
  io = false;
  ext = false;
  key = 0;
  mchk = false;
  wait = false;
  /** Problem state (PSW bit 15). */
  prob = false;
  /** Address-space control, PSW bits 16-17. */
  asc = 0;
  /** Condition code. */
  cc = 0;
  /** Program mask, PSW bits 20-23: fixed-point overflow, decimal overflow, HFP exponent underflow, HFP significance. */
  pm = 0;
  amode = AMODE_64;
  /** Address of the next instruction (the PSW's instruction address). */
  ia = 0;
  /** Address of the instruction being executed. */
  cur = 0;
  /** Length of the instruction being executed (the ILC times two). */
  ilen = 2;

  /** Scratch: high word of the last ld64(). */
  vh = 0;
  /** Code of the last program interruption recognised. */
  pgmCode = 0;
  /** Data-exception code of the last data exception. */
  dxc = 0;
  /** Prefix register (an absolute address, multiple of 8 KiB). */
  prefix = 0;
  /** Executed instructions. */
  icount = 0;

  /**
   * One byte per 4 KiB frame of absolute storage, nonzero while translated code (the
   * JIT's) depends on the frame; shared by the CPUs of a machine. A store that fills the
   * write TLB for such a frame, and every write to storage that bypasses the TLB
   * (codeWritten), calls onCodeWrite first. The JIT drops such frames from the write TLBs
   * (dropWriteFrame), so the fast store path never needs to look.
   */
  codeFrames: Uint8Array | null = null;
  onCodeWrite: ((frame: number) => void) | null = null;
  /** Replaces the interpreter loop in run() when set (the JIT's driver, which calls interpret()). */
  runner: ((budget: number) => number) | null = null;

  /** Storage keys (ACC F R C as ISKE returns them), one byte per 4 KiB frame of absolute storage. */
  readonly keys: Uint8Array;
  /** The CPUs of this machine by CPU address (SIGP); includes this one. */
  readonly cpus: Cpu[];
  /** CPU address (STAP, SIGP). */
  cpuAddr = 0;
  /** Channel subsystem and service processor; without one, I/O instructions see nothing. */
  ioHost: IoHost | null = null;
  machine: MachineHooks | null = null;

  /** Translation-exception identification of the last access exception (lowcore 0xa8). */
  teidHi = 0;
  teidLo = 0;
  /** Whether the pending program interruption stores the TEID. */
  teidValid = false;
  /** Exception access identification (AR number in the access-register mode). */
  excAccessId = 0;
  /**
   * An invalid PSW loaded by LPSW/LPSWE or an interruption: recognised before the next
   * instruction (early exception recognition) with ILC 0 and this image as the old PSW.
   */
  earlyPsw: [number, number, number, number] | null = null;

  // Timers (timers.ts). The TOD clock is host time plus an epoch difference set by SCK.
  epochHi = 0;
  epochLo = 0;
  ckcHi = 0;
  ckcLo = 0;
  /** CPU timer value at host time cptAt (performance.now() microseconds). */
  cptHi = 0;
  cptLo = 0;
  cptAt = 0;
  /** TOD programmable register (SCKPF). */
  todpr = 0;

  // Pending CPU-local interruption conditions (SIGP, restart).
  /** Emergency signals pending, one bit per source CPU address (< 32). */
  emergency = 0;
  /** Source CPU address of a pending external call, or -1. */
  extCall = -1;
  restartPending = false;
  /** Stopped state (SIGP stop): run() executes nothing. */
  stopped = false;
  /** Set by run() when it returned because of an enabled wait: the machine may sleep until wakeAt(). */
  waiting = false;
  /** Breaking-event address (lowcore 0x110 on program interruptions). */
  bear = 0;

  /** Installed facilities as a bit set indexed by facility number. */
  readonly facility: Uint8Array;

  /**
   * Environment hooks. User mode sets both; without them an SVC or program interruption
   * stops the CPU (architected delivery through the lowcore arrives with the privileged
   * architecture).
   */
  svcHook: ((c: Cpu, code: number) => void) | null = null;
  programHook: ((c: Cpu, code: number) => void) | null = null;
  private stop: string | null = null;
  /** Instructions the current slice of run() may execute; kick() sets it to 0. */
  private lim = 0;

  /**
   * The JIT's view of kick(): it arms this before running translated code and looks
   * afterwards whether an instruction asked for interruptions to be looked at.
   */
  armKick(): void { this.lim = 1; }
  get kicked(): boolean { return this.lim === 0; }

  /** Set to stop the run loop at the next instruction boundary. */
  get stopReason(): string | null { return this.stop; }
  set stopReason(v: string | null) {
    this.stop = v;
    if (v !== null) this.lim = 0;
  }

  /** End the current slice: pending interruptions are looked at before the next instruction. */
  kick(): void {
    this.lim = 0;
  }

  /** The instruction words of the last fetch. */
  private fw0 = 0;
  private fw1 = 0;
  /** Logical page and u8 offset of the last instruction fetch's page, to skip the TLB. */
  private fetchBase = -1e300;
  private fetchOff = 0;
  /** Decoded instructions keyed by their bytes. */
  private readonly dcache: Insn[] = new Array<Insn>(DCACHE_SIZE).fill(EMPTY_INSN);
  /** Handler per table row, built from the installed facilities. */
  readonly handlers: Handler[];
  /** Flags per table row. */
  readonly rowFlags: Int32Array;

  // Software TLB: virtual page number -> byte offset of the absolute page in `u8`.
  // Separate read and write halves: a page enters the write half only when storing to it
  // is allowed, which is also where the JIT will watch for writes to translated code.
  //
  // There are two such TLBs, each valid for one translation context (DAT on/off, address
  // space, PSW key): Linux runs the kernel in the home space and user code in the primary
  // space, and switching between them on every interruption and return would otherwise
  // empty the TLB each time. The fields below are the current set's arrays.
  tlbTagR: Float64Array;
  tlbTagW: Float64Array;
  tlbOffR: Uint32Array;
  tlbOffW: Uint32Array;
  private readonly tlbSets: { tagR: Float64Array; tagW: Float64Array; offR: Uint32Array; offW: Uint32Array }[];
  /** Translation context each set holds (-1: none). */
  private readonly tlbCtx = [-1, -1];
  private tlbCur = 0;

  constructor(opts: CpuOptions, semantics: Semantics) {
    this.index = opts.index ?? 0;
    this.ramSize = opts.ramSize;
    this.memory = opts.memory;
    const buf = opts.memory.buffer as ArrayBuffer;
    if (buf.byteLength < RAM_BASE + opts.ramSize) throw new RangeError('memory is smaller than RAM_BASE + ramSize');
    const base = this.index * CPU_STATE_SIZE;
    this.u8 = new Uint8Array(buf);
    this.dv = new DataView(buf);
    this.r = new Uint32Array(buf, base + OFF.GPR, 32);
    this.f = new Uint32Array(buf, base + OFF.FPR, 32);
    this.fd = new Float64Array(buf, base + OFF.FPR, 16);
    this.ar = new Uint32Array(buf, base + OFF.AR, 16);
    this.cr = new Uint32Array(buf, base + OFF.CR, 32);
    this.fpcReg = new Uint32Array(buf, base + OFF.FPC, 1);
    this.tlbSets = [0, 1].map((k) => {
      const t = base + OFF.TLB + k * 24 * TLB_ENTRIES;
      return {
        tagR: new Float64Array(buf, t, TLB_ENTRIES),
        tagW: new Float64Array(buf, t + 8 * TLB_ENTRIES, TLB_ENTRIES),
        offR: new Uint32Array(buf, t + 16 * TLB_ENTRIES, TLB_ENTRIES),
        offW: new Uint32Array(buf, t + 20 * TLB_ENTRIES, TLB_ENTRIES),
      };
    });
    const s0 = this.tlbSets[0]!;
    this.tlbTagR = s0.tagR;
    this.tlbTagW = s0.tagW;
    this.tlbOffR = s0.offR;
    this.tlbOffW = s0.offW;
    this.tlbFlush();
    this.keys = opts.keys ?? new Uint8Array(Math.ceil(opts.ramSize / 4096));
    this.cpus = opts.cpus ?? [];
    this.cpuAddr = this.index;
    this.cpus[this.index] = this;
    // The state a Linux process sees: AFP registers on. The machine's IPL performs the
    // architected initial CPU reset (initialReset) instead.
    this.cr[0] = CR0.AFP;

    this.facility = new Uint8Array(256);
    for (const b of opts.facilities) this.facility[b] = 1;

    this.rowFlags = new Int32Array(TABLE.length);
    this.handlers = TABLE.map((def, k) => {
      this.rowFlags[k] = def.flags;
      const h = semantics[def.mn];
      if (!h || (def.fac >= 0 && !this.facility[def.fac])) return operationException;
      return h;
    });
  }

  // ---------------------------------------------------------------- registers

  /** FPC register. */
  get fpc(): number { return this.fpcReg[0]!; }
  set fpc(v: number) { this.fpcReg[0] = v; }

  /** GPR n as a number; exact only for values within ±2^53 (for tests and tools). */
  gpr(n: number): number {
    return (this.r[2 * n + 1]! | 0) * TWO32 + this.r[2 * n]!;
  }

  setGpr64(n: number, hi: number, lo: number): void {
    this.r[2 * n + 1] = hi;
    this.r[2 * n] = lo;
  }

  // ---------------------------------------------------------------- PSW

  /** PSW bits 0-31. */
  pswMaskHi(): number {
    return ((this.per ? 0x40000000 : 0) | (this.dat ? 0x04000000 : 0) | (this.io ? 0x02000000 : 0) |
      (this.ext ? 0x01000000 : 0) | (this.key << 20) | (this.mchk ? 0x00040000 : 0) |
      (this.wait ? 0x00020000 : 0) | (this.prob ? 0x00010000 : 0) | (this.asc << 14) |
      (this.cc << 12) | (this.pm << 8) | (this.amode >>> 1)) >>> 0;
  }

  /** PSW bits 32-63. */
  pswMaskLo(): number {
    return (this.amode & 1) ? 0x80000000 : 0;
  }

  /**
   * Load a 128-bit PSW. Returns false (and changes nothing) when the combination of bits
   * is invalid (bits that must be zero, EA without BA, address beyond the amode), which
   * the caller turns into a specification exception as the architecture places it.
   */
  setPsw(hi: number, lo: number, addr: number): boolean {
    // Bits 0, 2-4, 12 and 24-30 must be zero; bits 33-63 must be zero.
    if ((hi & 0xb80800fe) !== 0 || (lo & 0x7fffffff) !== 0) return false;
    const ea = hi & 1, ba = lo >>> 31;
    if (ea && !ba) return false;
    const amode = (ea << 1) | ba;
    if (amode === AMODE_31 && addr > 0x7fffffff) return false;
    if (amode === AMODE_24 && addr > 0xffffff) return false;
    this.per = (hi & 0x40000000) !== 0;
    const dat = (hi & 0x04000000) !== 0;
    this.io = (hi & 0x02000000) !== 0;
    this.ext = (hi & 0x01000000) !== 0;
    this.key = (hi >>> 20) & 15;
    this.mchk = (hi & 0x00040000) !== 0;
    this.wait = (hi & 0x00020000) !== 0;
    this.prob = (hi & 0x00010000) !== 0;
    const asc = (hi >>> 14) & 3;
    this.cc = (hi >>> 12) & 3;
    this.pm = (hi >>> 8) & 15;
    this.amode = amode;
    this.ia = addr;
    const key = (hi >>> 20) & 15;
    const changed = dat !== this.dat || asc !== this.asc || key !== this.key;
    this.key = key;
    this.dat = dat;
    this.asc = asc;
    if (changed) this.tlbSwitch();
    return true;
  }

  /** PSW key change (SPKA and friends): translations checked against the old key go. */
  setKey(k: number): void {
    if (k !== this.key) { this.key = k; this.tlbSwitch(); }
  }

  /** Address-space control change (SAC, SACF). */
  setAsc(asc: number): void {
    if (asc !== this.asc) { this.asc = asc; this.tlbSwitch(); }
  }

  /** DAT mode change (SSM/STNSM/STOSM). */
  setDat(on: boolean): void {
    if (on !== this.dat) { this.dat = on; this.tlbSwitch(); }
  }

  /** The translation context a TLB set is valid for. */
  private tlbContext(): number {
    return (this.dat ? 1 : 0) | (this.asc << 1) | (this.key << 3);
  }

  /**
   * The translation context changed: use the set that holds it, or empty the other set
   * and give it the new context.
   */
  private tlbSwitch(): void {
    const id = this.tlbContext();
    this.fetchBase = -1e300;
    if (this.tlbCtx[this.tlbCur] === id) return;
    const other = this.tlbCur ^ 1;
    const s = this.tlbSets[other]!;
    if (this.tlbCtx[other] !== id) {
      s.tagR.fill(-1);
      s.tagW.fill(-1);
      this.tlbCtx[other] = id;
    }
    this.tlbCur = other;
    this.tlbTagR = s.tagR;
    this.tlbTagW = s.tagW;
    this.tlbOffR = s.offR;
    this.tlbOffW = s.offW;
  }

  /**
   * The architected initial CPU reset (PoP, "CPU Reset" / "Initial CPU Reset"): PSW,
   * prefix, CPU timer, clock comparator, FPC and breaking-event address cleared; CR0 and
   * CR14 to their reset values (QEMU's 0xe0 and 0xc2000000); pending conditions gone.
   */
  initialReset(): void {
    this.cpuReset();
    this.setPsw(0, 0, 0);
    this.amode = AMODE_24;
    this.prefix = 0;
    this.cr.fill(0);
    this.cr[0] = 0xe0;
    this.cr[28] = 0xc2000000;
    this.fpc = 0;
    this.cptHi = this.cptLo = 0;
    this.cptAt = performance.now() * 1000;
    this.ckcHi = this.ckcLo = 0;
    this.todpr = 0;
    this.bear = 1;
    this.tlbFlush();
  }

  /** CPU reset: pending interruption conditions cleared, the CPU stopped; registers kept. */
  cpuReset(): void {
    this.emergency = 0;
    this.extCall = -1;
    this.restartPending = false;
    this.earlyPsw = null;
    this.stopped = true;
    this.waiting = false;
    this.kick();
  }

  // ---------------------------------------------------------------- addresses

  /** Wrap an address to the current addressing mode. */
  wrap(a: number): number {
    if (this.amode === AMODE_64) return a >= 0 && a < 2 ** 64 ? a : ((a % 2 ** 64) + 2 ** 64) % 2 ** 64;
    return this.amode === AMODE_31 ? a & 0x7fffffff : a & 0xffffff;
  }

  /** Effective address D(X,B): register 0 as X or B means no register. */
  ea(x: number, b: number, d: number): number {
    const r = this.r;
    // The displacement as a 64-bit two's-complement value split in halves: the low half
    // is unsigned so that the carry out of it is never negative.
    let lo = d >>> 0;
    let hi = d < 0 ? -1 : 0;
    if (x !== 0) { lo += r[2 * x]!; hi += r[2 * x + 1]!; }
    if (b !== 0) { lo += r[2 * b]!; hi += r[2 * b + 1]!; }
    if (this.amode === AMODE_64) {
      const carry = Math.floor(lo / TWO32);
      return ((hi + carry) >>> 0) * TWO32 + (lo - carry * TWO32);
    }
    return this.amode === AMODE_31 ? lo & 0x7fffffff : lo & 0xffffff;
  }

  /** Address of a relative operand: the current instruction plus `halfwords` * 2. */
  rel(halfwords: number): number {
    return this.wrap(this.cur + halfwords * 2);
  }

  /** Address in a register used as an address (e.g. BASR, MVCL operands) in the current amode. */
  regAddr(n: number): number {
    if (this.amode === AMODE_64) return this.r[2 * n + 1]! * TWO32 + this.r[2 * n]!;
    return this.amode === AMODE_31 ? this.r[2 * n]! & 0x7fffffff : this.r[2 * n]! & 0xffffff;
  }

  // ---------------------------------------------------------------- exceptions

  /** Recognise a program interruption: never returns. */
  pgm(code: number): never {
    this.pgmCode = code;
    throw PROGRAM_CHECK;
  }

  /**
   * Data exception with a DXC. The DXC goes to the lowcore on delivery and, only when
   * the AFP-register control (CR0 bit 45) is one, to the FPC's DXC byte as well.
   */
  dataException(dxc: number): never {
    this.dxc = dxc;
    if (this.cr[0]! & CR0.AFP) this.fpc = (this.fpc & 0xffff00ff) | ((dxc & 0xff) << 8);
    return this.pgm(PGM.DATA);
  }

  /** Fixed-point overflow after the result is stored: an interruption only if PSW bit 20 is one. */
  fixedOverflow(): void {
    if (this.pm & 8) this.pgm(PGM.FIXED_OVERFLOW);
  }

  // ---------------------------------------------------------------- storage

  /** Invalidate both software TLBs (prefix, control-register, table and key changes). */
  tlbFlush(): void {
    this.fetchBase = -1e300;
    for (const s of this.tlbSets) { s.tagR.fill(-1); s.tagW.fill(-1); }
    this.tlbCtx[this.tlbCur] = this.tlbContext();
    this.tlbCtx[this.tlbCur ^ 1] = -1;
  }

  /**
   * Logical page address -> absolute page address for an access by this CPU with its
   * PSW's translation mode, address space and key, or an access exception. The TLB calls
   * it on a miss with the start of the page (low-address protection, which depends on
   * the offset, is checked by the write fill itself). Environments without the
   * privileged architecture (user mode) override it.
   */
  translate(a: number, write: boolean): number {
    return this.xlate(a, write, this.dat, this.asc, this.key, false);
  }

  /**
   * Real address -> absolute address through the prefix (PoP, "Prefixing"): the first
   * 8 KiB and the 8 KiB at the prefix trade places.
   */
  realToAbs(real: number): number {
    if (real < 0x2000) return real + this.prefix;
    if (real >= this.prefix && real < this.prefix + 0x2000) return real - this.prefix;
    return real;
  }

  /** Low word of the ASCE asceOf() returned last. */
  asceLo = 0;

  /**
   * The ASCE of an address space as halves: the high word is returned, the low in `asceLo`.
   * Access-register mode translates through the primary space: ztab implements no
   * access-register translation (ART), which Linux does not use.
   */
  asceOf(asc: number): number {
    const n = asc === 2 ? 7 : asc === 3 ? 13 : 1;
    this.asceLo = this.cr[2 * n]!;
    return this.cr[2 * n + 1]!;
  }

  /**
   * Whether low-address protection covers stores in this translation mode and space:
   * with DAT off always, with DAT on unless the space's ASCE has the private-space bit.
   */
  lapApplies(dat: boolean, asc: number): boolean {
    if ((this.cr[0]! & CR0.LAP) === 0) return false;
    if (!dat) return true;
    this.asceOf(asc);
    return (this.asceLo & 0x100) === 0;
  }

  /**
   * The access-exception path shared by every logical access: low-address protection,
   * DAT (with DAT protection), prefixing, the addressing check, key-controlled
   * protection and the reference and change bits. `key` is the access key (the PSW key
   * for ordinary accesses); `lap` asks for the low-address-protection check of `a`.
   */
  xlate(a: number, write: boolean, dat: boolean, asc: number, key: number, lap = true): number {
    if (lap && write && (a < 512 || (a >= 4096 && a < 4608)) && this.lapApplies(dat, asc)) {
      this.accessException(PGM.PROTECTION, a, asc, write, 0x80);
    }
    let real = a;
    if (dat) {
      const ahi = Math.floor(a / TWO32);
      const hi = this.asceOf(asc);
      const r = datWalk(this, ahi >>> 0, (a - ahi * TWO32) >>> 0, hi, this.asceLo);
      if (r < 0) {
        if (r === -PGM.ADDRESSING) this.pgm(PGM.ADDRESSING);
        this.accessException(-r, a, asc, write, 0);
      }
      if (write && W.prot) this.accessException(PGM.PROTECTION, a, asc, write, 0x04);
      real = r;
    }
    const abs = this.realToAbs(real);
    if (abs >= this.ramSize) return this.pgm(PGM.ADDRESSING);
    const frame = Math.floor(abs / 4096);
    const sk = this.keys[frame]!;
    if (key !== 0 && (sk >>> 4) !== key) {
      // Key-controlled protection: stores need a matching key, fetches too when the
      // fetch-protection bit is on. Overrides: CR0 bit 38 lets fetches from the first
      // 2 KiB through; CR0 bit 39 exempts storage key 9.
      const override = ((this.cr[0]! & CR0.STORE_OVERRIDE) !== 0 && (sk >>> 4) === 9);
      if (write ? !override : ((sk & SK.F) !== 0 && !override &&
        !((this.cr[0]! & CR0.FETCH_OVERRIDE) !== 0 && real < 2048))) {
        this.accessException(PGM.PROTECTION, a, asc, write, 0);
      }
    }
    this.keys[frame] = sk | (write ? SK.R | SK.C : SK.R);
    return abs;
  }

  /** Record the TEID of an access exception at logical `a` and raise it. */
  accessException(code: number, a: number, asc: number, write: boolean, bits: number): never {
    const hi = Math.floor(a / TWO32);
    this.teidHi = hi >>> 0;
    this.teidLo = (((a - hi * TWO32) & 0xfffff000) | (write ? TEID_STORE : TEID_FETCH) | bits | asc) >>> 0;
    this.teidValid = true;
    this.excAccessId = 0;
    return this.pgm(code);
  }

  private fillR(a: number): number {
    const vpn = Math.floor(a / 4096);
    const off = RAM_BASE + this.translate(vpn * 4096, false);
    const i = vpn & TLB_MASK;
    this.tlbTagR[i] = vpn;
    this.tlbOffR[i] = off;
    return off + (a & PAGE_MASK);
  }

  private fillW(a: number): number {
    const vpn = Math.floor(a / 4096);
    // Pages 0 and 1 hold the low-address-protected ranges: while protection is on they
    // never enter the write TLB, so every store there comes back here and is checked.
    // A store that starts in the protected range is refused; one that starts above it
    // cannot reach down into it (multi-page operands probe their last byte too).
    const lowPage = vpn < 2 && (this.cr[0]! & CR0.LAP) !== 0;
    if (lowPage && (a & PAGE_MASK) < 512 && this.lapApplies(this.dat, this.asc)) {
      this.accessException(PGM.PROTECTION, a, this.asc, true, 0x80);
    }
    const off = RAM_BASE + this.translate(vpn * 4096, true);
    const cf = this.codeFrames;
    if (cf !== null) {
      const f = (off - RAM_BASE) / 4096;
      if (cf[f] !== 0) this.onCodeWrite!(f);
    }
    if (lowPage) return off + (a & PAGE_MASK);
    const i = vpn & TLB_MASK;
    this.tlbTagW[i] = vpn;
    this.tlbOffW[i] = off;
    return off + (a & PAGE_MASK);
  }

  /**
   * Absolute storage [abs, abs + len) was written other than by a store through the write
   * TLB (real-address and cross-space moves, PFMF clearing, DIAGNOSE, DMA): translated code
   * of those frames must go.
   */
  codeWritten(abs: number, len: number): void {
    const cf = this.codeFrames;
    if (cf === null || len <= 0) return;
    const last = Math.min(Math.floor((abs + len - 1) / 4096), cf.length - 1);
    for (let f = Math.max(0, Math.floor(abs / 4096)); f <= last; f++) if (cf[f] !== 0) this.onCodeWrite!(f);
  }

  /** Forget write-TLB entries for absolute frame f on every CPU: stores to it miss from now on. */
  dropWriteFrame(f: number): void {
    const off = RAM_BASE + f * 4096;
    for (const c of this.cpus) {
      if (!c) continue;
      for (const s of c.tlbSets) {
        const tag = s.tagW, o = s.offW;
        for (let i = 0; i < TLB_ENTRIES; i++) if (o[i] === off) tag[i] = -1;
      }
    }
  }

  /** Invalidate the TLBs of every CPU of the machine (storage-key and table changes). */
  tlbFlushAll(): void {
    for (const c of this.cpus) if (c) c.tlbFlush();
  }

  /** Offset in u8/dv of the byte at logical address a, for reading. */
  ra(a: number): number {
    const vpn = Math.floor(a / 4096);
    const i = vpn & TLB_MASK;
    if (this.tlbTagR[i] === vpn) return this.tlbOffR[i]! + (a & PAGE_MASK);
    return this.fillR(a);
  }

  /** Offset in u8/dv of the byte at logical address a, for writing. */
  wa(a: number): number {
    const vpn = Math.floor(a / 4096);
    const i = vpn & TLB_MASK;
    if (this.tlbTagW[i] === vpn) return this.tlbOffW[i]! + (a & PAGE_MASK);
    return this.fillW(a);
  }

  /**
   * Check that `len` bytes at `a` (len >= 1) are accessible for reading or writing,
   * raising the access exception now, so that a multi-byte or multi-page operation can
   * then proceed without partial completion.
   */
  probe(a: number, len: number, write: boolean): void {
    if (len <= 0) return;
    const last = this.wrap(a + len - 1);
    if (write) { this.wa(a); this.wa(last); } else { this.ra(a); this.ra(last); }
    // Operands longer than two pages: touch each page in between.
    for (let p = (Math.floor(a / 4096) + 1) * 4096; p < a + len - 4096; p += 4096) {
      if (write) this.wa(this.wrap(p)); else this.ra(this.wrap(p));
    }
  }

  ld8(a: number): number {
    return this.u8[this.ra(a)]!;
  }

  ld16(a: number): number {
    if ((a & PAGE_MASK) <= 0xffe) return this.dv.getUint16(this.ra(a));
    return (this.ld8(a) << 8) | this.ld8(this.wrap(a + 1));
  }

  /** Unsigned 32-bit load. */
  ld32(a: number): number {
    if ((a & PAGE_MASK) <= 0xffc) return this.dv.getUint32(this.ra(a));
    let v = 0;
    for (let k = 0; k < 4; k++) v = v * 256 + this.ld8(this.wrap(a + k));
    return v;
  }

  /** 64-bit load: returns the low word, leaves the high word in `vh`. */
  ld64(a: number): number {
    if ((a & PAGE_MASK) <= 0xff8) {
      const p = this.ra(a);
      this.vh = this.dv.getUint32(p);
      return this.dv.getUint32(p + 4);
    }
    const hi = this.ld32(a);
    const lo = this.ld32(this.wrap(a + 4));
    this.vh = hi;
    return lo;
  }

  st8(a: number, v: number): void {
    this.u8[this.wa(a)] = v;
  }

  st16(a: number, v: number): void {
    if ((a & PAGE_MASK) <= 0xffe) { this.dv.setUint16(this.wa(a), v); return; }
    this.probe(a, 2, true);
    this.st8(a, v >>> 8);
    this.st8(this.wrap(a + 1), v);
  }

  st32(a: number, v: number): void {
    if ((a & PAGE_MASK) <= 0xffc) { this.dv.setUint32(this.wa(a), v); return; }
    this.probe(a, 4, true);
    for (let k = 0; k < 4; k++) this.st8(this.wrap(a + k), v >>> (24 - 8 * k));
  }

  st64(a: number, hi: number, lo: number): void {
    if ((a & PAGE_MASK) <= 0xff8) {
      const p = this.wa(a);
      this.dv.setUint32(p, hi);
      this.dv.setUint32(p + 4, lo);
      return;
    }
    this.probe(a, 8, true);
    this.st32(a, hi);
    this.st32(this.wrap(a + 4), lo);
  }

  // ---------------------------------------------------------------- execution

  /**
   * Read the instruction at `a` into fw0/fw1 (see decode.ts for the layout): an
   * instruction fetch through the read TLB, halfword by halfword across a page end.
   */
  private fetchWords(a: number): void {
    if (a & 1) this.pgm(PGM.SPECIFICATION);
    // Most fetches hit the same page as the previous one; skip the TLB then.
    let off = a - this.fetchBase;
    if (off < 0 || off > 0xffa) {
      if ((a & PAGE_MASK) > 0xffa) {
        const h0 = this.ld16(a);
        const len = insnLength(h0 >>> 8);
        this.fw0 = len === 2 ? (h0 << 16) >>> 0 : ((h0 << 16) | this.ld16(this.wrap(a + 2))) >>> 0;
        this.fw1 = len === 6 ? this.ld16(this.wrap(a + 4)) : 0;
        return;
      }
      const p = this.ra(a);
      this.fetchBase = a - (a & PAGE_MASK);
      this.fetchOff = p - (a & PAGE_MASK);
      off = a & PAGE_MASK;
    }
    const p = this.fetchOff + off;
    const b0 = this.u8[p]!;
    if (b0 < 0x40) { this.fw0 = (this.dv.getUint16(p) << 16) >>> 0; this.fw1 = 0; return; }
    this.fw0 = this.dv.getUint32(p);
    this.fw1 = b0 >= 0xc0 ? this.dv.getUint16(p + 4) : 0;
  }

  /**
   * The decoded form of the instruction in fw0/fw1, from a direct-mapped cache keyed by
   * the instruction's own bytes, so it can never go stale when storage changes.
   */
  private decoded(): Insn {
    const w0 = this.fw0, w1 = this.fw1;
    const h = (w0 ^ (w0 >>> 15) ^ Math.imul(w1, 0x9e3779b1) ^ (w1 >>> 7)) & DCACHE_MASK;
    let e = this.dcache[h]!;
    if (e.w0 === w0 && e.w1 === w1 && e.len !== 0) return e;
    if (e === EMPTY_INSN) e = this.dcache[h] = new Insn();
    return decode(w0, w1, e);
  }

  /** Fetch and decode the instruction at `a` into `out` (used by EXECUTE-like callers and tools). */
  fetch(a: number, out: Insn): Insn {
    this.fetchWords(a);
    return decode(this.fw0, this.fw1, out);
  }

  /** Execute one decoded instruction at `cur` (used by the run loop and by EXECUTE). */
  exec(i: Insn): void {
    this.ilen = i.len;
    const row = i.row;
    if (row < 0) this.pgm(PGM.OPERATION);
    if (this.prob && (this.rowFlags[row]! & F.PRIV) !== 0) this.pgm(PGM.PRIVILEGED);
    this.handlers[row]!(this, i);
  }

  /**
   * Run up to `budget` instructions. Returns the number executed. Stops early when
   * stopReason is set (by a hook, a disabled wait, or the host), when the CPU is stopped,
   * or in an enabled wait (then `waiting` is true and wakeAt() says until when the
   * machine may sleep). Pending enabled interruptions are delivered between slices.
   */
  run(budget: number): number {
    return this.runner !== null ? this.runner(budget) : this.interpret(budget);
  }

  /**
   * run() without the JIT: the interpreter alone. `poll` false skips the look at pending
   * interruptions before the first instruction: the JIT runs cold code a block per call
   * and polls once per slice of its own (the clocks' reads made it a tenth of a boot).
   */
  interpret(budget: number, poll = true): number {
    let n = 0;
    this.waiting = false;
    while (n < budget && this.stop === null) {
      if (this.stopped && !this.restartPending) break;
      if (poll) pollInterrupts(this);
      poll = true;
      if (this.stop !== null || this.stopped) break;
      if (this.wait) {
        if (!this.io && !this.ext) {
          this.stopReason = `disabled wait at 0x${this.ia.toString(16)}`;
        } else {
          this.waiting = true;
        }
        break;
      }
      const left = budget - n;
      this.lim = left < SLICE ? left : SLICE;
      let k = 0;
      try {
        while (k < this.lim) {
          const a = this.ia;
          this.cur = a;
          this.ilen = 0; // a fetch exception has no instruction length yet
          // Counted before the fetch: a PSW whose every fetch faults must still use up
          // the budget, so run() returns whatever the guest made the new PSWs say.
          k++;
          this.fetchWords(a);
          const insn = this.decoded();
          const next = a + insn.len;
          this.ia = this.amode === AMODE_64 ? next : this.wrap(next);
          this.exec(insn);
        }
      } catch (e) {
        if (e !== PROGRAM_CHECK) throw e;
        this.programInterruption();
      }
      n += k;
    }
    this.icount += n;
    return n;
  }

  /** For an enabled wait: host time (performance.now() ms) worth waking up at; Infinity if none. */
  wakeAt(): number {
    return wakeAt(this);
  }

  /** Run one instruction (tests and tools). */
  step(): void {
    this.run(1);
  }

  /** Execute SVC `code`: the environment's hook, else the architected interruption. */
  svc(code: number): void {
    if (this.svcHook) this.svcHook(this, code);
    else deliverSvc(this, code);
  }

  /** Deliver the program interruption recognised last: the environment's hook, else the lowcore. */
  programInterruption(): void {
    if (this.programHook) {
      this.teidValid = false;
      this.earlyPsw = null;
      this.programHook(this, this.pgmCode);
    } else {
      deliverProgram(this);
    }
  }
}

/** Handler for rows without semantics or whose facility is not installed. */
export const operationException: Handler = (c) => c.pgm(PGM.OPERATION);
