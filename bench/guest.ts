// Booting the guest under ztab (bench/node-guest.ts in a child process) or
// qemu-system-s390x, and driving either console the same way: bytes written to its stdin,
// its stdout timestamped as it arrives (no polling, so the times are not quantised).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PROMPT = '~ # ';

/** JIT counters at one moment (the shape machine.stats() will have, plus where they came from). */
export interface GuestStats {
  source: string;
  /** Seconds since the machine was built (in the child). */
  seconds: number;
  idleMs: number;
  insns: number;
  jitInsns: number;
  interpInsns: number;
  compiles: number;
  compileMs: number;
  codeBytes: number;
  regions: number;
  /** Driver calls into translated code and region-to-region transfers inside wasm (absent from older runs). */
  entries?: number;
  chains?: number;
}

interface Waiter { text: string; from: number; resolve: (r: { index: number; at: number }) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

/** Console text of a child, and waiting for text to appear in it. */
export class Console {
  out = '';
  exited: string | null = null;
  private waiters: Waiter[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => this.feed(d.toString('latin1')));
    child.stderr?.on('data', (d: Buffer) => this.feed(d.toString('latin1')));
    child.on('exit', (code, sig) => {
      this.exited = `exited (${code ?? sig})`;
      for (const w of this.waiters.splice(0)) { clearTimeout(w.timer); w.reject(new Error(`${this.exited} before '${w.text}'; last output:\n${this.out.slice(-800)}`)); }
    });
  }

  private feed(s: string): void {
    const at = performance.now();
    this.out += s;
    for (const w of [...this.waiters]) {
      const i = this.out.indexOf(w.text, w.from);
      if (i >= 0) {
        clearTimeout(w.timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({ index: i, at });
      }
    }
  }

  /** Resolves with where `text` first appears at or after `from` and the host time it arrived. */
  waitFor(text: string, from: number, seconds: number): Promise<{ index: number; at: number }> {
    const i = this.out.indexOf(text, from);
    if (i >= 0) return Promise.resolve({ index: i, at: performance.now() });
    if (this.exited) return Promise.reject(new Error(`${this.exited} before '${text}'`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.findIndex((w) => w.timer === timer), 1);
        reject(new Error(`no '${text}' after ${seconds} s; last output:\n${this.out.slice(-800)}`));
      }, seconds * 1000);
      this.waiters.push({ text, from, resolve, reject, timer });
    });
  }

  send(s: string): void { this.child.stdin!.write(s); }
}

/** User+system CPU seconds of a live process and all its threads (/proc; null elsewhere). */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    const st = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, which /proc/<pid>/stat counts in on every architecture Node runs on. */
const CLK_TCK = 100;

export interface Guest {
  name: string;
  con: Console;
  pid: number | undefined;
  /** Host time the process was started. */
  started: number;
  /** JIT counters now (null for QEMU). */
  stats(): Promise<GuestStats | null>;
  /** Counters the child took itself when its first prompt appeared. */
  promptStats: Promise<GuestStats | null>;
  close(): Promise<void>;
}

export interface GuestFiles {
  dir: string;
  kernel: string;
  initrd: string;
  disk: string;
  cmdline: string;
  memoryMiB: number;
}

export function guestFiles(dir = join(ROOT, 'public/guest'), memoryMiB = 512): GuestFiles {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    cmdline: string; files: { kernel: { path: string }; initrd: { path: string }; disk: { path: string } };
  };
  return { dir, kernel: join(dir, m.files.kernel.path), initrd: join(dir, m.files.initrd.path), disk: join(dir, m.files.disk.path), cmdline: m.cmdline, memoryMiB };
}

function killed(child: ChildProcess, grace: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    const t = setTimeout(() => child.kill('SIGKILL'), grace);
    child.once('exit', () => { clearTimeout(t); r(); });
  });
}

let bundled: string | null = null;

/**
 * node-guest.ts as one esbuild bundle for plain Node, as `pnpm ztab` runs (apps/cli/bin):
 * under tsx's loader Node needs ~10 s to compile binaryen's module, on the guest's thread.
 */
function nodeGuestBundle(): string {
  if (bundled) return bundled;
  const out = join(ROOT, 'bench/.bundle/node-guest.mjs');
  // binaryen stays outside the bundle, by absolute path (pnpm keeps it out of the root's
  // node_modules): bundled, its top-level await never settles.
  const binaryen = createRequire(join(ROOT, 'packages/jit/package.json')).resolve('binaryen');
  buildSync({
    entryPoints: [join(ROOT, 'bench/node-guest.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', logLevel: 'error', alias: { binaryen }, external: [binaryen],
  });
  bundled = out;
  return out;
}

export function startZtab(g: GuestFiles, jit: boolean): Guest {
  const bundle = nodeGuestBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [bundle, g.dir, String(g.memoryMiB), jit ? '1' : '0'], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  });
  const con = new Console(child);
  let onStats: ((s: GuestStats) => void) | null = null;
  let onPrompt: (s: GuestStats | null) => void = () => {};
  const promptStats = new Promise<GuestStats | null>((r) => { onPrompt = r; });
  child.on('message', (msg: { type: string; stats?: GuestStats }) => {
    if (msg.type === 'prompt') onPrompt(msg.stats!);
    if (msg.type === 'stats') { const f = onStats; onStats = null; f?.(msg.stats!); }
  });
  child.on('exit', () => { onPrompt(null); const f = onStats; onStats = null; f?.(null as unknown as GuestStats); });
  return {
    name: jit ? 'ztab' : 'ztab --no-jit', con, started, pid: child.pid, promptStats,
    stats: () => new Promise((r) => {
      if (!child.connected) { r(null); return; }
      onStats = r;
      child.send({ type: 'stats' });
    }),
    close: async () => {
      if (child.connected) child.send({ type: 'quit' });
      await killed(child, 3000);
    },
  };
}

export function qemuArgs(g: GuestFiles): string[] {
  // boot.test.ts's command line: the same files, memory and command line as ztab; the
  // disk is attached so that /init does not wait for a /dev/vda that never comes.
  return ['-M', 's390-ccw-virtio', '-nographic', '-m', String(g.memoryMiB),
    '-kernel', g.kernel, '-initrd', g.initrd, '-append', g.cmdline,
    '-drive', `file=${g.disk},if=virtio,format=raw`, '-snapshot', '-no-reboot'];
}

export function startQemu(g: GuestFiles): Guest {
  const started = performance.now();
  const child = spawn('qemu-system-s390x', qemuArgs(g), { stdio: ['pipe', 'pipe', 'pipe'] });
  const con = new Console(child);
  child.on('error', () => undefined);
  return {
    name: 'qemu-system-s390x', con, started, pid: child.pid, promptStats: Promise.resolve(null),
    stats: () => Promise.resolve(null),
    close: async () => {
      child.kill('SIGTERM');
      await killed(child, 3000);
    },
  };
}

/** Waits for the first prompt: wall seconds from process start, and the process's CPU seconds then. */
export async function bootToPrompt(g: Guest, seconds: number): Promise<{ s: number; cpu: number | null }> {
  const r = await g.con.waitFor(PROMPT, 0, seconds);
  return { s: (r.at - g.started) / 1000, cpu: cpuSeconds(g.pid) };
}

let seq = 0;
const KMSG = /^\[ *\d+\.\d+\] /;

/**
 * Types `cmd` at the prompt and times it from sending the line to the end marker the
 * shell prints after it. The markers are spelled with a quote split in the typed line, so
 * the echo of the line (which the line editor may wrap and redraw) never matches them.
 * Returns what the command printed between the two markers (CR removed).
 */
export async function timed(g: Guest, cmd: string, seconds: number): Promise<{ s: number; cpu: number | null; output: string }> {
  const tag = `B${++seq}`;
  const begin = `@@BEGIN-${tag}@@`, end = `@@END-${tag}@@`;
  const typed = `echo "@@BEGIN-""${tag}@@"; ${cmd}; echo "@@END-""${tag}@@"\n`;
  const from = g.con.out.length;
  const c0 = cpuSeconds(g.pid);
  const t0 = performance.now();
  g.con.send(typed);
  const e = await g.con.waitFor(end, from, seconds);
  const s = (e.at - t0) / 1000;
  const c1 = cpuSeconds(g.pid);
  const b = g.con.out.indexOf(begin, from);
  const output = b >= 0 && b < e.index ? g.con.out.slice(b + begin.length, e.index) : '';
  await g.con.waitFor(PROMPT, e.index, 60);
  // Kernel messages reach the console too (QEMU on a loaded host: "hrtimer: interrupt took ...").
  const text = output.replace(/\r/g, '').split('\n').filter((l) => !KMSG.test(l)).join('\n');
  return { s, cpu: c0 !== null && c1 !== null ? c1 - c0 : null, output: text.trim() };
}

/** Runs an untimed setup line and waits for its prompt. */
export async function untimed(g: Guest, cmd: string, seconds: number): Promise<string> {
  return (await timed(g, cmd, seconds)).output;
}
