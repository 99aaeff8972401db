// Guest instructions per second over the last sampling interval, and the run state the
// status bar shows, derived from counters the machine keeps.

export type RunState = 'loading' | 'booting' | 'running' | 'idle' | 'paused' | 'stopping' | 'stopped' | 'error';

export interface Sample {
  /** Host milliseconds (performance.now()). */
  at: number;
  /** Guest instructions executed so far (all CPUs). */
  instructions: number;
  /** Host milliseconds the run loop spent sleeping in enabled waits so far. */
  idleMs: number;
  /** Every CPU was in a wait (or stopped) when the sample was taken. */
  waiting?: boolean;
  /** Of `instructions`, those executed in translated code. */
  jitInstructions?: number;
}

/** Above this share of the interval asleep in enabled waits, the guest counts as idle. */
export const IDLE_SHARE = 0.5;
/** Fewer instructions per second than this while waiting: idle (a tickless kernel wakes rarely). */
export const IDLE_RATE = 2_000_000;

export function instructionRate(prev: Sample, now: Sample): number {
  const dt = now.at - prev.at;
  if (!(dt > 0)) return 0;
  return Math.max(0, ((now.instructions - prev.instructions) * 1000) / dt);
}

/**
 * Running or idle, for a machine that is neither paused nor stopped. The run loop adds
 * to idleMs only when a sleep ends, and a sleep may outlast the interval: so a guest
 * found waiting that executed little counts as idle as well.
 */
export function activity(prev: Sample, now: Sample): 'running' | 'idle' {
  const dt = now.at - prev.at;
  if (!(dt > 0)) return 'running';
  if ((now.idleMs - prev.idleMs) / dt >= IDLE_SHARE) return 'idle';
  return now.waiting && instructionRate(prev, now) < IDLE_RATE ? 'idle' : 'running';
}

/** "12.3 M/s" style figure for the status bar. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${Math.round(perSecond)} /s`;
}

/**
 * Share of the instructions between two samples that ran in translated code; when
 * nothing ran in between, the share over the whole run so far.
 */
export function jitShare(prev: Sample, now: Sample): number {
  const d = now.instructions - prev.instructions;
  if (d > 0) return Math.min(1, Math.max(0, ((now.jitInstructions ?? 0) - (prev.jitInstructions ?? 0)) / d));
  return now.instructions > 0 ? Math.min(1, (now.jitInstructions ?? 0) / now.instructions) : 0;
}
