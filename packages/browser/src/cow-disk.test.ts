import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChunkStore } from './chunk-store.ts';
import { CHUNK, CowDisk, HttpImage } from './cow-disk.ts';

// A real HTTP server with Range support (and, on /norange, without) serving a base image.
const SIZE = 3 * CHUNK + 4096;
const image = new Uint8Array(SIZE).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.range ?? ''}`);
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (req.url === '/disk.img' && m) {
      const a = Number(m[1]);
      const b = Math.min(Number(m[2]), SIZE - 1);
      res.writeHead(206, { 'content-range': `bytes ${a}-${b}/${SIZE}` });
      res.end(image.subarray(a, b + 1));
    } else if (req.url === '/disk.img' || req.url === '/norange.img') {
      res.writeHead(200);
      res.end(image);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function open(overlay = new MemoryChunkStore(), path = '/disk.img', cache = new MemoryChunkStore()) {
  return CowDisk.open({ baseId: 'b1', base: new HttpImage(base + path, SIZE, cache), overlay });
}

describe('CowDisk over an HTTP base', () => {
  it('reads the base across chunk boundaries with Range requests, once per chunk', async () => {
    requests.length = 0;
    const d = await open();
    const dst = new Uint8Array(CHUNK + 1024);
    await d.read(CHUNK - 512, dst);
    expect(dst).toEqual(image.subarray(CHUNK - 512, 2 * CHUNK + 512));
    await d.read(CHUNK, new Uint8Array(512));
    expect(requests).toEqual([0, 1, 2].map((i) => `/disk.img bytes=${i * CHUNK}-${(i + 1) * CHUNK - 1}`));
    const tail = new Uint8Array(4096);
    await d.read(3 * CHUNK, tail);
    expect(tail).toEqual(image.subarray(3 * CHUNK));
  });

  it('takes a whole-file answer from a server without Range support', async () => {
    const d = await open(new MemoryChunkStore(), '/norange.img');
    const dst = new Uint8Array(1024);
    await d.read(2 * CHUNK + 512, dst);
    expect(dst).toEqual(image.subarray(2 * CHUNK + 512, 2 * CHUNK + 1536));
  });

  it('keeps writes in the overlay, sees them after reopening, and drops them on reset', async () => {
    const overlay = new MemoryChunkStore();
    const d = await open(overlay);
    const w = new Uint8Array(1536).fill(0xab);
    await d.write(CHUNK - 1024, w);
    await d.flush();
    expect(d.overlayChunks).toBe(2);
    const again = await open(overlay);
    const dst = new Uint8Array(4096);
    await again.read(CHUNK - 2048, dst);
    expect(dst.subarray(0, 1024)).toEqual(image.subarray(CHUNK - 2048, CHUNK - 1024));
    expect(dst.subarray(1024, 2560).every((b) => b === 0xab)).toBe(true);
    expect(dst.subarray(2560)).toEqual(image.subarray(CHUNK + 512, CHUNK + 2048));
    await again.reset({ baseId: 'b1', base: new HttpImage(base + '/disk.img', SIZE, null) });
    await again.read(CHUNK - 2048, dst);
    expect(dst).toEqual(image.subarray(CHUNK - 2048, CHUNK + 2048));
    expect((await open(overlay)).overlayChunks).toBe(0);
  });

  it('drops an overlay written over another base image', async () => {
    const overlay = new MemoryChunkStore();
    const d = await open(overlay);
    await d.write(0, new Uint8Array(512).fill(1));
    const other = await CowDisk.open({ baseId: 'b2', base: new HttpImage(base + '/disk.img', SIZE, null), overlay });
    expect(other.droppedStaleOverlay).toBe(true);
    expect(other.overlayChunks).toBe(0);
  });

  it('imports and exports raw images', async () => {
    const overlay = new MemoryChunkStore();
    const d = await open(overlay);
    const img = new Uint8Array(2 * CHUNK + 512);
    img.fill(0x5a, CHUNK, CHUNK + 100);
    await d.import(new Blob([img]));
    expect(d.size).toBe(img.length);
    expect(d.overlayChunks).toBe(1);
    const reopened = await open(overlay);
    expect(reopened.size).toBe(img.length);
    expect(new Uint8Array(await (await reopened.export()).arrayBuffer())).toEqual(img);
    await expect(d.import(new Blob([new Uint8Array(100)]))).rejects.toThrow(/multiple of 512/);
  });

  it('turns refused requests and storage failures into rejections (I/O errors), never hangs', async () => {
    const d = await open();
    await expect(d.read(SIZE, new Uint8Array(512))).rejects.toThrow(RangeError);
    await expect(d.read(1, new Uint8Array(512))).rejects.toThrow(RangeError);
    const errors: string[] = [];
    const broken = new MemoryChunkStore();
    broken.putChunks = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    const q = await CowDisk.open({ baseId: 'b1', base: new HttpImage(base + '/disk.img', SIZE, null), overlay: broken, onError: (m) => errors.push(m) });
    await expect(q.write(0, new Uint8Array(512))).rejects.toThrow(/quota/);
    expect(errors[0]).toMatch(/storage quota is exhausted/);
    // Storage refused outright (private windows): the base still reads, every write fails.
    const refused = new MemoryChunkStore();
    refused.putChunks = refused.putMeta = refused.sync = () => Promise.reject(new Error('IndexedDB refused'));
    const r = await CowDisk.open({ baseId: 'b1', base: new HttpImage(base + '/disk.img', SIZE, null), overlay: refused, onError: (m) => errors.push(m) });
    const got = new Uint8Array(1024);
    await r.read(0, got);
    expect(got).toEqual(image.subarray(0, 1024));
    await expect(r.write(0, new Uint8Array(512))).rejects.toThrow(/disk write failed: IndexedDB refused/);
    await expect(r.flush()).rejects.toThrow(/disk flush failed/);
    const missing = await CowDisk.open({ baseId: 'b1', base: new HttpImage(base + '/missing.img', SIZE, null), overlay: new MemoryChunkStore() });
    await expect(missing.read(0, new Uint8Array(512))).rejects.toThrow(/HTTP 404/);
  });
});
