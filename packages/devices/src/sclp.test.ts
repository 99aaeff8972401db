import { describe, expect, it } from 'vitest';
import { IoSystem } from './io-system.ts';
import { TestRam } from './test-helpers.ts';

const SCCB = 0x11000; // Linux's early SCCB page
const MiB = 1 << 20;

function setup(ramSize = 64 * MiB, extra: Partial<ConstructorParameters<typeof IoSystem>[0]> = {}) {
  const ram = new TestRam(ramSize);
  const out: number[] = [];
  const io = new IoSystem({ ram: ram.u8, ...extra });
  io.sclp.vt220.backend = { write: (b) => out.push(...b) };
  return { ram, io, out };
}

function sccbHeader(ram: TestRam, len: number, fc = 0, ctl2 = 0, at = SCCB) {
  ram.u8.fill(0, at, at + Math.min(len, 4096));
  ram.w16(at, len);
  ram.w8(at + 2, fc);
  ram.w8(at + 5, ctl2);
}

/** Linux's sclp_early_set_event_mask / sclp_init_mask: 4-byte masks. */
function writeMask(io: IoSystem, ram: TestRam, recv: number, send: number, len = 4) {
  sccbHeader(ram, 12 + 4 * len);
  ram.w16(SCCB + 10, len);
  for (let k = 0; k < len; k++) {
    ram.w8(SCCB + 12 + k, k < 4 ? (recv >>> (24 - 8 * k)) & 0xff : 0);
    ram.w8(SCCB + 12 + len + k, k < 4 ? (send >>> (24 - 8 * k)) & 0xff : 0);
  }
  expect(io.servc(0x00780005, SCCB)).toBe(0);
}

describe('SCLP SERVC', () => {
  it('READ SCP INFO: memory in 1 MiB increments, CPU entries, facilities, loadparm', () => {
    const { ram, io } = setup(512 * MiB);
    sccbHeader(ram, 4096, 0x80, 0x80);
    expect(io.servc(0x00020001, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0010); // normal read completion
    expect(ram.r16(SCCB + 8)).toBe(512); // rnmax
    expect(ram.r8(SCCB + 10)).toBe(1); // rnsize (MiB)
    expect(ram.r16(SCCB + 16)).toBe(1); // CPUs
    expect(ram.r16(SCCB + 18)).toBe(128); // offset of CPU entries
    expect(ram.bytes(SCCB + 24, 8)).toEqual([0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40]);
    expect(ram.r8(SCCB + 85)).toBe(0x02); // ESOP, as QEMU's TCG model
    expect(ram.r8(SCCB + 99)).toBe(47); // mha_pow
    expect(ram.r32(SCCB + 124)).toBe(0x08000000); // hmfai
    expect(ram.r32(SCCB + 48)).toBe(0x0c000000); // SCLP_HAS_CPU_INFO
    expect(ram.r32(SCCB + 52)).toBe(0x40000000); // SCLP_HAS_IOA_RECONFIG
    expect(ram.r32(SCCB + 100)).toBe(0); // rnsize2
    expect(ram.r64(SCCB + 104)).toBe(0); // rnmax2
    expect(ram.r16(SCCB + 120)).toBe(0); // highest CPU address
    expect(ram.bytes(SCCB + 128, 16)).toEqual(new Array(16).fill(0)); // CPU 0, type CP
    // What Linux 6.1's sclp_early_get_memsize computes: rnmax * rzm.
    expect(ram.r16(SCCB + 8) * (ram.r8(SCCB + 10) << 20)).toBe(512 * MiB);
    // A service signal with the SCCB address, no event pending yet.
    expect(io.serviceSignalPending()).toBe(true);
    expect(io.takeServiceSignal()).toBe(SCCB);
    expect(io.takeServiceSignal()).toBe(-1);
  });

  it('READ SCP INFO: more than 64 Ki increments go to rnmax2; several CPUs', () => {
    const { ram, io } = setup(80 * MiB, { cpus: [0, 1, 2], maxCpus: 4 });
    // The model only reads ramSize from the RAM view; check rnmax2 with a big fake size.
    sccbHeader(ram, 4096);
    expect(io.servc(0x00120001, SCCB)).toBe(0); // READ SCP INFO FORCED
    expect(ram.r16(SCCB + 6)).toBe(0x0010);
    expect(ram.r16(SCCB + 8)).toBe(80);
    expect(ram.r16(SCCB + 16)).toBe(3);
    expect(ram.r16(SCCB + 120)).toBe(3);
    expect([ram.r8(SCCB + 128), ram.r8(SCCB + 144), ram.r8(SCCB + 160)]).toEqual([0, 1, 2]);
  });

  it('READ SCP INFO with a too-short SCCB answers insufficient length', () => {
    const { ram, io } = setup();
    sccbHeader(ram, 144 + 15);
    expect(io.servc(0x00020001, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0300);
  });

  it('READ CPU INFO', () => {
    const { ram, io } = setup(64 * MiB, { cpus: [0, 5] });
    sccbHeader(ram, 4096);
    expect(io.servc(0x00010001, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0010);
    // offset_standby as QEMU 7.2 computes it (byte-swapped operands, see sclp.ts): 0x1800 + 0x0200 * 16
    expect([ram.r16(SCCB + 8), ram.r16(SCCB + 10), ram.r16(SCCB + 12), ram.r16(SCCB + 14)]).toEqual([2, 24, 0, 0x3800]);
    expect([ram.r8(SCCB + 24), ram.r8(SCCB + 40)]).toEqual([0, 5]);
  });

  it('rejects bad SCCB addresses and lengths with the program exceptions QEMU gives', () => {
    const { ram, io } = setup();
    expect(io.servc(0x00020001, 0x1000)).toBe(-0x06); // in the first 8 KiB
    expect(io.servc(0x00020001, SCCB + 4)).toBe(-0x06); // not doubleword aligned
    expect(io.servc(0x00020001, 0x80000000)).toBe(-0x05); // beyond RAM
    sccbHeader(ram, 7);
    expect(io.servc(0x00020001, SCCB)).toBe(-0x06); // length below the header
    expect(io.serviceSignalPending()).toBe(false);
  });

  it('answers unknown commands, storage info and boundary violations with response codes', () => {
    const { ram, io } = setup();
    sccbHeader(ram, 4096);
    expect(io.servc(0x00040001, SCCB)).toBe(0); // READ STORAGE INFO (Linux tries it first)
    expect(ram.r16(SCCB + 6)).toBe(0x01f0);
    sccbHeader(ram, 4096, 0, 0, SCCB + 8);
    expect(io.servc(0x00020001, SCCB + 8)).toBe(0);
    expect(ram.r16(SCCB + 8 + 6)).toBe(0x0100); // crosses the page
    sccbHeader(ram, 16);
    ram.w8(SCCB + 8, 0x02);
    expect(io.servc(0x001a0001, SCCB)).toBe(0); // CONFIGURE I/O ADAPTER, PCI
    expect(ram.r16(SCCB + 6)).toBe(0x09f0); // adapter id not recognized
    ram.w8(SCCB + 8, 0x03);
    expect(io.servc(0x001a0001, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x06f0); // adapter type not recognized
  });

  it('WRITE EVENT MASK returns the SCLP masks; invalid mask lengths are refused', () => {
    const { ram, io } = setup();
    writeMask(io, ram, 0x00000048, 0x00000040);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.r32(SCCB + 20)).toBe(0x00000040); // SCLP receives: VT220
    expect(ram.r32(SCCB + 24)).toBe(0x10000048); // SCLP sends: config, VT220, quiesce
    writeMask(io, ram, 0x40000008, 0x40000000, 8);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.bytes(SCCB + 12 + 16, 8)).toEqual([0, 0, 0, 0x40, 0, 0, 0, 0]);
    expect(ram.bytes(SCCB + 12 + 24, 8)).toEqual([0x10, 0, 0, 0x48, 0, 0, 0, 0]);
    sccbHeader(ram, 16);
    ram.w16(SCCB + 10, 0);
    expect(io.servc(0x00780005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x74f0);
  });

  it('VT220: WRITE EVENT DATA goes to the backend; bad buffers get syntax errors', () => {
    const { ram, io, out } = setup();
    const text = Buffer.from('hello\n');
    sccbHeader(ram, 8 + 6 + text.length);
    ram.w16(SCCB + 8, 6 + text.length);
    ram.w8(SCCB + 10, 0x1a);
    ram.u8.set(text, SCCB + 14);
    expect(io.servc(0x00760005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.r8(SCCB + 11)).toBe(0x80); // buffer accepted
    expect(Buffer.from(out).toString()).toBe('hello\n');
    // An event buffer longer than the SCCB.
    sccbHeader(ram, 8 + 6);
    ram.w16(SCCB + 8, 7);
    ram.w8(SCCB + 10, 0x1a);
    expect(io.servc(0x00760005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x73f0);
    // A type nobody handles, then a VT220 buffer: the second is marked not accepted.
    sccbHeader(ram, 8 + 6 + 7);
    ram.w16(SCCB + 8, 6); ram.w8(SCCB + 10, 0x05);
    ram.w16(SCCB + 14, 7); ram.w8(SCCB + 16, 0x1a); ram.w8(SCCB + 17, 0x80); ram.w8(SCCB + 20, 0x41);
    expect(io.servc(0x00760005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x40f0);
    expect(ram.r8(SCCB + 17)).toBe(0);
    // A non-zero function code.
    sccbHeader(ram, 16, 1);
    expect(io.servc(0x00760005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x40f0);
  });

  it('VT220 input: service signal with the event-pending bit, READ EVENT DATA', () => {
    const { ram, io } = setup();
    writeMask(io, ram, 0x00000048, 0x00000040);
    io.takeServiceSignal();
    expect(io.sclp.vt220.input(Buffer.from('ls\r'))).toBe(3);
    expect(io.takeServiceSignal()).toBe(1); // no SCCB, event pending
    sccbHeader(ram, 4096, 0, 0x80); // unconditional read, variable-length response
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.r16(SCCB)).toBe(8 + 6 + 1 + 3); // shrunk to what was stored
    expect(ram.r8(SCCB + 5)).toBe(0);
    expect([ram.r16(SCCB + 8), ram.r8(SCCB + 10), ram.r8(SCCB + 11)]).toEqual([10, 0x1a, 0x80]);
    expect(ram.r8(SCCB + 14)).toBe(0); // session data follows
    expect(Buffer.from(ram.u8.subarray(SCCB + 15, SCCB + 18)).toString()).toBe('ls\r');
    expect(io.takeServiceSignal()).toBe(SCCB); // nothing more pending
    sccbHeader(ram, 4096);
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x60f0); // no event buffers stored
    sccbHeader(ram, 2048);
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0300); // READ EVENT DATA wants a full page
  });

  it('selective read checks the mask against what the guest enabled', () => {
    const { ram, io } = setup();
    writeMask(io, ram, 0x00000040, 0x40000000);
    sccbHeader(ram, 4096, 1);
    ram.w32(SCCB + 8, 0x00000008); // quiesce: not enabled
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x70f0);
    sccbHeader(ram, 4096, 2);
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x40f0);
  });

  it('signal quiesce is delivered as event type 0x1d', () => {
    const { ram, io } = setup();
    writeMask(io, ram, 0x00000048, 0x00000040);
    io.takeServiceSignal();
    io.requestPowerOff();
    expect(io.takeServiceSignal()).toBe(1);
    sccbHeader(ram, 4096);
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.bytes(SCCB + 8, 9)).toEqual([0, 9, 0x1d, 0x80, 0, 0, 0, 0, 0]);
  });

  it('line-mode console: MTO text out (EBCDIC), operator command in', () => {
    const { ram, io } = setup(64 * MiB, { lineMode: true });
    const lm: number[] = [];
    io.sclp.lineMode!.backend = { write: (b) => lm.push(...b) };
    io.sclp.lineMode!.echo = false;
    writeMask(io, ram, 0x80000000, 0x40000000);
    expect(ram.r32(SCCB + 20)).toBe(0x40800040);
    expect(ram.r32(SCCB + 24)).toBe(0x90800048);
    // Linux sclp_rw layout: evbuf(6) mdb header(12) go(?) mto(10 + text)
    const text = [0xc8, 0x89, 0x40, 0xa3, 0x88, 0x85, 0x99, 0x85]; // "Hi there"
    const goLen = 0x30;
    const mtoLen = 10 + text.length;
    const mdbLen = 12 + goLen + mtoLen;
    sccbHeader(ram, 8 + 6 + mdbLen);
    let o = SCCB + 8;
    ram.w16(o, 6 + mdbLen); ram.w8(o + 2, 0x02); o += 6;
    ram.w16(o, mdbLen); ram.w16(o + 2, 1); ram.w32(o + 4, 0xd4c4c240); ram.w32(o + 8, 1); o += 12;
    ram.w16(o, goLen); ram.w16(o + 2, 1); o += goLen;
    ram.w16(o, mtoLen); ram.w16(o + 2, 4); ram.w16(o + 4, 0x1000); ram.u8.set(text, o + 10);
    expect(io.servc(0x00760005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(Buffer.from(lm).toString('latin1')).toBe('\nHi there');
    // Input "ab\n" -> operator command with the GDS vectors Linux's sclp_tty looks for.
    io.takeServiceSignal();
    io.sclp.lineMode!.input(Buffer.from('ab\n'));
    expect(io.takeServiceSignal()).toBe(1);
    sccbHeader(ram, 4096);
    expect(io.servc(0x00770005, SCCB)).toBe(0);
    expect(ram.r16(SCCB + 6)).toBe(0x0020);
    expect(ram.bytes(SCCB + 8, 6 + 16 + 2)).toEqual([
      0, 24, 0x01, 0x80, 0, 0,
      0, 18, 0x13, 0x10, 0, 14, 0x12, 0x12, 0, 10, 0x13, 0x20, 6, 0x31, 4, 0x30,
      0x81, 0x82,
    ]);
  });
});
