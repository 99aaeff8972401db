import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadGuest, parseManifest, percent, type Progress } from './download.ts';

const kernel = new Uint8Array(300_000).map((_, i) => i & 0xff);
const initrd = new Uint8Array(70_001).fill(7);
// Text-like bytes that gzip shrinks a few times, as it does a cpio archive.
let seed = 1;
const archive = new Uint8Array(200_000).map(() => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return 97 + ((seed >>> 16) % 8); });
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/g/encoded.gz') {
      // As Vite's preview serves .gz files: the browser (and Node's fetch) decode them.
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(archive));
      return;
    }
    const body = req.url === '/g/vmlinuz' ? kernel : req.url === '/g/initrd' ? initrd : req.url === '/g/short' ? kernel.subarray(0, 10) : null;
    if (!body) { res.writeHead(404); res.end(); return; }
    res.writeHead(200);
    // In pieces, as a network delivers them.
    for (let i = 0; i < body.length; i += 16384) res.write(body.subarray(i, i + 16384));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/g/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const manifest = (files: object) => parseManifest({ kernelRelease: '6.1.0-50-s390x', cmdline: 'console=ttysclp0', packages: [], files })!;

describe('guest download', () => {
  it('fetches kernel and initrd with progress that ends at 100%', async () => {
    const seen: Progress[] = [];
    const m = manifest({ kernel: { path: 'vmlinuz', size: kernel.length, sha256: '' }, initrd: { path: 'initrd', size: initrd.length, sha256: '' } });
    const got = await downloadGuest(base, m, (p) => seen.push(p));
    expect(got.kernel).toEqual(kernel);
    expect(got.initrd).toEqual(initrd);
    expect(seen[0]).toEqual({ loaded: 0, total: kernel.length + initrd.length });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.map(percent).at(-1)).toBe(100);
    expect(seen.slice(0, -1).every((p) => percent(p) < 100)).toBe(true);
  });

  it('accepts a .gz file the server sent with Content-Encoding (decoded by fetch), progress still ending at 100%', async () => {
    const seen: Progress[] = [];
    const listed = gzipSync(archive).length;
    const got = await downloadGuest(base, manifest({ kernel: { path: 'encoded.gz', size: listed, sha256: '' } }), (p) => seen.push(p));
    expect(got.kernel).toEqual(archive);
    expect(seen.at(-1)).toEqual({ loaded: listed, total: listed });
  });

  it('refuses truncated files and HTTP errors', async () => {
    await expect(downloadGuest(base, manifest({ kernel: { path: 'short', size: 100, sha256: '' } }), () => {})).rejects.toThrow(/expected 100 bytes, got 10/);
    await expect(downloadGuest(base, manifest({ kernel: { path: 'none', size: 100, sha256: '' } }), () => {})).rejects.toThrow(/HTTP 404/);
  });

  it('reads only manifests it can boot from', () => {
    expect(parseManifest({ kernelRelease: 'x', cmdline: '', packages: [], files: {} })).toBeUndefined();
    expect(parseManifest(null)).toBeUndefined();
    expect(percent({ loaded: 5, total: 10 })).toBe(50);
    expect(percent({ loaded: 9999, total: 10000 })).toBe(99);
  });
});
