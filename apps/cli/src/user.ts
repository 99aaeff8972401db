/**
 * `ztab --user PROGRAM [ARGS...]`: runs one static s390x Linux program without a kernel,
 * the way qemu-s390x does. main.ts loads this module only for --user.
 *
 * NodeHost gives the user-mode kernel (packages/machine/src/user) the host's files,
 * clocks and randomness through synchronous node:fs calls: the guest runs on this
 * thread and every system call completes before the next guest instruction.
 *
 * Environment: ZTAB_STRACE=1 traces system calls to stderr; ZTAB_USER_MEM sets the
 * guest memory in MiB (default 1024).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomFillSync } from 'node:crypto';
import * as tty from 'node:tty';
import { Kernel, type HostDirent, type HostStat, type UserHost } from '@ztab/machine';

function errno(e: unknown): number {
  const n = (e as { errno?: number }).errno;
  if (typeof n === 'number' && n !== 0) return -Math.abs(n);
  const code = (e as { code?: string }).code;
  const map: Record<string, number> = { ENOENT: 2, EACCES: 13, EEXIST: 17, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENOTEMPTY: 39, ELOOP: 40, EBADF: 9, EPERM: 1 };
  return -(code && map[code] ? map[code] : 5);
}

function toStat(s: fs.BigIntStats): HostStat {
  const n = (v: bigint) => Number(v);
  const sec = (ns: bigint) => Number(ns / 1000000000n);
  const nsec = (ns: bigint) => Number(ns % 1000000000n);
  return {
    dev: n(s.dev), ino: n(s.ino), mode: n(s.mode), nlink: n(s.nlink), uid: n(s.uid), gid: n(s.gid),
    rdev: n(s.rdev), size: n(s.size), blksize: n(s.blksize), blocks: n(s.blocks),
    atimeSec: sec(s.atimeNs), atimeNsec: nsec(s.atimeNs), mtimeSec: sec(s.mtimeNs), mtimeNsec: nsec(s.mtimeNs),
    ctimeSec: sec(s.ctimeNs), ctimeNsec: nsec(s.ctimeNs),
  };
}

function wrap<T>(fn: () => T): T | number {
  try { return fn(); } catch (e) { return errno(e); }
}

const DT: [(d: fs.Dirent) => boolean, number][] = [
  [(d) => d.isFIFO(), 1], [(d) => d.isCharacterDevice(), 2], [(d) => d.isDirectory(), 4],
  [(d) => d.isBlockDevice(), 6], [(d) => d.isFile(), 8], [(d) => d.isSymbolicLink(), 10], [(d) => d.isSocket(), 12],
];

export class NodeHost implements UserHost {
  stdio: [number, number, number];
  hostname = os.hostname();
  private readonly sleepCell = new Int32Array(new SharedArrayBuffer(4));
  private readonly t0 = process.hrtime.bigint();

  constructor(stdio: [number, number, number] = [0, 1, 2], readonly logLine: (s: string) => void = (s) => process.stderr.write(s + '\n')) {
    this.stdio = stdio;
  }

  open(p: string, flags: number, mode: number): number {
    return wrap(() => fs.openSync(p, flags, mode));
  }
  close(h: number): void {
    try { fs.closeSync(h); } catch { /* already closed */ }
  }
  read(h: number, buf: Uint8Array, pos: number): number {
    const r = wrap(() => fs.readSync(h, buf, 0, buf.length, pos < 0 ? null : pos));
    // A non-blocking host stdin (a tty node opened) has no data yet: wait for it, as a
    // blocking read in the guest would.
    if (r === -11) {
      for (;;) {
        this.sleep(10);
        const again = wrap(() => fs.readSync(h, buf, 0, buf.length, pos < 0 ? null : pos));
        if (again !== -11) return again;
      }
    }
    return r;
  }
  write(h: number, buf: Uint8Array, pos: number): number {
    const r = wrap(() => fs.writeSync(h, buf, 0, buf.length, pos < 0 ? null : pos));
    // A non-blocking host stdout may refuse a write: retry until it drains.
    if (r === -11) {
      for (let k = 0; k < 1000; k++) {
        this.sleep(1);
        const again = wrap(() => fs.writeSync(h, buf, 0, buf.length, pos < 0 ? null : pos));
        if (again !== -11) return again;
      }
    }
    return r;
  }
  fstat(h: number): HostStat | number {
    return wrap(() => toStat(fs.fstatSync(h, { bigint: true })));
  }
  stat(p: string, follow: boolean): HostStat | number {
    return wrap(() => toStat(follow ? fs.statSync(p, { bigint: true }) : fs.lstatSync(p, { bigint: true })));
  }
  readdir(p: string): HostDirent[] | number {
    return wrap(() => fs.readdirSync(p, { withFileTypes: true }).map((d) => {
      let ino = 1;
      try { ino = Number(fs.lstatSync(path.join(p, d.name), { bigint: true }).ino); } catch { /* raced away */ }
      return { name: d.name, ino, type: DT.find(([t]) => t(d))?.[1] ?? 0 };
    }));
  }
  readlink(p: string): string | number { return wrap(() => fs.readlinkSync(p)); }
  realpath(p: string): string | number { return wrap(() => fs.realpathSync(p)); }
  readFile(p: string): Uint8Array | number {
    return wrap(() => {
      const st = fs.statSync(p);
      if (st.isDirectory()) return -13;
      if (st.size > 512 << 20) return -7;
      return fs.readFileSync(p);
    });
  }
  access(p: string, mode: number): number { return wrap(() => { fs.accessSync(p, mode); return 0; }); }
  unlink(p: string): number { return wrap(() => { fs.unlinkSync(p); return 0; }); }
  rmdir(p: string): number { return wrap(() => { fs.rmdirSync(p); return 0; }); }
  mkdir(p: string, mode: number): number { return wrap(() => { fs.mkdirSync(p, { mode }); return 0; }); }
  rename(a: string, b: string): number { return wrap(() => { fs.renameSync(a, b); return 0; }); }
  symlink(t: string, p: string): number { return wrap(() => { fs.symlinkSync(t, p); return 0; }); }
  link(a: string, b: string): number { return wrap(() => { fs.linkSync(a, b); return 0; }); }
  chmod(p: string, mode: number): number { return wrap(() => { fs.chmodSync(p, mode); return 0; }); }
  truncate(h: number, len: number): number { return wrap(() => { fs.ftruncateSync(h, len); return 0; }); }
  utimens(p: string, at: [number, number] | null, mt: [number, number] | null): number {
    return wrap(() => {
      const st = fs.statSync(p);
      const now = Date.now() / 1000;
      const pick = (t: [number, number] | null, old: number) => t === null ? now : t[1] === 0x3ffffffe ? old / 1000 : t[0] + t[1] / 1e9;
      fs.utimesSync(p, pick(at, st.atimeMs), pick(mt, st.mtimeMs));
      return 0;
    });
  }
  fsync(h: number): number { return wrap(() => { fs.fsyncSync(h); return 0; }); }
  isatty(h: number): boolean { return tty.isatty(h); }
  winsize(h: number): { rows: number; cols: number } | null {
    const s = h === 1 ? process.stdout : h === 2 ? process.stderr : null;
    if (s && 'rows' in s && typeof s.rows === 'number') return { rows: s.rows, cols: s.columns };
    return tty.isatty(h) ? { rows: 24, cols: 80 } : null;
  }
  realtime(): [number, number] {
    const ms = Date.now();
    return [Math.floor(ms / 1000), (ms % 1000) * 1e6];
  }
  monotonic(): [number, number] {
    const ns = process.hrtime.bigint() - this.t0;
    return [Number(ns / 1000000000n), Number(ns % 1000000000n)];
  }
  cputime(): [number, number] {
    const u = process.cpuUsage();
    const us = u.user + u.system;
    return [Math.floor(us / 1e6), (us % 1e6) * 1000];
  }
  random(buf: Uint8Array): void { randomFillSync(buf); }
  sleep(ms: number): void {
    if (ms > 0) Atomics.wait(this.sleepCell, 0, 0, ms);
  }
  log(line: string): void { this.logLine(line); }
  private limits: Map<string, [number, number]> | null = null;
  rlimit(resource: number): [number, number] | null {
    // Linux's /proc/self/limits names, in RLIMIT_* order.
    const names = ['Max cpu time', 'Max file size', 'Max data size', 'Max stack size', 'Max core file size',
      'Max resident set', 'Max processes', 'Max open files', 'Max locked memory', 'Max address space',
      'Max file locks', 'Max pending signals', 'Max msgqueue size', 'Max nice priority', 'Max realtime priority',
      'Max realtime timeout'];
    if (!this.limits) {
      this.limits = new Map();
      try {
        for (const line of fs.readFileSync('/proc/self/limits', 'utf8').split('\n')) {
          const m = /^(.+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
          if (!m) continue;
          const v = (x: string) => (x === 'unlimited' ? Infinity : Number(x));
          this.limits.set(m[1]!.trim(), [v(m[2]!), v(m[3]!)]);
        }
      } catch { /* not Linux */ }
    }
    const r = this.limits.get(names[resource] ?? '');
    return r && !Number.isNaN(r[0]) && !Number.isNaN(r[1]) ? r : null;
  }
}

export interface RunUserOptions {
  env?: Record<string, string | undefined>;
  stdio?: [number, number, number];
  cwd?: string;
  maxInstructions?: number;
  strace?: boolean;
  ramMiB?: number;
  log?: (line: string) => void;
}

/** Run a program to completion; returns the exit status as a shell reports it (128+N for signal N). */
export function runUserSync(program: string, args: string[], opts: RunUserOptions = {}): { status: number; kernel: Kernel; instructions: number } {
  const host = new NodeHost(opts.stdio ?? [0, 1, 2], opts.log);
  const env = opts.env ?? process.env;
  const k = new Kernel({
    host,
    ramSize: (opts.ramMiB ?? (Number(process.env.ZTAB_USER_MEM) || 1024)) << 20,
    strace: opts.strace ?? process.env.ZTAB_STRACE === '1',
    maxInstructions: opts.maxInstructions,
  });
  const cwd = opts.cwd ?? process.cwd();
  const exe = path.resolve(cwd, program);
  const envp = Object.entries(env).filter(([, v]) => v !== undefined).map(([kk, v]) => `${kk}=${v}`);
  const r = k.spawn(exe, [program, ...args], envp, cwd);
  if (r < 0) {
    host.log(`ztab: ${program}: cannot execute (${os.constants.errno ? Object.entries(os.constants.errno).find(([, v]) => v === -r)?.[0] ?? r : r})`);
    return { status: 127, kernel: k, instructions: 0 };
  }
  const status = k.run();
  if (process.env.ZTAB_STRACE === '1' && k.lastFault) host.log(`ztab: ${k.lastFault}`);
  return { status, kernel: k, instructions: k.cpu.icount };
}

export async function runUser(program: string, args: string[]): Promise<number> {
  const { status } = runUserSync(program, args);
  if (status > 128) {
    // Die of the same signal, as qemu-s390x does, so a shell reports it the same way
    // ("Segmentation fault (core dumped)"). Signals node ignores fall through to 128+N.
    const name = Object.entries(os.constants.signals).find(([, n]) => n === status - 128)?.[0];
    if (name && name !== 'SIGKILL' && name !== 'SIGSTOP') {
      process.removeAllListeners(name);
      try { process.kill(process.pid, name as NodeJS.Signals); } catch { /* fall back to the status */ }
    }
  }
  return status;
}
