import { describe, expect, it } from 'vitest';
import { activity, formatRate, instructionRate, jitShare } from './rate.ts';

describe('status figures', () => {
  it('rates instructions over the interval', () => {
    expect(instructionRate({ at: 1000, instructions: 0, idleMs: 0 }, { at: 1500, instructions: 25_000_000, idleMs: 0 })).toBe(50_000_000);
    expect(instructionRate({ at: 1000, instructions: 5, idleMs: 0 }, { at: 1000, instructions: 9, idleMs: 0 })).toBe(0);
  });
  it('calls a guest idle when it slept through most of the interval', () => {
    expect(activity({ at: 0, instructions: 0, idleMs: 0 }, { at: 500, instructions: 10, idleMs: 480 })).toBe('idle');
    expect(activity({ at: 0, instructions: 0, idleMs: 0 }, { at: 500, instructions: 10, idleMs: 100 })).toBe('running');
    // Asleep through the whole interval (the sleep has not ended, idleMs not yet counted).
    expect(activity({ at: 0, instructions: 5, idleMs: 0 }, { at: 500, instructions: 5, idleMs: 0, waiting: true })).toBe('idle');
    // Waiting at the sample, but busy most of the interval.
    expect(activity({ at: 0, instructions: 0, idleMs: 0 }, { at: 500, instructions: 20_000_000, idleMs: 0, waiting: true })).toBe('running');
  });
  it('formats rates', () => {
    expect(formatRate(52_345_678)).toBe('52.3 M/s');
    expect(formatRate(1_500)).toBe('1.5 k/s');
    expect(formatRate(0)).toBe('0 /s');
  });
});

describe('jitShare', () => {
  it('is the translated share of the window, or of the whole run when the window is empty', () => {
    const a = { at: 0, instructions: 1000, idleMs: 0, jitInstructions: 500 };
    const b = { at: 1000, instructions: 3000, idleMs: 0, jitInstructions: 2300 };
    expect(jitShare(a, b)).toBeCloseTo(0.9, 10);
    expect(jitShare(b, b)).toBeCloseTo(2300 / 3000, 10);
    expect(jitShare({ at: 0, instructions: 0, idleMs: 0 }, { at: 1, instructions: 0, idleMs: 0 })).toBe(0);
  });
});
