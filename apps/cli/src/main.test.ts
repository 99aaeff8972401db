/**
 * `pnpm ztab` exactly as a person types it: through pnpm, so that the .npmrc
 * setting that keeps pnpm quiet is tested as well as the CLI's own exit codes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function ztab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['ztab', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm ztab', () => {
  it('exits 2 with exactly one line for an unknown flag', async () => {
    expect(await ztab(['-bogus'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "ztab: unknown option '-bogus' (see ztab --help)\n",
    });
  });

  it('lists its flags for --help and exits 0', async () => {
    const r = await ztab(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: ztab \[options\]\n/);
    for (const flag of ['-kernel', '-initrd', '-append', '-m SIZE', '-smp', '-drive file=PATH,if=virtio', '-nographic', '-no-reboot', '-snapshot', '--user']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('prints its version', async () => {
    expect(await ztab(['--version'])).toEqual({ code: 0, stdout: 'ztab 0.1.0\n', stderr: '' });
  });

  it('exits 2 with one line for an unreadable file', async () => {
    expect(await ztab(['-kernel', '/nonexistent/vmlinuz'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ztab: cannot read -kernel /nonexistent/vmlinuz: no such file\n',
    });
  });

  it('exits 2 with one line when there is no default guest', async () => {
    const r = await ztab([], { ZTAB_GUEST_DIR: '/nonexistent/guest' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "ztab: no default guest in /nonexistent/guest (run 'pnpm guest', or give -kernel)\n",
    });
  });

  it('dispatches --user to user mode', async () => {
    const r = await ztab(['--user', '/nonexistent/program', '-m', '1G']);
    // User mode owns the answer; it must not come from the machine path or the flag parser.
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^ztab: /);
    expect(r.stderr).not.toMatch(/unknown option|cannot boot|no default guest|needs an argument/);
  });

  const guestBuilt = existsSync(`${repoRoot}public/guest/manifest.json`);
  it.skipIf(!guestBuilt)(
    `boots the default guest: the decompressor's first console line appears, Ctrl-A x ends it with status 0${guestBuilt ? '' : ' (skipped: run `pnpm guest`)'}`,
    async () => {
      const child = spawn('pnpm', ['ztab'], { cwd: repoRoot });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
        if (stdout.includes('KASLR')) child.stdin.write('\x01x');
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stdout).toContain('KASLR disabled');
      expect(stderr).toMatch(/terminated by Ctrl-A x/);
      expect(code).toBe(0);
    },
  );
});
