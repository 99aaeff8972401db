import { describe, expect, it } from 'vitest';
import { IoSystem } from './io-system.ts';
import { CCWS, IRB, ORB, SCHIB, TestRam, ccws, enable, orb, run, sid } from './test-helpers.ts';
import { VirtioRng } from './virtio-rng.ts';
import { VirtioConsole } from './virtio-console.ts';

const MiB = 1 << 20;
/** Linux's ORB control bits for virtio I/O: format-1 CCWs, prefetch, 64-bit IDAWs. */
const LINUX_ORB = 0x00c2;

function setup(n = 2) {
  const ram = new TestRam(16 * MiB);
  const io = new IoSystem({ ram: ram.u8 });
  for (let k = 0; k < n; k++) {
    if (k % 2 === 0) io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(0xa5) }));
    else io.addVirtio(new VirtioConsole(io.ram));
  }
  return { ram, io };
}

describe('channel subsystem instructions', () => {
  it('STSCH: the SCHIB of a virtio subchannel after reset, CC 3 past the last one', () => {
    const { ram, io } = setup(2);
    expect(io.stsch(sid(1), SCHIB)).toBe(0);
    expect(ram.hex(SCHIB, 52)).toBe(
      '00000000' + '0001' + '0001' + '80' + '00' + '00' + '80' + '0000' + 'ff' + '80' + '0000000000000000' + '00000000'
      + '000000000000000000000000' + '0000000000000000' + '00000000');
    expect(io.stsch(sid(2), SCHIB)).toBe(3);
    expect(io.stsch((sid(0) | 0x20000) >>> 0, SCHIB)).toBe(3); // subchannel set 1
  });

  it('SID validity: the one bit, and a CSSID without M, are operand exceptions', () => {
    const { io } = setup(1);
    for (const bad of [0x00000000, 0x01010000, 0xfe010000]) {
      expect(io.stsch(bad, SCHIB)).toBe(-0x15);
      expect(io.tsch(bad, IRB)).toBe(-0x15);
      expect(io.csch(bad)).toBe(-0x15);
      expect(io.hsch(bad)).toBe(-0x15);
      expect(io.xsch(bad)).toBe(-0x15);
      expect(io.rsch(bad)).toBe(-0x15);
    }
    // M=1 with the real CSSID 0xfe names the same subchannel.
    expect(io.stsch(0xfe090000, SCHIB)).toBe(0);
    expect(io.stsch(sid(0), SCHIB + 2)).toBe(-0x06);
  });

  it('MSCH: enables with an ISC; rejects reserved bits; only program-modifiable fields change', () => {
    const { ram, io } = setup(1);
    io.stsch(sid(0), SCHIB);
    ram.w16(SCHIB + 4, 0x1880 | 0x0001);
    ram.w16(SCHIB + 6, 0x9999); // devno is not modifiable
    ram.w32(SCHIB, 0xcafef00d);
    expect(io.msch(sid(0), SCHIB)).toBe(0);
    expect(io.stsch(sid(0), SCHIB)).toBe(0);
    expect([ram.r32(SCHIB), ram.r16(SCHIB + 4), ram.r16(SCHIB + 6)]).toEqual([0xcafef00d, 0x1881, 0]);
    ram.w16(SCHIB + 4, 0x4081);
    expect(io.msch(sid(0), SCHIB)).toBe(-0x15);
    ram.w16(SCHIB + 4, 0x0481); // bit 5 is ignored
    expect(io.msch(sid(0), SCHIB)).toBe(0);
    ram.w32(SCHIB + 24, 0x00000002); // extended measurement word mode
    expect(io.msch(sid(0), SCHIB)).toBe(-0x15);
  });

  it('SSCH + TSCH: Linux SENSE ID reads CU type 3832 and the virtio device id', () => {
    const { ram, io } = setup(2);
    enable(io, ram, 1, 3, 0xabcd);
    ccws(ram, [[0xe4, 0x20, 40, 0x5000]]);
    ram.u8.fill(0xee, 0x5000, 0x5040);
    orb(ram, CCWS, 0x11223344, LINUX_ORB);
    expect(io.ssch(sid(1), ORB)).toBe(0);
    expect(ram.hex(0x5000, 41)).toBe('ff383203000000' + '00'.repeat(33) + 'ee');
    // The interruption: ISC 3 (mask 0x10), intparm from the ORB.
    expect(io.ioPending(0x80)).toBe(false);
    expect(io.ioPending(0x10)).toBe(true);
    expect({ ...io.takeIo(0x10)! }).toEqual({ sid: 0x00010001, param: 0x11223344, word: 0x18000000 });
    expect(io.tsch(sid(1), IRB)).toBe(0);
    expect(ram.hex(IRB, 16)).toBe('00804007' + (CCWS + 8).toString(16).padStart(8, '0') + '0c000000' + '00800000');
    expect(io.tsch(sid(1), IRB)).toBe(1);
    expect(ram.r32(IRB)).toBe(0x00800000);
    // SENSE ID without SLI must ask for exactly 256 bytes.
    ccws(ram, [[0xe4, 0x00, 40, 0x5000]]);
    expect(run(io, ram, 1, LINUX_ORB).scsw[2]).toBe(0x00200000); // channel-program check
  });

  it('TSCH clears a queued interruption of the subchannel; CC 3 for a disabled one', () => {
    const { ram, io } = setup(1);
    expect(io.tsch(sid(0), IRB)).toBe(3);
    enable(io, ram, 0);
    ccws(ram, [[0x03, 0x00, 0, 0]]);
    orb(ram, CCWS);
    expect(io.ssch(sid(0), ORB)).toBe(0);
    expect(io.ssch(sid(0), ORB)).toBe(1); // status pending
    expect(io.tsch(sid(0), IRB)).toBe(0);
    expect(io.ioPending(0xff)).toBe(false);
  });

  it('command chaining, unit check with BASIC SENSE, and the residual count', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ccws(ram, [[0x03, 0x40, 0, 0], [0x99, 0x00, 8, 0x5000]]); // NOP, then a command virtio rejects
    const r = run(io, ram, 0, LINUX_ORB);
    expect(r.scsw[0]).toBe(0x00804017); // primary, secondary, alert, status pending
    expect(r.scsw[1]).toBe(CCWS + 16);
    expect(r.scsw[2] >>> 24).toBe(0x02); // unit check
    ccws(ram, [[0x04, 0x00, 32, 0x5000]]);
    ram.u8.fill(0xee, 0x5000, 0x5030);
    expect(run(io, ram, 0, LINUX_ORB).scsw[2]).toBe(0x0c000000);
    expect(ram.r8(0x5000)).toBe(0x80); // command reject
    ccws(ram, [[0x04, 0x20, 48, 0x5000]]); // SLI: 32 stored, residual 16
    expect(run(io, ram, 0, LINUX_ORB).scsw[2]).toBe(0x0c000010);
    expect(ram.r8(0x5000)).toBe(0);
  });

  it('a TIC loop ends in a channel-program check; so do TIC to TIC and bad CCW addresses', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ccws(ram, [[0x03, 0x40, 0, 0x100], [0x08, 0x00, 0, CCWS]]);
    // CPU time, not wall time: a loop bound that works costs milliseconds however loaded
    // the machine is, while a missing one spins for seconds of CPU.
    const cpu0 = process.cpuUsage();
    expect(run(io, ram, 0).scsw[2]).toBe(0x00200000);
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
    ccws(ram, [[0x08, 0x00, 0, CCWS + 8], [0x08, 0x00, 0, CCWS]]);
    expect(run(io, ram, 0).scsw[2]).toBe(0x00200000);
    ccws(ram, [[0x03, 0x40, 0, 0], [0x08, 0x00, 0, 0x7ffffff8]]);
    expect(run(io, ram, 0).scsw[2]).toBe(0x00200000);
    ccws(ram, [[0x00, 0x00, 0, 0]]); // command code with low nibble 0
    expect(run(io, ram, 0).scsw[2]).toBe(0x00200000);
    // 256 CCWs without a data address: QEMU allows 255.
    const list: [number, number, number, number][] = [];
    for (let k = 0; k < 256; k++) list.push([0x03, k < 255 ? 0x40 : 0, 0, 0]);
    ccws(ram, list);
    expect(run(io, ram, 0).scsw[2]).toBe(0x00200000);
    list.pop();
    list[254]![1] = 0;
    ccws(ram, list);
    expect(run(io, ram, 0).scsw[2]).toBe(0x0c000000);
  });

  it('ORB validation: reserved bits, MIDAW, a 64-bit CPA are operand exceptions; LPM 0 is deferred CC 3', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ccws(ram, [[0x03, 0x00, 0, 0]]);
    for (const [c0, c1, cpa] of [[0x0084, 0, CCWS], [0x0080, 0x02, CCWS], [0x0080, 0x40, CCWS], [0x0080, 0, 0x80000000 | CCWS]]) {
      orb(ram, cpa!, 0, c0!, 0x80, c1!);
      expect(io.ssch(sid(0), ORB)).toBe(-0x15);
    }
    orb(ram, CCWS, 0, 0x0080, 0x00);
    expect(io.ssch(sid(0), ORB)).toBe(0);
    expect(io.tsch(sid(0), IRB)).toBe(0);
    expect(ram.r32(IRB)).toBe(0x03004411); // deferred CC 3, alert + status pending; QEMU leaves start pending set
    expect(io.ssch(sid(0), ORB + 2)).toBe(-0x06);
  });

  it('format-0 CCWs are converted (24-bit data address)', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    // SENSE ID, fmt 0: cmd e4, cda 005000, flags 20, count 8
    ram.w32(CCWS, 0xe4005000); ram.w8(CCWS + 4, 0x20); ram.w16(CCWS + 6, 8);
    const r = run(io, ram, 0, 0x0000);
    expect(r.scsw[0]).toBe(0x00004007); // no format bit
    expect(ram.hex(0x5000, 8)).toBe('ff38320400000000');
  });

  it('suspend and resume; suspend flag without ORB S bit is a program check', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ccws(ram, [[0x03, 0x40, 0, 0], [0x03, 0x02, 0, 0]]);
    expect(run(io, ram, 0, 0x0080).scsw[2]).toBe(0x00200000);
    orb(ram, CCWS, 1, 0x0880);
    expect(io.ssch(sid(0), ORB)).toBe(0);
    expect(io.tsch(sid(0), IRB)).toBe(1); // suspended, no status
    expect(ram.r32(IRB)).toBe(0x00804020);
    ram.w8(CCWS + 9, 0x00); // drop the suspend flag, then resume
    expect(io.rsch(sid(0))).toBe(0);
    expect(io.tsch(sid(0), IRB)).toBe(0);
    expect([ram.r32(IRB), ram.r32(IRB + 8)]).toEqual([0x00804007, 0x0c000000]);
    expect(io.rsch(sid(0))).toBe(2); // nothing suspended
  });

  it('HSCH, CSCH, XSCH on an idle subchannel', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    expect(io.xsch(sid(0))).toBe(2); // no start function to cancel
    expect(io.hsch(sid(0))).toBe(0);
    expect(io.hsch(sid(0))).toBe(1);
    expect(io.tsch(sid(0), IRB)).toBe(0);
    expect([ram.r32(IRB), ram.r32(IRB + 8)]).toEqual([0x00002001, 0x04000000]);
    expect(io.csch(sid(0))).toBe(0);
    expect(io.tsch(sid(0), IRB)).toBe(0);
    expect([ram.r32(IRB), ram.r32(IRB + 8)]).toEqual([0x00001001, 0]);
  });

  it('STCRW with nothing pending stores zeros and CC 1', () => {
    const { ram, io } = setup(1);
    ram.w32(0x6000, 0xffffffff);
    expect(io.stcrw(0x6000)).toBe(1);
    expect(ram.r32(0x6000)).toBe(0);
    io.css.queueCrw(3, 4, false, 5);
    expect(io.crwPending()).toBe(true);
    expect(io.stcrw(0x6000)).toBe(0);
    expect(ram.r32(0x6000)).toBe(0x03040005);
  });
});

describe('channel data: data chaining and IDAWs', () => {
  it('SENSE ID through a format-2 IDAW list crossing a 4 KiB block', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ram.w64(0x6000, 0x7ffc); // 4 bytes up to the block end
    ram.w64(0x6008, 0x9000);
    ccws(ram, [[0xe4, 0x24, 8, 0x6000]]);
    expect(run(io, ram, 0, 0x0082).scsw[2]).toBe(0x0c000000);
    expect(ram.hex(0x7ffc, 4)).toBe('ff383204');
    expect(ram.hex(0x9000, 4)).toBe('00000000');
    expect(ram.r8(0x8000)).toBe(0);
  });

  it('format-1 IDAWs (2 KiB blocks); an IDAW with bit 0 set is a program check', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ram.w32(0x6000, 0x77fe);
    ram.w32(0x6004, 0xa000);
    ccws(ram, [[0xe4, 0x24, 4, 0x6000]]);
    expect(run(io, ram, 0, 0x0080).scsw[2]).toBe(0x0c000000);
    expect(ram.hex(0x77fe, 2) + ram.hex(0xa000, 2)).toBe('ff383204'.slice(0, 4) + '3204');
    ram.w32(0x6000, 0x80005000);
    expect(run(io, ram, 0, 0x0080).scsw[2]).toBe(0x00200000);
  });

  it('data chaining splits one command over several CCWs (with a TIC in between)', () => {
    const { ram, io } = setup(1);
    enable(io, ram, 0);
    ccws(ram, [[0xe4, 0xa0, 3, 0x5000], [0x08, 0x00, 0, CCWS + 24], [0, 0, 0, 0], [0x00, 0x20, 5, 0x5100]]);
    const r = run(io, ram, 0, 0x0080);
    expect(r.scsw[2]).toBe(0x0c000000);
    expect(r.scsw[1]).toBe(CCWS + 32);
    expect(ram.hex(0x5000, 3) + ram.hex(0x5100, 5)).toBe('ff38320400000000');
  });
});

describe('CHSC', () => {
  const BLK = 0x8000;
  function req(ram: TestRam, len: number, cmd: number, p0 = 0, p1 = 0) {
    ram.u8.fill(0, BLK, BLK + 4096);
    ram.w16(BLK, len); ram.w16(BLK + 2, cmd); ram.w32(BLK + 4, p0); ram.w32(BLK + 8, p1);
  }

  it('store channel-subsystem characteristics', () => {
    const { ram, io } = setup(1);
    req(ram, 16, 0x0010);
    expect(io.chsc(BLK)).toBe(0);
    expect([ram.r16(BLK + 16), ram.r16(BLK + 18), ram.r32(BLK + 20)]).toEqual([4080, 1, 0]);
    expect([ram.r32(BLK + 24), ram.r32(BLK + 28), ram.r32(BLK + 32), ram.r32(BLK + 36)]).toEqual([0x03000000, 0x00079000, 0, 0x00080000]);
    expect([ram.r32(BLK + 24 + 2040), ram.r32(BLK + 24 + 2052)]).toEqual([0x40000000, 0x00040000]);
  });

  it('store channel-path description for chpid 0 (virtio, type 0x32)', () => {
    const { ram, io } = setup(1);
    req(ram, 16, 0x0002, 0x00000000, 0x000000ff);
    expect(io.chsc(BLK)).toBe(0);
    expect([ram.r16(BLK + 16), ram.r16(BLK + 18), ram.r32(BLK + 24), ram.r32(BLK + 28)]).toEqual([16, 1, 0x80003200, 0]);
    req(ram, 16, 0x0002, 0x10000000, 0x000000ff); // C bit: format-1 descriptors, 32 bytes
    expect(io.chsc(BLK)).toBe(0);
    expect([ram.r16(BLK + 16), ram.r32(BLK + 20)]).toEqual([40, 1]);
  });

  it('set domain attributes enables MSS; SEI has no events; SSD is not supported', () => {
    const { ram, io } = setup(1);
    req(ram, 0x400, 0x0031, 2);
    expect(io.chsc(BLK)).toBe(0);
    expect(ram.r32(BLK + 0x400)).toBe(0x00080001);
    expect(io.css.maxSsid).toBe(3);
    req(ram, 16, 0x000e);
    expect(io.chsc(BLK)).toBe(0);
    expect(ram.r32(BLK + 16)).toBe(0x00080005);
    req(ram, 16, 0x0004);
    expect(io.chsc(BLK)).toBe(0);
    expect(ram.r32(BLK + 16)).toBe(0x00080004);
    req(ram, 20, 0x0010);
    expect(io.chsc(BLK)).toBe(-0x15);
    expect(io.chsc(BLK + 8)).toBe(-0x06);
  });
});
