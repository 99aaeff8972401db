import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuestError } from './errors.ts';
import { findTool, requireTools, run, summarizeFailure } from './tools.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ztab-tools-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeTool(name: string, executable = true): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('host tools', () => {
  it('finds executables on PATH and ignores files that are not executable', () => {
    const tool = fakeTool('ztab-test-tool');
    fakeTool('ztab-not-executable', false);
    expect(findTool('ztab-test-tool', `/nonexistent:${dir}`)).toBe(tool);
    expect(findTool('ztab-not-executable', dir)).toBeUndefined();
    expect(findTool('ztab-test-tool', undefined)).toBeUndefined();
  });

  it('also looks in /usr/sbin, where mke2fs lives outside a non-root PATH', () => {
    expect(findTool('mke2fs', dir)).toMatch(/^\/(usr\/)?sbin\/mke2fs$/);
  });

  it('names every missing tool and the packages to install, in one line', () => {
    fakeTool('apt-get');
    fakeTool('apt-cache');
    // An empty PATH leaves only the sbin fallback: mke2fs and debugfs are found there.
    let error: unknown;
    try {
      requireTools(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuestError);
    const message = (error as GuestError).message;
    expect(message).toBe('dpkg-deb, cpio not found on PATH; install with: sudo apt-get install dpkg cpio');
    expect(message).not.toContain('\n');
  });

  it('returns every tool when all are present', () => {
    const tools = requireTools(process.env.PATH);
    expect(Object.keys(tools).sort()).toEqual(['apt-cache', 'apt-get', 'cpio', 'debugfs', 'dpkg-deb', 'mke2fs']);
  });

  it('turns a failing command into one line built from its most telling output', () => {
    expect(() => run('sh', ['-c', 'echo "Reading package lists..."; echo "E: Unable to locate package x" >&2; exit 100'], 'apt-get download')).toThrow(
      new GuestError('apt-get download failed: E: Unable to locate package x'),
    );
    expect(() => run('sh', ['-c', 'exit 3'], 'tool')).toThrow(new GuestError('tool failed: exit status 3'));
    expect(() => run(join(dir, 'absent'), [], 'absent tool')).toThrow(/^absent tool: spawnSync .*ENOENT/);
    expect(run('sh', ['-c', 'echo out; echo err >&2'], 'sh')).toEqual({ stdout: 'out\n', stderr: 'err\n' });
  });

  it('prefers apt "E:" lines, then lines about errors, then the first line', () => {
    expect(summarizeFailure('W: something\nE: the real problem\n')).toBe('E: the real problem');
    expect(summarizeFailure('note\ncpio: write error: No space left\n')).toBe('cpio: write error: No space left');
    expect(summarizeFailure('', 'only stdout\n')).toBe('only stdout');
    expect(summarizeFailure('')).toBeUndefined();
  });
});
