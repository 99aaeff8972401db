import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from './hash.ts';

/**
 * public/guest/manifest.json: what the guest image was built from and what it
 * contains. The CLI and the web app read it to find the default guest's files and
 * kernel command line; the builder reads it to decide that there is nothing to do.
 */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 1;

export type FileRole = 'kernel' | 'initrd' | 'disk';

export interface ManifestFile {
  /** File name inside the guest directory. */
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestPackage {
  name: string;
  version: string;
  arch: string;
  /** SHA256 of the .deb, as the archive's Packages index gives it. */
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** Hash of everything the builder itself contributes (init, module list, disk contents). */
  recipe: string;
  kernelRelease: string;
  /** Kernel command line the default guest boots with. */
  cmdline: string;
  packages: ManifestPackage[];
  /** insmod order inside the initramfs, relative to /lib/modules/<release>. */
  modules: string[];
  files: Record<FileRole, ManifestFile>;
}

export function describeFile(dir: string, path: string): ManifestFile {
  const full = join(dir, path);
  return { path, size: statSync(full).size, sha256: sha256File(full) };
}

/** Reads and shape-checks a manifest; undefined when absent or not one of ours. */
export function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    const rolesOk = (['kernel', 'initrd', 'disk'] as const).every(
      (r) => typeof m.files?.[r]?.path === 'string' && typeof m.files[r].sha256 === 'string',
    );
    if (m.format !== MANIFEST_FORMAT || typeof m.recipe !== 'string' || typeof m.cmdline !== 'string' || !rolesOk) {
      return undefined;
    }
    return m as Manifest;
  } catch {
    return undefined;
  }
}

/** Every way the files on disk differ from the manifest; empty when they match. */
export function verifyManifest(dir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const [role, f] of Object.entries(manifest.files)) {
    const full = join(dir, f.path);
    if (f.path.includes('/') || f.path.startsWith('.')) {
      problems.push(`${role}: ${f.path} is not a plain file name`);
    } else if (!existsSync(full)) {
      problems.push(`${role}: ${f.path} is missing`);
    } else if (statSync(full).size !== f.size) {
      problems.push(`${role}: ${f.path} is ${statSync(full).size} bytes, manifest says ${f.size}`);
    } else if (sha256File(full) !== f.sha256) {
      problems.push(`${role}: ${f.path} does not match its sha256`);
    }
  }
  return problems;
}

export function formatManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
