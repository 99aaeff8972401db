/**
 * `pnpm guest` as a person runs it: the real entry point in a child process, with
 * its exit status and exactly what it prints.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipeHash } from './build.ts';
import { readManifest, verifyManifest } from './manifest.ts';
import { DEFAULT_GUEST_DIR, REPO_ROOT } from './paths.ts';
import { findTool } from './tools.ts';

const MAIN = join(REPO_ROOT, 'apps/guest/src/main.ts');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runGuest(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ztab-guest-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fresh = (name: string) => ['--out', join(scratch, name, 'out'), '--cache', join(scratch, name, 'cache')];

// Every test starts `pnpm guest` under tsx (seconds of CPU each) and some wait on apt-get:
// limits well above the 60 s default so a 3-5x loaded machine does not time them out.
describe('pnpm guest', { timeout: 180_000 }, () => {
  it('prints its usage for --help', async () => {
    const r = await runGuest(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: pnpm guest/);
    for (const flag of ['--refresh', '--out', '--cache', '--sources']) expect(r.stdout).toContain(flag);
  });

  it('rejects an unknown option with one line', async () => {
    const r = await runGuest(['--bogus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ztab guest: unknown option --bogus (see --help)\n');
  });

  it('stops with one line naming the missing tool and its package', async () => {
    // A PATH with apt but without dpkg-deb or cpio (mke2fs is still found in /usr/sbin).
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    for (const t of ['apt-get', 'apt-cache']) symlinkSync(findTool(t, process.env.PATH)!, join(bin, t));
    const r = await runGuest(fresh('no-tools'), { ...process.env, PATH: bin });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ztab guest: dpkg-deb, cpio not found on PATH; install with: sudo apt-get install dpkg cpio\n');
  });

  it('stops with one line when it cannot create the output directory', async () => {
    const r = await runGuest(['--out', '/dev/null/guest', '--cache', join(scratch, 'nodir', 'cache')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("ztab guest: ENOTDIR: not a directory, mkdir '/dev/null/guest'\n");
  });

  it('stops with one line when the package lists cannot be fetched', async () => {
    const sources = join(scratch, 'unreachable.list');
    writeFileSync(sources, 'deb http://127.0.0.1:9/debian bookworm main\n');
    const r = await runGuest([...fresh('unreachable'), '--sources', sources]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ztab guest: apt-get update \(s390x lists\) failed: E: Failed to fetch http:\/\/127\.0\.0\.1:9\//);
  });

  describe('against a local archive whose .deb files are missing', () => {
    let server: Server;
    let sources: string;
    const requests: string[] = [];

    beforeAll(async () => {
      const stanza = (name: string, version: string, extra = '') =>
        `Package: ${name}\nVersion: ${version}\nArchitecture: s390x\n${extra}` +
        `Filename: pool/${name}_${version}_s390x.deb\nSize: 1000\nSHA256: ${'0'.repeat(64)}\n` +
        `Description: test package\n\n`;
      const packages =
        stanza('linux-image-s390x', '6.1.999-1', 'Depends: linux-image-6.1.0-99-s390x (= 6.1.999-1)\n') +
        stanza('linux-image-6.1.0-99-s390x', '6.1.999-1') +
        stanza('busybox-static', '1:1.35.0-9');
      const sha = createHash('sha256').update(packages).digest('hex');
      const release = `Origin: ztab-test\nArchitectures: s390x\nSHA256:\n ${sha} ${packages.length} Packages\n`;
      server = createServer((req, res) => {
        // A flat repository ("./") makes apt ask for /./Packages.
        const path = (req.url ?? '').replace(/^\/\.\//, '/');
        requests.push(path);
        if (path === '/Packages') res.end(packages);
        else if (path === '/Release') res.end(release);
        else res.writeHead(404).end('not found');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      sources = join(scratch, 'local.list');
      writeFileSync(sources, `deb [trusted=yes] http://127.0.0.1:${port}/ ./\n`);
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('resolves the meta package to the versioned kernel, then fails its download in one line', async () => {
      const r = await runGuest([...fresh('404'), '--sources', sources]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ztab guest: downloading linux-image-6.1.0-99-s390x 6.1.999-1');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ztab guest: download of linux-image-6\.1\.0-99-s390x 6\.1\.999-1 failed: E: .*404/);
      expect(requests).toContain('/pool/linux-image-6.1.0-99-s390x_6.1.999-1_s390x.deb');

      // A second run trusts the lists it already has, so it suggests refreshing them.
      const again = await runGuest([...fresh('404'), '--sources', sources]);
      expect(again.code).toBe(1);
      expect(again.stdout).not.toContain('fetching the s390x package lists');
      expect(again.stderr).toMatch(/failed: E: .*404.*\(stale package lists\? try: pnpm guest --refresh\)\n$/);
      expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  });

  const built = readManifest(DEFAULT_GUEST_DIR);
  const current = built !== undefined && built.recipe === recipeHash() && verifyManifest(DEFAULT_GUEST_DIR, built).length === 0;
  const mustRun = process.env.CI === 'true' || process.env.CI === '1';
  it.skipIf(!current && !mustRun)(
    `does nothing when public/guest matches its manifest${current ? '' : ' (skipped: public/guest is missing or stale; run `pnpm guest`)'}`,
    async () => {
      expect(current).toBe(true);
      const files = [...Object.values(built!.files).map((f) => f.path), 'manifest.json'];
      const before = files.map((f) => statSync(join(DEFAULT_GUEST_DIR, f)).mtimeMs);
      // An unusable PATH proves that no tool (and so no download) is needed.
      const r = await runGuest([], { ...process.env, PATH: join(scratch, 'empty') });
      expect(r).toEqual({ code: 0, stdout: 'guest image up to date\n', stderr: '' });
      expect(files.map((f) => statSync(join(DEFAULT_GUEST_DIR, f)).mtimeMs)).toEqual(before);
    },
  );
});
