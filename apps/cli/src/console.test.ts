import { describe, expect, it } from 'vitest';
import { ESCAPE_HELP, EscapeParser } from './console.ts';

function harness() {
  const got: number[] = [];
  const events: string[] = [];
  const p = new EscapeParser({
    input: (b) => { got.push(...b); },
    quit: () => events.push('quit'),
    message: (t) => events.push(t),
  });
  const feed = (s: string) => p.feed(new TextEncoder().encode(s));
  return { got, events, feed };
}

describe('EscapeParser (QEMU -nographic Ctrl-A escapes)', () => {
  it('passes ordinary bytes through unchanged, control characters included', () => {
    const h = harness();
    h.feed('ls -l\r\x03\x1b[A');
    expect(String.fromCharCode(...h.got)).toBe('ls -l\r\x03\x1b[A');
    expect(h.events).toEqual([]);
  });

  it('Ctrl-A x quits and drops what follows; Ctrl-A h prints help; Ctrl-A Ctrl-A sends one Ctrl-A', () => {
    const h = harness();
    h.feed('a\x01hb\x01\x01c');
    expect(String.fromCharCode(...h.got)).toBe('ab\x01c');
    expect(h.events).toEqual([ESCAPE_HELP]);
    h.feed('d\x01xe');
    expect(h.events).toEqual([ESCAPE_HELP, 'quit']);
    expect(String.fromCharCode(...h.got)).toBe('ab\x01cd');
  });

  it('keeps the escape state across chunks and ignores unknown escapes', () => {
    const h = harness();
    h.feed('a\x01');
    h.feed('x');
    expect(h.events).toEqual(['quit']);
    const k = harness();
    k.feed('\x01');
    k.feed('zq');
    expect(String.fromCharCode(...k.got)).toBe('q');
  });
});
