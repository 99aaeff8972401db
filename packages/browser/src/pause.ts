// Pausing a running Machine. @ztab/machine has no pause yet: until it does, the run
// loop's turn() is wrapped on the instance so that a paused machine executes nothing
// and reports itself idle (the loop then sleeps up to its idle bound), and resume wakes
// the loop. When Machine grows pause()/resume(), those are used instead.

import type { Machine } from '@ztab/machine';

export interface PauseControl {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
}

interface MachineInternals {
  pause?: () => void;
  resume?: () => void;
  turn?: () => boolean;
  wake?: () => void;
}

export function pauseControl(m: Machine): PauseControl {
  const inner = m as unknown as MachineInternals;
  let paused = false;
  if (typeof inner.pause === 'function' && typeof inner.resume === 'function') {
    const pause = inner.pause.bind(m);
    const resume = inner.resume.bind(m);
    return {
      get paused() { return paused; },
      pause() { paused = true; pause(); },
      resume() { paused = false; resume(); },
    };
  }
  const turn = inner.turn?.bind(m);
  const wake = inner.wake?.bind(m);
  if (!turn || !wake) throw new Error('this Machine can be neither paused nor patched to pause');
  inner.turn = () => (paused ? true : turn());
  return {
    get paused() { return paused; },
    pause() { paused = true; },
    resume() {
      paused = false;
      wake();
    },
  };
}
