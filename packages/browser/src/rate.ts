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
}

/** Above this share of the interval asleep in enabled waits, the guest counts as idle. */
export const IDLE_SHARE = 0.9;

export function instructionRate(prev: Sample, now: Sample): number {
  const dt = now.at - prev.at;
  if (!(dt > 0)) return 0;
  return Math.max(0, ((now.instructions - prev.instructions) * 1000) / dt);
}

/** Running or idle, for a machine that is neither paused nor stopped. */
export function activity(prev: Sample, now: Sample): 'running' | 'idle' {
  const dt = now.at - prev.at;
  if (!(dt > 0)) return 'running';
  return (now.idleMs - prev.idleMs) / dt >= IDLE_SHARE ? 'idle' : 'running';
}

/** "12.3 M/s" style figure for the status bar. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${Math.round(perSecond)} /s`;
}
