// The lockstep tool against the real qemu-system-s390x on tiny IPL images: identical
// arithmetic agrees step by step, and a result that differs between the two machines
// (the facility list STFL stores: ztab's CPU model is not QEMU's) is reported at the
// instruction that made it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRegs, parseGdbRegs, parseTraceArgs, runTraceDiff } from './trace-diff.ts';

let HAVE = true;
try {
  execFileSync('s390x-linux-gnu-as', ['--version'], { stdio: 'ignore' });
  execFileSync('qemu-system-s390x', ['--version'], { stdio: 'ignore' });
} catch { HAVE = false; }

function image(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-td-'));
  writeFileSync(join(dir, 'a.S'), `.org 0\n.long 0x00080000, 0x80000200\n.org 0x200\n${body}\n.org 0x1000\n`);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
  return join(dir, 'a.bin');
}

describe('trace-diff pieces', () => {
  it('parses QEMU\'s g packet (pswm, pswa, r0-r15) and names differing registers', () => {
    const hex = '0000000180000000' + '0000000000010000' + '0'.repeat(16 * 16);
    const a = parseGdbRegs(hex);
    expect(a.words.slice(0, 4)).toEqual([1, 0x80000000, 0, 0x10000]);
    const b = parseGdbRegs(hex.slice(0, 32 + 16 * 3) + '0000000000000005' + hex.slice(32 + 16 * 4));
    expect(diffRegs(a, b)).toEqual(['r3']);
  });
  it('parses its own options and leaves the machine options', () => {
    expect(parseTraceArgs(['--from', '0x1234:3', '--steps', '50', '-m', '64'])).toEqual({ opts: { from: { addr: 0x1234, hits: 3 }, steps: 50, sync: 0 }, rest: ['-m', '64'] });
    expect(parseTraceArgs(['--from', 'xyz'])).toMatch(/--from/);
  });
});

describe.skipIf(!HAVE)('trace-diff against qemu-system-s390x', () => {
  it('agrees on plain arithmetic and reports the STFL facility-list difference where it appears', async () => {
    let out = '';
    const same = await runTraceDiff(['--steps', '6', '-m', '16', '-kernel', image('lghi %r2,5\nahi %r2,7\nlgr %r3,%r2\nmsgr %r3,%r2\nsllg %r4,%r3,33\nj .')], '/nonexistent', (s) => { out += s; });
    expect(out).toContain('6 steps compared, 0 difference(s)');
    expect(same).toBe(0);
    out = '';
    const diff = await runTraceDiff(['--steps', '4', '-m', '16', '-kernel', image('stfl 0\nl %r1,200\nj .')], '/nonexistent', (s) => { out += s; });
    expect(diff).toBe(1);
    expect(out).toMatch(/DIVERGENCE 1 after step 2, instruction at 0x204: l\t%r1,200\ndiffers: r1/);
  }, 60_000);
});
