// The s390-ccw-virtio machine: one WebAssembly.Memory with the CPUs' state blocks and
// guest storage, the CPUs, and the I/O side (SCLP with the VT220 console, channel
// subsystem, virtio-ccw devices) wired to them; IPL, the run loop and its idle sleep,
// re-IPL and power-off. Host-neutral: only timers, MessageChannel, performance.now()
// and crypto, which Node and browsers (workers included) both have.

import { Cpu, DEFAULT_FACILITIES, RAM_BASE, SEMANTICS, createMemory, type MachineHooks } from '@ztab/cpu';
import {
  IoSystem, VirtioBlk, VirtioNet, VirtioRng, type BlockBackend, type ConsoleBackend, type EntropyBackend,
} from '@ztab/devices';
import { DEFAULT_MAC, checkConfig, type MachineConfig } from './config.ts';
import { loadLinux, type IplImage } from './ipl.ts';
import type { MachineEvents, MachineExit } from './events.ts';
import type { Jit, JitStats } from '@ztab/jit';

/** What the machine has done so far, for status displays and benchmarks. */
export interface MachineStats {
  /** Guest instructions executed, all CPUs. */
  insns: number;
  /** Of those, in translated code / in the interpreter (both 0 until the JIT is attached). */
  jitInsns: number;
  interpInsns: number;
  /** Whether the JIT is attached (false with `jit: false`, while it loads, or if it failed to load). */
  jit: boolean;
  compiles: number;
  compileMs: number;
  /** Bytes of wasm in the code cache, and its regions. */
  codeBytes: number;
  regions: number;
  /** Calls from the driver into translated code, and transfers between regions inside wasm. */
  entries: number;
  chains: number;
  /** Host milliseconds slept in enabled waits. */
  idleMs: number;
}

/**
 * The CPU model: the CPU package's defaults plus facility 4 (IDTE selective clearing
 * of segment-table entries), which QEMU's TCG model also reports. Linux 6.1 issues
 * IDTE whenever facility 3 is there; ztab's table gates IDTE by facility 4, so without
 * it every IDTE is an operation exception (the first failure of the Debian boot).
 */
export const MACHINE_FACILITIES: readonly number[] = [...new Set([...DEFAULT_FACILITIES, 4])].sort((a, b) => a - b);

/** PSW bits 31-32 (EA, BA): the 64-bit addressing mode QEMU's IPL gives a Linux kernel. */
const IPL_MASK_HI = 0x00000001;
const IPL_MASK_LO = 0x80000000;
/**
 * Host time one turn of the run loop may take before it yields to the host's event loop
 * (disk completions, keystrokes, timers). Long enough to amortise the yield, short
 * enough that typing feels immediate.
 */
const TURN_MS = 8;
/** Instructions per run() call inside a turn (the clock is read between calls). */
const BURST = 100_000;
/** How long the JIT may take to load before the machine says so and goes on interpreting. */
const JIT_LOAD_TIMEOUT_MS = 120_000;
/** Longest idle sleep: a bound, so that a lost wake-up costs at most this much latency. */
const MAX_SLEEP_MS = 1000;
/**
 * Shortest idle sleep when the wake-up is a timer. Debian's kernel keeps its 250 Hz tick
 * running in an idle shell (QEMU counts the same ~250 clock-comparator interruptions a
 * second); taking each one costs the interpreter ~0.4-0.9 ms, about 10% of a core
 * (measured at the busybox prompt). Letting timers fire up to 25 ms late coalesces them
 * (the kernel forwards a late tick past "now") to 40 a second, and costs no
 * interactivity: input and I/O wake the loop at once. 16 ms still cost 6%.
 */
const IDLE_SLACK_MS = 25;

const webEntropy: EntropyBackend = {
  fill(dst: Uint8Array): void {
    // getRandomValues takes at most 65536 bytes per call.
    for (let i = 0; i < dst.length; i += 65536) crypto.getRandomValues(dst.subarray(i, Math.min(dst.length, i + 65536)));
  },
};

type Phase = 'built' | 'running' | 'done';

export class Machine {
  readonly config: MachineConfig;
  readonly memory: WebAssembly.Memory;
  readonly ramSize: number;
  /** Guest absolute storage (absolute 0 at index 0). */
  readonly ram: Uint8Array;
  readonly cpus: Cpu[] = [];
  readonly io: IoSystem;
  readonly blk: VirtioBlk[] = [];
  readonly net: VirtioNet;
  readonly rng: VirtioRng;
  /** Where the last IPL put things. */
  image: IplImage | null = null;
  /** IPLs so far (1 after the first boot; re-IPL adds one). */
  ipls = 0;
  events: MachineEvents = {};
  private readonly hooks: MachineHooks;
  private phase: Phase = 'built';
  private exit: MachineExit | null = null;
  private pendingIpl = -1;
  private wakeUp: (() => void) | null = null;
  private readonly channel: MessageChannel | null;
  private yieldResolve: (() => void) | null = null;
  /** Host milliseconds spent sleeping in enabled waits, for status. */
  idleMs = 0;
  /** One per CPU once the JIT is attached. */
  readonly jits: Jit[] = [];
  /** Settles when the JIT is attached, or at once with `jit: false`; never rejects (see jitError). */
  readonly jitReady: Promise<void>;
  /** Why the JIT could not be loaded (the machine then keeps interpreting). */
  jitError: string | null = null;
  private paused = false;

  constructor(config: MachineConfig) {
    checkConfig(config);
    this.config = config;
    this.ramSize = config.memoryMiB * 1024 * 1024;
    this.memory = createMemory(this.ramSize, config.sharedMemory === true);
    this.ram = new Uint8Array(this.memory.buffer, RAM_BASE, this.ramSize);
    const keys = new Uint8Array(this.ramSize / 4096);
    const all: Cpu[] = [];
    this.hooks = {
      ipl: (_c, subcode) => this.requestIpl(subcode),
      stopped: () => this.checkAllStopped(),
      iplb: null,
    };
    for (let k = 0; k < config.cpus; k++) {
      const c = new Cpu({ memory: this.memory, ramSize: this.ramSize, index: k, facilities: MACHINE_FACILITIES, keys, cpus: all }, SEMANTICS);
      c.machine = this.hooks;
      this.cpus.push(c);
    }
    const cpuIds = this.cpus.map((_, k) => k);
    this.io = new IoSystem({ ram: this.ram, cpus: cpuIds, maxCpus: cpuIds.length });
    for (const c of this.cpus) c.ioHost = this.io;
    this.io.onWake = () => this.wake();
    this.io.sclp.vt220.backend = { write: (b) => this.events.console?.(b) } satisfies ConsoleBackend;

    // QEMU's s390-ccw-virtio creates the default NIC at machine init, before the
    // -drive if=virtio disks and -device virtio-rng-ccw: devno 0.0.0000 is the NIC.
    this.net = new VirtioNet(this.io.ram, config.mac ?? DEFAULT_MAC);
    this.io.addVirtio(this.net);
    if (config.net) this.net.attach(config.net);
    for (const d of config.drives) {
      const b = new VirtioBlk(this.io.ram, d);
      this.blk.push(b);
      this.io.addVirtio(b);
    }
    this.rng = new VirtioRng(this.io.ram, config.entropy ?? webEntropy);
    this.io.addVirtio(this.rng);

    // Devices write guest storage directly (DMA): translated code there must go.
    this.io.ram.onWrite = (a, len) => this.cpus[0]!.codeWritten(a, len);

    this.ipl(3);
    this.jitReady = config.jit === false ? Promise.resolve() : this.loadJit();
    // Created last: an open port keeps a Node process alive, so a failed IPL must not leave one.
    this.channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
    if (this.channel) {
      this.channel.port1.onmessage = () => { const r = this.yieldResolve; this.yieldResolve = null; r?.(); };
    }
  }

  /**
   * binaryen is large: it loads while the interpreter runs. All CPUs share one code-frame
   * map, and a store into translated code by any of them drops it from every CPU's JIT.
   */
  private async loadJit(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // A module that never finishes loading (binaryen's top-level await, when a bundler
      // mangles it) must not leave the machine interpreting without a word.
      const ms = this.config.jitLoadTimeoutMs ?? JIT_LOAD_TIMEOUT_MS;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the JIT (binaryen) did not load within ${ms / 1000} s`)), ms);
        (timer as { unref?: () => void }).unref?.();
      });
      const { Jit } = await Promise.race([import('@ztab/jit'), timeout]);
      if (this.phase === 'done') return;
      const frames = new Uint8Array(Math.ceil(this.ramSize / 4096));
      for (const c of this.cpus) this.jits.push(new Jit(c, { ...this.config.jitOptions, codeFrames: frames }));
      if (this.jits.length > 1) {
        const all = this.jits;
        for (const c of this.cpus) c.onCodeWrite = (f) => { for (const j of all) j.invalidateFrame(f); };
      }
      for (const j of this.jits) j.attach();
      this.events.status?.({ kind: 'jit', ready: true });
    } catch (e) {
      this.jitError = e instanceof Error ? e.message : String(e);
      this.events.status?.({ kind: 'jit', ready: false, error: this.jitError });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Counters since the machine was built. */
  stats(): MachineStats {
    let insns = 0, jitInsns = 0, interpInsns = 0, compiles = 0, compileMs = 0, codeBytes = 0, regions = 0, entries = 0, chains = 0;
    for (const c of this.cpus) insns += c.icount;
    for (const j of this.jits) {
      const s: JitStats = j.stats;
      jitInsns += s.jitInsns; interpInsns += s.interpInsns; compiles += s.compiles;
      compileMs += s.compileMs; codeBytes += s.codeBytes; regions += s.regions;
      entries += s.entries; chains += s.chains;
    }
    return { insns, jitInsns, interpInsns, jit: this.jits.length > 0, compiles, compileMs, codeBytes, regions, entries, chains, idleMs: this.idleMs };
  }

  /** Stop executing guest instructions until resume(); devices and timers keep their state. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.wake();
  }

  get isPaused(): boolean { return this.paused; }

  /** Releases host resources of a machine that will not run (tools that only step it). */
  dispose(): void {
    this.channel?.port1.close();
    this.channel?.port2.close();
  }

  /** Keystrokes for the SCLP VT220 console; returns the bytes taken. */
  input(bytes: Uint8Array): number {
    const n = this.io.sclp.vt220.input(bytes);
    this.wake();
    return n;
  }

  /** The host's power button: SCLP signal quiesce, to which Linux answers with a shutdown. */
  requestPowerOff(): void {
    this.io.requestPowerOff();
    this.wake();
  }

  /** Stop at once (Ctrl-A X): the run resolves with `exit`. */
  halt(message = 'terminated by the host', code = 0): void {
    this.finish({ code, reason: 'halted', message });
  }

  /** The guest reached a state where the run ends. */
  private finish(e: MachineExit): void {
    if (this.exit) return;
    this.exit = e;
    for (const c of this.cpus) c.stopReason = e.reason;
    this.wake();
  }

  private requestIpl(subcode: number): void {
    this.pendingIpl = subcode;
    for (const c of this.cpus) c.stopReason = 're-IPL';
  }

  private checkAllStopped(): void {
    if (this.cpus.every((c) => c.stopped && !c.restartPending)) {
      this.finish({ code: 0, reason: 'poweroff', message: 'all CPUs stopped (guest powered off)' });
    }
  }

  private wake(): void {
    for (const c of this.cpus) c.kick();
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /**
   * IPL: machine reset, storage cleared for the clearing variants (subcodes 0 and 3, and
   * the first boot), the kernel loaded again, the IPL CPU started at the kernel's entry.
   * Throws IplError (only possible on the first IPL: the files do not change).
   */
  private ipl(subcode: number): void {
    this.io.reset();
    // A new WebAssembly.Memory is all zeros: only a re-IPL has storage to clear.
    if (subcode !== 1 && this.ipls > 0) {
      this.ram.fill(0);
      this.cpus[0]!.keys.fill(0);
    }
    this.image = loadLinux(this.ram, this.config.kernel, this.config.initrd, this.config.cmdline);
    // Storage was rewritten behind the CPUs' backs.
    for (const j of this.jits) j.invalidateAll();
    for (const c of this.cpus) {
      c.initialReset();
      c.r.fill(0);
      c.f.fill(0);
      c.ar.fill(0);
      c.stopReason = null;
      c.stopped = true;
      c.wait = false;
      c.waiting = false;
    }
    const c0 = this.cpus[0]!;
    c0.setPsw(IPL_MASK_HI, IPL_MASK_LO, this.image.entry);
    c0.stopped = false;
    this.ipls++;
    this.events.status?.({ kind: 'ipl', count: this.ipls, entry: this.image.entry });
  }

  private yieldToHost(): Promise<void> {
    // Node runs MessagePort messages ahead of its timers, so a MessageChannel loop
    // starves them there; Node has setImmediate, browsers and workers do not.
    const si = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
    if (si) return new Promise((r) => { si(r); });
    if (!this.channel) return new Promise((r) => setTimeout(r, 0));
    return new Promise((r) => { this.yieldResolve = r; this.channel!.port2.postMessage(0); });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.wakeUp = null; resolve(); }, ms);
      this.wakeUp = () => { clearTimeout(t); resolve(); };
    });
  }

  /** Runs until the guest powers off, stops in a disabled wait, or the host halts it. */
  async run(): Promise<MachineExit> {
    if (this.phase !== 'built') throw new Error('Machine.run() called twice');
    this.phase = 'running';
    try {
      while (!this.exit) {
        const t0 = performance.now();
        let allIdle = false;
        while (!this.exit) {
          allIdle = this.turn();
          if (this.pendingIpl >= 0) {
            const sub = this.pendingIpl;
            this.pendingIpl = -1;
            if (this.config.noReboot) {
              this.finish({ code: 0, reason: 'reboot', message: 'the guest rebooted (-no-reboot)' });
              break;
            }
            this.events.status?.({ kind: 'reboot', subcode: sub });
            this.ipl(sub);
            continue;
          }
          if (allIdle || performance.now() - t0 >= TURN_MS) break;
        }
        if (this.exit) break;
        if (allIdle) {
          let at = Infinity;
          for (const c of this.cpus) if (!c.stopped && c.waiting) at = Math.min(at, c.wakeAt());
          const ms = Math.min(MAX_SLEEP_MS, Math.max(this.config.idleSlackMs ?? IDLE_SLACK_MS, at - performance.now()));
          if (ms > 0.5 && (this.paused || !this.anythingPending())) {
            const s0 = performance.now();
            await this.sleep(ms);
            this.idleMs += performance.now() - s0;
            continue;
          }
        }
        await this.yieldToHost();
      }
    } finally {
      this.phase = 'done';
      this.channel?.port1.close();
      this.channel?.port2.close();
    }
    this.events.status?.({ kind: 'exit', exit: this.exit! });
    return this.exit!;
  }

  /** Whether an interruption is already pending for some waiting CPU (no sleep then). */
  private anythingPending(): boolean {
    if (this.io.serviceSignalPending()) return true;
    for (const c of this.cpus) {
      if (c.stopped) continue;
      if (c.restartPending || c.emergency !== 0 || c.extCall >= 0) return true;
      if (c.io && this.io.ioPending(c.cr[12]! >>> 24)) return true;
    }
    return false;
  }

  /**
   * One burst on every CPU. Returns true when no CPU can make progress without an
   * interruption (all waiting or stopped).
   */
  private turn(): boolean {
    if (this.paused) return true;
    let busy = false;
    for (const c of this.cpus) {
      if (c.stopped && !c.restartPending) continue;
      c.run(BURST);
      const why = c.stopReason;
      if (why !== null) {
        if (why === 're-IPL' || this.exit) return false;
        if (why.startsWith('disabled wait')) {
          this.finish({ code: 1, reason: 'disabled-wait', message: `CPU ${c.index}: ${why} (PSW ${psw(c)})`, psw: pswWords(c) });
        } else {
          this.finish({ code: 1, reason: 'error', message: `CPU ${c.index}: ${why} (PSW ${psw(c)})`, psw: pswWords(c) });
        }
        return false;
      }
      if (!c.waiting && !(c.stopped && !c.restartPending)) busy = true;
    }
    return !busy;
  }
}

function pswWords(c: Cpu): [number, number, number] {
  return [c.pswMaskHi(), c.pswMaskLo(), c.ia];
}

function hex(v: number, w: number): string {
  return v.toString(16).padStart(w, '0');
}

export function psw(c: Cpu): string {
  const hi = Math.floor(c.ia / 4294967296);
  return `${hex(c.pswMaskHi(), 8)}${hex(c.pswMaskLo(), 8)} ${hex(hi, 8)}${hex(c.ia - hi * 4294967296, 8)}`;
}

export type { BlockBackend };
