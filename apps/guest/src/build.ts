import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kernelPackageOf, resolvedFrom, S390xArchive, type ResolvedPackage } from './apt.ts';
import { buildDataDisk } from './datadisk.ts';
import { GuestError } from './errors.ts';
import * as guestFiles from './guest-files.ts';
import { sha256 } from './hash.ts';
import { packInitramfs, stageInitramfs } from './initramfs.ts';
import { formatModulesDep, ModuleIndex, parseModinfo, parseModulesDep, resolveLoadOrder, type KernelModule } from './kmod.ts';
import {
  describeFile, formatManifest, MANIFEST_FILE, MANIFEST_FORMAT, readManifest, verifyManifest,
  type Manifest, type ManifestPackage,
} from './manifest.ts';
import { run, requireTools } from './tools.ts';

export const OUTPUT_FILES = { kernel: 'vmlinuz', initrd: 'initramfs.cpio.gz', disk: 'data.img' } as const;
export const KERNEL_META_PACKAGE = 'linux-image-s390x';
export const BUSYBOX_PACKAGE = 'busybox-static';
/** Bumped when the builder changes what it makes in a way guest-files.ts does not show. */
const BUILDER_REVISION = 1;

export interface BuildOptions {
  outDir: string;
  cacheDir: string;
  /** Fetch fresh package lists and re-resolve package versions. */
  refresh: boolean;
  /** An APT sources list to use instead of the host's. */
  sourcesList?: string;
  log: (line: string) => void;
}

export type BuildResult = { status: 'up-to-date'; manifest: Manifest } | { status: 'built'; manifest: Manifest };

export function recipeHash(): string {
  // Sorted: module namespaces list their exports in a loader-dependent order.
  const files = Object.entries(guestFiles).sort(([a], [b]) => (a < b ? -1 : 1));
  return sha256(JSON.stringify({ BUILDER_REVISION, MANIFEST_FORMAT, OUTPUT_FILES, files }));
}

export function buildGuest(opts: BuildOptions): BuildResult {
  const { outDir, cacheDir, log } = opts;
  const recipe = recipeHash();
  const existing = readManifest(outDir);
  const intact = (m: Manifest | undefined): m is Manifest =>
    m !== undefined && m.recipe === recipe && verifyManifest(outDir, m).length === 0;

  if (!opts.refresh && intact(existing)) return { status: 'up-to-date', manifest: existing };

  const tools = requireTools();
  // Fail on an unusable output directory now, not after the downloads.
  mkdirSync(outDir, { recursive: true });
  const archive = new S390xArchive(tools, join(cacheDir, 'apt'), opts.sourcesList);
  const freshLists = opts.refresh || !archive.hasLists();
  if (freshLists) {
    log('fetching the s390x package lists');
    archive.update();
  }
  const metaStanza = archive.show(KERNEL_META_PACKAGE);
  const meta = resolvedFrom(metaStanza);
  const kernelDep = kernelPackageOf(metaStanza);
  const kernelPkg = archive.resolve(kernelDep.name);
  if (kernelDep.relation === '=' && kernelDep.version !== kernelPkg.version) {
    throw new GuestError(`${meta.name} ${meta.version} wants ${kernelDep.name} ${kernelDep.version}, the lists offer ${kernelPkg.version}`);
  }
  const busyboxPkg = archive.resolve(BUSYBOX_PACKAGE);
  const packages = [meta, kernelPkg, busyboxPkg].map(toManifestPackage);

  if (intact(existing) && JSON.stringify(existing.packages) === JSON.stringify(packages)) {
    return { status: 'up-to-date', manifest: existing };
  }

  const debOf = (pkg: ResolvedPackage): string => {
    if (!archive.cached(pkg)) log(`downloading ${pkg.name} ${pkg.version} (${mib(pkg.size)})`);
    try {
      return archive.fetch(pkg).path;
    } catch (e) {
      // Debian drops superseded kernels from the archive; old lists still name them.
      if (e instanceof GuestError && !freshLists) throw new GuestError(`${e.message} (stale package lists? try: pnpm guest --refresh)`);
      throw e;
    }
  };
  const kernelDeb = debOf(kernelPkg);
  const busyboxDeb = debOf(busyboxPkg);

  const work = join(cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`unpacking ${kernelPkg.name} and ${busyboxPkg.name}`);
    const kernelTree = join(work, 'kernel');
    const busyboxTree = join(work, 'busybox');
    run(tools['dpkg-deb'], ['-x', kernelDeb, kernelTree], `dpkg-deb -x ${kernelPkg.name}`);
    run(tools['dpkg-deb'], ['-x', busyboxDeb, busyboxTree], `dpkg-deb -x ${busyboxPkg.name}`);

    const release = onlyEntry(join(kernelTree, 'lib/modules'), 'kernel module directory');
    const modulesDir = join(kernelTree, 'lib/modules', release);
    const vmlinuz = join(kernelTree, 'boot', `vmlinuz-${release}`);
    const busybox = join(busyboxTree, 'bin/busybox');
    for (const f of [vmlinuz, busybox]) {
      if (!existsSync(f)) throw new GuestError(`${relative(work, f)} is not in its package`);
    }
    // Packaging date of the kernel: a stable timestamp for everything we pack.
    const epoch = Number(process.env.SOURCE_DATE_EPOCH) || Math.floor(statSync(vmlinuz).mtimeMs / 1000);

    const modules = scanModules(modulesDir);
    const index = new ModuleIndex(modules);
    const depFile = join(modulesDir, 'modules.dep');
    const dep = parseModulesDep(existsSync(depFile) ? readFileSync(depFile, 'utf8') : formatModulesDep(modules));
    const order = resolveLoadOrder(dep, index, guestFiles.WANTED_MODULES);
    log(`initramfs: busybox and ${order.length} modules (${order.map((p) => index.atPath(p)!.name).join(' ')})`);

    const staging = join(work, 'initramfs');
    stageInitramfs({ root: staging, busybox, release, modulesDir, order, dep, index });

    const tmp = (name: string) => join(work, `out-${name}`);
    copyFileSync(vmlinuz, tmp(OUTPUT_FILES.kernel));
    packInitramfs(tools.cpio, staging, tmp(OUTPUT_FILES.initrd), epoch);
    buildDataDisk(tools, join(work, 'disk'), tmp(OUTPUT_FILES.disk), epoch);

    // Old manifest first, so an interrupted build never leaves a manifest that lies.
    rmSync(join(outDir, MANIFEST_FILE), { force: true });
    for (const name of Object.values(OUTPUT_FILES)) renameSync(tmp(name), join(outDir, name));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      recipe,
      kernelRelease: release,
      cmdline: guestFiles.DEFAULT_CMDLINE,
      packages,
      modules: order,
      files: {
        kernel: describeFile(outDir, OUTPUT_FILES.kernel),
        initrd: describeFile(outDir, OUTPUT_FILES.initrd),
        disk: describeFile(outDir, OUTPUT_FILES.disk),
      },
    };
    writeFileSync(join(work, MANIFEST_FILE), formatManifest(manifest));
    renameSync(join(work, MANIFEST_FILE), join(outDir, MANIFEST_FILE));
    return { status: 'built', manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function toManifestPackage(p: ResolvedPackage): ManifestPackage {
  return { name: p.name, version: p.version, arch: p.arch, sha256: p.sha256 };
}

function onlyEntry(dir: string, what: string): string {
  const entries = existsSync(dir) ? readdirSync(dir) : [];
  if (entries.length !== 1) throw new GuestError(`expected one ${what} in ${dir}, found ${entries.length}`);
  return entries[0]!;
}

function scanModules(modulesDir: string): KernelModule[] {
  const out: KernelModule[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(modulesDir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ko')) out.push(parseModinfo(readFileSync(join(modulesDir, p)), p));
      else if (/\.ko\.(xz|gz|zst)$/.test(e.name)) {
        // Debian 12 builds with CONFIG_MODULE_COMPRESS_NONE; a kernel that compresses
        // its modules needs decompression here before modinfo can be read.
        throw new GuestError(`compressed kernel modules (${p}) are not supported yet`);
      }
    }
  };
  walk('kernel');
  out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return out;
}

export function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
