import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { GuestError } from './errors.ts';

/** The host tools the builder runs, and the Debian package that provides each. */
export const REQUIRED_TOOLS = {
  'apt-get': 'apt',
  'apt-cache': 'apt',
  'dpkg-deb': 'dpkg',
  mke2fs: 'e2fsprogs',
  debugfs: 'e2fsprogs',
  cpio: 'cpio',
} as const;

export type ToolName = keyof typeof REQUIRED_TOOLS;
export type ToolPaths = Record<ToolName, string>;

// mke2fs lives in /usr/sbin, which a non-root user's PATH often lacks.
const SBIN_DIRS = ['/usr/sbin', '/sbin'];

export function findTool(name: string, pathVar: string | undefined): string | undefined {
  const dirs = [...(pathVar ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Resolves every required tool or throws one GuestError naming all that are missing. */
export function requireTools(pathVar: string | undefined = process.env.PATH): ToolPaths {
  const found: Partial<ToolPaths> = {};
  const missing: ToolName[] = [];
  for (const name of Object.keys(REQUIRED_TOOLS) as ToolName[]) {
    const path = findTool(name, pathVar);
    if (path) found[name] = path;
    else missing.push(name);
  }
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((t) => REQUIRED_TOOLS[t]))].join(' ');
    throw new GuestError(
      `${missing.join(', ')} not found on PATH; install with: sudo apt-get install ${pkgs}`,
    );
  }
  return found as ToolPaths;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool to completion and turns a failure into a one-line GuestError built
 * from the tool's own most telling line (apt prints "E: ..." lines for real errors).
 */
export function run(
  tool: string,
  args: readonly string[],
  what: string,
  options: SpawnSyncOptions = {},
): RunResult {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...options });
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  if (r.error) throw new GuestError(`${what}: ${r.error.message}`);
  if (r.status !== 0) {
    const detail = summarizeFailure(stderr, stdout) ?? `exit status ${r.status ?? r.signal}`;
    throw new GuestError(`${what} failed: ${detail}`);
  }
  return { stdout, stderr };
}

export function summarizeFailure(stderr: string, stdout = ''): string | undefined {
  const lines = `${stderr}\n${stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => l.startsWith('E: ')) ?? lines.find((l) => /error|fail/i.test(l)) ?? lines[0];
}
