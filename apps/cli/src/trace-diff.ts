/**
 * Lockstep differential run: the same kernel, initrd and command line under ztab and
 * under qemu-system-s390x (through QEMU's gdb stub, `-S -gdb`), single-stepping both
 * and comparing the PSW and the general registers after every instruction. Reports the
 * first instruction after which they differ, with both states and the instructions
 * that led there.
 *
 *   pnpm ztab --trace-diff [--from ADDR[:HITS]] [--steps N] [--sync N] [machine options]
 *
 * --from runs both machines freely (QEMU to a breakpoint, ztab by stepping) until the
 * instruction at ADDR is about to execute for the HITS-th time, then starts comparing.
 * --sync N: after a difference, copy QEMU's registers into ztab and go on, reporting up
 * to N differences (timer values, for instance, legitimately differ).
 *
 * QEMU's stepping runs with interruptions masked and timers stopped (its default gdb
 * single-step flags), so the comparison is exact up to the first asynchronous event.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Socket } from 'node:net';
import { disassemble } from '../../../packages/isa/src/disasm.ts';
import type { Cpu } from '@ztab/cpu';
import { Machine } from '@ztab/machine';
import { parseArgs } from './args.ts';
import { LoadError, loadMachine } from './load.ts';

const TWO32 = 4294967296;

export const TRACE_USAGE = 'usage: ztab --trace-diff [--from ADDR[:HITS]] [--steps N] [--sync N] [machine options]\n';

/** A minimal GDB remote-protocol client (packets, acks, run-length decoding). */
export class GdbClient {
  private buf = '';
  private waiters: ((p: string) => void)[] = [];
  private packets: string[] = [];
  constructor(private readonly sock: Socket) {
    sock.setNoDelay(true);
    sock.on('data', (d) => this.onData(d.toString('latin1')));
  }

  static connect(port: number): Promise<GdbClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new GdbClient(s)));
      s.once('error', reject);
    });
  }

  private onData(s: string): void {
    this.buf += s;
    for (;;) {
      while (this.buf.startsWith('+') || this.buf.startsWith('-')) this.buf = this.buf.slice(1);
      const start = this.buf.indexOf('$');
      if (start < 0) { this.buf = ''; return; }
      const end = this.buf.indexOf('#', start);
      if (end < 0 || end + 3 > this.buf.length) return;
      const body = this.buf.slice(start + 1, end);
      this.buf = this.buf.slice(end + 3);
      this.sock.write('+');
      const p = expandRle(body);
      const w = this.waiters.shift();
      if (w) w(p); else this.packets.push(p);
    }
  }

  private next(): Promise<string> {
    const p = this.packets.shift();
    if (p !== undefined) return Promise.resolve(p);
    return new Promise((r) => this.waiters.push(r));
  }

  async cmd(body: string): Promise<string> {
    let sum = 0;
    for (let i = 0; i < body.length; i++) sum = (sum + body.charCodeAt(i)) & 0xff;
    this.sock.write(`$${body}#${sum.toString(16).padStart(2, '0')}`);
    return this.next();
  }

  close(): void { this.sock.destroy(); }
}

function expandRle(s: string): string {
  if (!s.includes('*')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '*' && i > 0) {
      const n = s.charCodeAt(i + 1) - 29;
      out += out[out.length - 1]!.repeat(n);
      i++;
    } else out += s[i];
  }
  return out;
}

/** PSW mask, PSW address and GPRs 0-15, each as [hi, lo] words. */
export interface RegState { words: number[] }

/** QEMU's s390x core registers in a 'g' reply: pswm, pswa, r0..r15 (8 bytes each, big-endian). */
export function parseGdbRegs(hex: string): RegState {
  const words: number[] = [];
  for (let k = 0; k < 36; k++) words.push(parseInt(hex.slice(k * 8, k * 8 + 8), 16) >>> 0);
  return { words };
}

export function ztabRegs(c: Cpu): RegState {
  const hi = Math.floor(c.ia / TWO32);
  const words = [c.pswMaskHi(), c.pswMaskLo(), hi >>> 0, (c.ia - hi * TWO32) >>> 0];
  for (let n = 0; n < 16; n++) words.push(c.r[2 * n + 1]!, c.r[2 * n]!);
  return { words };
}

const NAMES = ['pswm', 'pswa', ...Array.from({ length: 16 }, (_, n) => `r${n}`)];

/** The names of the registers that differ. */
export function diffRegs(a: RegState, b: RegState): string[] {
  const out: string[] = [];
  for (let k = 0; k < 18; k++) {
    if (a.words[2 * k] !== b.words[2 * k] || a.words[2 * k + 1] !== b.words[2 * k + 1]) out.push(NAMES[k]!);
  }
  return out;
}

function h64(w: number[], k: number): string {
  return w[2 * k]!.toString(16).padStart(8, '0') + w[2 * k + 1]!.toString(16).padStart(8, '0');
}

function showState(label: string, s: RegState, diff: Set<string>): string {
  const parts = NAMES.map((n, k) => (diff.has(n) ? `*${n}=${h64(s.words, k)}` : `${n}=${h64(s.words, k)}`));
  return `${label}: ${parts.slice(0, 2).join(' ')}\n  ${parts.slice(2, 10).join(' ')}\n  ${parts.slice(10).join(' ')}\n`;
}

function copyRegs(c: Cpu, s: RegState): void {
  for (let n = 0; n < 16; n++) { c.r[2 * n + 1] = s.words[4 + 2 * n]!; c.r[2 * n] = s.words[5 + 2 * n]!; }
  c.setPsw(s.words[0]!, s.words[1]!, s.words[2]! * TWO32 + s.words[3]!);
}

/** The instruction at `a` in ztab's view (DAT applied), or a note when it cannot be fetched. */
function insnAt(c: Cpu, a: number): string {
  try {
    const off = c.ra(a);
    const b = c.u8;
    const w0 = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
    const w1 = (b[off + 4]! << 8) | b[off + 5]!;
    return disassemble(w0, w1, a);
  } catch {
    return '(not addressable)';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export interface TraceOptions { from?: { addr: number; hits: number }; steps: number; sync: number }

export function parseTraceArgs(argv: string[]): { opts: TraceOptions; rest: string[] } | string {
  const opts: TraceOptions = { steps: 100_000, sync: 0 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--from' && v) {
      const m = /^(0x[0-9a-f]+|\d+)(?::(\d+))?$/i.exec(v);
      if (!m) return `--from ${v}: expected ADDR or ADDR:HITS`;
      opts.from = { addr: Number(m[1]), hits: Number(m[2] ?? 1) };
      i++;
    } else if (a === '--steps' && v) {
      opts.steps = Number(v);
      if (!Number.isInteger(opts.steps) || opts.steps < 1) return `--steps ${v}: expected a positive count`;
      i++;
    } else if (a === '--sync' && v) {
      opts.sync = Number(v);
      if (!Number.isInteger(opts.sync) || opts.sync < 0) return `--sync ${v}: expected a count`;
      i++;
    } else rest.push(a);
  }
  return { opts, rest };
}

export async function runTraceDiff(argv: string[], guestDir: string, out = (s: string) => void process.stdout.write(s)): Promise<number> {
  const parsedT = parseTraceArgs(argv);
  if (typeof parsedT === 'string') { process.stderr.write(`ztab: ${parsedT}\n${TRACE_USAGE}`); return 2; }
  const { opts, rest } = parsedT;
  const parsed = parseArgs(rest);
  if (parsed.kind !== 'machine') { process.stderr.write(`ztab: ${parsed.kind === 'error' ? parsed.message : 'machine options expected'}\n${TRACE_USAGE}`); return 2; }
  let loaded;
  try {
    loaded = await loadMachine(parsed.config, { guestDir });
  } catch (e) {
    if (e instanceof LoadError) { process.stderr.write(`ztab: ${e.message}\n`); return 2; }
    throw e;
  }
  const { MemoryBlock } = await import('@ztab/machine');
  const { readFile } = await import('node:fs/promises');
  const drives = [];
  for (const d of loaded.drives) drives.push(new MemoryBlock(new Uint8Array(await readFile(d.path))));
  const m = new Machine({
    memoryMiB: loaded.config.memoryMiB, cpus: 1, kernel: loaded.kernel.bytes,
    ...(loaded.initrd ? { initrd: loaded.initrd.bytes } : {}), cmdline: loaded.cmdline, drives,
  });
  const consoleZ: number[] = [];
  m.events.console = (b) => { for (const x of b) consoleZ.push(x); };
  const c = m.cpus[0]!;

  const port = await freePort();
  const qargs = ['-M', 's390-ccw-virtio', '-nographic', '-m', String(loaded.config.memoryMiB), '-smp', '1',
    '-kernel', loaded.kernel.path, ...(loaded.initrd ? ['-initrd', loaded.initrd.path] : []), '-append', loaded.cmdline,
    ...loaded.drives.flatMap((d) => ['-drive', `file=${d.path},if=virtio,format=raw`]),
    '-device', 'virtio-rng-ccw', '-snapshot', '-no-reboot', '-S', '-gdb', `tcp:127.0.0.1:${port}`];
  const q: ChildProcess = spawn('qemu-system-s390x', qargs, { stdio: ['pipe', 'pipe', 'pipe'] });
  let qout = '';
  q.stdout!.on('data', (d: Buffer) => { qout += d.toString('latin1'); });
  q.stderr!.on('data', (d: Buffer) => { qout += d.toString('latin1'); });
  let g: GdbClient | null = null;
  for (let t = 0; t < 50 && !g; t++) {
    try { g = await GdbClient.connect(port); } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  if (!g) { q.kill(); m.dispose(); process.stderr.write(`ztab: cannot reach QEMU's gdb stub: ${qout}\n`); return 1; }
  try {
    await g.cmd('?');
    const readQ = async () => parseGdbRegs(await g!.cmd('g'));

    if (opts.from) {
      const { addr, hits } = opts.from;
      const ahex = addr.toString(16);
      await g.cmd(`Z0,${ahex},2`);
      for (let k = 0; k < hits; k++) await g.cmd('c');
      await g.cmd(`z0,${ahex},2`);
      let seen = 0, n = 0;
      const budget = 5e9;
      while (n < budget && c.stopReason === null) {
        if (c.ia === addr && ++seen === hits) break;
        c.run(1);
        n++;
      }
      out(`both at 0x${ahex} (hit ${hits}); ztab took ${n} instructions to get there\n`);
    }

    const hist: string[] = [];
    let diffs = 0;
    let qs = await readQ();
    let zs = ztabRegs(c);
    const first = diffRegs(qs, zs);
    if (first.length) {
      out(`states differ before the first step (${first.join(', ')}):\n${showState('qemu', qs, new Set(first))}${showState('ztab', zs, new Set(first))}`);
      if (opts.sync === 0) return 1;
      copyRegs(c, qs);
    }
    const t0 = performance.now();
    for (let k = 1; k <= opts.steps; k++) {
      const a = c.ia;
      const text = `${a.toString(16).padStart(8, '0')}  ${insnAt(c, a)}`;
      hist.push(text);
      if (hist.length > 12) hist.shift();
      c.run(1);
      // A QEMU step that loads an enabled-wait PSW wakes the CPU with the interruption
      // already pending and runs the first instruction of its handler too (seen in the
      // SCLP early-wait loop of Linux's decompressor); ztab's next run(1) does both.
      if (c.wait && !c.stopped && c.stopReason === null) c.run(1);
      await g.cmd('s');
      qs = await readQ();
      zs = ztabRegs(c);
      const d = diffRegs(qs, zs);
      if (d.length) {
        diffs++;
        out(`DIVERGENCE ${diffs} after step ${k}, instruction at 0x${a.toString(16)}: ${insnAt(c, a)}\n`);
        out(`differs: ${d.join(', ')}\n${showState('qemu', qs, new Set(d))}${showState('ztab', zs, new Set(d))}`);
        if (c.stopReason) out(`ztab stopped: ${c.stopReason}\n`);
        out(`last instructions (ztab's view):\n  ${hist.join('\n  ')}\n`);
        if (diffs > opts.sync) return 1;
        copyRegs(c, qs);
      }
      if (k % 10000 === 0) process.stderr.write(`[${k} steps, ${(k / ((performance.now() - t0) / 1000)).toFixed(0)}/s, at 0x${c.ia.toString(16)}]\n`);
    }
    out(`${opts.steps} steps compared, ${diffs} difference(s); both at 0x${c.ia.toString(16)}\n`);
    return diffs ? 1 : 0;
  } finally {
    g.close();
    q.kill('SIGKILL');
    m.dispose();
  }
}
