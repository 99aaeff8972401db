// A JIT that never finishes loading (as binaryen did when a bundler broke its top-level
// await): the machine says so within its timeout and goes on interpreting.
import { expect, it, vi } from 'vitest';
import { Machine } from './machine.ts';

vi.mock('@ztab/jit', () => new Promise(() => {}));

/** Short IPL PSW at 0 (31-bit addressing), `j .` at 0x200. */
function loopImage(): Uint8Array {
  const img = new Uint8Array(0x204);
  img.set([0x00, 0x08, 0x00, 0x00, 0x80, 0x00, 0x02, 0x00], 0);
  img.set([0xa7, 0xf4, 0x00, 0x00], 0x200);
  return img;
}

it('reports a JIT that does not load in time and keeps interpreting', async () => {
  const m = new Machine({ memoryMiB: 16, cpus: 1, kernel: loopImage(), cmdline: '', drives: [], jitLoadTimeoutMs: 200 });
  const seen: unknown[] = [];
  m.events.status = (s) => { if (s.kind === 'jit') seen.push(s); };
  const run = m.run();
  await m.jitReady;
  expect(m.jitError).toBe('the JIT (binaryen) did not load within 0.2 s');
  expect(seen).toEqual([{ kind: 'jit', ready: false, error: m.jitError }]);
  const s = m.stats();
  expect(s.jit).toBe(false);
  expect(s.insns).toBeGreaterThan(0);
  m.halt('done', 0);
  expect((await run).code).toBe(0);
});
