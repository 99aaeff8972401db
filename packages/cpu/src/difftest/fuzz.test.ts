// Fuzz: a million instructions from random bytes and random state. Only architected
// outcomes are acceptable: every program interruption is delivered through the hook (no
// other host exception escapes), every instruction ends in bounded time, and the state
// stays well formed (CC 0-3, program mask 0-15, a valid addressing mode, an instruction
// address inside it, an instruction length of 0/2/4/6). Instructions run in both the
// problem and the supervisor state, so privileged rows see hostile operands too.

import { describe, expect, it } from 'vitest';
import { createCpu } from '../index.ts';
import { TOTAL, runFuzz } from './fuzz.ts';

describe('fuzz', () => {
  it('bounds run(budget) even when every instruction fetch faults', () => {
    // Guest-controlled state (a program-new PSW, DAT tables, a hook's choice) can make
    // every fetch fault. run() must still return after about `budget` attempts instead of
    // spinning in the host. The hook stops the CPU after many calls so that a failure is
    // a failed assertion, not a hung suite.
    const c = createCpu(1 << 20);
    let calls = 0;
    c.programHook = (cpu) => {
      calls++;
      cpu.ia = 0x200000 + 2 * calls; // beyond storage: the next fetch faults too
      if (calls >= 10_000) cpu.stopReason = 'still fetching';
    };
    c.ia = 0x200000;
    c.run(16);
    expect(calls, 'program interruptions taken by one run(16)').toBeLessThanOrEqual(16);
  });

  it('keeps the instruction address inside the 64-bit address space after a branch near its top', () => {
    // The fuzz found ia = 2^64 after branches to addresses just below 2^64, which a float64
    // cannot hold exactly. BCR 15,2 to 0xffffffff_fffffffe in the 64-bit mode.
    const c = createCpu(1 << 20);
    c.programHook = (cpu) => { cpu.stopReason = 'pgm'; };
    c.setGpr64(2, 0xffffffff, 0xfffffffe);
    c.st16(0x1000, 0x07f2);
    c.ia = 0x1000;
    c.run(1);
    expect(Number.isInteger(c.ia) && c.ia >= 0 && c.ia < 2 ** 64, `ia ${c.ia}`).toBe(true);
  });

  it(`runs ${TOTAL} random instructions with only architected outcomes`, () => {
    const res = runFuzz(TOTAL);
    console.log(`fuzz: ${res.executed} instructions in ${res.seconds.toFixed(1)} s (${res.cpuSeconds.toFixed(1)} s CPU), ${res.pgms} program interruptions, slowest burst ${res.slowest}`);
    expect(res.problems).toEqual([]);
    expect(res.executed).toBeGreaterThanOrEqual(TOTAL);
  }, 300_000);
});
