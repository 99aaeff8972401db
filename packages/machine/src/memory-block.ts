// Host-neutral block backends: a disk held in memory, and a copy-on-write overlay that
// keeps a guest's writes in memory over a read-only base (QEMU's -snapshot).

import type { BlockBackend } from '@ztab/devices';

const SECTOR = 512;

function checkRange(size: number, offset: number, len: number): void {
  if (offset < 0 || offset % SECTOR !== 0 || len % SECTOR !== 0 || offset + len > size) {
    throw new RangeError(`block request ${offset}+${len} outside a ${size}-byte disk`);
  }
}

export class MemoryBlock implements BlockBackend {
  readonly size: number;
  constructor(readonly bytes: Uint8Array, readonly readOnly = false) {
    this.size = bytes.length - (bytes.length % SECTOR);
  }
  async read(offset: number, dst: Uint8Array): Promise<void> {
    checkRange(this.size, offset, dst.length);
    dst.set(this.bytes.subarray(offset, offset + dst.length));
  }
  async write(offset: number, src: Uint8Array): Promise<void> {
    if (this.readOnly) throw new Error('read-only disk');
    checkRange(this.size, offset, src.length);
    this.bytes.set(src, offset);
  }
  async flush(): Promise<void> {}
}

/** Writes land in memory, sector by sector; reads see them over the base disk. */
export class OverlayBlock implements BlockBackend {
  readonly size: number;
  readonly readOnly: boolean;
  private readonly sectors = new Map<number, Uint8Array>();
  constructor(private readonly base: BlockBackend, readOnly = false) {
    this.size = base.size;
    this.readOnly = readOnly;
  }
  /** Sectors written so far (kept in memory). */
  get dirtySectors(): number { return this.sectors.size; }
  async read(offset: number, dst: Uint8Array): Promise<void> {
    checkRange(this.size, offset, dst.length);
    await this.base.read(offset, dst);
    if (this.sectors.size === 0) return;
    for (let o = 0; o < dst.length; o += SECTOR) {
      const s = this.sectors.get((offset + o) / SECTOR);
      if (s) dst.set(s, o);
    }
  }
  async write(offset: number, src: Uint8Array): Promise<void> {
    if (this.readOnly) throw new Error('read-only disk');
    checkRange(this.size, offset, src.length);
    for (let o = 0; o < src.length; o += SECTOR) this.sectors.set((offset + o) / SECTOR, src.slice(o, o + SECTOR));
  }
  async flush(): Promise<void> {}
}
