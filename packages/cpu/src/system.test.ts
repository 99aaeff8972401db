// The privileged architecture, checked against what the PoP says is stored: old PSWs,
// interruption codes, ILCs, TEIDs, storage keys, condition codes. Every program sets
// up its lowcore by hand (new PSWs are disabled waits at recognisable addresses, so the
// run stops with "disabled wait at 0x<new-PSW location + 0xf000>") and, for DAT, its
// own region/segment/page tables.

import { describe, expect, it } from 'vitest';
import { TABLE } from '@ztab/isa';
import { system } from './semantics/system.ts';
import { Cpu, DEFAULT_FACILITIES, SEMANTICS, createCpu, type IoHost, type IoInterruption } from './index.ts';
import { LC, CR0 } from './lowcore.ts';
import { PGM } from './pgm.ts';
import { RAM_BASE } from './state.ts';
import * as timers from './timers.ts';

const RAM = 4 << 20;

function hexBytes(hex: string): number[] {
  return hex.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16));
}

/** Absolute storage accessors (no DAT, no prefix). */
const abs = {
  w(c: Cpu, a: number, v: number) { c.dv.setUint32(RAM_BASE + a, v >>> 0); },
  r(c: Cpu, a: number) { return c.dv.getUint32(RAM_BASE + a); },
  h(c: Cpu, a: number) { return c.dv.getUint16(RAM_BASE + a); },
  b(c: Cpu, a: number) { return c.u8[RAM_BASE + a]!; },
  put(c: Cpu, a: number, hex: string) { hexBytes(hex).forEach((b, k) => { c.u8[RAM_BASE + a + k] = b; }); },
};

const NEW_PSWS = [LC.RESTART_NEW_PSW, LC.EXTERNAL_NEW_PSW, LC.SVC_NEW_PSW, LC.PROGRAM_NEW_PSW, LC.MCCK_NEW_PSW, LC.IO_NEW_PSW];

/**
 * A supervisor-state CPU, 64-bit, DAT off, with every new PSW a disabled wait at
 * 0xf000 + its location. GPR 9 = 0x9000 and GPR 10 = 0xa000 are the base registers of the
 * S-format operands below (hex '9100' is 0x100(%r9)).
 */
function machine(prefix = 0): Cpu {
  const c = createCpu(RAM);
  c.setGpr64(9, 0, 0x9000);
  c.setGpr64(10, 0, 0xa000);
  c.prefix = prefix;
  c.tlbFlush();
  for (const off of NEW_PSWS) {
    abs.w(c, prefix + off, 0x00020001);
    abs.w(c, prefix + off + 4, 0x80000000);
    abs.w(c, prefix + off + 8, 0);
    abs.w(c, prefix + off + 12, 0xf000 + off);
  }
  return c;
}

/** Put code at logical-as-absolute `a` and start there. */
function code(c: Cpu, a: number, hex: string): void {
  abs.put(c, a, hex);
  c.ia = a;
}

function oldPsw(c: Cpu, off: number, prefix = 0): number[] {
  return [0, 4, 8, 12].map((k) => abs.r(c, prefix + off + k));
}

/** Run until the CPU stops; returns the stop reason. */
function runToStop(c: Cpu, budget = 10000): string | null {
  c.run(budget);
  return c.stopReason;
}

const waitAt = (off: number) => `disabled wait at 0x${(0xf000 + off).toString(16)}`;

// ----------------------------------------------------------------------------- DAT tables

const SEG = 0x100000; // segment table (2048 entries)
let nextPt = 0x110000;

/** A segment-table ASCE for SEG with every entry invalid. */
function dat(c: Cpu): number {
  nextPt = 0x110000;
  for (let k = 0; k < 2048; k++) { abs.w(c, SEG + 8 * k, 0); abs.w(c, SEG + 8 * k + 4, 0x20); }
  return SEG | 0x3; // DT 00 (segment table), TL 3
}

/** Map virtual page v to real page r with extra page-table-entry bits. */
function map(c: Cpu, v: number, r: number, bits = 0): void {
  const sx = (v >>> 20) & 0x7ff, px = (v >>> 12) & 0xff;
  let ste = abs.r(c, SEG + 8 * sx + 4);
  if (ste & 0x20) {
    const pt = nextPt;
    nextPt += 0x800;
    for (let k = 0; k < 256; k++) { abs.w(c, pt + 8 * k, 0); abs.w(c, pt + 8 * k + 4, 0x400); }
    ste = pt;
    abs.w(c, SEG + 8 * sx + 4, ste);
  }
  const pt = ste & 0xfffff800;
  abs.w(c, pt + 8 * px + 4, (r | bits) >>> 0);
}

/** Primary-space ASCE into CR1, DAT on in the PSW. */
function datOn(c: Cpu, asce: number): void {
  c.cr[2] = asce;
  c.cr[3] = 0;
  c.setDat(true);
}

describe('program interruptions through the lowcore', () => {
  it('stores old PSW, ILC and code, and loads the program new PSW (operation exception)', () => {
    const c = machine();
    c.cc = 2;
    code(c, 0x8000, '0000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    // Suppressing: the old PSW points past the 2-byte instruction. CC 2 in bits 18-19.
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)).toEqual([0x00002001, 0x80000000, 0, 0x8002]);
    expect(abs.h(c, LC.PGM_ILC)).toBe(2);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.OPERATION);
  });

  it('goes through the prefix: the lowcore of a CPU with prefix 0x20000 is at absolute 0x20000', () => {
    const c = machine(0x20000);
    // stfl: first 32 facility bits at prefix + 200
    code(c, 0x8000, 'b2b10000 0000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.r(c, 0x20000 + 200) >>> 28).toBe(0xf); // facilities 0-3
    expect(abs.r(c, 200)).toBe(0);
    expect(abs.h(c, 0x20000 + LC.PGM_CODE)).toBe(PGM.OPERATION);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW, 0x20000)[3]).toBe(0x8006);
  });

  it('a data exception stores the DXC at 0x90, and in the FPC only with the AFP-register control', () => {
    for (const afp of [true, false]) {
      const c = machine();
      c.cr[0] = afp ? CR0.AFP : 0;
      c.fpc = 0;
      // cgite %r0,0 traps: a data exception with DXC 0xff
      code(c, 0x8000, 'ec0000008070');
      expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
      expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.DATA);
      expect(abs.r(c, LC.DATA_EXC_CODE)).toBe(0xff);
      expect(c.fpc).toBe(afp ? 0xff00 : 0);
    }
  });

  it('an invalid program new PSW stops the CPU instead of looping', () => {
    const c = machine();
    abs.w(c, LC.PROGRAM_NEW_PSW, 0x80000000); // bit 0 must be zero
    code(c, 0x8000, '0000');
    expect(runToStop(c)).toMatch(/invalid program new PSW/);
  });
});

describe('LPSW, LPSWE, system mask', () => {
  it('LPSWE loads a 16-byte PSW; a PSW with bit 12 on is an early specification exception with ILC 0', () => {
    const c = machine();
    // psw at 0x9000: 64-bit, CC 1, address 0xa000 (where an SVC 5 waits)
    abs.w(c, 0x9000, 0x00001001); abs.w(c, 0x9004, 0x80000000); abs.w(c, 0x9008, 0); abs.w(c, 0x900c, 0xa000);
    abs.put(c, 0xa000, '0a05');
    code(c, 0x8000, 'b2b29000');
    expect(runToStop(c)).toBe(waitAt(LC.SVC_NEW_PSW));
    expect(abs.h(c, LC.SVC_CODE)).toBe(5);
    expect(abs.h(c, LC.SVC_ILC)).toBe(2);
    expect(oldPsw(c, LC.SVC_OLD_PSW)).toEqual([0x00001001, 0x80000000, 0, 0xa002]);

    const d = machine();
    abs.w(d, 0x9000, 0x00081001); abs.w(d, 0x9004, 0x80000000); abs.w(d, 0x9008, 0); abs.w(d, 0x900c, 0xa000);
    code(d, 0x8000, 'b2b29000');
    expect(runToStop(d)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(d, LC.PGM_CODE)).toBe(PGM.SPECIFICATION);
    expect(abs.h(d, LC.PGM_ILC)).toBe(0);
    expect(oldPsw(d, LC.PROGRAM_OLD_PSW)).toEqual([0x00081001, 0x80000000, 0, 0xa000]);
  });

  it('LPSW takes an ESA/390 short PSW (bit 12 one) into 31-bit mode', () => {
    const c = machine();
    abs.w(c, 0x9000, 0x00080000 | 0x00002000); abs.w(c, 0x9004, 0x8000a000);
    abs.put(c, 0xa000, '0a07');
    code(c, 0x8000, '82009000');
    expect(runToStop(c)).toBe(waitAt(LC.SVC_NEW_PSW));
    expect(oldPsw(c, LC.SVC_OLD_PSW)).toEqual([0x00002000, 0x80000000, 0, 0xa002]);
  });

  it('LPSW operand must be doubleword aligned (specification, suppressed)', () => {
    const c = machine();
    code(c, 0x8000, '82009004');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.SPECIFICATION);
    expect(abs.h(c, LC.PGM_ILC)).toBe(4);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[3]).toBe(0x8004);
  });

  it('STNSM stores the old system mask and ANDs; STOSM ORs; SSM loads', () => {
    const c = machine();
    c.io = true; c.ext = true; // mask 0x03
    // stosm 0x9000,0x04 (DAT bit) is avoided; stnsm 0x9000,0xfe ; stosm 0x9001,0x01 ; ssm 0x9002
    c.u8[RAM_BASE + 0x9002] = 0x02;
    code(c, 0x8000, 'acfe9000 ad019001 80009002 0000');
    runToStop(c);
    expect(abs.b(c, 0x9000)).toBe(0x03);
    expect(abs.b(c, 0x9001)).toBe(0x02);
    // after SSM 0x02 (I/O only): the operation exception's old PSW shows mask byte 0x02
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[0]! >>> 24).toBe(0x02);
  });

  it('privileged instructions in the problem state are privileged-operation exceptions', () => {
    const c = machine();
    c.prob = true;
    code(c, 0x8000, 'b2109000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PRIVILEGED);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)).toEqual([0x00010001, 0x80000000, 0, 0x8004]);
  });
});

describe('control registers, prefix, identity', () => {
  it('LCTLG/STCTG round-trip with wraparound from CR15 to CR0', () => {
    const c = machine();
    for (let k = 0; k < 2; k++) { abs.w(c, 0x9000 + 8 * k, 0x11110000 + k); abs.w(c, 0x9004 + 8 * k, 0x22220000 + k); }
    // lctlg %c15,%c0,0x9000 ; stctg %c15,%c0,0xa000 ; stctl %c15,%c0,0xa100
    code(c, 0x8000, 'eb f0 9000 00 2f eb f0 a000 00 25 b6 f0 a100 0000'.replace(/ /g, ''));
    runToStop(c);
    expect([c.cr[31], c.cr[30], c.cr[1], c.cr[0]]).toEqual([0x11110000, 0x22220000, 0x11110001, 0x22220001]);
    expect([abs.r(c, 0xa000), abs.r(c, 0xa004), abs.r(c, 0xa008), abs.r(c, 0xa00c)]).toEqual([0x11110000, 0x22220000, 0x11110001, 0x22220001]);
    expect([abs.r(c, 0xa100), abs.r(c, 0xa104)]).toEqual([0x22220000, 0x22220001]);
  });

  it('SPX moves the lowcore; STPX, STAP, STIDP store identity', () => {
    const c = machine();
    abs.w(c, 0x9000, 0x0003e000 | 0x1fff); // low bits ignored
    // spx 0x9000 ; stpx 0x9004 ; stap 0x9008 ; stidp 0x9010 ; (then op exception)
    code(c, 0x8000, 'b2109000 b2119004 b2129008 b2029010 0000');
    // The new lowcore must have its own program new PSW.
    for (const off of NEW_PSWS) {
      abs.w(c, 0x3e000 + off, 0x00020001); abs.w(c, 0x3e000 + off + 4, 0x80000000);
      abs.w(c, 0x3e000 + off + 8, 0); abs.w(c, 0x3e000 + off + 12, 0xe000 + off);
    }
    c.run(100);
    expect(c.prefix).toBe(0x3e000);
    // Storing to logical 0x9000.. is unaffected (not in the first 8 KiB).
    expect(abs.r(c, 0x9004)).toBe(0x3e000);
    expect(abs.h(c, 0x9008)).toBe(0);
    expect(abs.r(c, 0x9014) >>> 16).toBe(0x2817);
    expect(abs.h(c, 0x3e000 + LC.PGM_CODE)).toBe(PGM.OPERATION);
    expect(c.stopReason).toBe('disabled wait at 0xe1d0');
  });

  it('SPX beyond storage is an addressing exception and leaves the prefix', () => {
    const c = machine();
    abs.w(c, 0x9000, RAM);
    code(c, 0x8000, 'b2109000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.ADDRESSING);
    expect(c.prefix).toBe(0);
  });
});

describe('DAT', () => {
  it('translates through segment and page tables and reports a page-translation exception with TEID, nullifying', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x12345000, 0x200000);
    c.u8[RAM_BASE + 0x200123] = 0x5a;
    datOn(c, asce);
    c.setGpr64(1, 0, 0x12345000);
    c.setGpr64(3, 0, 0x12346000); // not mapped
    // ic %r2,0x123(%r1) ; ic %r4,0(%r3)
    code(c, 0x8000, '43201123 43403000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(c.r[4]! & 0xff).toBe(0x5a);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PAGE_TRANSLATION);
    expect(abs.h(c, LC.PGM_ILC)).toBe(4);
    // Nullified: the old PSW points at the IC; DAT bit (5) on.
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)).toEqual([0x04000001, 0x80000000, 0, 0x8004]);
    // TEID: page address, fetch (bit 52), primary space (bits 62-63 = 0).
    expect([abs.r(c, LC.TEID), abs.r(c, LC.TEID + 4)]).toEqual([0, 0x12346800]);
  });

  it('segment-translation, ASCE-type and translation-specification exceptions; home space in the TEID', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    // Home space: the same tables; stores go to an unmapped segment.
    c.cr[26] = asce; // CR13
    c.setDat(true);
    c.cr[2] = asce;
    c.setAsc(3);
    c.setGpr64(1, 0, 0x7ff00000);
    code(c, 0x8000, '92aa1000'); // mvi 0(%r1),0xaa
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.SEGMENT_TRANSLATION);
    expect(abs.r(c, LC.TEID + 4)).toBe((0x7ff00000 | 0x400 | 3) >>> 0);

    const d = machine();
    const a2 = dat(d);
    map(d, 0x8000, 0x8000);
    datOn(d, a2);
    d.setGpr64(1, 1, 0); // 4 GiB: beyond what a segment-table ASCE can translate
    code(d, 0x8000, '43201000');
    expect(runToStop(d)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(d, LC.PGM_CODE)).toBe(PGM.ASCE_TYPE);
    expect([abs.r(d, LC.TEID), abs.r(d, LC.TEID + 4)]).toEqual([1, 0x800]);

    const e = machine();
    const a3 = dat(e);
    map(e, 0x8000, 0x8000);
    map(e, 0x300000, 0x300000, 0x800); // bit 52 of a PTE must be zero
    datOn(e, a3);
    e.setGpr64(1, 0, 0x300000);
    code(e, 0x8000, '43201000');
    expect(runToStop(e)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(e, LC.PGM_CODE)).toBe(PGM.TRANSLATION_SPEC);
  });

  it('region-third table with table offset/length checks and an EDAT-1 large page', () => {
    const c = machine();
    const R3 = 0x180000, S = 0x184000, P = 0x188000;
    for (let k = 0; k < 2048; k++) { abs.w(c, R3 + 8 * k, 0); abs.w(c, R3 + 8 * k + 4, 0x24); abs.w(c, S + 8 * k, 0); abs.w(c, S + 8 * k + 4, 0x20); }
    for (let k = 0; k < 256; k++) { abs.w(c, P + 8 * k, 0); abs.w(c, P + 8 * k + 4, 0x400); }
    // RTX 0 -> segment table S, TF 0, TL 3 (TT 01 = region third)
    abs.w(c, R3 + 4, S | 0x04 | 0x3);
    // segment 0 -> page table P; page 8 -> code
    abs.w(c, S + 4, P); abs.w(c, P + 8 * 8 + 4, 0x8000);
    // segment 5 (0x500000) -> large page at absolute 0x300000 with FC (bit 53)
    abs.w(c, S + 8 * 5 + 4, 0x300000 | 0x400);
    c.u8[RAM_BASE + 0x300000 + 0x12345] = 0x77;
    // RTX 1 (2 GiB..4 GiB): region-third entry with TL 0 -> segment index 0x800.. beyond: see below
    abs.w(c, R3 + 8 + 4, S | 0x04 | 0x0);
    c.cr[0] |= CR0.EDAT;
    datOn(c, R3 | 0x04 | 0x3);
    c.setGpr64(1, 0, 0x512000);
    c.setGpr64(3, 0, 0x80000000 + 0x40000000); // RTX 1, SX 0x400: top bits 2 > TL 0
    // ic %r4,0x345(%r1) ; ic %r4,0(%r3)
    code(c, 0x8000, '43401345 43403000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(c.r[8]! & 0xff).toBe(0x77);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.SEGMENT_TRANSLATION);
  });

  it('DAT protection (page P bit) is a suppressing protection exception with TEID bit 61; fetch works', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x400000, 0x300000, 0x200);
    abs.w(c, 0x300000, 0xcafe);
    datOn(c, asce);
    c.setGpr64(1, 0, 0x400000);
    code(c, 0x8000, '58201000 50201004');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(c.r[4]).toBe(0xcafe);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PROTECTION);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[3]).toBe(0x8008);
    expect(abs.r(c, LC.TEID + 4)).toBe((0x400000 | 0x400 | 0x4) >>> 0);
  });

  it('IPTE invalidates the page-table entry and the TLB; LCTLG with a new ASCE flushes', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x400000, 0x300000);
    datOn(c, asce);
    c.setGpr64(1, 0, 0x400000);
    c.setGpr64(5, 0, abs.r(c, SEG + 8 * 4 + 4)); // page-table origin of segment 4
    // l %r2,0(%r1) ; ipte %r5,%r1 ; l %r2,0(%r1)
    code(c, 0x8000, '58201000 b2210051 58201000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PAGE_TRANSLATION);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[3]).toBe(0x8008);
  });

  it('the TLB keeps the primary and home spaces apart across switches (no stale translation)', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x400000, 0x300000);
    abs.w(c, 0x300000, 0x11111111);
    abs.w(c, 0x301000, 0x22222222);
    // A second segment table for the home space: the same code page, 0x400000 -> 0x301000.
    const HOME = 0x1a0000;
    for (let k = 0; k < 2048; k++) { abs.w(c, HOME + 8 * k, 0); abs.w(c, HOME + 8 * k + 4, abs.r(c, SEG + 8 * k + 4)); }
    const PT2 = 0x1a8000;
    for (let k = 0; k < 256; k++) { abs.w(c, PT2 + 8 * k, 0); abs.w(c, PT2 + 8 * k + 4, 0x400); }
    abs.w(c, PT2 + 4, 0x301000);
    abs.w(c, HOME + 8 * 4 + 4, PT2);
    c.cr[26] = HOME | 3;
    datOn(c, asce);
    c.setGpr64(1, 0, 0x400000);
    // l %r2,0(%r1) ; sac 0x300 (home) ; l %r3,0(%r1) ; sac 0 ; l %r4,0(%r1) ; sac 0x300 ; l %r5,0(%r1)
    code(c, 0x8000, '58201000 b2190300 58301000 b2190000 58401000 b2190300 58501000 0000');
    runToStop(c);
    expect([c.r[4], c.r[6], c.r[8], c.r[10]]).toEqual([0x11111111, 0x22222222, 0x11111111, 0x22222222]);
  });

  it('LRA/LRAG: CC 0 real address, CC 1 invalid segment entry address, CC 2 invalid page entry, CC 3 code', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x400000, 0x300000);
    abs.w(c, SEG + 8 * 4 + 4, abs.r(c, SEG + 8 * 4 + 4)); // keep
    datOn(c, asce);
    c.setDat(false); // LRA translates even with DAT off
    c.setGpr64(1, 0, 0x400000);
    c.setGpr64(3, 0, 0x401000);
    c.setGpr64(5, 0, 0x600000);
    c.setGpr64(7, 1, 0);
    // lrag %r2,0x10(%r1) ; ipm %r8 ; lrag %r4,0(%r3) ; ipm %r9 ; lra %r6,0(%r5) ; ipm %r10 ; lrag %r11,0(%r7); ipm %r12
    code(c, 0x8000, 'e32010100003 b2220080 e34030000003 b2220090 b1605000 b22200a0 e3b070000003 b22200c0 0000');
    runToStop(c);
    expect(c.gpr(2)).toBe(0x300010);
    expect((c.r[16]! >>> 28) & 3).toBe(0);
    const pte = (abs.r(c, SEG + 8 * 4 + 4) & 0xfffff800) + 8;
    expect(c.gpr(4)).toBe(pte);
    expect((c.r[18]! >>> 28) & 3).toBe(2);
    expect(c.r[12]).toBe(SEG + 8 * 6);
    expect((c.r[20]! >>> 28) & 3).toBe(1);
    expect(c.r[22]).toBe((0x80000000 | PGM.ASCE_TYPE) >>> 0);
    expect((c.r[24]! >>> 28) & 3).toBe(3);
  });

  it('TPROT: CC 0 / 1 (DAT-protected) / 2 (fetch-protected key) / 3 (not translatable)', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x400000, 0x300000);
    map(c, 0x401000, 0x301000, 0x200);
    map(c, 0x402000, 0x302000);
    c.keys[0x302] = 0x38; // key 3, fetch protected
    datOn(c, asce);
    c.setGpr64(1, 0, 0x400000);
    c.setGpr64(2, 0, 0x401000);
    c.setGpr64(3, 0, 0x402000);
    c.setGpr64(4, 0, 0x403000);
    // tprot 0(%r1),0 ; ipm %r6 ; tprot 0(%r2),0 ; ipm %r7 ; tprot 0(%r3),0x20 ; ipm %r8 ; tprot 0(%r4),0 ; ipm %r11
    code(c, 0x8000, 'e50110000000 b2220060 e50120000000 b2220070 e50130000020 b2220080 e50140000000 b22200b0 0000');
    runToStop(c);
    expect([6, 7, 8, 11].map((r) => (c.r[2 * r]! >>> 28) & 3)).toEqual([0, 1, 2, 3]);
  });
});

describe('protection and storage keys', () => {
  it('low-address protection: stores to 0-511 fail with TEID bit 56, 512 up succeed', () => {
    const c = machine();
    c.cr[0] |= CR0.LAP;
    // mvi 0x200,1 ; mvi 0x100,1
    code(c, 0x8000, '92010200 92010100');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.b(c, 0x200)).toBe(1);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PROTECTION);
    expect(abs.r(c, LC.TEID + 4) & 0x80).toBe(0x80);
    expect(abs.b(c, 0x100)).toBe(0);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[3]).toBe(0x8008);
  });

  it('key-controlled protection: store needs a matching key, fetch only if fetch-protected; key 0 passes', () => {
    const c = machine();
    c.setGpr64(1, 0, 0x30000);
    c.setGpr64(2, 0, 0x30);   // key 3
    c.setGpr64(3, 0, 0x31000);
    c.setGpr64(4, 0, 0x48);   // key 4, fetch protected
    // sske %r2,%r1 ; sske %r4,%r3 ; spka 0x30 ; mvi 0(%r1),1 ; spka 0x20 ; l %r5,0(%r1) ; l %r6,0(%r3)
    code(c, 0x8000, 'b22b0021 b22b0043 b20a0030 92011000 b20a0020 58501000 58603000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.b(c, 0x30000)).toBe(1);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PROTECTION);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)).toEqual([0x00200001, 0x80000000, 0, 0x801c]);
    expect(c.r[10]).toBe(0x01000000);
  });

  it('ISKE shows reference and change bits set by accesses; RRBE returns them as the CC and resets R', () => {
    const c = machine();
    c.setGpr64(1, 0, 0x30000);
    c.setGpr64(3, 0, 0x31000);
    // l %r5,0(%r1) ; st %r5,0(%r3) ; iske %r6,%r1 ; iske %r7,%r3 ; rrbe 0,%r3 ; ipm %r8 ; iske %r9,%r3
    code(c, 0x8000, '58501000 50503000 b2290061 b2290073 b22a0003 b2220080 b2290093 0000');
    runToStop(c);
    expect(c.r[12]! & 0xff).toBe(0x04);
    expect(c.r[14]! & 0xff).toBe(0x06);
    expect((c.r[16]! >>> 28) & 3).toBe(3);
    expect(c.r[18]! & 0xff).toBe(0x02);
  });

  it('SSKE with the multiple-block option sets every key up to the next 1 MiB boundary and advances R2', () => {
    const c = machine();
    c.setGpr64(1, 0, 0x50);
    c.setGpr64(2, 0, 0x1ff000 - 0x3000);
    // sske %r1,%r2,1
    code(c, 0x8000, 'b22b1012 0000');
    runToStop(c);
    expect(c.gpr(2)).toBe(0x200000);
    expect([c.keys[0x1fb], c.keys[0x1fc], c.keys[0x1ff], c.keys[0x200]]).toEqual([0, 0x50, 0x50, 0]);
  });

  it('PFMF sets the key of and clears every frame of a 1 MiB frame, advancing R2', () => {
    const c = machine();
    c.u8.fill(0xee, RAM_BASE + 0x100000, RAM_BASE + 0x200000);
    // SK (bit 44), CF (bit 45), FSC 1, key 0x60
    c.setGpr64(1, 0, 0x80000 | 0x40000 | 0x1000 | 0x60);
    c.setGpr64(2, 0, 0x100000);
    code(c, 0x8000, 'b9af0012 0000');
    runToStop(c);
    expect(c.gpr(2)).toBe(0x200000);
    expect(c.keys[0x100]).toBe(0x60);
    expect(c.keys[0x1ff]).toBe(0x60);
    expect(c.keys[0x200]).toBe(0);
    expect(c.u8.subarray(RAM_BASE + 0x100000, RAM_BASE + 0x200000).every((b) => b === 0)).toBe(true);
  });
});

describe('MVCOS', () => {
  it('moves from the secondary space to the home space with the OAC, CC 3 beyond 4096 bytes', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x500000, 0x300000);
    abs.put(c, 0x300000, '0102030405060708');
    // home space: an identity map of the target page
    map(c, 0x9000, 0x9000);
    c.cr[14] = asce; // CR7 secondary
    c.cr[26] = asce; // CR13 home
    datOn(c, asce);
    c.setAsc(3);
    c.r[0] = (0x0001 << 16) | 0x0081; // OAC1: A, home? as=0 (primary); OAC2: as=secondary (10), A
    c.setGpr64(1, 0, 0x9000);
    c.setGpr64(2, 0, 0x500000);
    c.setGpr64(3, 0, 5);
    // mvcos 0(%r1),0(%r2),%r3 ; ipm %r4 ; lghi %r3,5000 ; mvcos 0(%r1),0(%r2),%r3 ; ipm %r5
    code(c, 0x8000, 'c83010002000 b2220040 a739 1388 c83010002000 b2220050 0000');
    runToStop(c);
    // The second MVCOS (length 5000) moved 4096 bytes: all eight.
    expect([...c.u8.subarray(RAM_BASE + 0x9000, RAM_BASE + 0x9008)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((c.r[8]! >>> 28) & 3).toBe(0);
    expect((c.r[10]! >>> 28) & 3).toBe(3);
  });
});

describe('timers and external interruptions', () => {
  it('clock comparator: pending once the TOD clock passes it, only with PSW bit 7 and CR0 bit 52', () => {
    const c = machine();
    c.cr[0] |= CR0.CKC;
    // stck 0x9000 ; sckc 0x9000 ; stosm 0x9100,0x01 ; j .
    code(c, 0x8000, 'b2059000 b2069000 ad019100 a7f40000');
    expect(runToStop(c, 1_000_000)).toBe(waitAt(LC.EXTERNAL_NEW_PSW));
    expect(abs.h(c, LC.EXT_INT_CODE)).toBe(0x1004);
    const old = oldPsw(c, LC.EXTERNAL_OLD_PSW);
    expect(old[0]! >>> 24).toBe(0x01);
    expect(old[3]).toBeGreaterThanOrEqual(0x800c);
  });

  it('CPU timer: negative timer interrupts with code 0x1005; STPT reads a decreasing value', () => {
    const c = machine();
    c.cr[0] |= CR0.CPU_TIMER;
    abs.w(c, 0x9000, 0); abs.w(c, 0x9004, 4096 * 2000); // 2 milliseconds
    // spt 0x9000 ; stpt 0x9010 ; stosm 0x9100,0x01 ; j .
    code(c, 0x8000, 'b2089000 b2099010 ad019100 a7f40000');
    expect(runToStop(c, 50_000_000)).toBe(waitAt(LC.EXTERNAL_NEW_PSW));
    expect(abs.h(c, LC.EXT_INT_CODE)).toBe(0x1005);
    // The timer follows host time, so a descheduled host may already have run it
    // negative by the STPT: compare the stored value as a signed 64-bit number.
    const stored = (abs.r(c, 0x9010) | 0) * 2 ** 32 + abs.r(c, 0x9014);
    expect(stored).toBeLessThanOrEqual(4096 * 2000);
  });

  it('an enabled wait returns with `waiting` and a wake-up time; a disabled wait stops', () => {
    const c = machine();
    c.cr[0] |= CR0.CKC;
    c.ckcHi = 0xffffffff; c.ckcLo = 0xffffffff;
    const w = { hi: 0x01020001 | 0x00020000 };
    abs.w(c, 0x9000, w.hi); abs.w(c, 0x9004, 0x80000000); abs.w(c, 0x9008, 0); abs.w(c, 0x900c, 0x8100);
    code(c, 0x8000, 'b2b29000');
    c.run(100);
    expect(c.waiting).toBe(true);
    expect(c.stopReason).toBe(null);
    expect(c.wakeAt()).toBeGreaterThan(performance.now() + 1e6);
    // Now make the comparator due: the next run delivers the interruption from the wait.
    c.ckcHi = 0; c.ckcLo = 0;
    expect(runToStop(c)).toBe(waitAt(LC.EXTERNAL_NEW_PSW));
    expect(oldPsw(c, LC.EXTERNAL_OLD_PSW)).toEqual([w.hi, 0x80000000, 0, 0x8100]);
  });

  it('SIGP: emergency signal to itself, sense, stop, invalid CPU address', () => {
    const c = machine();
    c.cr[0] |= CR0.EMERGENCY;
    c.setGpr64(3, 0, 0); // CPU address 0
    c.setGpr64(5, 0, 7);
    // sigp %r2,%r3,3 (emergency) ; ipm %r6 ; sigp %r2,%r5,1 (sense cpu 7) ; ipm %r7 ; stosm 0x9100,1
    code(c, 0x8000, 'ae230003 b2220060 ae250001 b2220070 ad019100 0000');
    expect(runToStop(c)).toBe(waitAt(LC.EXTERNAL_NEW_PSW));
    expect((c.r[12]! >>> 28) & 3).toBe(0);
    expect((c.r[14]! >>> 28) & 3).toBe(3);
    expect(abs.h(c, LC.EXT_INT_CODE)).toBe(0x1201);
    expect(abs.h(c, LC.EXT_CPU_ADDR)).toBe(0);

    const d = machine();
    d.setGpr64(3, 0, 0);
    code(d, 0x8000, 'ae230005 0000');
    d.run(100);
    expect(d.stopped).toBe(true);
    expect(d.ia).toBe(0x8004);
  });

  it('SIGP to a second, stopped CPU: sense reports stopped, set prefix, restart starts it', () => {
    const c = machine();
    const c1 = new Cpu({ memory: c.memory, ramSize: RAM, index: 1, facilities: DEFAULT_FACILITIES, cpus: c.cpus, keys: c.keys }, SEMANTICS);
    c1.stopped = true;
    expect(c.cpus[1]).toBe(c1);
    c.setGpr64(3, 0, 1);
    c.setGpr64(5, 0, 0x40000); // prefix for CPU 1
    // sigp %r4,%r3,1 (sense) -> CC1 status stopped ; ipm %r6 ; sigp %r4,%r3,0xd (set prefix, param in r5)
    // sigp %r4,%r3,1 ; ipm %r6 ; sigp %r5,%r3,0xd ; ipm %r7 ; sigp %r4,%r3,6 (restart)
    code(c, 0x8000, 'ae430001 b2220060 ae53000d b2220070 ae430006 0000');
    runToStop(c);
    expect((c.r[12]! >>> 28) & 3).toBe(1);
    expect(c.r[8]).toBe(0x40);
    expect((c.r[14]! >>> 28) & 3).toBe(0);
    expect(c1.prefix).toBe(0x40000);
    expect(c1.restartPending).toBe(true);
  });
});

/** An I/O host that records what the CPU asked and answers from a script. */
class ScriptedHost implements IoHost {
  calls: string[] = [];
  io: IoInterruption[] = [];
  service = -1;
  servc(command: number, sccb: number) { this.calls.push(`servc ${command.toString(16)} ${sccb.toString(16)}`); this.service = sccb; return 0; }
  ssch(s: number, orb: number) { this.calls.push(`ssch ${s.toString(16)} ${orb.toString(16)}`); return 0; }
  stsch(s: number, schib: number) { this.calls.push(`stsch ${s.toString(16)} ${schib.toString(16)}`); return 3; }
  msch() { return 0; }
  tsch() { return 1; }
  csch() { return 0; }
  hsch() { return 0; }
  xsch() { return 0; }
  rsch() { return 0; }
  stcrw() { return 1; }
  chsc() { return 0; }
  diag500Gpr2Hi = 0;
  diag500Gpr2Lo = 0;
  diag500(fn: number, _a: number, a2: number) { this.calls.push(`diag500 ${fn} ${a2}`); this.diag500Gpr2Lo = 42; return 0; }
  takeIo(mask: number) {
    const k = this.io.findIndex((x) => (mask & (0x80 >>> ((x.word >>> 27) & 7))) !== 0);
    return k < 0 ? null : this.io.splice(k, 1)[0]!;
  }
  ioPending(mask: number) { return this.io.some((x) => (mask & (0x80 >>> ((x.word >>> 27) & 7))) !== 0); }
  takeServiceSignal() { const s = this.service; this.service = -1; return s < 0 ? -1 : s | 1; }
  serviceSignalPending() { return this.service >= 0; }
  nextDeadline() { return Infinity; }
}

describe('I/O instructions and interruptions', () => {
  it('SSCH passes GR1 and the ORB address; an invalid subsystem id is an operand exception', () => {
    const c = machine();
    const h = new ScriptedHost();
    c.ioHost = h;
    c.setGpr64(1, 0, 0x00010005);
    // ssch 0x9000 ; ipm %r2 ; stsch 0x9100 ; ipm %r3 ; lhi %r1,5 ; ssch 0x9000
    code(c, 0x8000, 'b2339000 b2220020 b2349100 b2220030 a7180005 b2339000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(h.calls).toEqual(['ssch 10005 9000', 'stsch 10005 9100']);
    expect((c.r[4]! >>> 28) & 3).toBe(0);
    expect((c.r[6]! >>> 28) & 3).toBe(3);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.OPERAND);
  });

  it('an I/O interruption is delivered only when PSW bit 6 and the CR6 ISC mask allow it', () => {
    const c = machine();
    const h = new ScriptedHost();
    c.ioHost = h;
    h.io.push({ sid: 0x00010003, param: 0x12345678, word: 3 << 27 }); // ISC 3
    c.cr[12] = 0x80000000; // only ISC 0
    // stosm 0x9100,0x02 ; lctl %c6,%c6,0x9200 ; j .
    abs.w(c, 0x9200, 0x10000000); // ISC 3
    code(c, 0x8000, 'ad029100 b7669200 a7f40000');
    expect(runToStop(c)).toBe(waitAt(LC.IO_NEW_PSW));
    expect([abs.r(c, LC.SUBCHANNEL_ID), abs.r(c, LC.IO_INT_PARM), abs.r(c, LC.IO_INT_WORD)]).toEqual([0x00010003, 0x12345678, 3 << 27]);
    expect(oldPsw(c, LC.IO_OLD_PSW)).toEqual([0x02000001, 0x80000000, 0, 0x8008]);
  });

  it('TPI with address 0 stores to the lowcore; SERVC checks the SCCB and raises the service signal', () => {
    const c = machine();
    const h = new ScriptedHost();
    c.ioHost = h;
    h.io.push({ sid: 0x00010001, param: 7, word: 0 });
    c.cr[12] = 0x80000000;
    c.cr[0] |= CR0.SERVICE;
    c.setGpr64(1, 0, 0x00020001);
    c.setGpr64(2, 0, 0x9000);
    // tpi 0 ; ipm %r3 ; servc %r1,%r2 ; stosm 0x9100,1
    code(c, 0x8000, 'b2360000 b2220030 b2200012 ad019100 0000');
    expect(runToStop(c)).toBe(waitAt(LC.EXTERNAL_NEW_PSW));
    expect((c.r[6]! >>> 28) & 3).toBe(1);
    expect([abs.r(c, LC.SUBCHANNEL_ID), abs.r(c, LC.IO_INT_PARM)]).toEqual([0x00010001, 7]);
    expect(h.calls).toEqual(['servc 20001 9000']);
    expect(abs.h(c, LC.EXT_INT_CODE)).toBe(0x2401);
    expect(abs.r(c, LC.EXT_PARAMS)).toBe(0x9001);

    const d = machine();
    d.ioHost = new ScriptedHost();
    d.setGpr64(2, 0, 0x1000); // in the first 8 KiB
    code(d, 0x8000, 'b2200012');
    expect(runToStop(d)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(d, LC.PGM_CODE)).toBe(PGM.SPECIFICATION);
  });

  it('DIAGNOSE: 0x44 is a no-op, 0x500 calls the host, 0x308 store without parameters, unknown codes specification', () => {
    const c = machine();
    const h = new ScriptedHost();
    c.ioHost = h;
    c.setGpr64(1, 0, 3);
    c.setGpr64(2, 0, 9);
    c.setGpr64(4, 0, 0x20000);
    c.setGpr64(6, 0, 6);
    // diag 0,0,0x44 ; diag %r2,%r4,0x500 ; diag %r4,%r6,0x308 ; diag 0,0,0x123
    code(c, 0x8000, '83000044 83240500 83460308 83000123');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(h.calls).toEqual(['diag500 3 9']);
    expect(c.gpr(2)).toBe(42);
    expect(c.gpr(5)).toBe(0x0102);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.SPECIFICATION);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[3]).toBe(0x8010);
  });
});

describe('STSI', () => {
  it('function code 0 reports level 3; 3.2.2 names a KVM/Linux guest; 2.2.3 is CC 3', () => {
    const run = (r0: number, r1: number) => {
      const d = machine();
      d.setGpr64(0, 0, r0); d.setGpr64(1, 0, r1);
      d.setGpr64(2, 0, 0x20000);
      code(d, 0x8000, 'b27d2000 b2220030 0000');
      runToStop(d);
      return d;
    };
    const l0 = run(0, 0);
    expect(l0.r[0]).toBe(0x30000000);
    const l3 = run(0x30000002, 2);
    expect((l3.r[6]! >>> 28) & 3).toBe(0);
    const cpi = [...l3.u8.subarray(RAM_BASE + 0x20000 + 32 + 24, RAM_BASE + 0x20000 + 32 + 33)];
    expect(cpi).toEqual([0xd2, 0xe5, 0xd4, 0x61, 0xd3, 0x89, 0x95, 0xa4, 0xa7]); // "KVM/Linux" in EBCDIC
    expect(l3.u8[RAM_BASE + 0x20000 + 31]).toBe(1);
    const bad = run(0x20000002, 3);
    expect((bad.r[6]! >>> 28) & 3).toBe(3);
    const l111 = run(0x10000001, 1);
    expect([...l111.u8.subarray(RAM_BASE + 0x20000 + 48, RAM_BASE + 0x20000 + 52)]).toEqual([0xf2, 0xf8, 0xf1, 0xf7]);
  });
});

describe('more control instructions', () => {
  it('SCKC/STCKC round-trip; SCK moves the TOD clock by an epoch difference STCK-like reads see', () => {
    const c = machine();
    abs.w(c, 0x9000, 0x12345678); abs.w(c, 0x9004, 0x9abcdef0);
    abs.w(c, 0x9010, 0x00000001); abs.w(c, 0x9014, 0x00000000); // TOD value 2^32 units (~1 s after 1900)
    // sckc 0(%r9) ; stckc 8(%r9) ; sck 0x10(%r9) ; ipm %r2
    code(c, 0x8000, 'b2069000 b2079008 b2049010 b2220020 0000');
    runToStop(c);
    expect([abs.r(c, 0x9008), abs.r(c, 0x900c)]).toEqual([0x12345678, 0x9abcdef0]);
    expect((c.r[4]! >>> 28) & 3).toBe(0);
    // The clock now reads just above what SCK set (host time moved on a little).
    const { todRead, T } = timers;
    const lo = todRead(c);
    expect(T.hi).toBe(1);
    expect(lo).toBeLessThan(4096 * 1_000_000);
  });

  it('SPKA needs the PSW-key mask in the problem state; IPK needs the extraction-authority control', () => {
    const c = machine();
    c.prob = true;
    c.cr[6] = 0x20000000; // PSW-key mask: key 2 only
    // spka 0x20 ; spka 0x30
    code(c, 0x8000, 'b20a0020 b20a0030');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PRIVILEGED);
    expect(oldPsw(c, LC.PROGRAM_OLD_PSW)[0]).toBe(0x00210001);
    const d = machine();
    d.prob = true;
    code(d, 0x8000, 'b20b0000');
    expect(runToStop(d)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(abs.h(d, LC.PGM_CODE)).toBe(PGM.PRIVILEGED);
  });

  it('SAC: special operation with DAT off or a secondary space without CR0 bit 37; specification for bad codes', () => {
    for (const [dat, cr0, codeHex, pgm] of [[false, 0, 'b2190000', PGM.SPECIAL_OPERATION], [true, 0, 'b2190100', PGM.SPECIAL_OPERATION], [true, 0, 'b2190400', PGM.SPECIFICATION]] as const) {
      const c = machine();
      c.cr[0] = cr0;
      if (dat) datOn(c, 0x20); // real-space designation
      code(c, 0x8000, codeHex);
      expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
      expect(abs.h(c, LC.PGM_CODE)).toBe(pgm);
    }
  });

  it('SIGP stop and store status stores the z/Architecture save area at absolute 0x1200', () => {
    const c = machine();
    const c1 = new Cpu({ memory: c.memory, ramSize: RAM, index: 1, facilities: DEFAULT_FACILITIES, cpus: c.cpus, keys: c.keys }, SEMANTICS);
    c1.setGpr64(7, 0x01234567, 0x89abcdef);
    c1.prefix = 0x40000;
    c1.ia = 0x5000;
    c1.cr[0] = 0x11223344;
    c.setGpr64(3, 0, 1);
    // sigp %r4,%r3,9
    code(c, 0x8000, 'ae430009 0000');
    runToStop(c);
    expect(c1.stopped).toBe(true);
    expect([abs.r(c, 0x1280 + 56), abs.r(c, 0x1280 + 60)]).toEqual([0x01234567, 0x89abcdef]);
    expect(abs.r(c, 0x1318)).toBe(0x40000);
    expect(abs.r(c, 0x130c)).toBe(0x5000);
    expect(abs.r(c, 0x1384)).toBe(0x11223344);
    expect(abs.b(c, 163)).toBe(1);
  });

  it('a restart interruption puts a stopped CPU back to work through the restart new PSW', () => {
    const c = machine();
    c.stopped = true;
    c.ia = 0x8000;
    expect(c.run(10)).toBe(0);
    c.restartPending = true;
    expect(runToStop(c)).toBe(waitAt(LC.RESTART_NEW_PSW));
    expect(oldPsw(c, LC.RESTART_OLD_PSW)).toEqual([0x00000001, 0x80000000, 0, 0x8000]);
    expect(c.stopped).toBe(false);
  });

  it('DIAGNOSE 0x308: set stores a CCW parameter block, store gives it back; odd R1 is a specification exception', () => {
    const c = machine();
    c.machine = { iplb: null };
    abs.w(c, 0x20000, 200); // length
    c.u8[RAM_BASE + 0x2000c] = 2; // CCW type
    abs.w(c, 0x20010, 0xabcdef01);
    c.setGpr64(2, 0, 0x20000);
    c.setGpr64(4, 0, 5);
    c.setGpr64(6, 0, 0x21000);
    c.setGpr64(8, 0, 6);
    c.setGpr64(11, 0, 6);
    // diag %r2,%r4,0x308 (set) ; diag %r6,%r8,0x308 (store) ; diag %r11,%r8,0x308
    code(c, 0x8000, '83240308 83680308 83b80308');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect(c.gpr(3)).toBe(1);
    expect(c.gpr(7)).toBe(1);
    expect(abs.r(c, 0x21010)).toBe(0xabcdef01);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.SPECIFICATION);
    // Re-IPL goes to the machine.
    const seen: number[] = [];
    const d = machine();
    d.machine = { ipl: (_c, sub) => { seen.push(sub); _c.stopReason = 'reipl'; } };
    d.setGpr64(4, 0, 3);
    code(d, 0x8000, '83240308');
    expect(runToStop(d)).toBe('reipl');
    expect(seen).toEqual([3]);
  });

  it('CSP swaps and purges the TLB when R2 bit 63 is one', () => {
    const c = machine();
    const asce = dat(c);
    map(c, 0x8000, 0x8000);
    map(c, 0x400000, 0x300000);
    const pte = (abs.r(c, SEG + 8 * 4 + 4) & 0xfffff800);
    map(c, pte - (pte % 4096), pte - (pte % 4096)); // CSP's operand is a logical address
    datOn(c, asce);
    c.setGpr64(1, 0, 0x400000);
    c.setGpr64(2, 0, 0x300000);        // old PTE value
    c.setGpr64(3, 0, 0x300400);        // new: invalid
    c.setGpr64(4, 0, pte + 4 + 1);      // word address, purge bit
    // l %r5,0(%r1) ; csp %r2,%r4 ; ipm %r6 ; l %r5,0(%r1)
    code(c, 0x8000, '58501000 b2500024 b2220060 58501000');
    expect(runToStop(c)).toBe(waitAt(LC.PROGRAM_NEW_PSW));
    expect((c.r[12]! >>> 28) & 3).toBe(0);
    expect(abs.h(c, LC.PGM_CODE)).toBe(PGM.PAGE_TRANSLATION);
  });
});

describe('semantics table', () => {
  it('every privileged handler is keyed by a mnemonic of the instruction table', () => {
    const mns = new Set(TABLE.map((r) => r.mn));
    expect(Object.keys(system).filter((k) => !mns.has(k))).toEqual([]);
    expect(Object.keys(system).length).toBeGreaterThan(60);
  });
});
