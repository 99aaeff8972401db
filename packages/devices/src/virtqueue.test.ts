import { describe, expect, it } from 'vitest';
import { GuestRam, addr64 } from './guest-ram.ts';
import { Virtqueue } from './virtqueue.ts';

const RAM = 1 << 20;
const DESC = 0x10000, AVAIL = 0x11000, USED = 0x12000;

function setup(num = 8) {
  const u8 = new Uint8Array(RAM);
  const dv = new DataView(u8.buffer);
  const ram = new GuestRam(u8);
  const q = new Virtqueue(ram, num);
  q.le = true;
  q.desc = DESC; q.avail = AVAIL; q.used = USED;
  const desc = (i: number, addr: number, len: number, flags: number, next: number, table = DESC) => {
    const d = table + 16 * i;
    dv.setUint32(d, addr >>> 0, true); dv.setUint32(d + 4, Math.floor(addr / 4294967296), true);
    dv.setUint32(d + 8, len >>> 0, true); dv.setUint16(d + 12, flags, true); dv.setUint16(d + 14, next, true);
  };
  let idx = 0;
  const publish = (head: number) => { dv.setUint16(AVAIL + 4 + 2 * (idx % num), head, true); idx++; dv.setUint16(AVAIL + 2, idx, true); };
  return { u8, dv, ram, q, desc, publish };
}

describe('guest RAM accessors', () => {
  it('read 0 and drop stores outside RAM, with a sticky fault flag', () => {
    const u8 = new Uint8Array(4096);
    const r = new GuestRam(u8);
    r.w32(4092, 0x11223344);
    expect(r.r32(4092)).toBe(0x11223344);
    expect(r.fault).toBe(false);
    expect(r.r32(4093)).toBe(0);
    expect(r.fault).toBe(true);
    r.fault = false;
    r.w64(4090, 1, 2);
    expect(r.fault).toBe(true);
    expect(Array.from(u8.subarray(4088, 4096))).toEqual([0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44]);
    expect(r.ok(4096, 0)).toBe(true);
    expect(r.ok(4096, 1)).toBe(false);
    expect(r.ok(-1, 1)).toBe(false);
    expect(r.ok(Number.MAX_SAFE_INTEGER, 1)).toBe(false);
    expect(r.r8(NaN)).toBe(0);
    expect(addr64(0x00200000, 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(addr64(1, 2)).toBe(4294967298);
  });
});

describe('split virtqueue', () => {
  it('pops a chain of readable then writable buffers and pushes the used element', () => {
    const { q, desc, publish, dv } = setup();
    desc(3, 0x20000, 16, 1, 5);
    desc(5, 0x21000, 512, 3, 6);
    desc(6, 0x22000, 1, 2, 0);
    publish(3);
    expect(q.hasWork()).toBe(true);
    const el = q.pop()!;
    expect([el.head, el.outAddr, el.outLen, el.inAddr, el.inLen]).toEqual([3, [0x20000], [16], [0x21000, 0x22000], [512, 1]]);
    expect(q.pop()).toBeNull();
    q.push(el, 513);
    expect([dv.getUint16(USED + 2, true), dv.getUint32(USED + 4, true), dv.getUint32(USED + 8, true)]).toEqual([1, 3, 513]);
  });

  it('follows an indirect table', () => {
    const { q, desc, publish } = setup();
    desc(0, 0x30000, 3 * 16, 4, 0);
    desc(0, 0x20000, 16, 1, 2, 0x30000);
    desc(2, 0x21000, 8, 3, 1, 0x30000);
    desc(1, 0x22000, 1, 2, 0, 0x30000);
    publish(0);
    const el = q.pop()!;
    expect([el.outAddr, el.inAddr]).toEqual([[0x20000], [0x21000, 0x22000]]);
    expect(q.broken).toBe(false);
  });

  const bad: [string, (s: ReturnType<typeof setup>) => void][] = [
    ['descriptor loop', ({ desc, publish }) => { desc(0, 0x20000, 4, 1, 1); desc(1, 0x20000, 4, 1, 0); publish(0); }],
    ['descriptor head out of range', ({ publish }) => publish(8)],
    ['next descriptor out of range', ({ desc, publish }) => { desc(0, 0x20000, 4, 1, 9); publish(0); }],
    ['buffer outside guest memory', ({ desc, publish }) => { desc(0, RAM - 2, 4, 0, 0); publish(0); }],
    ['readable descriptor after a writable one', ({ desc, publish }) => { desc(0, 0x20000, 4, 3, 1); desc(1, 0x20000, 4, 0, 0); publish(0); }],
    ['indirect descriptor in an indirect table', ({ desc, publish }) => { desc(0, 0x30000, 16, 4, 0); desc(0, 0x31000, 16, 4, 0, 0x30000); publish(0); }],
    ['bad indirect table size', ({ desc, publish }) => { desc(0, 0x30000, 20, 4, 0); publish(0); }],
    ['indirect descriptor after a direct one', ({ desc, publish }) => { desc(0, 0x20000, 4, 1, 1); desc(1, 0x30000, 16, 4, 0); publish(0); }],
    ['guest moved the available index too far', ({ dv }) => dv.setUint16(AVAIL + 2, 9, true)],
  ];
  for (const [why, make] of bad) {
    it(`marks the queue broken: ${why}`, () => {
      const s = setup();
      make(s);
      expect(s.q.pop()).toBeNull();
      expect(s.q.broken).toBe(true);
      expect(s.q.error).toBe(why);
      expect(s.q.pop()).toBeNull(); // stays broken
    });
  }

  it('a ring that does not fit guest memory breaks the queue', () => {
    const { q } = setup();
    q.used = RAM - 8;
    expect(q.pop()).toBeNull();
    expect(q.error).toBe('ring outside guest memory');
  });

  it('legacy layout: used ring at the next 4 KiB boundary after the available ring', () => {
    const q = new Virtqueue(new GuestRam(new Uint8Array(RAM)), 256);
    q.setLegacy(0x40000, 4096);
    expect([q.desc, q.avail, q.used]).toEqual([0x40000, 0x41000, 0x42000]);
    const q8 = new Virtqueue(new GuestRam(new Uint8Array(RAM)), 8);
    q8.setLegacy(0x40000, 4096);
    expect([q8.avail, q8.used]).toEqual([0x40080, 0x41000]);
  });

  it('honours VRING_AVAIL_F_NO_INTERRUPT, and NOTIFY_ON_EMPTY when it was negotiated', () => {
    const { q, dv } = setup();
    expect(q.shouldNotify(false)).toBe(true);
    dv.setUint16(AVAIL, 1, true);
    expect(q.shouldNotify(false)).toBe(false);
    expect(q.shouldNotify(true)).toBe(true); // nothing in flight, ring empty
  });
});
