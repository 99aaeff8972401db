import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDrive } from './drive.ts';

function disk(bytes: number): string {
  const p = join(mkdtempSync(join(tmpdir(), 'ztab-drive-')), 'd.img');
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = i & 0xff;
  writeFileSync(p, b);
  return p;
}

describe('file-backed drives', () => {
  it('reads the file and writes reach it', async () => {
    const p = disk(8192 + 100);
    const d = await openDrive({ path: p, size: 8192 + 100, readonly: false, snapshot: false });
    expect(d.backend.size).toBe(8192); // the partial sector is not addressable
    const buf = new Uint8Array(1024);
    await d.backend.read(512, buf);
    expect(buf[0]).toBe(0);
    expect(buf[1]).toBe(1);
    await d.backend.write(1024, new Uint8Array(512).fill(0xee));
    await d.backend.flush();
    await d.file.close();
    const f = readFileSync(p);
    expect(f[1024]).toBe(0xee);
    expect(f[1535]).toBe(0xee);
    expect(f[1536]).toBe(1536 & 0xff);
  });

  it('-snapshot keeps writes in memory and leaves the file as it was', async () => {
    const p = disk(4096);
    const before = readFileSync(p);
    const d = await openDrive({ path: p, size: 4096, readonly: false, snapshot: true });
    await d.backend.write(512, new Uint8Array(1024).fill(0xab));
    const buf = new Uint8Array(2048);
    await d.backend.read(0, buf);
    expect(buf[511]).toBe(511 & 0xff);
    expect(buf[512]).toBe(0xab);
    expect(buf[1535]).toBe(0xab);
    expect(buf[1536]).toBe(1536 & 0xff);
    await d.backend.flush();
    await d.file.close();
    expect(readFileSync(p).equals(before)).toBe(true);
  });

  it('readonly=on refuses writes', async () => {
    const p = disk(4096);
    const d = await openDrive({ path: p, size: 4096, readonly: true, snapshot: false });
    expect(d.backend.readOnly).toBe(true);
    await expect(d.backend.write(0, new Uint8Array(512))).rejects.toThrow();
    await d.file.close();
  });
});
