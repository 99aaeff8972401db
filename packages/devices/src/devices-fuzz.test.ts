// Hostile-guest fuzzing of the whole device side: random SCCBs, ORBs, CCW chains (with
// IDAWs, data chaining, TICs), SCHIBs, CHSC blocks, virtio-ccw commands and virtqueue
// descriptors thrown at a fully populated machine. The host must never throw, never
// hang, never touch memory outside the guest RAM view, and answer every instruction
// with a condition code or an architected program-interruption code.

import { describe, expect, it } from 'vitest';
import type { BlockBackend, NetBackend } from './backends.ts';
import { IoSystem } from './io-system.ts';
import { VirtioBlk } from './virtio-blk.ts';
import { VirtioConsole } from './virtio-console.ts';
import { VirtioNet } from './virtio-net.ts';
import { VirtioRng } from './virtio-rng.ts';

const CASES = 100_000;
/** Process CPU time in ms (all threads, so GC helpers count against the case too). */
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const RAM = 2 << 20;

/** xorshift32: deterministic, so a failure names its case. */
class Rng {
  constructor(private s: number) {}
  u32(): number {
    let x = this.s;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number { return this.u32() % n; }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]!; }
  chance(p: number): boolean { return this.u32() / 4294967296 < p; }
}

class Disk implements BlockBackend {
  readonly bytes = new Uint8Array(256 * 1024);
  get size() { return this.bytes.length; }
  async read(off: number, dst: Uint8Array) { dst.set(this.bytes.subarray(off, off + dst.length)); }
  async write(off: number, src: Uint8Array) { this.bytes.set(src, off); }
  async flush() {}
}

const SCLP_CMDS = [0x00020001, 0x00120001, 0x00010001, 0x001a0001, 0x001b0001, 0x00760005, 0x00770005, 0x00780005, 0x00040001];
const CCW_CMDS = [0x03, 0x04, 0x08, 0xe4, 0x13, 0x33, 0x12, 0x11, 0x22, 0x21, 0x31, 0x32, 0x43, 0x53, 0x72, 0x73, 0x83];
const CHSC_CMDS = [0x0002, 0x0004, 0x000e, 0x0010, 0x0031, 0x0022];
const CCS = new Set([0, 1, 2, 3]);
const PGMS = new Set([-0x05, -0x06, -0x15]);

describe('devices fuzz', () => {
  it(`survives ${CASES} hostile requests`, async () => {
    const u8 = new Uint8Array(RAM);
    const io = new IoSystem({ ram: u8, cpus: [0, 1], lineMode: true });
    const sink = { write: () => {} };
    io.sclp.vt220.backend = sink;
    io.sclp.lineMode!.backend = sink;
    io.addVirtio(new VirtioBlk(io.ram, new Disk(), { queueSize: 64 }));
    const net = new VirtioNet(io.ram, new Uint8Array([2, 0, 0, 0, 0, 1]), { queueSize: 64 });
    let deliver: (f: Uint8Array) => void = () => {};
    const nb: NetBackend = { send: () => {}, onReceive: (fn) => { deliver = fn; } };
    io.addVirtio(net);
    net.attach(nb);
    const con = new VirtioConsole(io.ram, sink, { queueSize: 32 });
    io.addVirtio(con);
    io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(0x55) }));
    const nsch = io.css.subchannels.length;

    const r = new Rng(0x9e3779b9);
    const dv = new DataView(u8.buffer);
    /** Mostly addresses inside RAM, sometimes at the end or far outside. */
    const addr = (align = 1): number => {
      const k = r.int(16);
      let a: number;
      if (k < 12) a = 0x10000 + r.int(RAM - 0x20000);
      else if (k < 14) a = RAM - r.int(64);
      else if (k === 14) a = r.u32();
      else a = r.int(0x3000);
      return a - (a % align);
    };
    const sid = (): number => (r.chance(0.9) ? (0x00010000 | r.int(nsch + 1)) >>> 0 : r.u32());
    const scribble = (a: number, n: number) => { for (let k = 0; k < n && a + k < RAM; k++) u8[a + k] = r.u32() & 0xff; };
    const ccwChain = (at: number, n: number) => {
      for (let k = 0; k < n && at + 8 * k + 8 <= RAM; k++) {
        const o = at + 8 * k;
        u8[o] = r.chance(0.8) ? r.pick(CCW_CMDS) : r.u32() & 0xff;
        u8[o + 1] = r.chance(0.5) ? r.pick([0x00, 0x20, 0x40, 0x60, 0x80, 0xa0, 0x24, 0x44, 0x02, 0x10]) : r.u32() & 0xff;
        dv.setUint16(o + 2, r.chance(0.7) ? r.pick([0, 1, 4, 5, 8, 16, 25, 32, 40, 256]) : r.int(0x10000));
        const cda = u8[o] === 0x08 && r.chance(0.5) ? at + 8 * r.int(n) : addr();
        dv.setUint32(o + 4, cda >>> 0);
        if (r.chance(0.2) && cda + 64 < RAM) for (let j = 0; j < 8; j++) dv.setUint32(cda + 8 * j + 4, addr());
        if (r.chance(0.3) && cda + 32 < RAM) scribble(cda, 32);
      }
    };

    // Coverage: the fuzz must reach the deep paths, not bounce off the first check.
    let started = 0, programChecks = 0, devEnds = 0, pushes = 0, deviceErrors = 0, sclpOk = 0;
    let maxCase = 0;
    let calls = 0;
    const check = (v: number) => {
      calls++;
      if (!CCS.has(v) && !PGMS.has(v)) throw new Error(`unexpected result ${v}`);
    };
    const t0 = performance.now();
    for (let c = 0; c < CASES; c++) {
      const tc = cpuMs();
      try {
        const kind = r.int(20);
        if (kind < 4) {
          // SCCB
          const a = r.chance(0.8) ? 0x11000 + 8 * r.int(500) : addr(r.chance(0.9) ? 8 : 1);
          if (a + 16 < RAM) {
            scribble(a, r.int(64));
            dv.setUint16(a, r.chance(0.6) ? r.pick([4096, 8, 16, 24, 200, 12 + 4 * r.int(10)]) : r.int(0x10000));
            u8[a + 2] = r.chance(0.7) ? r.int(3) : r.u32() & 0xff;
            if (r.chance(0.5)) { dv.setUint16(a + 10, r.pick([0, 4, 8, 1021, 1022, r.int(0x10000)])); }
            if (r.chance(0.5)) { dv.setUint16(a + 8, r.int(200)); u8[a + 10] = r.pick([0x1a, 0x02, 0x1d, 0x09, r.u32() & 0xff]); }
          }
          const sr = io.servc(r.chance(0.85) ? r.pick(SCLP_CMDS) : r.u32(), a);
          check(sr);
          if (sr === 0 && (dv.getUint16(a + 6) & 0xff0f) === 0x0000 && dv.getUint16(a + 6) !== 0) sclpOk++;
        } else if (kind < 9) {
          // channel program
          const n = r.int(nsch + 1);
          const s = (0x00010000 | n) >>> 0;
          if (r.chance(0.7) && n < nsch) {
            const sa = 0x3200;
            if (io.stsch(s, sa) === 0) { u8[sa + 5] = (u8[sa + 5]! | 0x80); u8[sa + 4] = r.int(8) << 3; check(io.msch(s, sa)); }
          }
          const orb = r.chance(0.9) ? 0x3000 : addr();
          const cpa = r.chance(0.8) ? 0x4000 + 8 * r.int(64) : addr();
          ccwChain(cpa, 1 + r.int(8));
          if (orb + 12 <= RAM) {
            dv.setUint32(orb, r.u32());
            dv.setUint16(orb + 4, r.chance(0.8) ? r.pick([0x00c2, 0x0080, 0x0880, 0x0082, 0x0083, 0x0000]) : r.u32() & 0xffff);
            u8[orb + 6] = r.chance(0.9) ? 0x80 : r.u32() & 0xff;
            u8[orb + 7] = r.chance(0.9) ? 0 : r.u32() & 0xff;
            dv.setUint32(orb + 8, r.chance(0.95) ? cpa : r.u32());
          }
          const sc = io.ssch(r.chance(0.95) ? s : sid(), orb);
          check(sc);
          if (sc === 0) started++;
          if (r.chance(0.8)) {
            const tc2 = io.tsch(s, 0x3100);
            check(tc2);
            if (tc2 === 0 && (u8[0x3100 + 9]! & 0x20)) programChecks++;
            if (tc2 === 0 && u8[0x3100 + 8] === 0x0c) devEnds++;
          }
          if (r.chance(0.1)) check(io.rsch(s));
        } else if (kind < 11) {
          // the other subchannel instructions with random operands
          const s = sid();
          switch (r.int(7)) {
            case 0: check(io.stsch(s, addr())); break;
            case 1: scribble(0x3200, 52); check(io.msch(s, r.chance(0.8) ? 0x3200 : addr())); break;
            case 2: check(io.tsch(s, addr())); break;
            case 3: check(io.csch(s)); break;
            case 4: check(io.hsch(s)); break;
            case 5: check(io.xsch(s)); break;
            default: check(io.stcrw(addr())); break;
          }
        } else if (kind < 12) {
          const b = r.chance(0.8) ? 0x8000 : addr();
          if (b + 16 <= RAM) {
            scribble(b, 16);
            dv.setUint16(b, r.pick([16, 0x400, 8, 4088, 4096, r.int(0x10000)]));
            dv.setUint16(b + 2, r.chance(0.8) ? r.pick(CHSC_CMDS) : r.int(0x10000));
          }
          check(io.chsc(b));
        } else if (kind < 18) {
          // virtqueues: random rings and descriptors, then a kick
          const t = io.transports[r.int(io.transports.length)]!;
          const dev = t.dev;
          const qi = r.int(dev.queues.length);
          const q = dev.queues[qi]!;
          if (r.chance(0.05) || q.desc === 0) {
            if (r.chance(0.5)) { dev.setFeatures(1, 1); }
            dev.status = 0x0f;
            q.desc = 0x100000 + 0x4000 * qi + (r.chance(0.9) ? 0 : r.int(0x8000));
            q.avail = q.desc + 16 * q.num;
            q.used = q.desc + 0x2000;
            if (r.chance(0.05)) q.used = addr();
            t.indicators = r.chance(0.8) ? 0x7000 : addr();
            t.summaryIndicator = 0x7100;
            t.thinintActive = r.chance(0.5);
            t.indicators2 = r.chance(0.5) ? 0x7200 : 0;
          }
          const le = q.le;
          const w16 = (a: number, v: number) => { if (a + 2 <= RAM) dv.setUint16(a, v, le); };
          const w32 = (a: number, v: number) => { if (a + 4 <= RAM) dv.setUint32(a, v >>> 0, le); };
          const heads = 1 + r.int(4);
          for (let h = 0; h < heads; h++) {
            const ai = q.avail + 2;
            const idx = dv.getUint16(ai, le);
            if (r.chance(0.6)) {
              // A well-formed chain: readable buffers, then writable ones, linked in order.
              const n = 1 + r.int(3);
              const first = r.int(q.num);
              for (let k = 0; k < n; k++) {
                const i = (first + k) % q.num;
                const d = q.desc + 16 * i;
                const a = 0x180000 + 0x1000 * r.int(100);
                const len = k === 0 ? 16 : r.pick([1, 512, 1024, 1526, 2048]);
                w32(d + (le ? 0 : 4), a); w32(d + (le ? 4 : 0), 0);
                w32(d + 8, len);
                w16(d + 12, (k < n - 1 ? 1 : 0) | (k > 0 && r.chance(0.8) ? 2 : 0));
                w16(d + 14, (i + 1) % q.num);
                if (k === 0) { w32(a, r.int(10)); w32(a + 8, r.int(600)); }
              }
              w16(q.avail + 4 + 2 * (idx % q.num), first);
              w16(ai, (idx + 1) & 0xffff);
              continue;
            }
            const i = r.int(q.num);
            const d = q.desc + 16 * i;
            const len = r.chance(0.7) ? r.pick([1, 12, 16, 17, 512, 1025, 1526]) : r.u32();
            const a = r.chance(0.1) ? r.u32() : addr();
            w32(d + (le ? 0 : 4), a); w32(d + (le ? 4 : 0), r.chance(0.95) ? 0 : r.u32());
            w32(d + 8, len);
            w16(d + 12, r.chance(0.8) ? r.int(4) : r.int(8));
            w16(d + 14, r.chance(0.8) ? r.int(q.num) : r.int(0x10000));
            if (r.chance(0.2) && a + 64 <= RAM) scribble(a, 64);
            w16(q.avail + 4 + 2 * (idx % q.num), r.chance(0.9) ? i : r.int(0x10000));
            w16(ai, r.chance(0.95) ? (idx + 1) & 0xffff : r.int(0x10000));
          }
          const before = q.usedIdx;
          const wasBroken = dev.broken;
          const res = io.diag500(r.chance(0.9) ? 3 : r.int(6), 0, r.chance(0.9) ? (0x10000 | io.transports.indexOf(t)) : r.u32(),
            0, r.chance(0.9) ? qi : r.u32(), 0, 0);
          if (res !== 0 && res !== 0xffffffea && res !== -0x06) throw new Error(`diag500 ${res}`);
          if (q.usedIdx !== before) pushes++;
          if (dev.broken && !wasBroken) deviceErrors++;
          if (r.chance(0.05)) deliver(new Uint8Array(r.int(1600)));
          if (r.chance(0.05)) con.input(new Uint8Array(r.int(100)));
          if (dev.broken && r.chance(0.9)) t.reset();
        } else if (kind < 19) {
          io.sclp.vt220.input(new Uint8Array(r.int(300)));
          io.sclp.lineMode!.input(new Uint8Array([0x41, r.chance(0.3) ? 0x0a : 0x42]));
          if (r.chance(0.01)) io.requestPowerOff();
        } else {
          while (io.takeIo(0xff)) { /* drain */ }
          io.takeServiceSignal();
          if (r.chance(0.02)) io.reset();
        }
      } catch (e) {
        throw new Error(`case ${c}: ${(e as Error).stack}`);
      }
      if (c % 1000 === 0) await Promise.resolve(); // let block completions land
      maxCase = Math.max(maxCase, cpuMs() - tc);
    }
    await new Promise((res) => setTimeout(res, 10));
    const ms = performance.now() - t0;
    expect(u8.length).toBe(RAM);
    expect(calls).toBeGreaterThan(CASES / 2);
    // A hang would take seconds of CPU; the margin absorbs GC pauses. CPU time, not wall
    // time, so a case descheduled on a loaded machine does not look like a hang.
    expect(maxCase).toBeLessThan(1000);
    console.log(`devices fuzz: ${CASES} cases, ${calls} instruction calls, ${ms.toFixed(0)} ms, slowest case ${maxCase.toFixed(1)} ms CPU; `
      + `started ${started}, program checks ${programChecks}, device ends ${devEnds}, used-ring pushes ${pushes}, device errors ${deviceErrors}, SCLP completions ${sclpOk}`);
    expect(started).toBeGreaterThan(1000);
    expect(programChecks).toBeGreaterThan(100);
    expect(devEnds).toBeGreaterThan(100);
    expect(pushes).toBeGreaterThan(100);
    expect(deviceErrors).toBeGreaterThan(100);
    expect(sclpOk).toBeGreaterThan(100);
  }, 60_000);
});
