// A small Linux for one s390x process tree: loads static ELF executables, runs them on a
// UserCpu, answers their system calls (syscalls.ts), turns program interruptions into
// signals (signals.ts), and implements fork by snapshotting the parent's image, running
// the child to completion, then restoring the parent.
//
// Limits of the fork model (documented, deliberate): a child runs until it exits before
// its parent continues, so processes never run concurrently. A pipe reader that finds
// the pipe empty while a writer is still open gets EOF instead of blocking (no one else
// could ever fill it), and a pipe holds at most PIPE_LIMIT bytes before its writer gets
// EPIPE. Threads (CLONE_THREAD) are not supported. MAP_SHARED file mappings are private
// copies.

import { AMODE_64, RAM_BASE } from '@ztab/cpu';
import { AT, E, HWCAP_S390, NR_NAME, SIG, SIG_TEXT } from './abi.ts';
import { ElfError, PF_R, PF_W, PF_X, PT_LOAD, PT_PHDR, ET_DYN, isElf, parseElf } from './elf.ts';
import { FdTable, OpenFile } from './files.ts';
import type { UserHost } from './host.ts';
import { AddressSpace, PAGE, UserCpu, type MmSnapshot } from './mm.ts';
import { deliverPending, programCheck, type SigAction } from './signals.ts';
import { syscall } from './syscalls.ts';

export interface UserOptions {
  host: UserHost;
  /** Guest memory in bytes (multiple of 1 MiB); 1 GiB by default. */
  ramSize?: number;
  /** Stop the whole run after this many guest instructions (killed with SIGXCPU). */
  maxInstructions?: number;
  /** strace-like trace of every syscall to host.log. */
  strace?: boolean;
}

export interface ZombieChild { pid: number; status: number }

export class Process {
  fds: FdTable;
  cwd: string;
  umask = 0o022;
  exe = '';
  argv0 = '';
  pgid: number;
  sid: number;
  actions: SigAction[];
  /** Blocked signals: bit n-1 of lo for signals 1-32, of hi for 33-64. */
  maskLo = 0;
  maskHi = 0;
  pending: { sig: number; code: number; pid: number; addr: number }[] = [];
  altSp = 0;
  altSize = 0;
  altFlags = 2; // SS_DISABLE
  children: ZombieChild[] = [];
  exited = false;
  /** Wait status (as wait4 reports it). */
  status = 0;
  tidAddress = 0;

  constructor(readonly pid: number, readonly ppid: number, fds: FdTable, cwd: string, parent: Process | null) {
    this.fds = fds;
    this.cwd = cwd;
    this.pgid = parent ? parent.pgid : pid;
    this.sid = parent ? parent.sid : pid;
    this.actions = parent ? parent.actions.map((a) => ({ ...a })) : Array.from({ length: 65 }, () => ({ handler: 0, flags: 0, restorer: 0, maskLo: 0, maskHi: 0 }));
    if (parent) { this.maskLo = parent.maskLo; this.maskHi = parent.maskHi; this.umask = parent.umask; this.exe = parent.exe; }
  }
}

const SLICE = 1 << 20;
const MAX_FORK_DEPTH = 32;
const MAX_ARG_BYTES = 1 << 20;

export class Kernel {
  readonly cpu: UserCpu;
  readonly mm: AddressSpace;
  readonly host: UserHost;
  readonly strace: boolean;
  proc!: Process;
  /** Processes suspended in fork() while a descendant runs, outermost first. */
  readonly suspended: Process[] = [];
  private nextPid = 4242;
  private forkDepth = 0;
  private readonly maxInstructions: number;
  private readonly warned = new Set<number>();
  /** What killed the last process that died of a signal (diagnostics for tests). */
  lastFault: string | null = null;

  constructor(opts: UserOptions) {
    this.host = opts.host;
    this.strace = !!opts.strace;
    this.maxInstructions = opts.maxInstructions ?? Infinity;
    this.cpu = new UserCpu(opts.ramSize ?? 1 << 30);
    this.mm = new AddressSpace(this.cpu);
    this.cpu.svcHook = (c, code) => this.onSvc(code === 0 ? c.r[2]! : code);
    this.cpu.programHook = (_c, code) => programCheck(this, code);
  }

  /** Create the first process from `path`. Returns 0 or -errno. */
  spawn(path: string, argv: string[], envp: string[], cwd: string): number {
    const fds = new FdTable();
    const [i, o, e] = this.host.stdio;
    fds.put(0, new OpenFile('host', '/dev/stdin', 0, i, false, null, false, true), false, this.host);
    fds.put(1, new OpenFile('host', '/dev/stdout', 1, o, false, null, false, true), false, this.host);
    fds.put(2, new OpenFile('host', '/dev/stderr', 1, e, false, null, false, true), false, this.host);
    this.proc = new Process(this.nextPid++, 1, fds, cwd, null);
    return this.exec(this.resolve(path), argv, envp);
  }

  /** Run the current process to its end; returns the shell's view of the exit status. */
  run(): number {
    const p = this.proc;
    this.runUntilExit(p);
    return exitCode(p.status);
  }

  private runUntilExit(p: Process): void {
    const c = this.cpu;
    while (!p.exited) {
      c.stopReason = null;
      c.run(SLICE);
      if (!p.exited && c.stopReason !== null) {
        this.host.log(`ztab: guest stopped: ${c.stopReason}`);
        this.exitProcess(p, 0x80 | SIG.KILL, true);
      }
      if (!p.exited && c.icount >= this.maxInstructions) {
        this.lastFault = `instruction budget of ${this.maxInstructions} exhausted`;
        this.exitProcess(p, SIG.XCPU, true);
      }
    }
    c.stopReason = null;
  }

  // ------------------------------------------------------------------ syscalls

  private onSvc(nr: number): void {
    const c = this.cpu;
    const p = this.proc;
    const r = syscall(this, nr);
    if (r !== NO_RETURN) {
      if (this.strace) this.host.log(`${p.pid} ${NR_NAME[nr] ?? `syscall_${nr}`}(${this.traceArgs()}) = ${r}`);
      setReg(c, 2, r);
    }
    if (!this.proc.exited && this.proc.pending.length) deliverPending(this);
  }

  private traceArgs(): string {
    const a: string[] = [];
    for (let k = 2; k <= 5; k++) a.push('0x' + this.arg(k).toString(16));
    return a.join(',');
  }

  /** Register n as an unsigned number (exact below 2^53; larger values saturate high). */
  arg(n: number): number {
    const c = this.cpu;
    return c.r[2 * n + 1]! * 4294967296 + c.r[2 * n]!;
  }

  /** Low 32 bits of register n as a signed int (int arguments: fds, flags). */
  iarg(n: number): number {
    return this.cpu.r[2 * n]! | 0;
  }

  warnOnce(nr: number): void {
    if (this.warned.has(nr)) return;
    this.warned.add(nr);
    if (this.strace) this.host.log(`ztab: unimplemented syscall ${nr} (${NR_NAME[nr] ?? '?'}) -> ENOSYS`);
  }

  /** Absolute host path for a guest path relative to `base` (a directory path). */
  resolve(path: string, base = this.proc?.cwd ?? '/'): string {
    if (path === '/proc/self/exe' && this.proc) return this.proc.exe;
    if (path.startsWith('/')) return path;
    return (base.endsWith('/') ? base : base + '/') + path;
  }

  // ------------------------------------------------------------------ exec

  /**
   * Replace the current process image. On failure before the old image is destroyed,
   * returns -errno; afterwards failures kill the process with SIGSEGV like Linux.
   */
  exec(path: string, argv: string[], envp: string[], depth = 0): number {
    const file = this.host.readFile(path);
    if (typeof file === 'number') return file;
    if (file.length >= 2 && file[0] === 0x23 && file[1] === 0x21 && depth < 4) {
      // "#!interpreter [arg]" on the first line.
      let end = file.indexOf(10);
      if (end < 0) end = Math.min(file.length, 256);
      const line = new TextDecoder().decode(file.subarray(2, end)).trim();
      const sp = line.search(/[ \t]/);
      const interp = sp < 0 ? line : line.slice(0, sp);
      const iarg = sp < 0 ? '' : line.slice(sp).trim();
      if (!interp) return -E.NOEXEC;
      const nargv = [interp, ...(iarg ? [iarg] : []), path, ...argv.slice(1)];
      return this.exec(this.resolve(interp), nargv, envp, depth + 1);
    }
    if (!isElf(file)) return -E.NOEXEC;
    let elf;
    try { elf = parseElf(file); } catch (e) {
      if (e instanceof ElfError) { this.host.log(`ztab: ${path}: ${e.message}`); return -E.NOEXEC; }
      throw e;
    }
    if (elf.interp !== null) { this.host.log(`ztab: ${path}: dynamically linked programs are not supported (interpreter ${elf.interp})`); return -E.NOEXEC; }
    let argBytes = 0;
    for (const s of argv) argBytes += s.length + 1;
    for (const s of envp) argBytes += s.length + 1;
    if (argBytes > MAX_ARG_BYTES) return -E.TOOBIG;

    const loads = elf.phdrs.filter((ph) => ph.type === PT_LOAD);
    const lo = Math.min(...loads.map((ph) => ph.vaddr)) & ~(PAGE - 1);
    const hi = Math.max(...loads.map((ph) => ph.vaddr + ph.memsz));
    const bias = elf.type === ET_DYN ? 0x1000000 - lo : 0;
    if (lo + bias < PAGE || hi + bias > this.mm.mmapTop - (16 << 20)) {
      this.host.log(`ztab: ${path}: segments at 0x${lo.toString(16)}-0x${hi.toString(16)} do not fit the guest memory`);
      return -E.NOMEM;
    }

    // Point of no return: the old image goes away.
    const mm = this.mm;
    const p = this.proc;
    mm.clear();
    let brk = 0;
    for (const ph of loads) {
      const start = (ph.vaddr + bias) & ~(PAGE - 1);
      const end = roundUp(ph.vaddr + bias + ph.memsz);
      const prot = (ph.flags & PF_R ? 1 : 0) | (ph.flags & PF_W ? 2 : 0) | (ph.flags & PF_X ? 4 : 0);
      // Overlapping segments share a page: keep the union of the permissions.
      for (let a = start; a < end; a += PAGE) {
        const old = mm.pages[a / PAGE]!;
        if (!old) mm.map(a, PAGE, prot); else mm.pages[a / PAGE] = old | prot;
      }
      mm.u8.set(file.subarray(ph.offset, ph.offset + ph.filesz), RAM_BASE + ph.vaddr + bias);
      brk = Math.max(brk, end);
    }
    this.cpu.tlbFlush();
    mm.brkStart = mm.brk = brk;
    mm.map(mm.stackLo, mm.stackTop - mm.stackLo, 3);

    // AT_PHDR: from PT_PHDR, else where the first segment maps the header table.
    let phdrAddr = 0;
    const pt = elf.phdrs.find((ph) => ph.type === PT_PHDR);
    if (pt) phdrAddr = pt.vaddr + bias;
    else {
      const seg = loads.find((ph) => ph.offset <= elf.phoff && elf.phoff + elf.phnum * 56 <= ph.offset + ph.filesz);
      if (seg) phdrAddr = seg.vaddr + bias + (elf.phoff - seg.offset);
    }

    p.exe = path;
    p.argv0 = argv[0] ?? path;
    p.fds.closeOnExec(this.host);
    for (const a of p.actions) if (a.handler > 1) { a.handler = 0; a.flags = 0; a.maskLo = a.maskHi = 0; }
    p.altSp = p.altSize = 0;
    p.altFlags = 2;

    const sp = this.buildStack(argv, envp, path, {
      phdr: phdrAddr, phnum: elf.phnum, entry: elf.entry + bias,
    });
    const c = this.cpu;
    c.r.fill(0);
    c.f.fill(0);
    c.ar.fill(0);
    c.fpc = 0;
    c.cc = 0;
    c.pm = 0;
    c.amode = AMODE_64;
    c.prob = true;
    setReg(c, 15, sp);
    c.ia = elf.entry + bias;
    return 0;
  }

  /** The initial stack as Linux's create_elf_tables lays it out; returns the new r15. */
  private buildStack(argv: string[], envp: string[], execfn: string, info: { phdr: number; phnum: number; entry: number }): number {
    const mm = this.mm;
    const enc = new TextEncoder();
    let p = mm.stackTop - 8;
    const putStr = (s: string): number => {
      const b = enc.encode(s);
      p -= b.length + 1;
      mm.u8.set(b, RAM_BASE + p);
      mm.u8[RAM_BASE + p + b.length] = 0;
      return p;
    };
    const execfnAddr = putStr(execfn);
    const envAddrs = envp.map(putStr).reverse();
    const argAddrs = argv.map(putStr).reverse();
    envAddrs.reverse();
    argAddrs.reverse();
    p &= ~15;
    const platform = putStr('z196');
    p -= 16;
    const random = p;
    const rb = new Uint8Array(16);
    this.host.random(rb);
    mm.u8.set(rb, RAM_BASE + random);
    p &= ~15;
    const aux: [number, number][] = [
      [AT.HWCAP, HWCAP_S390], [AT.PAGESZ, PAGE], [AT.CLKTCK, 100], [AT.PHDR, info.phdr],
      [AT.PHENT, 56], [AT.PHNUM, info.phnum], [AT.BASE, 0], [AT.FLAGS, 0], [AT.ENTRY, info.entry],
      [AT.UID, 0], [AT.EUID, 0], [AT.GID, 0], [AT.EGID, 0], [AT.SECURE, 0], [AT.RANDOM, random],
      [AT.HWCAP2, 0], [AT.EXECFN, execfnAddr], [AT.PLATFORM, platform], [AT.NULL, 0],
    ];
    const items = 1 + argv.length + 1 + envp.length + 1 + aux.length * 2;
    let sp = (p - items * 8) & ~15;
    const base = sp;
    mm.s64(sp, argv.length); sp += 8;
    for (const a of argAddrs) { mm.s64(sp, a); sp += 8; }
    mm.s64(sp, 0); sp += 8;
    for (const a of envAddrs) { mm.s64(sp, a); sp += 8; }
    mm.s64(sp, 0); sp += 8;
    for (const [k, v] of aux) { mm.s64(sp, k); mm.s64(sp + 8, v); sp += 16; }
    return base;
  }

  // ------------------------------------------------------------------ processes

  /**
   * fork/vfork/clone without CLONE_THREAD: run the child to completion on a snapshot of
   * the parent, then restore the parent. Returns the child's pid (the parent's result).
   */
  fork(newSp: number, tls: { set: boolean; hi: number; lo: number }, onChild: (pid: number) => void): number {
    if (this.forkDepth >= MAX_FORK_DEPTH) return -E.AGAIN;
    const c = this.cpu;
    const parent = this.proc;
    const regs = saveRegs(c);
    const image: MmSnapshot = this.mm.snapshot(this.arg(15));
    const child = new Process(this.nextPid++, parent.pid, parent.fds.clone(), parent.cwd, parent);
    child.altSp = parent.altSp; child.altSize = parent.altSize; child.altFlags = parent.altFlags;
    this.proc = child;
    setReg(c, 2, 0);
    if (newSp) setReg(c, 15, newSp);
    if (tls.set) { c.ar[0] = tls.hi; c.ar[1] = tls.lo; }
    onChild(child.pid);
    this.forkDepth++;
    this.suspended.push(parent);
    try {
      this.runUntilExit(child);
    } finally {
      this.suspended.pop();
      this.forkDepth--;
      this.proc = parent;
      this.mm.restore(image);
      restoreRegs(c, regs);
    }
    const ign = parent.actions[SIG.CHLD]!;
    if (!(ign.handler === 1 || (ign.flags & 2 /* SA_NOCLDWAIT */))) parent.children.push({ pid: child.pid, status: child.status });
    if (ign.handler > 1) parent.pending.push({ sig: SIG.CHLD, code: (child.status & 0x7f) ? 2 : 1, pid: child.pid, addr: 0 });
    return child.pid;
  }

  /** End process p with a wait status built from `code` (exit code, or signal when bySignal). */
  exitProcess(p: Process, code: number, bySignal: boolean): void {
    if (p.exited) return;
    p.exited = true;
    p.status = bySignal ? code & 0xff : (code & 0xff) << 8;
    p.fds.closeAll(this.host);
    if (bySignal) {
      const sig = code & 0x7f;
      if (code & 0x80) this.host.log(`qemu: uncaught target signal ${sig} (${SIG_TEXT[sig] ?? `Signal ${sig}`}) - core dumped`);
    }
    if (p === this.proc) this.cpu.stopReason = 'exit';
  }
}

/** Marker: the syscall set the registers itself (execve, sigreturn, exit). */
export const NO_RETURN = Symbol('no-return');
export type SyscallResult = number | typeof NO_RETURN;

export function exitCode(status: number): number {
  return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}

export function setReg(c: UserCpu, n: number, v: number): void {
  if (v < 0) {
    c.r[2 * n] = v >>> 0;
    c.r[2 * n + 1] = v < -2147483648 ? Math.floor(v / 4294967296) >>> 0 : 0xffffffff;
  } else {
    c.r[2 * n] = v >>> 0;
    c.r[2 * n + 1] = Math.floor(v / 4294967296) >>> 0;
  }
}

function roundUp(a: number): number {
  return Math.ceil(a / PAGE) * PAGE;
}

interface SavedRegs { r: Uint32Array; f: Uint32Array; ar: Uint32Array; fpc: number; cc: number; pm: number; amode: number; ia: number }

function saveRegs(c: UserCpu): SavedRegs {
  return { r: c.r.slice(), f: c.f.slice(), ar: c.ar.slice(), fpc: c.fpc, cc: c.cc, pm: c.pm, amode: c.amode, ia: c.ia };
}

function restoreRegs(c: UserCpu, s: SavedRegs): void {
  c.r.set(s.r); c.f.set(s.f); c.ar.set(s.ar);
  c.fpc = s.fpc; c.cc = s.cc; c.pm = s.pm; c.amode = s.amode; c.ia = s.ia;
}
