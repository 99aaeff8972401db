// A virtio-blk backend for the browser: a read-only base image fetched over HTTP in
// chunks (Range requests) and cached, under a copy-on-write overlay that holds every
// chunk the guest wrote. Both sit in IndexedDB, so the disk survives reloads; flush()
// resolves only once the overlay is durably committed. Any failure rejects the request,
// which virtio-blk reports to the guest as VIRTIO_BLK_S_IOERR.

import type { BlockBackend } from '@ztab/machine';
import { describe, type ChunkStore } from './chunk-store.ts';

/** Chunk size of the base cache and of the overlay: big enough to keep IndexedDB's per-record cost small. */
export const CHUNK = 64 * 1024;
const SECTOR = 512;
/** Base chunks kept in memory besides IndexedDB (16 MiB). */
const BASE_CACHE_CHUNKS = 256;
/** Overlay chunks kept in memory (16 MiB); the rest are read back from IndexedDB. */
const OVERLAY_CACHE_CHUNKS = 256;
/** Imported images above this are refused: the whole file passes through memory chunk by chunk, but the guest's disk size is a number the page should not be surprised by. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024;

/** The read-only bytes under the overlay. */
export interface BaseImage {
  readonly size: number;
  /** Chunk `index` (CHUNK bytes, shorter at the end of the image). */
  chunk(index: number): Promise<Uint8Array>;
}

/** An image of zeros: the base of an imported disk, which lives wholly in its overlay. */
export class ZeroImage implements BaseImage {
  constructor(readonly size: number) {}
  async chunk(index: number): Promise<Uint8Array> {
    return new Uint8Array(chunkLength(this.size, index));
  }
}

export function chunkLength(size: number, index: number): number {
  return Math.max(0, Math.min(CHUNK, size - index * CHUNK));
}

/**
 * A base image at a URL, read with Range requests and cached chunk by chunk in `cache`
 * (may be null: no persistent cache). A server that ignores Range answers 200 with the
 * whole file; that works too, at the cost of one full download.
 */
export class HttpImage implements BaseImage {
  private readonly mem = new Map<number, Uint8Array>();
  private readonly inflight = new Map<number, Promise<Uint8Array>>();
  /** Why the persistent cache was given up, if it was (reads go on over HTTP). */
  cacheError: string | null = null;
  constructor(readonly url: string, readonly size: number, private cache: ChunkStore | null, private readonly fetchFn: typeof fetch = (u, i) => fetch(u, i)) {}

  chunk(index: number): Promise<Uint8Array> {
    const hit = this.mem.get(index);
    if (hit) {
      this.mem.delete(index);
      this.mem.set(index, hit);
      return Promise.resolve(hit);
    }
    let p = this.inflight.get(index);
    if (!p) {
      p = this.load(index).finally(() => this.inflight.delete(index));
      this.inflight.set(index, p);
    }
    return p;
  }

  private remember(index: number, c: Uint8Array): void {
    this.mem.set(index, c);
    if (this.mem.size > BASE_CACHE_CHUNKS) this.mem.delete(this.mem.keys().next().value!);
  }

  private async load(index: number): Promise<Uint8Array> {
    const len = chunkLength(this.size, index);
    if (len === 0) throw new RangeError(`chunk ${index} is past the end of the image`);
    if (this.cache) {
      try {
        const [c] = await this.cache.getChunks([index]);
        if (c && c.length === len) {
          this.remember(index, c);
          return c;
        }
      } catch (e) {
        this.dropCache(e);
      }
    }
    const start = index * CHUNK;
    const res = await this.fetchFn(this.url, { headers: { Range: `bytes=${start}-${start + len - 1}` } });
    if (res.status === 206) {
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.length !== len) throw new Error(`${this.url}: asked for ${len} bytes at ${start}, got ${body.length}`);
      await this.store([[index, body]]);
      return body;
    }
    if (res.status === 200) {
      // No Range support: the whole image arrived; keep all of it.
      const all = new Uint8Array(await res.arrayBuffer());
      if (all.length !== this.size) throw new Error(`${this.url}: expected ${this.size} bytes, the server sent ${all.length}`);
      const entries: [number, Uint8Array][] = [];
      for (let i = 0; i * CHUNK < this.size; i++) entries.push([i, all.slice(i * CHUNK, i * CHUNK + chunkLength(this.size, i))]);
      await this.store(entries);
      return entries[index]![1];
    }
    throw new Error(`${this.url}: HTTP ${res.status} for bytes ${start}-${start + len - 1}`);
  }

  private async store(entries: [number, Uint8Array][]): Promise<void> {
    for (const [i, c] of entries) this.remember(i, c);
    if (!this.cache) return;
    try {
      await this.cache.putChunks(entries);
    } catch (e) {
      this.dropCache(e);
    }
  }

  /** A failing cache only costs downloads: the base is always available over HTTP. */
  private dropCache(e: unknown): void {
    this.cacheError = describe(e);
    this.cache = null;
  }
}

interface OverlayMeta {
  /** Identifies the base the overlay was written over ('import': no base, all in the overlay). */
  base: string;
  size: number;
}

export interface CowDiskOptions {
  /** Identity of the base image (e.g. its sha256): an overlay written over another base is stale. */
  baseId: string;
  base: BaseImage;
  overlay: ChunkStore;
  serial?: string;
  /** Told once per failure that the guest will see as an I/O error. */
  onError?: (message: string) => void;
}

export class CowDisk implements BlockBackend {
  size: number;
  readonly serial?: string;
  /** Why an overlay found at open time was dropped (a different base image), if it was. */
  droppedStaleOverlay = false;
  private base: BaseImage;
  private baseId: string;
  private readonly overlay: ChunkStore;
  private readonly present = new Set<number>();
  private readonly mem = new Map<number, Uint8Array>();
  /** Writes, flushes and overlay changes run one after another (read-modify-write of chunks). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onError: (message: string) => void;

  private constructor(o: CowDiskOptions) {
    this.base = o.base;
    this.baseId = o.baseId;
    this.size = o.base.size - (o.base.size % SECTOR);
    this.overlay = o.overlay;
    if (o.serial !== undefined) this.serial = o.serial;
    this.onError = o.onError ?? (() => {});
  }

  /** Opens the overlay (rejects when IndexedDB is refused) and lists its chunks. */
  static async open(o: CowDiskOptions): Promise<CowDisk> {
    const d = new CowDisk(o);
    const meta = await o.overlay.getMeta<OverlayMeta>('meta');
    if (meta && meta.base === 'import') {
      d.base = new ZeroImage(meta.size);
      d.baseId = 'import';
      d.size = meta.size;
    } else if (meta && (meta.base !== o.baseId || meta.size !== d.size)) {
      await o.overlay.clear();
      d.droppedStaleOverlay = true;
    }
    for (const i of await o.overlay.chunkIndices()) d.present.add(i);
    if (!meta || d.droppedStaleOverlay) {
      // A store that takes no writes still gives a disk that reads its base; the guest's
      // writes then fail one by one (I/O errors) instead of the disk going missing.
      await o.overlay.putMeta('meta', { base: o.baseId, size: d.size } satisfies OverlayMeta).catch(() => undefined);
    }
    return d;
  }

  /** Chunks the guest (or an import) has written. */
  get overlayChunks(): number { return this.present.size; }
  get imported(): boolean { return this.baseId === 'import'; }

  private fail(what: string, e: unknown): never {
    const msg = `disk ${what} failed: ${describe(e)}`;
    this.onError(msg);
    throw new Error(msg);
  }

  private serial_<T>(op: () => Promise<T>): Promise<T> {
    const p = this.queue.then(op, op);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private check(offset: number, len: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset % SECTOR !== 0 || len % SECTOR !== 0 || offset + len > this.size) {
      throw new RangeError(`block request ${offset}+${len} outside a ${this.size}-byte disk`);
    }
  }

  /** The current contents of chunk i (shared with the caches: copy before changing). */
  private async current(i: number): Promise<Uint8Array> {
    if (!this.present.has(i)) return this.base.chunk(i);
    const hit = this.mem.get(i);
    if (hit) return hit;
    const [c] = await this.overlay.getChunks([i]);
    if (!c) throw new Error(`overlay chunk ${i} is missing from IndexedDB`);
    this.keep(i, c);
    return c;
  }

  private keep(i: number, c: Uint8Array): void {
    this.mem.delete(i);
    this.mem.set(i, c);
    if (this.mem.size > OVERLAY_CACHE_CHUNKS) this.mem.delete(this.mem.keys().next().value!);
  }

  async read(offset: number, dst: Uint8Array): Promise<void> {
    this.check(offset, dst.length);
    // Reads wait for earlier writes, so that the guest reads what it wrote.
    await this.queue;
    try {
      const first = Math.floor(offset / CHUNK);
      const last = Math.floor((offset + dst.length - 1) / CHUNK);
      const parts = await Promise.all(Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => this.current(first + k)));
      for (let k = 0; k < parts.length; k++) {
        const c0 = (first + k) * CHUNK;
        const from = Math.max(offset, c0);
        const to = Math.min(offset + dst.length, c0 + CHUNK);
        dst.set(parts[k]!.subarray(from - c0, to - c0), from - offset);
      }
    } catch (e) {
      this.fail('read', e);
    }
  }

  write(offset: number, src: Uint8Array): Promise<void> {
    this.check(offset, src.length);
    const data = src.slice();
    return this.serial_(async () => {
      try {
        const first = Math.floor(offset / CHUNK);
        const last = Math.floor((offset + data.length - 1) / CHUNK);
        const entries: [number, Uint8Array][] = [];
        for (let i = first; i <= last; i++) {
          const c0 = i * CHUNK;
          const from = Math.max(offset, c0);
          const to = Math.min(offset + data.length, c0 + CHUNK);
          const whole = from === c0 && to === c0 + chunkLength(this.size, i);
          const c = whole ? new Uint8Array(to - from) : (await this.current(i)).slice();
          c.set(data.subarray(from - offset, to - offset), from - c0);
          entries.push([i, c]);
        }
        // One transaction: a multi-chunk write lands whole or not at all.
        await this.overlay.putChunks(entries);
        for (const [i, c] of entries) {
          this.present.add(i);
          this.keep(i, c);
        }
      } catch (e) {
        this.fail('write', e);
      }
    });
  }

  flush(): Promise<void> {
    return this.serial_(async () => {
      try {
        await this.overlay.sync();
      } catch (e) {
        this.fail('flush', e);
      }
    });
  }

  /** Drops the overlay: the disk is the base image again (an imported disk goes back to the original base). */
  reset(original: { baseId: string; base: BaseImage }): Promise<void> {
    return this.serial_(async () => {
      await this.overlay.clear();
      this.present.clear();
      this.mem.clear();
      this.base = original.base;
      this.baseId = original.baseId;
      this.size = original.base.size - (original.base.size % SECTOR);
      await this.overlay.putMeta('meta', { base: this.baseId, size: this.size } satisfies OverlayMeta);
    });
  }

  /** The whole disk as it reads now, as a Blob of chunks. */
  export(): Promise<Blob> {
    return this.serial_(async () => {
      const parts: Uint8Array[] = [];
      for (let i = 0; i * CHUNK < this.size; i++) parts.push((await this.current(i)).slice(0, chunkLength(this.size, i)));
      return new Blob(parts as BlobPart[], { type: 'application/octet-stream' });
    });
  }

  /** Replaces the disk with an image: all of it goes into the overlay, on a base of zeros. */
  import(image: Blob): Promise<void> {
    if (image.size === 0 || image.size % SECTOR !== 0) {
      return Promise.reject(new Error(`a disk image must be a non-empty multiple of 512 bytes; this one has ${image.size}`));
    }
    if (image.size > MAX_IMPORT_BYTES) return Promise.reject(new Error(`disk images above ${MAX_IMPORT_BYTES} bytes are not supported`));
    return this.serial_(async () => {
      await this.overlay.clear();
      this.present.clear();
      this.mem.clear();
      this.base = new ZeroImage(image.size);
      this.baseId = 'import';
      this.size = image.size;
      const batch = 16;
      for (let i = 0; i * CHUNK < image.size; i += batch) {
        const entries: [number, Uint8Array][] = [];
        for (let k = i; k < i + batch && k * CHUNK < image.size; k++) {
          const c = new Uint8Array(await image.slice(k * CHUNK, k * CHUNK + chunkLength(image.size, k)).arrayBuffer());
          // Zero chunks read as zeros from the base anyway.
          if (c.some((b) => b !== 0)) entries.push([k, c]);
        }
        if (entries.length) await this.overlay.putChunks(entries);
        for (const [k] of entries) this.present.add(k);
      }
      await this.overlay.putMeta('meta', { base: 'import', size: image.size } satisfies OverlayMeta);
    });
  }
}
