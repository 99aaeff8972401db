// The oracle runner's bound: a qemu-s390x run that never ends is killed and retried, and
// then reported, instead of hanging the test run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qemuUser } from './qemu-user.ts';

function have(tool: string): boolean {
  try { execFileSync(tool, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

describe.runIf(have('qemu-s390x') && have('s390x-linux-gnu-gcc'))('qemuUser', () => {
  it('returns the output of a run that ends, and gives up on one that never does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztab-qemu-user-'));
    try {
      // write(1, "ok\n", 3); exit(0)  /  a branch to itself
      writeFileSync(join(dir, 'ok.s'), '.globl _start\n_start: lghi %r2,1\n larl %r3,m\n lghi %r4,3\n svc 4\n lghi %r2,0\n svc 1\nm: .ascii "ok\\n"\n');
      writeFileSync(join(dir, 'spin.s'), '.globl _start\n_start: j _start\n');
      for (const n of ['ok', 'spin']) execFileSync('s390x-linux-gnu-gcc', ['-static', '-nostdlib', '-o', join(dir, n), join(dir, `${n}.s`)]);
      expect(qemuUser([join(dir, 'ok')]).toString()).toBe('ok\n');
      // Three bounded attempts, then an error that says so (not a hang).
      expect(() => qemuUser([join(dir, 'spin')], { timeoutMs: 300 })).toThrow(/still running after 0.3 s, 3 times/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
