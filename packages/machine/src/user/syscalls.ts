// The Linux system calls of s390x user mode. Arguments arrive in r2-r7, the number in
// the SVC's immediate or in r1 (kernel.ts), the result goes to r2 as a value or -errno.
// Every pointer the guest passes is checked against the page permissions before use
// (EFAULT), every length and count is bounded, and host failures come back as errno.

import { RAM_BASE } from '@ztab/cpu';
import {
  AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, CLONE, E, MAP, NR, O, S_IFDIR,
  S_IFIFO, S_IFMT, S_IFREG, SIG,
} from './abi.ts';
import { OpenFile, PIPE_LIMIT, Pipe } from './files.ts';
import type { HostStat } from './host.ts';
import { NO_RETURN, type Kernel, type SyscallResult } from './kernel.ts';
import { PAGE } from './mm.ts';
import { isBlocked, sendSignal, sigreturn } from './signals.ts';

/** Largest single read/write transfer (Linux caps at 2 GiB - 4 KiB; a browser tab less). */
const MAX_IO = 64 << 20;
const MAX_IOV = 1024;
const MAX_PATH = 4096;
const MAX_ARGS = 65536;
const TWO32 = 4294967296;

export function syscall(k: Kernel, nr: number): SyscallResult {
  const a2 = k.arg(2), a3 = k.arg(3), a4 = k.arg(4), a5 = k.arg(5), a6 = k.arg(6);
  const i2 = k.iarg(2), i3 = k.iarg(3), i4 = k.iarg(4), i5 = k.iarg(5);
  const p = k.proc;
  switch (nr) {
    case NR.exit: case NR.exit_group:
      k.exitProcess(p, i2, false);
      return NO_RETURN;
    case NR.read: return doRead(k, i2, a3, a4, -1);
    case NR.write: return doWrite(k, i2, a3, a4, -1);
    case NR.pread64: return doRead(k, i2, a3, a4, a5);
    case NR.pwrite64: return doWrite(k, i2, a3, a4, a5);
    case NR.readv: case NR.writev: return doVec(k, nr === NR.writev, i2, a3, a4);
    case NR.open: return doOpen(k, AT_FDCWD, a2, i3, i4);
    case NR.creat: return doOpen(k, AT_FDCWD, a2, O.CREAT | O.WRONLY | O.TRUNC, i3);
    case NR.openat: return doOpen(k, i2, a3, i4, i5);
    case NR.close: return p.fds.close(i2, k.host) ? 0 : -E.BADF;
    case NR.lseek: return doLseek(k, i2, signed64(k, 3), i4);
    case NR.fstat: return doFstat(k, i2, a3);
    case NR.stat: case NR.lstat: return doStatPath(k, AT_FDCWD, a2, a3, nr === NR.lstat ? AT_SYMLINK_NOFOLLOW : 0);
    case NR.newfstatat: return doStatPath(k, i2, a3, a4, i5);
    case NR.statx: return doStatx(k, i2, a3, i4, a6);
    case NR.access: return doAccess(k, AT_FDCWD, a2, i3);
    case NR.faccessat: case NR.faccessat2: return doAccess(k, i2, a3, i4);
    case NR.getdents64: return doGetdents(k, i2, a3, a4);
    case NR.fcntl: return doFcntl(k, i2, i3, a4);
    case NR.dup: return dupTo(k, i2, -1, 0);
    case NR.dup2: return i2 === i3 ? (p.fds.get(i2) ? i3 : -E.BADF) : dupTo(k, i2, i3, 0);
    case NR.dup3: return i2 === i3 ? -E.INVAL : dupTo(k, i2, i3, i4);
    case NR.pipe: return doPipe(k, a2, 0);
    case NR.pipe2: return doPipe(k, a2, i3);
    case NR.ioctl: return doIoctl(k, i2, k.cpu.r[6]!, a4);
    case NR.getcwd: return doGetcwd(k, a2, a3);
    case NR.chdir: return doChdir(k, a2);
    case NR.fchdir: {
      const f = p.fds.get(i2);
      if (!f) return -E.BADF;
      if (f.kind !== 'dir') return -E.NOTDIR;
      p.cwd = f.path;
      return 0;
    }
    case NR.readlink: return doReadlink(k, AT_FDCWD, a2, a3, a4);
    case NR.readlinkat: return doReadlink(k, i2, a3, a4, a5);
    case NR.unlink: return withPath(k, AT_FDCWD, a2, (path) => k.host.unlink(path));
    case NR.rmdir: return withPath(k, AT_FDCWD, a2, (path) => k.host.rmdir(path));
    case NR.unlinkat: return withPath(k, i2, a3, (path) => (i4 & AT_REMOVEDIR ? k.host.rmdir(path) : k.host.unlink(path)));
    case NR.mkdir: return withPath(k, AT_FDCWD, a2, (path) => k.host.mkdir(path, i3 & ~p.umask & 0o7777));
    case NR.mkdirat: return withPath(k, i2, a3, (path) => k.host.mkdir(path, i4 & ~p.umask & 0o7777));
    case NR.rename: return withPath2(k, AT_FDCWD, a2, AT_FDCWD, a3, (x, y) => k.host.rename(x, y));
    case NR.renameat: return withPath2(k, i2, a3, i4, a5, (x, y) => k.host.rename(x, y));
    case NR.renameat2: return k.iarg(6) !== 0 ? -E.INVAL : withPath2(k, i2, a3, i4, a5, (x, y) => k.host.rename(x, y));
    case NR.link: return withPath2(k, AT_FDCWD, a2, AT_FDCWD, a3, (x, y) => k.host.link(x, y));
    case NR.linkat: return withPath2(k, i2, a3, i4, a5, (x, y) => k.host.link(x, y));
    case NR.symlink: case NR.symlinkat: {
      const target = k.mm.cstr(a2, MAX_PATH);
      if (target === null) return -E.FAULT;
      return nr === NR.symlink ? withPath(k, AT_FDCWD, a3, (path) => k.host.symlink(target, path))
        : withPath(k, i3, a4, (path) => k.host.symlink(target, path));
    }
    case NR.chmod: return withPath(k, AT_FDCWD, a2, (path) => k.host.chmod(path, i3 & 0o7777));
    case NR.fchmodat: return withPath(k, i2, a3, (path) => k.host.chmod(path, i4 & 0o7777));
    case NR.fchmod: {
      const f = p.fds.get(i2);
      if (!f) return -E.BADF;
      return f.kind === 'pipe' ? 0 : k.host.chmod(f.path, i3 & 0o7777);
    }
    case NR.chown: case NR.lchown: case NR.fchown: case NR.fchownat: return 0;
    case NR.utimensat: return doUtimensat(k, i2, a3, a4, i5);
    case NR.truncate: return withPath(k, AT_FDCWD, a2, (path) => {
      const h = k.host.open(path, O.WRONLY, 0);
      if (h < 0) return h;
      const r = k.host.truncate(h, a3);
      k.host.close(h);
      return r;
    });
    case NR.ftruncate: {
      const f = p.fds.get(i2);
      if (!f || f.h < 0) return -E.BADF;
      return k.host.truncate(f.h, a3);
    }
    case NR.fsync: case NR.fdatasync: return p.fds.get(i2) ? 0 : -E.BADF;
    case NR.sync: return 0;
    case NR.umask: { const old = p.umask; p.umask = i2 & 0o777; return old; }
    case NR.uname: return doUname(k, a2);
    case NR.getpid: return p.pid;
    case NR.gettid: return p.pid;
    case NR.getppid: return p.ppid;
    case NR.getpgrp: return p.pgid;
    case NR.getpgid: return i2 === 0 || i2 === p.pid ? p.pgid : -E.SRCH;
    case NR.setpgid: if (i2 === 0 || i2 === p.pid) p.pgid = i3 || p.pid; return 0;
    case NR.getsid: return p.sid;
    case NR.setsid: p.sid = p.pgid = p.pid; return p.pid;
    case NR.getuid: case NR.geteuid: case NR.getgid: case NR.getegid: return 0;
    case NR.getresuid: case NR.getresgid: {
      for (const a of [a2, a3, a4]) if (!k.mm.ok(a, 4, true)) return -E.FAULT;
      for (const a of [a2, a3, a4]) k.mm.s32(a, 0);
      return 0;
    }
    case NR.getgroups: return 0;
    case NR.setuid: case NR.setgid: case NR.setreuid: case NR.setregid: case NR.setresuid:
    case NR.setresgid: case NR.setgroups: return 0;
    case NR.set_tid_address: p.tidAddress = a2; return p.pid;
    case NR.set_robust_list: case NR.get_robust_list: case NR.rseq: case NR.clone3:
      return -E.NOSYS;
    case NR.prlimit64: return doRlimit(k, i3, a5);
    case NR.getrlimit: return doRlimit(k, i2, a3);
    case NR.setrlimit: return 0;
    case NR.rt_sigaction: return doSigaction(k, i2, a3, a4, a5);
    case NR.rt_sigprocmask: return doSigprocmask(k, i2, a3, a4, a5);
    case NR.rt_sigpending: {
      if (!k.mm.ok(a2, 8, true)) return -E.FAULT;
      let lo = 0, hi = 0;
      for (const s of p.pending) if (s.sig <= 32) lo |= 1 << (s.sig - 1); else hi |= 1 << (s.sig - 33);
      k.mm.s32(a2, hi); k.mm.s32(a2 + 4, lo);
      return 0;
    }
    case NR.rt_sigsuspend: {
      // Nothing else can run to send a signal: deliver what is pending under the new mask, else EINTR.
      if (!k.mm.ok(a2, 8, false)) return -E.FAULT;
      const oldLo = p.maskLo, oldHi = p.maskHi;
      p.maskHi = k.mm.g32(a2); p.maskLo = k.mm.g32(a2 + 4);
      const deliverable = p.pending.some((s) => !isBlocked(k, s.sig));
      if (!deliverable) { p.maskLo = oldLo; p.maskHi = oldHi; }
      return -E.INTR;
    }
    case NR.sigaltstack: return doSigaltstack(k, a2, a3);
    case NR.rt_sigreturn: return sigreturn(k, true);
    case NR.sigreturn: return sigreturn(k, false);
    case NR.kill: case NR.tgkill: case NR.tkill: {
      const pid = nr === NR.tgkill ? k.iarg(3) : i2;
      const sig = nr === NR.tgkill ? i4 : i3;
      if (sig < 0 || sig > 64) return -E.INVAL;
      // Targets: this process, or ancestors suspended in fork() (their signals wait in
      // their queue until they resume), or zombie children (nothing left to signal).
      const group = nr === NR.kill && pid <= 0 ? (pid === 0 ? p.pgid : pid === -1 ? -1 : -pid) : null;
      const targets = [...k.suspended, p].filter((t) => group === null ? t.pid === pid : group === -1 || t.pgid === group);
      if (!targets.length) return p.children.some((z) => z.pid === pid) ? 0 : -E.SRCH;
      if (sig === 0) return 0;
      for (const t of targets) {
        if (t === p) sendSignal(k, sig, nr === NR.kill ? 0 : -6, p.pid);
        else if (!t.pending.some((s) => s.sig === sig)) t.pending.push({ sig, code: 0, pid: p.pid, addr: 0 });
      }
      return 0;
    }
    case NR.pause: return -E.INTR;
    case NR.alarm: return 0;
    case NR.setitimer: case NR.getitimer: {
      const out = nr === NR.setitimer ? a4 : a3;
      if (out) { if (!k.mm.ok(out, 32, true)) return -E.FAULT; k.mm.u8.fill(0, RAM_BASE + out, RAM_BASE + out + 32); }
      return 0;
    }
    case NR.clock_gettime: return doClock(k, i2, a3);
    case NR.clock_getres: {
      if (a3) { if (!k.mm.ok(a3, 16, true)) return -E.FAULT; k.mm.s64(a3, 0); k.mm.s64(a3 + 8, 1); }
      return 0;
    }
    case NR.gettimeofday: {
      if (a2) {
        if (!k.mm.ok(a2, 16, true)) return -E.FAULT;
        const [s, ns] = k.host.realtime();
        k.mm.s64(a2, s); k.mm.s64(a2 + 8, Math.floor(ns / 1000));
      }
      if (a3) { if (!k.mm.ok(a3, 8, true)) return -E.FAULT; k.mm.s64(a3, 0); }
      return 0;
    }
    case NR.nanosleep: return doSleep(k, a2);
    case NR.clock_nanosleep: return doSleep(k, a4);
    case NR.getrandom: {
      const n = Math.min(a3, 1 << 20);
      const v = k.mm.view(a2, n, true);
      if (!v) return -E.FAULT;
      k.host.random(v);
      return n;
    }
    case NR.sysinfo: return doSysinfo(k, a2);
    case NR.times: {
      const [s, ns] = k.host.cputime();
      const ticks = Math.floor(s * 100 + ns / 1e7);
      if (a2) {
        if (!k.mm.ok(a2, 32, true)) return -E.FAULT;
        k.mm.s64(a2, ticks); k.mm.s64(a2 + 8, 0); k.mm.s64(a2 + 16, 0); k.mm.s64(a2 + 24, 0);
      }
      const [ms, mns] = k.host.monotonic();
      return Math.floor(ms * 100 + mns / 1e7);
    }
    case NR.getrusage: {
      if (!k.mm.ok(a3, 144, true)) return -E.FAULT;
      k.mm.u8.fill(0, RAM_BASE + a3, RAM_BASE + a3 + 144);
      return 0;
    }
    case NR.futex: {
      const op = i3 & 127;
      if (op === 0 || op === 9) { // WAIT, WAIT_BITSET: no other thread can ever wake us
        if (!k.mm.ok(a2, 4, false)) return -E.FAULT;
        return k.mm.g32(a2) !== (i4 >>> 0) ? -E.AGAIN : -E.INVAL;
      }
      if (op === 1 || op === 10) return 0; // WAKE
      return -E.NOSYS;
    }
    case NR.madvise: case NR.fadvise64: case NR.msync: case NR.readahead: return 0;
    case NR.membarrier: return 0;
    case NR.brk: return doBrk(k, a2);
    case NR.mmap: return doMmap(k, a2);
    case NR.munmap: return doMunmap(k, a2, a3);
    case NR.mprotect: {
      if (a2 % PAGE) return -E.INVAL;
      const len = roundUp(a3);
      return k.mm.protect(a2, len, i4) ? 0 : -E.NOMEM;
    }
    case NR.mremap: return doMremap(k, a2, a3, a4, i5, a6);
    case NR.clone: {
      if (a3 & CLONE.THREAD) return -E.NOSYS;
      return doFork(k, a2, a3, a4, a5, a6);
    }
    case NR.fork: case NR.vfork: return doFork(k, 0, SIG.CHLD, 0, 0, 0);
    case NR.execve: return doExecve(k, AT_FDCWD, a2, a3, a4);
    case NR.execveat: return doExecve(k, i2, a3, a4, a5);
    case NR.wait4: return doWait(k, i2, a3, i4);
    case NR.poll: case NR.ppoll: return doPoll(k, a2, a3);
    case NR.select: case NR.pselect6: return doSelect(k, i2, a3, a4, a5);
    case NR.sched_yield: return 0;
    case NR.sched_getaffinity: {
      const n = Math.min(a3, 128);
      if (n < 8) return -E.INVAL;
      if (!k.mm.ok(a4, n, true)) return -E.FAULT;
      k.mm.u8.fill(0, RAM_BASE + a4, RAM_BASE + a4 + n);
      k.mm.u8[RAM_BASE + a4 + 7] = 1;
      return 8;
    }
    case NR.getcpu: {
      if (a2) { if (!k.mm.ok(a2, 4, true)) return -E.FAULT; k.mm.s32(a2, 0); }
      if (a3) { if (!k.mm.ok(a3, 4, true)) return -E.FAULT; k.mm.s32(a3, 0); }
      return 0;
    }
    case NR.prctl: return -E.INVAL;
    case NR.personality: return 0;
    case NR.sendfile: return doSendfile(k, i2, i3, a4, a5);
    default:
      k.warnOnce(nr);
      return -E.NOSYS;
  }
}

// ---------------------------------------------------------------- helpers

function roundUp(a: number): number { return Math.ceil(a / PAGE) * PAGE; }

function signed64(k: Kernel, n: number): number {
  const c = k.cpu;
  return (c.r[2 * n + 1]! | 0) * TWO32 + c.r[2 * n]!;
}

/** Resolve a (dirfd, path) pair to an absolute host path, or -errno. */
function atPath(k: Kernel, dirfd: number, addr: number, allowEmpty = false): string | number {
  const s = k.mm.cstr(addr, MAX_PATH);
  if (s === null) return -E.FAULT;
  if (s === '' && !allowEmpty) return -E.NOENT;
  if (s.startsWith('/') || dirfd === AT_FDCWD) return k.resolve(s);
  const f = k.proc.fds.get(dirfd);
  if (!f) return -E.BADF;
  if (s === '') return f.path;
  if (f.kind !== 'dir') return -E.NOTDIR;
  return k.resolve(s, f.path);
}

function withPath(k: Kernel, dirfd: number, addr: number, fn: (path: string) => number): number {
  const p = atPath(k, dirfd, addr);
  return typeof p === 'number' ? p : fn(p);
}

function withPath2(k: Kernel, d1: number, a1: number, d2: number, a2: number, fn: (x: string, y: string) => number): number {
  const x = atPath(k, d1, a1);
  if (typeof x === 'number') return x;
  const y = atPath(k, d2, a2);
  return typeof y === 'number' ? y : fn(x, y);
}

// ---------------------------------------------------------------- I/O

function doRead(k: Kernel, fd: number, buf: number, count: number, at: number): number {
  const f = k.proc.fds.get(fd);
  if (!f || (f.flags & O.ACCMODE) === O.WRONLY || (f.pipe && f.writeEnd)) return -E.BADF;
  if (f.kind === 'dir') return -E.ISDIR;
  const n = Math.min(count, MAX_IO);
  if (n === 0) return 0;
  const v = k.mm.view(buf, n, true);
  if (!v) return -E.FAULT;
  if (f.pipe) {
    if (at >= 0) return -E.SPIPE;
    return f.pipe.read(v);
  }
  if (at >= 0 && !f.seekable) return -E.SPIPE;
  const r = k.host.read(f.h, v, at >= 0 ? at : f.seekable ? f.pos : -1);
  if (r > 0 && at < 0 && f.seekable) f.pos += r;
  return r;
}

function writeFile(k: Kernel, f: OpenFile, data: Uint8Array, at: number): number {
  if (f.pipe) {
    if (at >= 0) return -E.SPIPE;
    if (f.pipe.readers === 0 || f.pipe.size + data.length > PIPE_LIMIT) {
      sendSignal(k, SIG.PIPE, 0, k.proc.pid);
      return -E.PIPE;
    }
    f.pipe.chunks.push(data.slice());
    f.pipe.size += data.length;
    return data.length;
  }
  if (at >= 0 && !f.seekable) return -E.SPIPE;
  let pos = at >= 0 ? at : f.seekable ? f.pos : -1;
  if (at < 0 && f.seekable && (f.flags & O.APPEND)) {
    const st = k.host.fstat(f.h);
    if (typeof st !== 'number') pos = st.size;
  }
  const r = k.host.write(f.h, data, pos);
  if (r > 0 && at < 0 && f.seekable) f.pos = pos + r;
  return r;
}

function doWrite(k: Kernel, fd: number, buf: number, count: number, at: number): number {
  const f = k.proc.fds.get(fd);
  if (!f || (f.flags & O.ACCMODE) === O.RDONLY && !f.pipe || (f.pipe && !f.writeEnd)) return -E.BADF;
  if (f.kind === 'dir') return -E.ISDIR;
  const n = Math.min(count, MAX_IO);
  if (n === 0) return 0;
  const v = k.mm.view(buf, n, false);
  if (!v) return -E.FAULT;
  return writeFile(k, f, v, at);
}

function doVec(k: Kernel, write: boolean, fd: number, iov: number, cnt: number): number {
  if (cnt > MAX_IOV) return -E.INVAL;
  if (!k.mm.ok(iov, cnt * 16, false)) return -E.FAULT;
  let total = 0;
  for (let j = 0; j < cnt; j++) {
    const base = k.mm.g64(iov + 16 * j), len = k.mm.g64(iov + 16 * j + 8);
    if (len === 0) continue;
    const r = write ? doWrite(k, fd, base, len, -1) : doRead(k, fd, base, len, -1);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (r < Math.min(len, MAX_IO)) break;
  }
  return total;
}

function doOpen(k: Kernel, dirfd: number, addr: number, flags: number, mode: number): number {
  const path = atPath(k, dirfd, addr);
  if (typeof path === 'number') return path;
  const cloexec = (flags & O.CLOEXEC) !== 0;
  const h = k.host.open(path, flags & ~O.CLOEXEC, mode & ~k.proc.umask & 0o7777);
  if (h < 0) return h;
  const st = k.host.fstat(h);
  const fmt = typeof st === 'number' ? 0 : st.mode & S_IFMT;
  const kind = fmt === S_IFDIR ? 'dir' : 'host';
  const seekable = fmt === S_IFREG || fmt === 0o060000;
  const f = new OpenFile(kind, path, flags & ~O.CLOEXEC, h, seekable);
  const fd = k.proc.fds.alloc(f, cloexec);
  if (fd < 0) { f.release(k.host); return -E.MFILE; }
  return fd;
}

function doLseek(k: Kernel, fd: number, off: number, whence: number): number {
  const f = k.proc.fds.get(fd);
  if (!f) return -E.BADF;
  if (f.kind === 'dir') {
    if (whence !== 0 || off < 0) return -E.INVAL;
    f.dirIndex = off;
    return off;
  }
  if (!f.seekable) return -E.SPIPE;
  let base = 0;
  if (whence === 1) base = f.pos;
  else if (whence === 2) {
    const st = k.host.fstat(f.h);
    if (typeof st === 'number') return st;
    base = st.size;
  } else if (whence !== 0) return -E.INVAL;
  const np = base + off;
  if (np < 0) return -E.INVAL;
  f.pos = np;
  return np;
}

function pipeStat(f: OpenFile): HostStat {
  return {
    dev: 12, ino: 4096 + (f.refs & 0xffff), mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0,
    size: 0, blksize: 4096, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  };
}

function writeStat(k: Kernel, addr: number, st: HostStat): number {
  const mm = k.mm;
  if (!mm.ok(addr, 144, true)) return -E.FAULT;
  mm.u8.fill(0, RAM_BASE + addr, RAM_BASE + addr + 144);
  mm.s64(addr, st.dev); mm.s64(addr + 8, st.ino); mm.s64(addr + 16, st.nlink);
  mm.s32(addr + 24, st.mode); mm.s32(addr + 28, st.uid); mm.s32(addr + 32, st.gid);
  mm.s64(addr + 40, st.rdev); mm.s64(addr + 48, st.size);
  mm.s64(addr + 56, st.atimeSec); mm.s64(addr + 64, st.atimeNsec);
  mm.s64(addr + 72, st.mtimeSec); mm.s64(addr + 80, st.mtimeNsec);
  mm.s64(addr + 88, st.ctimeSec); mm.s64(addr + 96, st.ctimeNsec);
  mm.s64(addr + 104, st.blksize); mm.s64(addr + 112, st.blocks);
  return 0;
}

function fileStat(k: Kernel, f: OpenFile): HostStat | number {
  return f.pipe ? pipeStat(f) : k.host.fstat(f.h);
}

function doFstat(k: Kernel, fd: number, addr: number): number {
  const f = k.proc.fds.get(fd);
  if (!f) return -E.BADF;
  const st = fileStat(k, f);
  return typeof st === 'number' ? st : writeStat(k, addr, st);
}

function statAt(k: Kernel, dirfd: number, addr: number, flags: number): HostStat | number {
  const s = k.mm.cstr(addr, MAX_PATH);
  if (s === null) return -E.FAULT;
  if (s === '' && (flags & AT_EMPTY_PATH)) {
    if (dirfd === AT_FDCWD) return k.host.stat(k.proc.cwd, true);
    const f = k.proc.fds.get(dirfd);
    if (!f) return -E.BADF;
    return fileStat(k, f);
  }
  const path = atPath(k, dirfd, addr);
  if (typeof path === 'number') return path;
  return k.host.stat(path, !(flags & AT_SYMLINK_NOFOLLOW));
}

function doStatPath(k: Kernel, dirfd: number, addr: number, buf: number, flags: number): number {
  const st = statAt(k, dirfd, addr, flags);
  return typeof st === 'number' ? st : writeStat(k, buf, st);
}

function doStatx(k: Kernel, dirfd: number, addr: number, flags: number, buf: number): number {
  const st = statAt(k, dirfd, addr, flags);
  if (typeof st === 'number') return st;
  const mm = k.mm;
  if (!mm.ok(buf, 256, true)) return -E.FAULT;
  mm.u8.fill(0, RAM_BASE + buf, RAM_BASE + buf + 256);
  mm.s32(buf, 0x7ff); mm.s32(buf + 4, st.blksize);
  mm.s32(buf + 16, st.nlink); mm.s32(buf + 20, st.uid); mm.s32(buf + 24, st.gid);
  mm.dv.setUint16(RAM_BASE + buf + 28, st.mode & 0xffff);
  mm.s64(buf + 32, st.ino); mm.s64(buf + 40, st.size); mm.s64(buf + 48, st.blocks);
  const t = (o: number, s: number, ns: number) => { mm.s64(buf + o, s); mm.s32(buf + o + 8, ns); };
  t(64, st.atimeSec, st.atimeNsec); t(80, st.ctimeSec, st.ctimeNsec);
  t(96, st.ctimeSec, st.ctimeNsec); t(112, st.mtimeSec, st.mtimeNsec);
  const major = (d: number) => ((d >>> 8) & 0xfff) >>> 0;
  const minor = (d: number) => ((d & 0xff) | ((d >>> 12) & 0xfff00)) >>> 0;
  mm.s32(buf + 128, major(st.rdev)); mm.s32(buf + 132, minor(st.rdev));
  mm.s32(buf + 136, major(st.dev)); mm.s32(buf + 140, minor(st.dev));
  return 0;
}

function doAccess(k: Kernel, dirfd: number, addr: number, mode: number): number {
  const path = atPath(k, dirfd, addr);
  return typeof path === 'number' ? path : k.host.access(path, mode & 7);
}

function doGetdents(k: Kernel, fd: number, buf: number, count: number): number {
  const f = k.proc.fds.get(fd);
  if (!f) return -E.BADF;
  if (f.kind !== 'dir') return -E.NOTDIR;
  if (!f.dirents) {
    const list = k.host.readdir(f.path);
    if (typeof list === 'number') return list;
    const self = k.host.stat(f.path, true);
    const ino = typeof self === 'number' ? 1 : self.ino;
    f.dirents = [{ name: '.', ino, type: 4 }, { name: '..', ino: 2, type: 4 }, ...list];
  }
  const n = Math.min(count, 1 << 20);
  if (!k.mm.ok(buf, n, true)) return -E.FAULT;
  const enc = new TextEncoder();
  let off = 0;
  while (f.dirIndex < f.dirents.length) {
    const d = f.dirents[f.dirIndex]!;
    const name = enc.encode(d.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (off + reclen > n) {
      if (off === 0) return -E.INVAL;
      break;
    }
    const a = buf + off;
    k.mm.u8.fill(0, RAM_BASE + a, RAM_BASE + a + reclen);
    k.mm.s64(a, d.ino || 1);
    k.mm.s64(a + 8, f.dirIndex + 1);
    k.mm.dv.setUint16(RAM_BASE + a + 16, reclen);
    k.mm.u8[RAM_BASE + a + 18] = d.type;
    k.mm.u8.set(name, RAM_BASE + a + 19);
    off += reclen;
    f.dirIndex++;
  }
  return off;
}

function dupTo(k: Kernel, fd: number, to: number, flags: number): number {
  const f = k.proc.fds.get(fd);
  if (!f) return -E.BADF;
  if (to >= 1024) return -E.BADF;
  f.refs++;
  const cloexec = (flags & O.CLOEXEC) !== 0;
  if (to < 0) {
    const n = k.proc.fds.alloc(f, cloexec);
    if (n < 0) { f.refs--; return -E.MFILE; }
    return n;
  }
  k.proc.fds.put(to, f, cloexec, k.host);
  return to;
}

function doFcntl(k: Kernel, fd: number, cmd: number, arg: number): number {
  const fds = k.proc.fds;
  const f = fds.get(fd);
  if (!f) return -E.BADF;
  switch (cmd) {
    case 0: case 1030: { // F_DUPFD, F_DUPFD_CLOEXEC
      if (arg >= 1024) return -E.INVAL;
      f.refs++;
      const n = fds.alloc(f, cmd === 1030, arg);
      if (n < 0) { f.refs--; return -E.MFILE; }
      return n;
    }
    case 1: return fds.fds[fd]!.cloexec ? 1 : 0;
    case 2: fds.fds[fd]!.cloexec = (arg & 1) !== 0; return 0;
    case 3: return f.flags | (f.kind === 'dir' ? O.DIRECTORY : 0);
    case 4: f.flags = (f.flags & ~(O.APPEND | O.NONBLOCK)) | (arg & (O.APPEND | O.NONBLOCK)); return 0;
    case 5: { // F_GETLK: nothing is locked
      if (!k.mm.ok(arg, 2, true)) return -E.FAULT;
      k.mm.dv.setUint16(RAM_BASE + arg, 2); // F_UNLCK
      return 0;
    }
    case 6: case 7: return 0; // F_SETLK, F_SETLKW: one process tree, no contention
    case 1031: return 65536; // F_SETPIPE_SZ
    case 1032: return 65536; // F_GETPIPE_SZ
    default: return -E.INVAL;
  }
}

function doPipe(k: Kernel, addr: number, flags: number): number {
  if (!k.mm.ok(addr, 8, true)) return -E.FAULT;
  const pipe = new Pipe();
  const r = new OpenFile('pipe', 'pipe:', O.RDONLY | (flags & O.NONBLOCK), -1, false, pipe, false);
  const w = new OpenFile('pipe', 'pipe:', O.WRONLY | (flags & O.NONBLOCK), -1, false, pipe, true);
  const cloexec = (flags & O.CLOEXEC) !== 0;
  const fr = k.proc.fds.alloc(r, cloexec);
  const fw = fr < 0 ? -1 : k.proc.fds.alloc(w, cloexec);
  if (fw < 0) {
    if (fr >= 0) k.proc.fds.close(fr, k.host); else r.release(k.host);
    w.release(k.host);
    return -E.MFILE;
  }
  k.mm.s32(addr, fr);
  k.mm.s32(addr + 4, fw);
  return 0;
}

function doIoctl(k: Kernel, fd: number, req: number, arg: number): number {
  const f = k.proc.fds.get(fd);
  if (!f) return -E.BADF;
  if (req === 0x541b) { // FIONREAD
    if (!k.mm.ok(arg, 4, true)) return -E.FAULT;
    k.mm.s32(arg, f.pipe ? f.pipe.size : 0);
    return 0;
  }
  const tty = f.h >= 0 && f.kind === 'host' && k.host.isatty(f.h);
  if (!tty) return -E.NOTTY;
  switch (req) {
    case 0x5401: { // TCGETS: a cooked terminal (struct termios of s390x, 36 bytes)
      if (!k.mm.ok(arg, 36, true)) return -E.FAULT;
      k.mm.u8.fill(0, RAM_BASE + arg, RAM_BASE + arg + 36);
      k.mm.s32(arg, 0x500); // ICRNL | IXON
      k.mm.s32(arg + 4, 0x5); // OPOST | ONLCR
      k.mm.s32(arg + 8, 0xbf); // B38400 | CS8 | CREAD
      k.mm.s32(arg + 12, 0x8a3b); // ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN
      const cc = [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0];
      cc.forEach((v, j) => { k.mm.u8[RAM_BASE + arg + 17 + j] = v; });
      return 0;
    }
    case 0x5402: case 0x5403: case 0x5404: return 0; // TCSETS*
    case 0x5413: { // TIOCGWINSZ
      const ws = k.host.winsize(f.h);
      if (!ws) return -E.NOTTY;
      if (!k.mm.ok(arg, 8, true)) return -E.FAULT;
      k.mm.dv.setUint16(RAM_BASE + arg, ws.rows);
      k.mm.dv.setUint16(RAM_BASE + arg + 2, ws.cols);
      k.mm.s32(arg + 4, 0);
      return 0;
    }
    case 0x540f: { // TIOCGPGRP
      if (!k.mm.ok(arg, 4, true)) return -E.FAULT;
      k.mm.s32(arg, k.proc.pgid);
      return 0;
    }
    case 0x5410: return 0; // TIOCSPGRP
    default: return -E.NOTTY;
  }
}

function doGetcwd(k: Kernel, buf: number, size: number): number {
  const b = new TextEncoder().encode(k.proc.cwd);
  if (size < b.length + 1) return -E.RANGE;
  if (!k.mm.ok(buf, b.length + 1, true)) return -E.FAULT;
  k.mm.u8.set(b, RAM_BASE + buf);
  k.mm.u8[RAM_BASE + buf + b.length] = 0;
  return b.length + 1;
}

function doChdir(k: Kernel, addr: number): number {
  const path = atPath(k, AT_FDCWD, addr);
  if (typeof path === 'number') return path;
  const st = k.host.stat(path, true);
  if (typeof st === 'number') return st;
  if ((st.mode & S_IFMT) !== S_IFDIR) return -E.NOTDIR;
  const real = k.host.realpath(path);
  if (typeof real === 'number') return real;
  k.proc.cwd = real;
  return 0;
}

function doReadlink(k: Kernel, dirfd: number, addr: number, buf: number, size: number): number {
  const s = k.mm.cstr(addr, MAX_PATH);
  if (s === null) return -E.FAULT;
  let target: string | number;
  if (s === '/proc/self/exe') target = k.proc.exe;
  else {
    const path = atPath(k, dirfd, addr);
    if (typeof path === 'number') return path;
    target = k.host.readlink(path);
  }
  if (typeof target === 'number') return target;
  if ((size | 0) <= 0) return -E.INVAL;
  const b = new TextEncoder().encode(target).subarray(0, Math.min(size, MAX_PATH));
  if (!k.mm.write(buf, b)) return -E.FAULT;
  return b.length;
}

function doUtimensat(k: Kernel, dirfd: number, addr: number, times: number, flags: number): number {
  let path: string | number;
  if (addr === 0) {
    const f = k.proc.fds.get(dirfd);
    if (!f) return -E.BADF;
    path = f.path;
  } else path = atPath(k, dirfd, addr);
  if (typeof path === 'number') return path;
  let at: [number, number] | null = null, mt: [number, number] | null = null;
  if (times) {
    if (!k.mm.ok(times, 32, false)) return -E.FAULT;
    const rd = (o: number): [number, number] | null => {
      const ns = k.mm.g64(times + o + 8);
      if (ns === 0x3fffffff) return null; // UTIME_NOW
      return [k.mm.g64(times + o), ns];
    };
    at = rd(0); mt = rd(16);
  }
  void flags;
  return k.host.utimens(path, at, mt);
}

function doUname(k: Kernel, addr: number): number {
  if (!k.mm.ok(addr, 390, true)) return -E.FAULT;
  k.mm.u8.fill(0, RAM_BASE + addr, RAM_BASE + addr + 390);
  const fields = ['Linux', k.host.hostname, '6.1.0', '#1 SMP ztab', 's390x', '(none)'];
  const enc = new TextEncoder();
  fields.forEach((s, j) => k.mm.u8.set(enc.encode(s).subarray(0, 64), RAM_BASE + addr + 65 * j));
  return 0;
}

function doRlimit(k: Kernel, res: number, out: number): number {
  if (res < 0 || res >= 16) return -E.INVAL;
  if (!out) return 0;
  if (!k.mm.ok(out, 16, true)) return -E.FAULT;
  // Like qemu-user, show the host's limits where the host can tell (Infinity = unlimited).
  const hl = k.host.rlimit?.(res);
  if (hl) {
    const put = (a: number, v: number) => { if (v === Infinity) { k.mm.s32(a, 0xffffffff); k.mm.s32(a + 4, 0xffffffff); } else k.mm.s64(a, v); };
    put(out, hl[0]); put(out + 8, hl[1]);
    return 0;
  }
  const inf = () => { k.mm.s32(out, 0xffffffff); k.mm.s32(out + 4, 0xffffffff); k.mm.s32(out + 8, 0xffffffff); k.mm.s32(out + 12, 0xffffffff); };
  if (res === 3) { k.mm.s64(out, 8 << 20); k.mm.s32(out + 8, 0xffffffff); k.mm.s32(out + 12, 0xffffffff); } // STACK
  else if (res === 7) { k.mm.s64(out, 1024); k.mm.s64(out + 8, 1024); } // NOFILE
  else if (res === 4) { k.mm.s64(out, 0); inf(); k.mm.s64(out, 0); } // CORE
  else inf();
  return 0;
}

function doSigaction(k: Kernel, sig: number, act: number, old: number, size: number): number {
  if (sig < 1 || sig > 64 || size !== 8) return -E.INVAL;
  const a = k.proc.actions[sig]!;
  if (act && (sig === SIG.KILL || sig === SIG.STOP)) return -E.INVAL;
  if (act && !k.mm.ok(act, 32, false)) return -E.FAULT;
  if (old && !k.mm.ok(old, 32, true)) return -E.FAULT;
  const prev = { ...a };
  if (act) {
    a.handler = k.mm.g64(act);
    a.flags = k.mm.g32(act + 12);
    a.restorer = k.mm.g64(act + 16);
    a.maskHi = k.mm.g32(act + 24);
    a.maskLo = k.mm.g32(act + 28);
  }
  if (old) {
    k.mm.s64(old, prev.handler); k.mm.s32(old + 8, 0); k.mm.s32(old + 12, prev.flags);
    k.mm.s64(old + 16, prev.restorer); k.mm.s32(old + 24, prev.maskHi); k.mm.s32(old + 28, prev.maskLo);
  }
  if (act && a.handler === 1) k.proc.pending = k.proc.pending.filter((s) => s.sig !== sig);
  return 0;
}

function doSigprocmask(k: Kernel, how: number, set: number, old: number, size: number): number {
  if (size !== 8) return -E.INVAL;
  const p = k.proc;
  if (set && !k.mm.ok(set, 8, false)) return -E.FAULT;
  if (old && !k.mm.ok(old, 8, true)) return -E.FAULT;
  const oHi = p.maskHi, oLo = p.maskLo;
  if (set) {
    const hi = k.mm.g32(set), lo = k.mm.g32(set + 4);
    if (how === 0) { p.maskHi |= hi; p.maskLo |= lo; }
    else if (how === 1) { p.maskHi &= ~hi; p.maskLo &= ~lo; }
    else if (how === 2) { p.maskHi = hi; p.maskLo = lo; }
    else return -E.INVAL;
    p.maskLo &= ~((1 << (SIG.KILL - 1)) | (1 << (SIG.STOP - 1)));
  }
  if (old) { k.mm.s32(old, oHi); k.mm.s32(old + 4, oLo); }
  return 0;
}

function doSigaltstack(k: Kernel, ss: number, old: number): number {
  const p = k.proc;
  if (ss && !k.mm.ok(ss, 24, false)) return -E.FAULT;
  if (old && !k.mm.ok(old, 24, true)) return -E.FAULT;
  const sp = k.arg(15);
  const on = p.altSize > 0 && sp > p.altSp && sp <= p.altSp + p.altSize;
  const o = { sp: p.altSp, flags: on ? 1 : p.altFlags, size: p.altSize };
  if (ss) {
    if (on) return -E.PERM;
    const flags = k.mm.g32(ss + 8);
    if (flags & 2) { p.altFlags = 2; p.altSp = 0; p.altSize = 0; }
    else if (flags !== 0) return -E.INVAL;
    else {
      const size = k.mm.g64(ss + 16);
      if (size < 2048) return -E.NOMEM;
      p.altSp = k.mm.g64(ss); p.altSize = size; p.altFlags = 0;
    }
  }
  if (old) { k.mm.s64(old, o.sp); k.mm.s32(old + 8, o.flags); k.mm.s32(old + 12, 0); k.mm.s64(old + 16, o.size); }
  return 0;
}

function doClock(k: Kernel, clk: number, ts: number): number {
  let t: [number, number];
  switch (clk) {
    case 0: case 5: case 8: t = k.host.realtime(); break;
    case 1: case 4: case 6: case 7: case 9: t = k.host.monotonic(); break;
    case 2: case 3: t = k.host.cputime(); break;
    default: return -E.INVAL;
  }
  if (!k.mm.ok(ts, 16, true)) return -E.FAULT;
  k.mm.s64(ts, t[0]); k.mm.s64(ts + 8, t[1]);
  return 0;
}

function doSleep(k: Kernel, req: number): number {
  if (!k.mm.ok(req, 16, false)) return -E.FAULT;
  const s = k.mm.g64(req), ns = k.mm.g64(req + 8);
  if (ns >= 1e9) return -E.INVAL;
  k.host.sleep(Math.min(s * 1000 + ns / 1e6, 3600e3));
  return 0;
}

function doSysinfo(k: Kernel, addr: number): number {
  if (!k.mm.ok(addr, 112, true)) return -E.FAULT;
  const mm = k.mm;
  mm.u8.fill(0, RAM_BASE + addr, RAM_BASE + addr + 112);
  mm.s64(addr, Math.floor(k.host.monotonic()[0]));
  mm.s64(addr + 32, mm.size);
  let used = 0;
  for (let j = 0; j < mm.pages.length; j++) if (mm.pages[j]) used++;
  mm.s64(addr + 40, mm.size - used * PAGE);
  mm.dv.setUint16(RAM_BASE + addr + 80, 1);
  mm.s32(addr + 104, 1);
  return 0;
}

// ---------------------------------------------------------------- memory

function doBrk(k: Kernel, want: number): number {
  const mm = k.mm;
  if (want < mm.brkStart) return mm.brk;
  const oldTop = roundUp(mm.brk), newTop = roundUp(want);
  if (newTop > oldTop) {
    if (!mm.isFree(oldTop, newTop - oldTop) || newTop > mm.mmapTop) return mm.brk;
    mm.map(oldTop, newTop - oldTop, 3);
  } else if (newTop < oldTop) mm.unmap(newTop, oldTop - newTop);
  mm.brk = want;
  return want;
}

function doMmap(k: Kernel, argp: number): number {
  // s390x passes mmap's six arguments in a struct (old_mmap).
  const mm = k.mm;
  if (!mm.ok(argp, 48, false)) return -E.FAULT;
  const addr = mm.g64(argp), len = mm.g64(argp + 8);
  const prot = mm.g32(argp + 20), flags = mm.g32(argp + 28), fd = mm.g32(argp + 36) | 0;
  const off = mm.g64(argp + 40);
  if (len === 0 || off % PAGE) return -E.INVAL;
  const size = roundUp(len);
  if (size > mm.size) return -E.NOMEM;
  const anon = (flags & MAP.ANONYMOUS) !== 0;
  let file: OpenFile | null = null;
  if (!anon) {
    file = k.proc.fds.get(fd);
    if (!file) return -E.BADF;
    if (file.kind !== 'host' || !file.seekable) return -E.NODEV;
  }
  let at: number;
  if (flags & (MAP.FIXED | MAP.FIXED_NOREPLACE)) {
    if (addr % PAGE || addr < PAGE || addr + size > mm.size) return -E.INVAL;
    if ((flags & MAP.FIXED_NOREPLACE) && !mm.isFree(addr, size)) return -E.EXIST;
    at = addr;
  } else if (addr && addr % PAGE === 0 && mm.isFree(addr, size)) at = addr;
  else {
    at = mm.findFree(size);
    if (at < 0) return -E.NOMEM;
  }
  mm.map(at, size, prot);
  if (file) {
    const v = mm.u8.subarray(RAM_BASE + at, RAM_BASE + at + len);
    for (let done = 0, guard = 0; done < len && guard < 1 << 16; guard++) {
      const r = k.host.read(file.h, v.subarray(done), off + done);
      if (r <= 0) break;
      done += r;
    }
  }
  return at;
}

function doMunmap(k: Kernel, addr: number, len: number): number {
  if (addr % PAGE || len === 0) return -E.INVAL;
  if (addr + len > k.mm.size) len = Math.max(0, k.mm.size - addr);
  k.mm.unmap(addr, roundUp(len));
  return 0;
}

function doMremap(k: Kernel, old: number, oldLen: number, newLen: number, flags: number, newAddr: number): number {
  const mm = k.mm;
  void newAddr;
  if (old % PAGE || newLen === 0) return -E.INVAL;
  const os = roundUp(oldLen), ns = roundUp(newLen);
  if (ns > mm.size || !mm.ok(old, os, false) && !mm.protect(old, 0, 0)) return -E.FAULT;
  if (ns <= os) { mm.unmap(old + ns, os - ns); return old; }
  const prot = mm.pages[old / PAGE]! & 7;
  if (mm.isFree(old + os, ns - os)) { mm.map(old + os, ns - os, prot); return old; }
  if (!(flags & 1)) return -E.NOMEM; // MREMAP_MAYMOVE
  const at = mm.findFree(ns);
  if (at < 0) return -E.NOMEM;
  const data = mm.u8.slice(RAM_BASE + old, RAM_BASE + old + os);
  mm.map(at, ns, prot);
  mm.u8.set(data, RAM_BASE + at);
  mm.unmap(old, os);
  return at;
}

// ---------------------------------------------------------------- processes

function doFork(k: Kernel, newSp: number, flags: number, ptid: number, ctid: number, tls: number): number {
  const parent = k.proc;
  void parent;
  const setTls = (flags & CLONE.SETTLS) !== 0;
  const pid = k.fork(newSp, { set: setTls, hi: Math.floor(tls / TWO32) >>> 0, lo: tls >>> 0 }, (childPid) => {
    if ((flags & CLONE.CHILD_SETTID) && k.mm.ok(ctid, 4, true)) k.mm.s32(ctid, childPid);
  });
  if (pid > 0 && (flags & CLONE.PARENT_SETTID) && k.mm.ok(ptid, 4, true)) k.mm.s32(ptid, pid);
  return pid;
}

function readStrings(k: Kernel, addr: number): string[] | number {
  const out: string[] = [];
  if (addr === 0) return out;
  let total = 0;
  for (let j = 0; j < MAX_ARGS; j++) {
    if (!k.mm.ok(addr + 8 * j, 8, false)) return -E.FAULT;
    const p = k.mm.g64(addr + 8 * j);
    if (p === 0) return out;
    const s = k.mm.cstr(p, 128 << 10);
    if (s === null) return -E.FAULT;
    total += s.length + 1;
    if (total > 1 << 20) return -E.TOOBIG;
    out.push(s);
  }
  return -E.TOOBIG;
}

function doExecve(k: Kernel, dirfd: number, addr: number, argvp: number, envpp: number): SyscallResult {
  const path = atPath(k, dirfd, addr);
  if (typeof path === 'number') return path;
  const argv = readStrings(k, argvp);
  if (typeof argv === 'number') return argv;
  const envp = readStrings(k, envpp);
  if (typeof envp === 'number') return envp;
  const st = k.host.stat(path, true);
  if (typeof st === 'number') return st;
  if ((st.mode & S_IFMT) !== S_IFREG) return -E.ACCES;
  if (!(st.mode & 0o111)) return -E.ACCES;
  const r = k.exec(path, argv, envp);
  return r < 0 ? r : NO_RETURN;
}

function doWait(k: Kernel, pid: number, statusAddr: number, options: number): number {
  const p = k.proc;
  void options;
  const idx = p.children.findIndex((z) => pid === -1 || pid === z.pid || pid === 0 || (pid < -1));
  if (idx < 0) return -E.CHILD;
  const z = p.children[idx]!;
  if (statusAddr) {
    if (!k.mm.ok(statusAddr, 4, true)) return -E.FAULT;
    k.mm.s32(statusAddr, z.status);
  }
  p.children.splice(idx, 1);
  return z.pid;
}

function doPoll(k: Kernel, fds: number, n: number): number {
  if (n > 1024) return -E.INVAL;
  if (!k.mm.ok(fds, n * 8, true)) return -E.FAULT;
  let ready = 0;
  for (let j = 0; j < n; j++) {
    const a = fds + 8 * j;
    const fd = k.mm.g32(a) | 0;
    const ev = k.mm.dv.getUint16(RAM_BASE + a + 4);
    let rev = 0;
    if (fd >= 0) {
      const f = k.proc.fds.get(fd);
      if (!f) rev = 0x20; // POLLNVAL
      else {
        rev = ev & 0x5; // POLLIN | POLLOUT: nothing ever blocks here
        if (f.pipe && !f.writeEnd && f.pipe.writers === 0 && f.pipe.size === 0) rev |= 0x10; // POLLHUP
      }
    }
    k.mm.dv.setUint16(RAM_BASE + a + 6, rev);
    if (rev) ready++;
  }
  return ready;
}

function doSelect(k: Kernel, n: number, r: number, w: number, e: number): number {
  if (n < 0 || n > 1024) return -E.INVAL;
  const bytes = Math.ceil(n / 64) * 8;
  let count = 0;
  for (const set of [r, w]) {
    if (!set) continue;
    if (!k.mm.ok(set, bytes, true)) return -E.FAULT;
    for (let fd = 0; fd < n; fd++) {
      const byte = set + (fd >> 6) * 8 + 7 - ((fd & 63) >> 3);
      if (k.mm.u8[RAM_BASE + byte]! & (1 << (fd & 7))) count++;
    }
  }
  if (e) { if (!k.mm.ok(e, bytes, true)) return -E.FAULT; k.mm.u8.fill(0, RAM_BASE + e, RAM_BASE + e + bytes); }
  return count;
}

function doSendfile(k: Kernel, out: number, inp: number, offp: number, count: number): number {
  const fi = k.proc.fds.get(inp), fo = k.proc.fds.get(out);
  if (!fi || !fo) return -E.BADF;
  if (fi.kind !== 'host' || !fi.seekable) return -E.INVAL;
  let pos = fi.pos;
  if (offp) { if (!k.mm.ok(offp, 8, true)) return -E.FAULT; pos = k.mm.g64(offp); }
  const buf = new Uint8Array(Math.min(count, 1 << 20));
  const n = k.host.read(fi.h, buf, pos);
  if (n <= 0) return n;
  const w = writeFile(k, fo, buf.subarray(0, n), -1);
  if (w < 0) return w;
  if (offp) k.mm.s64(offp, pos + w); else fi.pos = pos + w;
  return w;
}
