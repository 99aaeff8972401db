import { describe, expect, it } from 'vitest';
import type { BlockBackend, NetBackend } from './backends.ts';
import type { IoHost } from '../../cpu/src/io-host.ts';
import { IoSystem } from './io-system.ts';
import { TestRam, ccws, enable, run } from './test-helpers.ts';
import { VirtioBlk } from './virtio-blk.ts';
import { VirtioConsole } from './virtio-console.ts';
import { VirtioNet } from './virtio-net.ts';
import { VirtioRng } from './virtio-rng.ts';

const MiB = 1 << 20;
const DATA = 0x5000; // CCW data area
const LINUX_ORB = 0x00c2;

class MemDisk implements BlockBackend {
  readonly bytes: Uint8Array;
  flushes = 0;
  constructor(size: number, readonly readOnly = false, readonly serial = 'ztab-disk-0') {
    this.bytes = new Uint8Array(size);
    for (let k = 0; k < size; k++) this.bytes[k] = (k * 7 + (k >> 9)) & 0xff;
  }
  get size(): number { return this.bytes.length; }
  async read(off: number, dst: Uint8Array) { dst.set(this.bytes.subarray(off, off + dst.length)); }
  async write(off: number, src: Uint8Array) { this.bytes.set(src, off); }
  async flush() { this.flushes++; }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** The channel commands Linux's drivers/s390/virtio/virtio_ccw.c issues. */
class Driver {
  constructor(readonly io: IoSystem, readonly ram: TestRam, readonly n: number) {}
  cmd(code: number, flags: number, count: number, data: number[] = []): { dstat: number; cstat: number; count: number } {
    this.ram.u8.fill(0, DATA, DATA + 64);
    this.ram.u8.set(data, DATA);
    ccws(this.ram, [[code, flags, count, DATA]]);
    const r = run(this.io, this.ram, this.n, LINUX_ORB);
    return { dstat: r.scsw[2]! >>> 24, cstat: (r.scsw[2]! >>> 16) & 0xff, count: r.scsw[2]! & 0xffff };
  }
  setRev(rev: number) { return this.cmd(0x83, 0, 4, [0, rev, 0, 0]); }
  readFeat(index: number): number { this.cmd(0x12, 0, 5, [0, 0, 0, 0, index]); return this.ram.r32le(DATA); }
  writeFeat(index: number, bits: number) {
    return this.cmd(0x11, 0, 5, [bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, bits >>> 24, index]);
  }
  writeStatus(s: number) { return this.cmd(0x31, 0, 1, [s]); }
  readStatus(): number { this.cmd(0x72, 0, 1); return this.ram.r8(DATA); }
  readVqConf(i: number): number { this.cmd(0x32, 0, 4, [0, i]); return this.ram.r16(DATA + 2); }
  setVq(i: number, num: number, desc: number, avail: number, used: number) {
    const b = new TestRam(32);
    b.w64(0, desc); b.w16(12, i); b.w16(14, num); b.w64(16, avail); b.w64(24, used);
    return this.cmd(0x13, 0, 32, Array.from(b.u8));
  }
  setVqLegacy(i: number, num: number, queue: number) {
    const b = new TestRam(16);
    b.w64(0, queue); b.w32(8, 4096); b.w16(12, i); b.w16(14, num);
    return this.cmd(0x13, 0, 16, Array.from(b.u8));
  }
  readConf(len: number): number[] { this.cmd(0x22, 0, len); return this.ram.bytes(DATA, len); }
  setIndAdapter(summary: number, ind: number, bit: number, isc: number) {
    const b = new TestRam(25);
    b.w64(0, summary); b.w64(8, ind); b.w64(16, bit); b.w8(24, isc);
    return this.cmd(0x73, 0, 25, Array.from(b.u8));
  }
  setInd(ind: number) { const b = new TestRam(8); b.w64(0, ind); return this.cmd(0x43, 0, 8, Array.from(b.u8)); }
  setConfInd(ind: number) { const b = new TestRam(8); b.w64(0, ind); return this.cmd(0x53, 0, 8, Array.from(b.u8)); }
  kick(q: number): number { return this.io.diag500(3, 0, (0x10000 | this.n) >>> 0, 0, q, 0, 0); }
  /** What Linux's interrupt handler does for the subchannel: TEST SUBCHANNEL (CC 0: status was pending). */
  drain(): number { return this.io.tsch((0x10000 | this.n) >>> 0, 0x3100); }
}

/** A split ring owned by the test (the driver side). `le`: VERSION_1 byte order. */
class Ring {
  availIdx = 0;
  nextDesc = 0;
  constructor(readonly ram: TestRam, readonly num: number, readonly desc: number, readonly avail: number, readonly used: number, readonly le = true) {}
  private w16(a: number, v: number) { if (this.le) this.ram.w16le(a, v); else this.ram.w16(a, v); }
  private w32(a: number, v: number) { if (this.le) this.ram.w32le(a, v); else this.ram.w32(a, v); }
  private w64(a: number, v: number) { if (this.le) this.ram.w64le(a, v); else this.ram.w64(a, v); }
  r16(a: number) { return this.le ? this.ram.r16le(a) : this.ram.r16(a); }
  r32(a: number) { return this.le ? this.ram.r32le(a) : this.ram.r32(a); }
  /** Publish a chain of [addr, len, writable] buffers; returns the head. */
  add(bufs: [number, number, boolean][]): number {
    const head = this.nextDesc;
    bufs.forEach(([addr, len, wr], k) => {
      const i = (head + k) % this.num;
      const d = this.desc + 16 * i;
      this.w64(d, addr); this.w32(d + 8, len);
      this.w16(d + 12, (k < bufs.length - 1 ? 1 : 0) | (wr ? 2 : 0));
      this.w16(d + 14, (i + 1) % this.num);
    });
    this.nextDesc = (head + bufs.length) % this.num;
    this.w16(this.avail + 4 + 2 * (this.availIdx % this.num), head);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    this.w16(this.avail + 2, this.availIdx);
    return head;
  }
  usedIdx(): number { return this.r16(this.used + 2); }
  usedElem(k: number): [number, number] { const a = this.used + 4 + 8 * k; return [this.r32(a), this.r32(a + 4)]; }
}

/** Linux's bring-up: revision, reset, features, queues, adapter indicators, DRIVER_OK. */
function bringUp(io: IoSystem, ram: TestRam, n: number, queues: number, base: number, wantHi = 1) {
  enable(io, ram, n);
  const d = new Driver(io, ram, n);
  expect(d.setRev(2).dstat).toBe(0x0c);
  expect(d.cmd(0x33, 0, 0).dstat).toBe(0x0c); // VDEV_RESET
  d.writeStatus(1); d.writeStatus(3);
  const lo = d.readFeat(0);
  const hi = d.readFeat(1);
  expect(hi & 1).toBe(1); // VERSION_1
  expect(lo & (1 << 24)).toBe(0); // legacy-only bits hidden from revision >= 1
  d.writeFeat(0, lo & (1 << 28)); d.writeFeat(1, hi & wantHi);
  d.writeStatus(0x0b);
  const rings: Ring[] = [];
  for (let q = 0; q < queues; q++) {
    const num = d.readVqConf(q);
    const desc = base + q * 0x10000;
    const r = new Ring(ram, num, desc, desc + 16 * num, desc + 0x8000);
    expect(d.setVq(q, num, r.desc, r.avail, r.used).dstat).toBe(0x0c);
    rings.push(r);
  }
  expect(d.setIndAdapter(0x7000 + n, 0x7100, 8 * n * 8, 3).dstat).toBe(0x0c);
  expect(d.setConfInd(0x7200 + 8 * n).dstat).toBe(0x0c);
  d.writeStatus(0x0f);
  return { d, rings };
}

describe('virtio-ccw transport', () => {
  it('is an IoHost', () => {
    const io: IoHost = new IoSystem({ ram: new Uint8Array(1 * MiB) });
    expect(io.nextDeadline()).toBe(Infinity);
  });

  it('revision negotiation as Linux does it: 2 accepted once, then rejected', () => {
    const ram = new TestRam(4 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(1) }));
    enable(io, ram, 0);
    const d = new Driver(io, ram, 0);
    expect(d.setRev(3).dstat).toBe(0x02); // unit check: command reject
    expect(d.setRev(2).dstat).toBe(0x0c);
    expect(d.setRev(1).dstat).toBe(0x02);
    expect(d.cmd(0x83, 0, 6, [0, 1, 0, 3]).cstat).toBe(0x20); // count does not cover the extra data
    expect(d.cmd(0x83, 0, 6, [0, 1, 0, 2]).dstat).toBe(0x02); // consistent, but the revision is set
    expect(d.readVqConf(0)).toBe(8);
    expect(d.readVqConf(1)).toBe(0);
    expect(d.cmd(0x32, 0, 4, [0x04, 0x00]).cstat).toBe(0x20); // queue index >= 1024
    expect(d.cmd(0x12, 0, 4).cstat).toBe(0x20); // READ_FEAT with a wrong count
    expect(d.cmd(0x12, 0x20, 8, [0, 0, 0, 0, 1]).count).toBe(3); // SLI: residual
    expect(d.readConf(0)).toEqual([]);
  });

  it('virtio-blk: config, read, write, flush, get-id, errors; adapter interruptions', async () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    const disk = new MemDisk(64 * 1024);
    const blk = new VirtioBlk(io.ram, disk);
    io.addVirtio(blk);
    const { d, rings } = bringUp(io, ram, 0, 1, 0x100000);
    const q = rings[0]!;
    expect(q.num).toBe(256);
    // capacity 128 sectors (LE), size_max 0 (not offered, as QEMU), seg_max 254, blk_size 512
    const cfg = d.readConf(36);
    expect(cfg.slice(0, 24)).toEqual([128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 254, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
    expect(d.cmd(0x22, 0, 37).cstat).toBe(0x20); // beyond the config space
    const feats = d.readFeat(0);
    expect(feats & 0x266).toBe(0x244); // SEG_MAX, BLK_SIZE, FLUSH; not SIZE_MAX, not RO

    // read sectors 2..3
    const hdr = 0x200000, buf = 0x201000, st = 0x202000;
    ram.w32le(hdr, 0); ram.w32le(hdr + 4, 0); ram.w64le(hdr + 8, 2);
    ram.w8(st, 0xff);
    q.add([[hdr, 16, false], [buf, 1024, true], [st, 1, true]]);
    expect(d.kick(0)).toBe(0);
    await tick();
    expect(q.usedIdx()).toBe(1);
    expect(q.usedElem(0)).toEqual([0, 1025]);
    expect(ram.r8(st)).toBe(0);
    expect(ram.bytes(buf, 1024)).toEqual(Array.from(disk.bytes.subarray(1024, 2048)));
    // The adapter interruption: indicator bit 0 (big-endian bit order), summary byte, ISC 3.
    expect(ram.r8(0x7100)).toBe(0x80);
    expect(ram.r8(0x7000)).toBe(0x01);
    expect({ ...io.takeIo(0x10)! }).toEqual({ sid: 0, param: 0, word: 0x98000000 });

    // write sector 5, then flush, get-id, unsupported type, out of range
    ram.w32le(hdr, 1); ram.w64le(hdr + 8, 5);
    ram.u8.fill(0x5a, buf, buf + 512);
    q.add([[hdr, 16, false], [buf, 512, false], [st, 1, true]]);
    ram.w32le(hdr + 16, 4); ram.w64le(hdr + 24, 0);
    q.add([[hdr + 16, 16, false], [st + 1, 1, true]]);
    ram.w32le(hdr + 32, 8);
    q.add([[hdr + 32, 16, false], [buf + 0x800, 20, true], [st + 2, 1, true]]);
    ram.w32le(hdr + 48, 11);
    q.add([[hdr + 48, 16, false], [st + 3, 1, true]]);
    ram.w32le(hdr + 64, 0); ram.w64le(hdr + 72, 127);
    q.add([[hdr + 64, 16, false], [buf, 1024, true], [st + 4, 1, true]]);
    ram.w8(0x7000, 0);
    expect(d.kick(0)).toBe(0);
    await tick();
    expect(q.usedIdx()).toBe(6);
    expect(Array.from(disk.bytes.subarray(5 * 512, 6 * 512))).toEqual(new Array(512).fill(0x5a));
    expect(disk.flushes).toBe(1);
    expect(ram.bytes(st, 5)).toEqual([0, 0, 0, 2, 1]);
    expect(Buffer.from(ram.u8.subarray(buf + 0x800, buf + 0x80b)).toString()).toBe('ztab-disk-0');
    expect(io.takeIo(0x10)?.word).toBe(0x98000000);
    // With the summary reset and interruptions not taken, one adapter interruption stays queued.
    for (let k = 0; k < 5; k++) {
      ram.w8(0x7000, 0);
      ram.w32le(hdr + 80, 4); q.add([[hdr + 80, 16, false], [st + 5, 1, true]]);
      d.kick(0);
      await tick();
    }
    expect(io.takeIo(0x10)?.word).toBe(0x98000000);
    expect(io.takeIo(0x10)).toBeNull();
  });

  it('virtio-blk on a read-only disk fails writes and offers RO', async () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    io.addVirtio(new VirtioBlk(io.ram, new MemDisk(4096, true)));
    const { d, rings } = bringUp(io, ram, 0, 1, 0x100000);
    expect(d.readFeat(0) & 0x20).toBe(0x20);
    ram.w32le(0x200000, 1);
    rings[0]!.add([[0x200000, 16, false], [0x201000, 512, false], [0x202000, 1, true]]);
    d.kick(0);
    await tick();
    expect(ram.r8(0x202000)).toBe(1);
  });

  it('virtio-blk bounds the host memory of requests in flight; the rest wait in the ring', async () => {
    const ram = new TestRam(40 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    const pending: (() => void)[] = [];
    const slow: BlockBackend = {
      size: 256 * MiB,
      read: (_o, dst) => new Promise<void>((res) => pending.push(() => { dst.fill(0x77); res(); })),
      write: async () => {},
      flush: async () => {},
    };
    io.addVirtio(new VirtioBlk(io.ram, slow));
    const { d, rings } = bringUp(io, ram, 0, 1, 0x100000);
    const q = rings[0]!;
    for (let k = 0; k < 3; k++) {
      ram.w32le(0x200000 + 16 * k, 0); ram.w64le(0x200008 + 16 * k, k * 65536);
      q.add([[0x200000 + 16 * k, 16, false], [0x400000, 32 * MiB, true], [0x300000 + k, 1, true]]);
    }
    d.kick(0);
    expect(pending.length).toBe(2); // 64 MiB in flight
    pending.shift()!();
    await tick();
    expect(pending.length).toBe(2); // the third request started when the first finished
    expect(q.usedIdx()).toBe(1);
    pending.shift()!(); pending.shift()!();
    await tick();
    expect(q.usedIdx()).toBe(3);
    expect(ram.bytes(0x300000, 3)).toEqual([0, 0, 0]);
    // Larger than 32 MiB in one request: I/O error, no host buffer.
    ram.w64le(0x200008, 0);
    q.add([[0x200000, 16, false], [0x400000, 32 * MiB + 512, true], [0x300010, 1, true]]);
    d.kick(0);
    expect(pending.length).toBe(0);
    expect(ram.r8(0x300010)).toBe(1);
  });

  it('a descriptor loop is a device error: NEEDS_RESET, configuration interruption', () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(7) }));
    const { d, rings } = bringUp(io, ram, 0, 1, 0x100000);
    const q = rings[0]!;
    // two descriptors pointing at each other
    ram.w64le(q.desc, 0x200000); ram.w32le(q.desc + 8, 16); ram.w16le(q.desc + 12, 3); ram.w16le(q.desc + 14, 1);
    ram.w64le(q.desc + 16, 0x200000); ram.w32le(q.desc + 24, 16); ram.w16le(q.desc + 28, 3); ram.w16le(q.desc + 30, 0);
    ram.w16le(q.avail + 4, 0); ram.w16le(q.avail + 2, 1);
    expect(d.kick(0)).toBe(0);
    expect(ram.r8(0x7200 + 7)).toBe(1); // configuration-change indicator
    expect(io.takeIo(0x10)).not.toBeNull(); // I/O interruption of the subchannel (alert status)
    expect(d.drain()).toBe(0);
    expect(ram.r32(0x3100) & 0x1f).toBe(0x11); // alert + status pending
    expect(d.readStatus()).toBe(0x4f);
    expect(q.usedIdx()).toBe(0);
    // Nothing more happens until the driver resets the device.
    expect(d.kick(0)).toBe(0);
    expect(d.cmd(0x33, 0, 0).dstat).toBe(0x0c);
    expect(d.readStatus()).toBe(0);
  });

  it('notify hypercall: bad subchannel or queue index gives GPR 2 = -EINVAL, unknown function a specification exception', () => {
    const ram = new TestRam(4 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(7) }));
    expect(io.diag500(3, 0, 0x00010005, 0, 0, 0, 0)).toBe(0);
    expect([io.diag500Gpr2Hi, io.diag500Gpr2Lo]).toEqual([0xffffffff, 0xffffffea]);
    expect(io.diag500(3, 0, 0x00010000, 0, 1, 0, 0)).toBe(0); // QEMU 7.2 checks only the range
    expect(io.diag500(3, 0, 0x00010000, 0, 1024, 0, 0)).toBe(0);
    expect([io.diag500Gpr2Hi, io.diag500Gpr2Lo]).toEqual([0xffffffff, 0xffffffea]);
    expect(io.diag500(3, 0, 0x00010000, 1, 0, 0, 0)).toBe(0);
    expect([io.diag500Gpr2Hi, io.diag500Gpr2Lo]).toEqual([0xffffffff, 0xffffffea]);
    expect(io.diag500(3, 0, 0x00010000, 0, 0, 0, 0)).toBe(0);
    expect(io.diag500(0, 0, 0x1000, 0, 0, 0, 0)).toBe(0); // early printk inside RAM
    expect(io.diag500(0, 1, 0, 0, 0, 0, 0)).toBe(0); // early printk beyond RAM
    expect([io.diag500Gpr2Hi, io.diag500Gpr2Lo]).toEqual([0xffffffff, 0xffffffea]);
    expect(io.diag500(1, 0, 0, 0, 0, 0, 0)).toBe(-0x06);
  });

  it('legacy driver (revision 0): big-endian rings, classic indicators, I/O interruption with the intparm', () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(0x3c) }));
    enable(io, ram, 0, 5, 0x0badcafe);
    const d = new Driver(io, ram, 0);
    expect(d.readFeat(0) & (1 << 24)).toBe(1 << 24); // NOTIFY_ON_EMPTY offered to legacy
    expect(d.readFeat(1)).toBe(0);
    d.writeFeat(0, 0);
    d.writeStatus(3);
    const num = d.readVqConf(0);
    const base = 0x100000;
    expect(d.setVqLegacy(0, num, base).dstat).toBe(0x0c);
    expect(d.setInd(0x7300).dstat).toBe(0x0c);
    expect(d.setIndAdapter(0x7000, 0x7100, 0, 3).dstat).toBe(0x02); // classic already chosen
    d.writeStatus(7);
    const usedAt = Math.ceil((base + 16 * num + 4 + 2 * num + 2) / 4096) * 4096;
    const q = new Ring(ram, num, base, base + 16 * num, usedAt, false);
    q.add([[0x200000, 12, true]]);
    expect(d.kick(0)).toBe(0);
    expect(q.usedIdx()).toBe(1);
    expect(q.usedElem(0)).toEqual([0, 12]);
    expect(ram.bytes(0x200000, 13)).toEqual([...new Array(12).fill(0x3c), 0]);
    expect(ram.r64(0x7300)).toBe(1); // bit 0 of the indicator doubleword
    // The interruption parameter is the last ORB's (SSCH copies it into the subchannel).
    expect({ ...io.takeIo(0x04)! }).toEqual({ sid: 0x00010000, param: 0x12345678, word: 5 << 27 });
    expect(io.tsch(0x00010000, 0x3100)).toBe(0);
    expect(ram.r32(0x3100) & 0x1f).toBe(0x11);
  });

  it('virtio-net: link state, transmit strips the 12-byte header, receive prepends it', () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    const net = new VirtioNet(io.ram, new Uint8Array([0x52, 0x54, 0, 0x12, 0x34, 0x56]));
    io.addVirtio(net);
    const { d, rings } = bringUp(io, ram, 0, 2, 0x100000);
    expect(d.readConf(8)).toEqual([0x52, 0x54, 0, 0x12, 0x34, 0x56, 1, 0]); // link up (LE)
    const sent: number[][] = [];
    let deliver: (f: Uint8Array) => void = () => {};
    const be: NetBackend = { send: (f) => sent.push(Array.from(f)), onReceive: (fn) => { deliver = fn; } };
    net.attach(be);
    net.setLinkUp(false);
    expect(ram.r8(0x7200 + 7)).toBe(1); // configuration change signalled
    expect(d.drain()).toBe(0);
    expect(d.readConf(8)[6]).toBe(0);
    net.setLinkUp(true);
    expect(d.drain()).toBe(0);
    const [rx, tx] = rings as [Ring, Ring];
    ram.u8.fill(0, 0x200000, 0x200000 + 12);
    ram.u8.set([1, 2, 3, 4, 5, 6, 7, 8], 0x200000 + 12);
    tx.add([[0x200000, 20, false]]);
    d.kick(1);
    expect(sent).toEqual([[1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(tx.usedElem(0)).toEqual([0, 0]);
    rx.add([[0x300000, 1526, true]]);
    d.kick(0);
    deliver(new Uint8Array([9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 8, 0]));
    expect(rx.usedElem(0)).toEqual([0, 12 + 14]);
    expect(ram.bytes(0x300000, 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(ram.r8(0x300000 + 12)).toBe(9);
  });

  it('virtio-console: output to the backend, input into receive buffers', () => {
    const ram = new TestRam(8 * MiB);
    const io = new IoSystem({ ram: ram.u8 });
    const out: number[] = [];
    const con = new VirtioConsole(io.ram, { write: (b) => out.push(...b) });
    io.addVirtio(con);
    const { d, rings } = bringUp(io, ram, 0, 2, 0x100000);
    const [rx, tx] = rings as [Ring, Ring];
    ram.u8.set(Buffer.from('hvc0 says hi'), 0x200000);
    tx.add([[0x200000, 12, false]]);
    d.kick(1);
    expect(Buffer.from(out).toString()).toBe('hvc0 says hi');
    expect(con.input(Buffer.from('typed'))).toBe(5);
    rx.add([[0x300000, 3, true]]);
    rx.add([[0x300010, 16, true]]);
    d.kick(0);
    expect([rx.usedElem(0), rx.usedElem(1)]).toEqual([[0, 3], [1, 2]]);
    expect(Buffer.from(ram.u8.subarray(0x300000, 0x300003)).toString() + Buffer.from(ram.u8.subarray(0x300010, 0x300012)).toString()).toBe('typed');
  });
});
