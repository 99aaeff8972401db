// Where disk chunks live: IndexedDB through idb-keyval. One database per store, one
// object store in it; chunk n is key n (a number), metadata sits under string keys.

import {
  clear, get, getMany, keys, promisifyRequest, set, setMany, type UseStore,
} from 'idb-keyval';

export interface ChunkStore {
  /** Indices of the chunks present. */
  chunkIndices(): Promise<number[]>;
  getChunks(indices: number[]): Promise<(Uint8Array | undefined)[]>;
  /** Resolves once the transaction is complete (all chunks stored, or none). */
  putChunks(entries: [number, Uint8Array][]): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  putMeta(key: string, value: unknown): Promise<void>;
  clear(): Promise<void>;
  /**
   * A transaction with strict durability: Chromium syncs its log before completing it,
   * which makes every earlier (relaxed) write durable too.
   */
  sync(): Promise<void>;
}

/** A UseStore (idb-keyval's store handle) whose transactions ask for a given durability. */
function openStore(dbName: string, storeName: string): { relaxed: UseStore; strict: UseStore } {
  let dbp: Promise<IDBDatabase> | undefined;
  const db = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    if (typeof indexedDB === 'undefined') return Promise.reject(new StorageRefused('this browser context has no IndexedDB'));
    const req = indexedDB.open(dbName);
    req.onupgradeneeded = () => req.result.createObjectStore(storeName);
    const p = promisifyRequest(req).then((d) => {
      d.onclose = () => { dbp = undefined; };
      return d;
    }, (e: unknown) => {
      dbp = undefined;
      throw new StorageRefused(`the browser refused IndexedDB (${describe(e)}); private windows often do`);
    });
    dbp = p;
    return p;
  };
  const use = (durability: 'relaxed' | 'strict'): UseStore =>
    (mode, cb) => db().then((d) => cb(d.transaction(storeName, mode, { durability }).objectStore(storeName)));
  return { relaxed: use('relaxed'), strict: use('strict') };
}

/** IndexedDB is missing or refused (private browsing, disabled storage). */
export class StorageRefused extends Error {}

export function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return 'the browser\'s storage quota is exhausted';
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export class IdbChunkStore implements ChunkStore {
  private readonly s: { relaxed: UseStore; strict: UseStore };
  constructor(readonly dbName: string) {
    this.s = openStore(dbName, 'chunks');
  }
  async chunkIndices(): Promise<number[]> {
    return (await keys(this.s.relaxed)).filter((k): k is number => typeof k === 'number');
  }
  getChunks(indices: number[]): Promise<(Uint8Array | undefined)[]> {
    return getMany<Uint8Array>(indices, this.s.relaxed);
  }
  putChunks(entries: [number, Uint8Array][]): Promise<void> {
    return setMany(entries, this.s.relaxed);
  }
  getMeta<T>(key: string): Promise<T | undefined> {
    return get<T>(key, this.s.relaxed);
  }
  putMeta(key: string, value: unknown): Promise<void> {
    return set(key, value, this.s.strict);
  }
  clear(): Promise<void> {
    return clear(this.s.strict);
  }
  sync(): Promise<void> {
    return set('synced', Date.now(), this.s.strict);
  }
}

/** Chunks in memory: the store of a disk whose changes need not survive the page. */
export class MemoryChunkStore implements ChunkStore {
  private readonly chunks = new Map<number, Uint8Array>();
  private readonly meta = new Map<string, unknown>();
  async chunkIndices(): Promise<number[]> { return [...this.chunks.keys()]; }
  async getChunks(indices: number[]): Promise<(Uint8Array | undefined)[]> {
    return indices.map((i) => this.chunks.get(i)?.slice());
  }
  async putChunks(entries: [number, Uint8Array][]): Promise<void> {
    for (const [i, c] of entries) this.chunks.set(i, c.slice());
  }
  async getMeta<T>(key: string): Promise<T | undefined> { return this.meta.get(key) as T | undefined; }
  async putMeta(key: string, value: unknown): Promise<void> { this.meta.set(key, structuredClone(value)); }
  async clear(): Promise<void> { this.chunks.clear(); this.meta.clear(); }
  async sync(): Promise<void> {}
}
