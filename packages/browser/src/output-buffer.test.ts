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

  it('keeps the oldest bytes and counts the rest when flooded', () => {
    const b = new OutputBuffer(10000);
    const flood = new Uint8Array(3000).map((_, i) => i & 0xff);
    for (let k = 0; k < 5; k++) b.push(flood);
    expect(b.size).toBe(10000);
    expect(b.dropped).toBe(5000);
    const all = b.take(1 << 20)!;
    expect(all.length).toBe(10000);
    expect([...all.subarray(2998, 3002)]).toEqual([2998 & 0xff, 2999 & 0xff, 0, 1]);
    b.push(Uint8Array.of(9));
    expect([...b.take(10)!]).toEqual([9]);
  });
});
