// The toolbar buttons: each names an action; which are enabled follows the run state.

import type { RunState } from '@ztab/browser';

export type Action = 'pause' | 'resume' | 'reset' | 'poweroff' | 'disk-reset' | 'disk-export' | 'disk-import';

/** Which actions make sense in a state (the disk ones need an open disk as well). */
export function enabledActions(state: RunState, haveDisk: boolean): Set<Action> {
  const on = new Set<Action>();
  const live = state === 'running' || state === 'idle' || state === 'booting';
  if (live) on.add('pause').add('poweroff').add('reset');
  if (state === 'paused') on.add('resume').add('poweroff').add('reset');
  if (state === 'stopped' || state === 'error') on.add('reset');
  if (haveDisk && state !== 'stopping' && state !== 'loading') on.add('disk-reset').add('disk-export').add('disk-import');
  return on;
}

export function toolbar(root: HTMLElement, run: (a: Action) => Promise<void>): { update(state: RunState, haveDisk: boolean): void } {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-action]')];
  let busy = false;
  let last: [RunState, boolean] = ['loading', false];
  const update = (state: RunState, haveDisk: boolean) => {
    last = [state, haveDisk];
    const on = enabledActions(state, haveDisk);
    for (const b of buttons) b.disabled = busy || !on.has(b.dataset.action as Action);
  };
  for (const b of buttons) {
    b.addEventListener('click', () => {
      busy = true;
      update(...last);
      run(b.dataset.action as Action).finally(() => {
        busy = false;
        update(...last);
      });
    });
  }
  return { update };
}
