import { describe, expect, it } from 'vitest';
import { OutputBuffer } from './output-buffer.ts';

describe('OutputBuffer', () => {
  it('hands bytes out in order, in batches of at most the asked size', () => {
    const b = new OutputBuffer(1024);
    b.push(Uint8Array.of(1, 2, 3));
    b.push(Uint8Array.of(4, 5));
    expect([...b.take(4)!]).toEqual([1, 2, 3, 4]);
    expect([...b.take(4)!]).toEqual([5]);
    expect(b.take(4)).toBeNull();
  });

  it('keeps the newest bytes and counts the dropped ones when flooded', () => {
    const b = new OutputBuffer(10000);
    const flood = new Uint8Array(3000).map((_, i) => i & 0xff);
    for (let k = 0; k < 5; k++) b.push(flood);
    expect(b.size).toBe(10000);
    expect(b.dropped).toBe(5000);
    const all = b.take(1 << 20)!;
    expect(all.length).toBe(10000);
    // The last 10000 of 15000 bytes: from offset 2000 of the second copy on.
    const want = new Uint8Array(15000);
    for (let k = 0; k < 5; k++) want.set(flood, k * 3000);
    expect(all).toEqual(want.subarray(5000));
  });

  it('wraps around its ring in order, and drops all but the tail of an oversized push', () => {
    const b = new OutputBuffer(8);
    b.push(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect([...b.take(4)!]).toEqual([1, 2, 3, 4]);
    b.push(Uint8Array.of(7, 8, 9, 10, 11));
    expect([...b.take(100)!]).toEqual([5, 6, 7, 8, 9, 10, 11]);
    b.push(Uint8Array.from({ length: 20 }, (_, i) => i));
    expect(b.dropped).toBe(12);
    expect([...b.take(100)!]).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
  });
});
