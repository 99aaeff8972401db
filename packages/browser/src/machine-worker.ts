// The machine side of the worker, without the comlink wiring (worker.ts), so that it can
// run and be tested anywhere a Machine runs.

import { Machine, type MachineExit } from '@ztab/machine';
import { describe, IdbChunkStore, type ChunkStore } from './chunk-store.ts';
import { CowDisk, HttpImage, ZeroImage, type BaseImage } from './cow-disk.ts';
import { OutputBuffer } from './output-buffer.ts';
import type { BootSpec, DiskInfo, DiskSpec, HostEvents, MachineApi, RunState, Status } from './protocol.ts';
import { activity, instructionRate, jitShare, type Sample } from './rate.ts';

/** Console output goes to the page at most this often, at most this much at a time. */
const CONSOLE_MS = 16;
const CONSOLE_BATCH = 64 * 1024;
const STATUS_MS = 500;
/** Keystrokes the console has not taken yet; more is dropped (a paste into a hung guest). */
const MAX_PENDING_INPUT = 64 * 1024;
const INPUT_RETRY_MS = 10;
const DEFAULT_POWER_OFF_GRACE_MS = 5000;

/** A store that refuses every write: IndexedDB is unavailable, the guest gets I/O errors. */
class RefusedStore implements ChunkStore {
  constructor(private readonly why: string) {}
  async chunkIndices(): Promise<number[]> { return []; }
  async getChunks(i: number[]): Promise<(Uint8Array | undefined)[]> { return i.map(() => undefined); }
  async getMeta<T>(): Promise<T | undefined> { return undefined; }
  putChunks(): Promise<void> { return Promise.reject(new Error(this.why)); }
  putMeta(): Promise<void> { return Promise.reject(new Error(this.why)); }
  clear(): Promise<void> { return Promise.reject(new Error(this.why)); }
  sync(): Promise<void> { return Promise.reject(new Error(this.why)); }
}

export class MachineHost implements MachineApi {
  private events: HostEvents | null = null;
  private machine: Machine | null = null;
  private running: Promise<MachineExit> | null = null;
  private spec: BootSpec | null = null;
  private disk: CowDisk | null = null;
  private diskSpec: DiskSpec | null = null;
  private diskPersistent = false;
  private diskError: string | null = null;
  private state: RunState = 'loading';
  private message = '';
  private prev: Sample | null = null;
  private ips = 0;
  private readonly out = new OutputBuffer();
  private outTimer: ReturnType<typeof setTimeout> | null = null;
  private sending = false;
  private input_ = new Uint8Array(0);
  private inputTimer: ReturnType<typeof setTimeout> | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private powerOffTimer: ReturnType<typeof setTimeout> | null = null;

  connect(events: HostEvents): void {
    this.events = events;
  }

  private notice(kind: 'error' | 'info', message: string): void {
    void Promise.resolve(this.events?.notice(kind, message)).catch(() => undefined);
  }

  // ---- disk ----

  private original(spec: DiskSpec, cache: ChunkStore | null): BaseImage {
    return spec.url ? new HttpImage(spec.url, spec.size, cache) : new ZeroImage(spec.size);
  }

  async openDisk(spec: DiskSpec): Promise<DiskInfo> {
    this.diskSpec = spec;
    this.diskError = null;
    const onError = (m: string) => {
      this.diskError = m;
      this.notice('error', `${m} — the guest sees an I/O error`);
    };
    const overlay = new IdbChunkStore(`ztab-disk:${spec.name}`);
    const cache = new IdbChunkStore(`ztab-base:${spec.baseId}`);
    try {
      this.disk = await CowDisk.open({ baseId: spec.baseId, base: this.original(spec, cache), overlay, serial: spec.name.slice(0, 20), onError });
      this.diskPersistent = true;
      if (this.disk.droppedStaleOverlay) this.notice('info', 'The guest\'s disk image changed since your last visit: your changes to the old one were dropped.');
    } catch (e) {
      // Private windows and disabled storage: the disk still reads its base over HTTP,
      // every write is an I/O error for the guest and a message on the page.
      const why = `the disk cannot be stored in this browser: ${describe(e)}`;
      this.diskError = why;
      this.diskPersistent = false;
      this.notice('error', `${why}. The guest will see I/O errors when it writes to the disk.`);
      this.disk = await CowDisk.open({ baseId: spec.baseId, base: this.original(spec, null), overlay: new RefusedStore(why), serial: spec.name.slice(0, 20), onError })
        .catch(() => null);
      if (!this.disk) throw e;
    }
    return this.diskInfo()!;
  }

  diskInfo(): DiskInfo | null {
    if (!this.disk) return null;
    return { size: this.disk.size, overlayChunks: this.disk.overlayChunks, imported: this.disk.imported, persistent: this.diskPersistent, error: this.diskError };
  }

  private needDisk(): CowDisk {
    if (!this.disk) throw new Error('no disk is open');
    return this.disk;
  }

  async diskRead(offset: number, length: number): Promise<Uint8Array> {
    const dst = new Uint8Array(length);
    await this.needDisk().read(offset, dst);
    return dst;
  }

  diskWrite(offset: number, bytes: Uint8Array): Promise<void> {
    return this.needDisk().write(offset, bytes);
  }

  diskFlush(): Promise<void> {
    return this.needDisk().flush();
  }

  /** Runs a change of the disk's contents with no machine using it, then boots again if one was. */
  private async withDiskOffline(change: (d: CowDisk) => Promise<void>): Promise<DiskInfo> {
    const d = this.needDisk();
    const wasRunning = this.machine !== null && this.state !== 'stopped' && this.state !== 'error';
    if (wasRunning) await this.stop('the disk changed');
    try {
      await change(d);
    } catch (e) {
      this.diskError = describe(e);
      this.notice('error', `disk: ${describe(e)}`);
      throw e;
    } finally {
      if (wasRunning && this.spec) await this.start(this.spec);
    }
    return this.diskInfo()!;
  }

  diskReset(): Promise<DiskInfo> {
    const spec = this.diskSpec!;
    return this.withDiskOffline((d) => d.reset({ baseId: spec.baseId, base: this.original(spec, this.diskPersistent ? new IdbChunkStore(`ztab-base:${spec.baseId}`) : null) }));
  }

  diskExport(): Promise<Blob> {
    return this.needDisk().export();
  }

  diskImport(image: Blob): Promise<DiskInfo> {
    return this.withDiskOffline((d) => d.import(image));
  }

  // ---- machine ----

  async boot(spec: BootSpec): Promise<void> {
    if (this.machine) await this.stop('booting again');
    this.spec = spec;
    await this.start(spec);
  }

  private async start(spec: BootSpec): Promise<void> {
    this.setState('booting', 'IPL');
    let m: Machine;
    try {
      m = new Machine({
        memoryMiB: spec.memoryMiB,
        cpus: 1,
        kernel: spec.kernel,
        ...(spec.initrd ? { initrd: spec.initrd } : {}),
        cmdline: spec.cmdline,
        drives: this.disk ? [this.disk] : [],
        // Only a cross-origin-isolated page may create shared memory; one CPU needs none.
        sharedMemory: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      });
    } catch (e) {
      this.setState('error', `the guest cannot be booted: ${describe(e)}`);
      return;
    }
    this.machine = m;
    m.events.console = (b) => this.console(b);
    m.events.status = (s) => {
      if (s.kind === 'reboot') this.message = 'the guest rebooted';
    };
    this.prev = this.sample();
    this.ips = 0;
    this.running = m.run();
    this.running.then((exit) => this.exited(m, exit), (e: unknown) => this.exited(m, { code: 1, reason: 'error', message: describe(e) }));
    this.statusTimer ??= setInterval(() => this.tick(), STATUS_MS);
    this.setState('running', '');
  }

  private exited(m: Machine, exit: MachineExit): void {
    if (this.machine !== m) return;
    if (this.powerOffTimer) clearTimeout(this.powerOffTimer);
    this.powerOffTimer = null;
    this.ips = 0;
    this.drainConsole();
    this.setState('stopped', exit.message);
  }

  /** Ends the current machine's run and waits for it. */
  private async stop(why: string): Promise<void> {
    const m = this.machine;
    const r = this.running;
    if (!m || !r) return;
    m.resume();
    m.halt(why);
    await r.catch(() => undefined);
    this.machine = null;
    this.running = null;
    this.input_ = new Uint8Array(0);
  }

  pause(): void {
    if (!this.machine || !this.live()) return;
    this.machine.pause();
    this.ips = 0;
    this.setState('paused', '');
  }

  resume(): void {
    if (!this.machine || this.state !== 'paused') return;
    this.machine.resume();
    this.prev = this.sample();
    // The machine slept through the pause and credits that sleep to idleMs only when the
    // wake lands, after this sample: the next tick starts a fresh window instead.
    this.rebaseline = true;
    this.setState('running', '');
  }

  async reset(): Promise<void> {
    if (!this.spec) return;
    await this.stop('reset by the host');
    await this.start(this.spec);
  }

  async powerOff(graceMs = DEFAULT_POWER_OFF_GRACE_MS): Promise<void> {
    const m = this.machine;
    if (!m || !this.live() && this.state !== 'paused') return;
    m.resume();
    this.setState('stopping', 'asked the guest to shut down');
    m.requestPowerOff();
    this.powerOffTimer = setTimeout(() => {
      m.halt(`powered off by the host (the guest did not shut down within ${Math.round(graceMs / 1000)} s)`);
    }, Math.max(0, graceMs));
  }

  private live(): boolean {
    return this.state === 'running' || this.state === 'idle' || this.state === 'booting';
  }

  input(bytes: Uint8Array): void {
    if (!this.machine) return;
    const room = MAX_PENDING_INPUT - this.input_.length;
    if (bytes.length > room) this.notice('info', `${bytes.length - Math.max(0, room)} bytes of input dropped: the guest is not reading its console`);
    const take = bytes.subarray(0, Math.max(0, room));
    const joined = new Uint8Array(this.input_.length + take.length);
    joined.set(this.input_);
    joined.set(take, this.input_.length);
    this.input_ = joined;
    this.feed();
  }

  private feed(): void {
    const m = this.machine;
    if (!m || this.input_.length === 0) return;
    const n = m.input(this.input_);
    this.input_ = this.input_.slice(n);
    if (this.input_.length > 0 && !this.inputTimer) {
      this.inputTimer = setTimeout(() => { this.inputTimer = null; this.feed(); }, INPUT_RETRY_MS);
    }
  }

  // ---- console and status ----

  private console(bytes: Uint8Array): void {
    this.out.push(bytes);
    this.outTimer ??= setTimeout(() => { this.outTimer = null; this.drainConsole(); }, CONSOLE_MS);
  }

  /** Sends one batch; the next waits until the page has taken this one (backpressure). */
  private drainConsole(): void {
    if (this.sending || !this.events) return;
    let chunk = this.out.take(CONSOLE_BATCH);
    if (!chunk) return;
    if (this.out.dropped > 0) {
      const note = new TextEncoder().encode(`\r\n[ztab: ${this.out.dropped} bytes of console output dropped]\r\n`);
      this.out.dropped = 0;
      // The oldest output was dropped: the note goes where it was missing.
      const joined = new Uint8Array(note.length + chunk.length);
      joined.set(note);
      joined.set(chunk, note.length);
      chunk = joined;
    }
    this.sending = true;
    void Promise.resolve(this.events.console(chunk)).catch(() => undefined).finally(() => {
      this.sending = false;
      if (this.out.size > 0) this.outTimer ??= setTimeout(() => { this.outTimer = null; this.drainConsole(); }, CONSOLE_MS);
    });
  }

  private sample(): Sample {
    const m = this.machine;
    const st = m?.stats();
    const waiting = m !== null && m.cpus.every((c) => c.waiting || c.stopped);
    return { at: performance.now(), instructions: st?.insns ?? 0, idleMs: m ? m.idleMs : 0, waiting, jitInstructions: st?.jitInsns ?? 0 };
  }

  /** Share of the last status window's instructions that ran in translated code. */
  private share = 0;

  /** Set by resume(): the next tick only takes a new baseline sample. */
  private rebaseline = false;

  private tick(): void {
    if (!this.machine || !this.prev) return;
    const now = this.sample();
    if (this.rebaseline) {
      this.rebaseline = false;
      this.prev = now;
      this.pushStatus();
      return;
    }
    if (this.state === 'running' || this.state === 'idle' || this.state === 'stopping') {
      this.ips = instructionRate(this.prev, now);
      this.share = jitShare(this.prev, now);
      if (this.state !== 'stopping') this.state = activity(this.prev, now);
    }
    this.prev = now;
    this.pushStatus();
  }

  private setState(s: RunState, message: string): void {
    this.state = s;
    this.message = message;
    this.pushStatus();
  }

  status(): Status {
    const m = this.machine;
    const shared = typeof SharedArrayBuffer !== 'undefined' && m !== null && m.memory.buffer instanceof SharedArrayBuffer;
    return {
      state: this.state,
      ips: this.ips,
      instructions: this.sample().instructions,
      jitShare: this.share,
      sharedMemory: shared,
      ipls: m?.ipls ?? 0,
      message: this.message,
    };
  }

  private pushStatus(): void {
    void Promise.resolve(this.events?.status(this.status())).catch(() => undefined);
  }
}
