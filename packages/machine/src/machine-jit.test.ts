// The machine with its JIT: attached in the background, counted in stats(), dropped when
// devices write over translated code, and pause()/resume() of the run loop. Bare-metal
// IPL images assembled with binutils, as in machine.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Machine } from './machine.ts';

function haveTool(t: string): boolean {
  try { execFileSync(t, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const HAVE_AS = haveTool('s390x-linux-gnu-as') && haveTool('s390x-linux-gnu-objcopy');

function assemble(src: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-ipl-'));
  writeFileSync(join(dir, 'a.S'), src);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z196', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
  return new Uint8Array(readFileSync(join(dir, 'a.bin')));
}

/** Short IPL PSW at 0, `body` at 0x200. */
function image(body: string): Uint8Array {
  return assemble(`
    .section .text
    .org 0
    .long 0x00080000, 0x80000200
    .org 0x200
  ${body}
  `);
}

/** r2 += STEP for each of N calls to a function at 0x1000, then SIGP stop of itself. */
const CALLS = `
      lghi %r2,0
      lgfi %r3,20000
  0:  brasl %r14,func
      brctg %r3,0b
      lghi %r4,0
      sigp %r1,%r4,5
      j .
      .org 0x1000
  func:
      aghi %r2,1
      br %r14
`;

function gpr(m: Machine, n: number): number {
  const c = m.cpus[0]!;
  return c.r[2 * n + 1]! * 2 ** 32 + c.r[2 * n]!;
}

describe.skipIf(!HAVE_AS)('Machine with the JIT', () => {
  it('runs hot code translated, with the same result as the interpreter alone', async () => {
    const results: number[] = [];
    for (const jit of [true, false]) {
      const m = new Machine({ memoryMiB: 16, cpus: 1, kernel: image(CALLS), cmdline: '', drives: [], jit, jitOptions: { hotThreshold: 4 } });
      await m.jitReady;
      expect(m.jitError).toBeNull();
      const exit = await m.run();
      expect(exit.reason).toBe('poweroff');
      results.push(gpr(m, 2));
      const s = m.stats();
      expect(s.jit).toBe(jit);
      expect(s.insns).toBe(m.cpus[0]!.icount);
      if (jit) {
        expect(s.compiles).toBeGreaterThan(0);
        expect(s.codeBytes).toBeGreaterThan(0);
        // 4 instructions per call, nearly all of them in wasm.
        expect(s.jitInsns / s.insns).toBeGreaterThan(0.95);
        expect(s.jitInsns + s.interpInsns).toBe(s.insns);
      } else {
        expect(s.jitInsns).toBe(0);
      }
    }
    expect(results).toEqual([20000, 20000]);
  });

  it('runs translated code over shared guest memory (a SharedArrayBuffer) too', async () => {
    const m = new Machine({ memoryMiB: 16, cpus: 1, kernel: image(CALLS), cmdline: '', drives: [], sharedMemory: true, jitOptions: { hotThreshold: 4 } });
    expect(m.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    await m.jitReady;
    expect((await m.run()).reason).toBe('poweroff');
    expect(gpr(m, 2)).toBe(20000);
    expect(m.stats().jitInsns / m.stats().insns).toBeGreaterThan(0.95);
  });

  it('drops translated code that a device writes over (DMA), so the new code runs', async () => {
    const m = new Machine({ memoryMiB: 16, cpus: 1, kernel: image(CALLS), cmdline: '', drives: [], jitOptions: { hotThreshold: 4 } });
    await m.jitReady;
    const c = m.cpus[0]!;
    // Setup (2 instructions), then 1000 calls of 4 instructions each.
    expect(c.run(2 + 4 * 1000)).toBe(2 + 4 * 1000);
    expect(gpr(m, 2)).toBe(1000);
    expect(m.stats().jitInsns).toBeGreaterThan(3000);
    // What virtio-blk or a channel program does with data it reads into storage.
    const patch = assemble('aghi %r2,3\n br %r14\n');
    expect(m.io.ram.write(0x1000, patch)).toBe(true);
    const before = m.stats().compiles;
    expect(c.run(4 * 1000)).toBe(4 * 1000);
    expect(gpr(m, 2)).toBe(1000 + 3 * 1000);
    // The new code became hot and was translated again.
    expect(m.stats().compiles).toBeGreaterThan(before);
    m.dispose();
  });

  it('drops translated code that the program patches through real addresses (STURA, as Linux patches its text)', async () => {
    // 2000 calls, then the callee's AGHI immediate becomes 3 through STURA, 2000 more.
    const m = new Machine({
      memoryMiB: 16, cpus: 1, cmdline: '', drives: [], jitOptions: { hotThreshold: 4 },
      kernel: image(`
      lghi %r2,0
      lghi %r3,2000
  0:  brasl %r14,func
      brctg %r3,0b
      larl %r5,func
      iilf %r4,0xa72b0003     # aghi %r2,3
      stura %r4,%r5
      lghi %r3,2000
  1:  brasl %r14,func
      brctg %r3,1b
      lghi %r4,0
      sigp %r1,%r4,5
      j .
      .org 0x1000
  func:
      aghi %r2,1
      br %r14
    `),
    });
    await m.jitReady;
    const exit = await m.run();
    expect(exit.reason).toBe('poweroff');
    expect(gpr(m, 2)).toBe(2000 + 3 * 2000);
    const s = m.stats();
    expect(s.jitInsns / s.insns).toBeGreaterThan(0.9);
    expect(m.jits[0]!.stats.invalidations).toBeGreaterThan(0);
  });

  it('pause() stops the instruction count and resume() goes on', async () => {
    const m = new Machine({ memoryMiB: 16, cpus: 1, kernel: image('0: brctg %r3,0b\n j 0b\n'), cmdline: '', drives: [] });
    const done = m.run();
    const count = (): number => m.stats().insns;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(100);
    expect(count()).toBeGreaterThan(0);
    m.pause();
    expect(m.isPaused).toBe(true);
    await sleep(50);
    const a = count();
    await sleep(200);
    expect(count()).toBe(a);
    m.resume();
    await sleep(100);
    expect(count()).toBeGreaterThan(a);
    m.halt();
    expect((await done).reason).toBe('halted');
  });
});
