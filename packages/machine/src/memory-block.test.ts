import { describe, expect, it } from 'vitest';
import { MemoryBlock, OverlayBlock } from './memory-block.ts';

describe('block backends', () => {
  it('MemoryBlock reads and writes whole sectors and refuses requests past the end', async () => {
    const b = new MemoryBlock(new Uint8Array(2048 + 7));
    expect(b.size).toBe(2048);
    await b.write(512, new Uint8Array(512).fill(9));
    const r = new Uint8Array(1024);
    await b.read(0, r);
    expect(r[511]).toBe(0);
    expect(r[512]).toBe(9);
    await expect(b.read(1536, new Uint8Array(1024))).rejects.toThrow(RangeError);
    await expect(new MemoryBlock(new Uint8Array(512), true).write(0, new Uint8Array(512))).rejects.toThrow();
  });

  it('OverlayBlock keeps writes over an unchanged base', async () => {
    const base = new MemoryBlock(new Uint8Array(4096).fill(1));
    const o = new OverlayBlock(base);
    await o.write(1024, new Uint8Array(1024).fill(2));
    const r = new Uint8Array(4096);
    await o.read(0, r);
    expect([r[1023], r[1024], r[2047], r[2048]]).toEqual([1, 2, 2, 1]);
    expect(base.bytes.every((x) => x === 1)).toBe(true);
    expect(o.dirtySectors).toBe(2);
  });
});
