import { describe, expect, it } from 'vitest';
import { enabledActions } from './controls.ts';

describe('toolbar', () => {
  it('offers what each state allows', () => {
    expect([...enabledActions('running', true)].sort()).toEqual(['disk-export', 'disk-import', 'disk-reset', 'pause', 'poweroff', 'reset']);
    expect(enabledActions('paused', false).has('resume')).toBe(true);
    expect(enabledActions('paused', false).has('pause')).toBe(false);
    expect([...enabledActions('stopped', false)]).toEqual(['reset']);
    expect(enabledActions('loading', true).size).toBe(0);
  });
});
