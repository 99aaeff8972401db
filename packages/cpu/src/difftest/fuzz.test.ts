// Fuzz: a million instructions from random bytes and random state. Only architected
// outcomes are acceptable: every program interruption is delivered through the hook (no
// other host exception escapes), every instruction ends in bounded time, and the state
// stays well formed (CC 0-3, program mask 0-15, a valid addressing mode, an instruction
// address inside it, an instruction length of 0/2/4/6). Instructions run in both the
// problem and the supervisor state, so privileged rows see hostile operands too.

import { describe, expect, it } from 'vitest';
import { TOTAL, runFuzz } from './fuzz.ts';

describe('fuzz', () => {
  it(`runs ${TOTAL} random instructions with only architected outcomes`, () => {
    const res = runFuzz(TOTAL);
    console.log(`fuzz: ${res.executed} instructions in ${res.seconds.toFixed(1)} s, ${res.pgms} program interruptions, slowest burst ${res.slowest}`);
    expect(res.problems).toEqual([]);
    expect(res.executed).toBeGreaterThanOrEqual(TOTAL);
  }, 120_000);
});
