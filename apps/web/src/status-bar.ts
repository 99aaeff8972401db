// The status bar: run state, guest instructions per second, JIT share, memory kind and
// the last message. data-* attributes carry the raw figures (for tests and tooling).

import { formatRate, type Status } from '@ztab/browser';

export interface StatusBar {
  show(s: Status): void;
  /** Before a machine exists: downloading, errors. */
  phase(state: Status['state'], message: string): void;
}

export function statusBar(root: HTMLElement): StatusBar {
  const field = (name: string) => root.querySelector<HTMLElement>(`.${name}`)!;
  const state = field('state');
  const ips = field('ips');
  const jit = field('jit');
  const mem = field('mem');
  const message = field('message');
  const phase = (s: Status['state'], msg: string) => {
    root.dataset.state = s;
    state.textContent = s;
    message.textContent = msg;
  };
  return {
    phase,
    show(s) {
      phase(s.state, s.message);
      root.dataset.ips = String(Math.round(s.ips));
      root.dataset.instructions = String(s.instructions);
      ips.textContent = s.state === 'running' || s.state === 'idle' || s.state === 'stopping' ? formatRate(s.ips) : '—';
      jit.textContent = `JIT ${Math.round(s.jitShare * 100)}%`;
      mem.textContent = s.sharedMemory ? 'shared memory' : '';
    },
  };
}
