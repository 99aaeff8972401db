// What user mode needs from the host: files, directories, clocks, randomness. The
// package stays free of node imports; apps/cli provides the Node implementation.
// Paths reaching the host are always absolute (the kernel resolves them against the
// guest's cwd). Errors come back as negative Linux errno values, never as exceptions.

export interface HostStat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number;
  rdev: number; size: number; blksize: number; blocks: number;
  atimeSec: number; atimeNsec: number; mtimeSec: number; mtimeNsec: number;
  ctimeSec: number; ctimeNsec: number;
}

export interface HostDirent { name: string; ino: number; type: number }

export interface UserHost {
  /** Open with Linux flags; a host handle >= 0 or -errno. */
  open(path: string, flags: number, mode: number): number;
  close(h: number): void;
  /** pos < 0: at the handle's own position (streams, ttys, inherited stdio). */
  read(h: number, buf: Uint8Array, pos: number): number;
  write(h: number, buf: Uint8Array, pos: number): number;
  fstat(h: number): HostStat | number;
  stat(path: string, follow: boolean): HostStat | number;
  readdir(path: string): HostDirent[] | number;
  readlink(path: string): string | number;
  realpath(path: string): string | number;
  readFile(path: string): Uint8Array | number;
  access(path: string, mode: number): number;
  unlink(path: string): number;
  rmdir(path: string): number;
  mkdir(path: string, mode: number): number;
  rename(from: string, to: string): number;
  symlink(target: string, path: string): number;
  link(from: string, to: string): number;
  chmod(path: string, mode: number): number;
  truncate(h: number, len: number): number;
  /** Times as [sec, nsec], null = now; nsec UTIME_OMIT leaves that time. */
  utimens(path: string, atime: [number, number] | null, mtime: [number, number] | null): number;
  fsync(h: number): number;
  isatty(h: number): boolean;
  winsize(h: number): { rows: number; cols: number } | null;
  /** Wall-clock time as [sec, nsec]. */
  realtime(): [number, number];
  /** Monotonic time as [sec, nsec]. */
  monotonic(): [number, number];
  /** Process CPU time as [sec, nsec]. */
  cputime(): [number, number];
  random(buf: Uint8Array): void;
  sleep(ms: number): void;
  /** Host handles of the initial stdin, stdout, stderr. */
  stdio: [number, number, number];
  /** Diagnostics (traces, uncaught-signal messages): goes to the host's stderr. */
  log(line: string): void;
  hostname: string;
  /** Soft and hard limit of an RLIMIT_* resource (Infinity = unlimited), if known. */
  rlimit?(resource: number): [number, number] | null;
}
