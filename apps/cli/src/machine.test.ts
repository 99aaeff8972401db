// The CLI's machine path end to end, on files that boot in milliseconds: bare-metal IPL
// images assembled with binutils, and truncated copies of the default guest's kernel and
// initrd (which must be refused before the boot starts, with exit status 2).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const guest = join(repoRoot, 'public/guest');
const HAVE_GUEST = existsSync(join(guest, 'vmlinuz')) && existsSync(join(guest, 'initramfs.cpio.gz'));
let HAVE_AS = true;
try { execFileSync('s390x-linux-gnu-as', ['--version'], { stdio: 'ignore' }); } catch { HAVE_AS = false; }

function ztab(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['-s', 'ztab', ...args], { cwd: repoRoot });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(input);
  });
}

function image(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-cli-'));
  writeFileSync(join(dir, 'a.S'), `.org 0\n.long 0x00080000, 0x80000200\n.org 0x200\n${body}\n`);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
  return join(dir, 'a.bin');
}

function truncated(name: string, keep: number): string {
  const b = readFileSync(join(guest, name));
  const p = join(mkdtempSync(join(tmpdir(), 'ztab-trunc-')), name);
  writeFileSync(p, b.subarray(0, b.length - keep));
  return p;
}

describe('ztab -kernel', () => {
  it.skipIf(!HAVE_AS)('exits 0 when the guest stops its only CPU, 1 with the PSW on a disabled wait', async () => {
    const off = await ztab(['-kernel', image('lghi %r3,0\nsigp %r1,%r3,5\nj .')]);
    expect(off.code).toBe(0);
    const dw = await ztab(['-kernel', image('lpswe 0x300\n.org 0x300\n.quad 0x0002000180000000, 0x1234')]);
    expect(dw.code).toBe(1);
    expect(dw.err).toMatch(/disabled wait at 0x1234/);
  }, 120_000);

  it.skipIf(!HAVE_AS)('-no-reboot turns a guest re-IPL into exit 0', async () => {
    const r = await ztab(['-no-reboot', '-kernel', image('lghi %r1,3\ndiag %r0,%r1,0x308\nj .')]);
    expect(r.code).toBe(0);
  }, 120_000);

  it.skipIf(!HAVE_GUEST)('refuses a truncated kernel or initrd with one line and status 2', async () => {
    const k = await ztab(['-kernel', truncated('vmlinuz', 400_000), '-initrd', join(guest, 'initramfs.cpio.gz')]);
    expect(k.code).toBe(2);
    expect(k.err.trim().split('\n')).toHaveLength(1);
    expect(k.err).toMatch(/truncated or corrupt/);
    const i = await ztab(['-kernel', join(guest, 'vmlinuz'), '-initrd', truncated('initramfs.cpio.gz', 1000)]);
    expect(i.code).toBe(2);
    expect(i.err.trim().split('\n')).toHaveLength(1);
    expect(i.err).toMatch(/-initrd .*not a complete gzip file/);
  }, 120_000);
});
