import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GuestError } from './errors.ts';
import { sha256File } from './hash.ts';
import { run, type ToolPaths } from './tools.ts';

/** One package stanza as apt-cache shows it (field names as in Debian control files). */
export type Stanza = Record<string, string>;

export function parseStanza(text: string): Stanza {
  const out: Stanza = {};
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line === '') {
      if (Object.keys(out).length > 0) break; // only the first stanza
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) out[last] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon);
    out[last] = line.slice(colon + 1).trim();
  }
  return out;
}

export interface Dependency {
  name: string;
  relation?: string;
  version?: string;
}

/** Parses a Depends field into its first alternatives: "a (= 1) | b, c" → a=1, c. */
export function parseDepends(field: string): Dependency[] {
  return field
    .split(',')
    .map((group) => group.split('|')[0]!.trim())
    .filter(Boolean)
    .map((dep) => {
      const m = /^([a-z0-9][a-z0-9+.\-]*)(?::[a-z0-9]+)?\s*(?:\(\s*([<>=]+)\s*([^)\s]+)\s*\))?/.exec(dep);
      if (!m) throw new GuestError(`cannot parse dependency "${dep}"`);
      return m[2] ? { name: m[1]!, relation: m[2], version: m[3]! } : { name: m[1]! };
    });
}

/**
 * linux-image-s390x is a meta package; the kernel itself is the versioned
 * linux-image-<abi>-s390x package it depends on.
 */
export function kernelPackageOf(meta: Stanza): Dependency {
  const dep = parseDepends(meta.Depends ?? '').find((d) => /^linux-image-\d[\w.\-]*-s390x$/.test(d.name));
  if (!dep) {
    throw new GuestError(`${meta.Package ?? 'meta package'} depends on no linux-image-<version>-s390x package`);
  }
  return dep;
}

/** The file name apt-get download gives a package, which we also use in our cache. */
export function debFileName(name: string, version: string, arch: string): string {
  return `${name}_${version.replace(/:/g, '%3a')}_${arch}.deb`;
}

export interface ResolvedPackage {
  name: string;
  version: string;
  arch: string;
  sha256: string;
  size: number;
}

export function resolvedFrom(stanza: Stanza): ResolvedPackage {
  const { Package: name, Version: version, Architecture: arch, SHA256: sha256, Size: size } = stanza;
  if (!name || !version || !arch || !sha256 || !size) {
    throw new GuestError(`incomplete package record for ${name ?? '(unnamed package)'}`);
  }
  return { name, version, arch, sha256, size: Number(size) };
}

/**
 * Debian's s390x archive seen through the host's apt, with every piece of state
 * (lists, caches, downloaded .debs) kept under one private directory, so the host's
 * own apt configuration and architecture list are never touched.
 */
export class S390xArchive {
  readonly debDir: string;
  private readonly listsDir: string;
  private readonly options: string[];

  constructor(
    private readonly tools: ToolPaths,
    stateDir: string,
    sourcesList?: string,
  ) {
    this.listsDir = join(stateDir, 'lists');
    const cacheDir = join(stateDir, 'cache');
    this.debDir = join(stateDir, 'debs');
    for (const d of [join(this.listsDir, 'partial'), join(cacheDir, 'archives', 'partial'), this.debDir]) {
      mkdirSync(d, { recursive: true });
    }
    this.options = [
      '-o', 'APT::Architecture=s390x',
      '-o', 'APT::Architectures=s390x',
      '-o', `Dir::State::Lists=${this.listsDir}`,
      '-o', `Dir::Cache=${cacheDir}`,
      // Keep apt from sharing the host's package cache files.
      '-o', `Dir::Cache::pkgcache=${join(cacheDir, 'pkgcache.bin')}`,
      '-o', `Dir::Cache::srcpkgcache=${join(cacheDir, 'srcpkgcache.bin')}`,
      // As root apt drops to _apt for downloads, which cannot write into our tree.
      '-o', 'APT::Sandbox::User=root',
    ];
    if (sourcesList) {
      this.options.push(
        '-o', `Dir::Etc::SourceList=${sourcesList}`,
        '-o', `Dir::Etc::SourceParts=${join(stateDir, 'no-source-parts')}`,
      );
    }
  }

  /** True once package lists have been fetched at least once. */
  hasLists(): boolean {
    return existsSync(this.listsDir) && readdirSync(this.listsDir).some((f) => /_Packages(\.\w+)?$/.test(f));
  }

  update(): void {
    run(this.tools['apt-get'], ['-q', '--error-on=any', ...this.options, 'update'], 'apt-get update (s390x lists)');
  }

  show(pkg: string): Stanza {
    const { stdout } = run(this.tools['apt-cache'], [...this.options, 'show', '--no-all-versions', pkg], `apt-cache show ${pkg}`);
    const stanza = parseStanza(stdout);
    if (!stanza.Package) throw new GuestError(`package ${pkg} not found in the s390x package lists`);
    return stanza;
  }

  resolve(pkg: string): ResolvedPackage {
    return resolvedFrom(this.show(pkg));
  }

  /** Path of the cached .deb if it is present and intact. */
  cached(pkg: ResolvedPackage): string | undefined {
    const path = join(this.debDir, debFileName(pkg.name, pkg.version, pkg.arch));
    return existsSync(path) && sha256File(path) === pkg.sha256 ? path : undefined;
  }

  /** Returns the .deb for exactly this version, downloading it only if not cached. */
  fetch(pkg: ResolvedPackage): { path: string; downloaded: boolean } {
    const hit = this.cached(pkg);
    if (hit) return { path: hit, downloaded: false };
    const tmp = join(this.debDir, 'partial-download');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    run(this.tools['apt-get'], ['-q', ...this.options, 'download', `${pkg.name}=${pkg.version}`], `download of ${pkg.name} ${pkg.version}`, { cwd: tmp });
    const got = readdirSync(tmp).filter((f) => f.endsWith('.deb'));
    if (got.length !== 1) throw new GuestError(`download of ${pkg.name} produced ${got.length} .deb files`);
    const from = join(tmp, got[0]!);
    if (sha256File(from) !== pkg.sha256) throw new GuestError(`download of ${pkg.name} ${pkg.version}: SHA256 mismatch`);
    const path = join(this.debDir, debFileName(pkg.name, pkg.version, pkg.arch));
    renameSync(from, path);
    rmSync(tmp, { recursive: true, force: true });
    return { path, downloaded: true };
  }
}
