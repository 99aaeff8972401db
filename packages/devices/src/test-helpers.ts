// Shared by the device tests (not part of the package's exports): a guest RAM with big-endian poke/peek helpers and a
// Linux-like driver for channel programs (build CCWs and an ORB, SSCH, TSCH).

import { IoSystem } from './io-system.ts';

export class TestRam {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  constructor(size: number) {
    this.u8 = new Uint8Array(size);
    this.dv = new DataView(this.u8.buffer);
  }
  w8(a: number, v: number): void { this.u8[a] = v; }
  w16(a: number, v: number): void { this.dv.setUint16(a, v); }
  w32(a: number, v: number): void { this.dv.setUint32(a, v >>> 0); }
  w64(a: number, v: number): void { this.dv.setUint32(a, Math.floor(v / 4294967296)); this.dv.setUint32(a + 4, v >>> 0); }
  r8(a: number): number { return this.u8[a]!; }
  r16(a: number): number { return this.dv.getUint16(a); }
  r32(a: number): number { return this.dv.getUint32(a); }
  r64(a: number): number { return this.dv.getUint32(a) * 4294967296 + this.dv.getUint32(a + 4); }
  r16le(a: number): number { return this.dv.getUint16(a, true); }
  r32le(a: number): number { return this.dv.getUint32(a, true); }
  w16le(a: number, v: number): void { this.dv.setUint16(a, v, true); }
  w32le(a: number, v: number): void { this.dv.setUint32(a, v >>> 0, true); }
  w64le(a: number, v: number): void { this.dv.setUint32(a, v >>> 0, true); this.dv.setUint32(a + 4, Math.floor(v / 4294967296), true); }
  bytes(a: number, n: number): number[] { return Array.from(this.u8.subarray(a, a + n)); }
  hex(a: number, n: number): string {
    let h = '';
    for (let k = 0; k < n; k++) h += this.u8[a + k]!.toString(16).padStart(2, '0');
    return h;
  }
}

/** Subchannel-identification word of subchannel n in set 0. */
export const sid = (n: number): number => (0x00010000 | n) >>> 0;

export const ORB = 0x3000;
export const IRB = 0x3100;
export const SCHIB = 0x3200;
export const CCWS = 0x4000;

/** Write format-1 CCWs at CCWS. */
export function ccws(ram: TestRam, list: [cmd: number, flags: number, count: number, cda: number][], at = CCWS): void {
  list.forEach(([cmd, flags, count, cda], k) => {
    ram.w8(at + 8 * k, cmd);
    ram.w8(at + 8 * k + 1, flags);
    ram.w16(at + 8 * k + 2, count);
    ram.w32(at + 8 * k + 4, cda);
  });
}

/** Write an ORB as Linux's cio does for virtio (format-1 CCWs, prefetch, lpm 0x80). */
export function orb(ram: TestRam, cpa: number, intparm = 0x12345678, ctrl0 = 0x0080 | 0x0040, lpm = 0x80, ctrl1 = 0): void {
  ram.w32(ORB, intparm);
  ram.w16(ORB + 4, ctrl0);
  ram.w8(ORB + 6, lpm);
  ram.w8(ORB + 7, ctrl1);
  ram.w32(ORB + 8, cpa);
}

/** Enable subchannel n with ISC `isc` through STSCH/MSCH, as Linux's cio_enable_subchannel. */
export function enable(io: IoSystem, ram: TestRam, n: number, isc = 3, intparm = 0): void {
  if (io.stsch(sid(n), SCHIB) !== 0) throw new Error('stsch');
  ram.w32(SCHIB, intparm);
  ram.w16(SCHIB + 4, (ram.r16(SCHIB + 4) & ~0x3880) | (isc << 11) | 0x0080);
  if (io.msch(sid(n), SCHIB) !== 0) throw new Error('msch');
}

/** Run the channel program at CCWS on subchannel n; returns {cc, tsch cc, IRB words}. */
export function run(io: IoSystem, ram: TestRam, n: number, ctrl0?: number): { cc: number; scsw: number[]; irb: TestRam } {
  orb(ram, CCWS, 0x12345678, ctrl0);
  const cc = io.ssch(sid(n), ORB);
  if (cc !== 0) return { cc, scsw: [], irb: ram };
  const t = io.tsch(sid(n), IRB);
  if (t !== 0) throw new Error(`tsch cc ${t}`);
  return { cc, scsw: [ram.r32(IRB), ram.r32(IRB + 4), ram.r32(IRB + 8)], irb: ram };
}
