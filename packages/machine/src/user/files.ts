// Open file descriptions, pipes and per-process descriptor tables. An OpenFile is shared
// by dup'ed descriptors and by fork, as in Linux, so offsets and pipe ends are shared
// and a pipe sees EOF only when the last write end anywhere is closed.

import type { HostDirent, UserHost } from './host.ts';

/**
 * Bytes a pipe buffers before its writer gets SIGPIPE/EPIPE. The reader of a pipe can only
 * run after the writer has exited (kernel.ts), so an endless writer (`yes | head`) must be
 * stopped somewhere; 16 MiB keeps real pipelines working and bounds the memory and time.
 */
export const PIPE_LIMIT = 16 << 20;

export class Pipe {
  chunks: Uint8Array[] = [];
  size = 0;
  readers = 0;
  writers = 0;

  read(dst: Uint8Array): number {
    let n = 0;
    while (n < dst.length && this.chunks.length) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length, dst.length - n);
      dst.set(c.subarray(0, take), n);
      n += take;
      if (take === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(take);
    }
    this.size -= n;
    return n;
  }
}

export type FileKind = 'host' | 'pipe' | 'dir';

export class OpenFile {
  refs = 1;
  pos = 0;
  dirents: HostDirent[] | null = null;
  dirIndex = 0;

  constructor(
    readonly kind: FileKind,
    readonly path: string,
    public flags: number,
    /** Host handle (host files and directories), -1 otherwise. */
    readonly h: number,
    /** Regular files and block devices: explicit offsets; streams use the host's. */
    readonly seekable: boolean,
    readonly pipe: Pipe | null = null,
    readonly writeEnd = false,
    /** Inherited host stdio: never closed on the host. */
    readonly borrowed = false,
  ) {
    if (pipe) { if (writeEnd) pipe.writers++; else pipe.readers++; }
  }

  release(host: UserHost): void {
    if (--this.refs > 0) return;
    if (this.pipe) { if (this.writeEnd) this.pipe.writers--; else this.pipe.readers--; }
    if (this.h >= 0 && !this.borrowed) host.close(this.h);
  }
}

export interface Fd { file: OpenFile; cloexec: boolean }

export const MAX_FDS = 1024;

export class FdTable {
  fds: (Fd | null)[] = [];

  get(fd: number): OpenFile | null {
    return fd >= 0 && fd < this.fds.length ? this.fds[fd]?.file ?? null : null;
  }

  /** Lowest free descriptor >= min, or -1. */
  alloc(file: OpenFile, cloexec: boolean, min = 0): number {
    for (let k = min; k < MAX_FDS; k++) {
      if (!this.fds[k]) {
        while (this.fds.length <= k) this.fds.push(null);
        this.fds[k] = { file, cloexec };
        return k;
      }
    }
    return -1;
  }

  /** Install at exactly `fd`, closing what was there. */
  put(fd: number, file: OpenFile, cloexec: boolean, host: UserHost): void {
    while (this.fds.length <= fd) this.fds.push(null);
    const old = this.fds[fd];
    this.fds[fd] = { file, cloexec };
    if (old) old.file.release(host);
  }

  close(fd: number, host: UserHost): boolean {
    const e = fd >= 0 && fd < this.fds.length ? this.fds[fd] : null;
    if (!e) return false;
    this.fds[fd] = null;
    e.file.release(host);
    return true;
  }

  clone(): FdTable {
    const t = new FdTable();
    t.fds = this.fds.map((e) => {
      if (!e) return null;
      e.file.refs++;
      return { file: e.file, cloexec: e.cloexec };
    });
    return t;
  }

  closeAll(host: UserHost): void {
    for (let k = 0; k < this.fds.length; k++) this.close(k, host);
  }

  closeOnExec(host: UserHost): void {
    for (let k = 0; k < this.fds.length; k++) if (this.fds[k]?.cloexec) this.close(k, host);
  }
}
