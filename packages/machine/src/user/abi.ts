// Linux s390x user ABI numbers: syscalls (arch/s390/kernel/syscalls/syscall.tbl, 64-bit
// column), errno (asm-generic), signals, auxiliary-vector keys and s390 hwcaps. Checked
// against the cross toolchain's asm/unistd_64.h and signal.h.

export const NR = {
  exit: 1, fork: 2, read: 3, write: 4, open: 5, close: 6, creat: 8, link: 9, unlink: 10,
  execve: 11, chdir: 12, mknod: 14, chmod: 15, lseek: 19, getpid: 20, alarm: 27, pause: 29,
  utime: 30, access: 33, sync: 36, kill: 37, rename: 38, mkdir: 39, rmdir: 40, dup: 41,
  pipe: 42, times: 43, brk: 45, ioctl: 54, fcntl: 55, setpgid: 57, umask: 60, dup2: 63,
  getppid: 64, getpgrp: 65, setsid: 66, sigaction: 67, sigsuspend: 72, sethostname: 74,
  setrlimit: 75, getrusage: 77, gettimeofday: 78, symlink: 83, readlink: 85, mmap: 90,
  munmap: 91, truncate: 92, ftruncate: 93, fchmod: 94, getpriority: 96, setpriority: 97,
  statfs: 99, fstatfs: 100, setitimer: 104, getitimer: 105, stat: 106, lstat: 107,
  fstat: 108, wait4: 114, sysinfo: 116, fsync: 118, sigreturn: 119, clone: 120, uname: 122,
  mprotect: 125, sigprocmask: 126, getpgid: 132, fchdir: 133, personality: 136,
  getdents: 141, select: 142, flock: 143, msync: 144, readv: 145, writev: 146, getsid: 147,
  fdatasync: 148, sched_yield: 158, nanosleep: 162, mremap: 163, poll: 168, prctl: 172,
  rt_sigreturn: 173, rt_sigaction: 174, rt_sigprocmask: 175, rt_sigpending: 176,
  rt_sigtimedwait: 177, rt_sigsuspend: 179, pread64: 180, pwrite64: 181, getcwd: 183,
  sigaltstack: 186, sendfile: 187, vfork: 190, getrlimit: 191, lchown: 198, getuid: 199,
  getgid: 200, geteuid: 201, getegid: 202, setreuid: 203, setregid: 204, getgroups: 205,
  setgroups: 206, fchown: 207, setresuid: 208, getresuid: 209, setresgid: 210,
  getresgid: 211, chown: 212, setuid: 213, setgid: 214, mincore: 218, madvise: 219,
  getdents64: 220, fcntl64_unused: 221, readahead: 222, gettid: 236, tkill: 237, futex: 238,
  sched_setaffinity: 239, sched_getaffinity: 240, tgkill: 241, exit_group: 248,
  set_tid_address: 252, fadvise64: 253, clock_gettime: 260, clock_getres: 261,
  clock_nanosleep: 262, statfs64: 265, fstatfs64: 266, waitid: 281, openat: 288,
  mkdirat: 289, mknodat: 290, fchownat: 291, futimesat: 292, newfstatat: 293, unlinkat: 294,
  renameat: 295, linkat: 296, symlinkat: 297, readlinkat: 298, fchmodat: 299,
  faccessat: 300, pselect6: 301, ppoll: 302, set_robust_list: 304, get_robust_list: 305,
  getcpu: 311, utimes: 313, fallocate: 314, utimensat: 315, eventfd2: 323, pipe2: 325,
  dup3: 326, epoll_create1: 327, prlimit64: 334, renameat2: 347, getrandom: 349,
  memfd_create: 350, execveat: 354, membarrier: 356, socket: 359, copy_file_range: 375,
  statx: 379, rseq: 383, clone3: 435, close_range: 436, faccessat2: 439,
} as const;

/** Syscall names for the trace, by number. */
export const NR_NAME: Record<number, string> = Object.fromEntries(Object.entries(NR).map(([k, v]) => [v, k]));

export const E = {
  PERM: 1, NOENT: 2, SRCH: 3, INTR: 4, IO: 5, NXIO: 6, TOOBIG: 7, NOEXEC: 8, BADF: 9,
  CHILD: 10, AGAIN: 11, NOMEM: 12, ACCES: 13, FAULT: 14, BUSY: 16, EXIST: 17, XDEV: 18,
  NODEV: 19, NOTDIR: 20, ISDIR: 21, INVAL: 22, NFILE: 23, MFILE: 24, NOTTY: 25, FBIG: 27,
  NOSPC: 28, SPIPE: 29, ROFS: 30, MLINK: 31, PIPE: 32, RANGE: 34, NAMETOOLONG: 36,
  NOSYS: 38, NOTEMPTY: 39, LOOP: 40, NODATA: 61, OVERFLOW: 75, NOTSUP: 95,
} as const;

export const SIG = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10,
  SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18,
  STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26,
  PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31,
} as const;

/** strsignal() texts of glibc, which qemu prints for an uncaught signal. */
export const SIG_TEXT: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap',
  6: 'Aborted', 7: 'Bus error', 8: 'Floating point exception', 9: 'Killed',
  10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2',
  13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 24: 'CPU time limit exceeded',
  25: 'File size limit exceeded', 31: 'Bad system call',
};

/** si_code values for the synchronous signals. */
export const SI = {
  USER: 0, KERNEL: 0x80, TKILL: -6,
  ILL_ILLOPC: 1, ILL_ILLOPN: 2, ILL_ILLADR: 3, ILL_PRVOPC: 5,
  FPE_INTDIV: 1, FPE_INTOVF: 2, FPE_FLTDIV: 3, FPE_FLTOVF: 4, FPE_FLTUND: 5, FPE_FLTRES: 6,
  FPE_FLTINV: 7,
  SEGV_MAPERR: 1, SEGV_ACCERR: 2,
  CLD_EXITED: 1, CLD_KILLED: 2, CLD_DUMPED: 3,
} as const;

export const SA = {
  NOCLDSTOP: 1, NOCLDWAIT: 2, SIGINFO: 4, RESTORER: 0x04000000, ONSTACK: 0x08000000,
  RESTART: 0x10000000, NODEFER: 0x40000000, RESETHAND: 0x80000000,
} as const;

export const AT = {
  NULL: 0, IGNORE: 1, EXECFD: 2, PHDR: 3, PHENT: 4, PHNUM: 5, PAGESZ: 6, BASE: 7, FLAGS: 8,
  ENTRY: 9, NOTELF: 10, UID: 11, EUID: 12, GID: 13, EGID: 14, PLATFORM: 15, HWCAP: 16,
  CLKTCK: 17, SECURE: 23, BASE_PLATFORM: 24, RANDOM: 25, HWCAP2: 26, EXECFN: 31,
} as const;

/**
 * s390 hwcaps for what ztab implements (arch/s390/include/asm/elf.h): ESAN3, ZARCH,
 * STFLE, LDISP, EIMM, ETF3EH, HIGH_GPRS. No MSA, DFP, TE or vector: those facilities are
 * not installed, and glibc's ifunc resolvers must not pick code that needs them.
 */
export const HWCAP_S390 = 1 | 2 | 4 | 16 | 32 | 256 | 512;

export const O = {
  ACCMODE: 3, RDONLY: 0, WRONLY: 1, RDWR: 2, CREAT: 0o100, EXCL: 0o200, NOCTTY: 0o400,
  TRUNC: 0o1000, APPEND: 0o2000, NONBLOCK: 0o4000, DIRECTORY: 0o200000, NOFOLLOW: 0o400000,
  CLOEXEC: 0o2000000, PATH: 0o10000000,
} as const;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EMPTY_PATH = 0x1000;

export const PROT = { READ: 1, WRITE: 2, EXEC: 4 } as const;
export const MAP = { SHARED: 1, PRIVATE: 2, FIXED: 0x10, ANONYMOUS: 0x20, FIXED_NOREPLACE: 0x100000 } as const;

export const CLONE = {
  VM: 0x100, FS: 0x200, FILES: 0x400, SIGHAND: 0x800, PIDFD: 0x1000, VFORK: 0x4000,
  PARENT: 0x8000, THREAD: 0x10000, SETTLS: 0x80000, PARENT_SETTID: 0x100000,
  CHILD_CLEARTID: 0x200000, CHILD_SETTID: 0x1000000,
} as const;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
