import { chmodSync, copyFileSync, lutimesSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { GROUP, HOSTNAME, INIT_SCRIPT, INITTAB, PASSWD, PROFILE } from './guest-files.ts';
import { formatAliases, formatSoftdeps, subsetModulesDep, type ModuleIndex, type ModulesDep } from './kmod.ts';
import { run } from './tools.ts';

export interface InitramfsInput {
  /** Empty directory to build the tree in. */
  root: string;
  busybox: string;
  release: string;
  /** /lib/modules/<release> of the unpacked kernel package. */
  modulesDir: string;
  /** Module paths in load order. */
  order: readonly string[];
  dep: ModulesDep;
  index: ModuleIndex;
}

export function stageInitramfs(input: InitramfsInput): void {
  const { root } = input;
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys', 'tmp', 'mnt', 'root', 'run', 'etc/ztab']) {
    mkdirSync(join(root, d), { recursive: true });
  }
  const put = (path: string, text: string, mode = 0o644) => {
    writeFileSync(join(root, path), text);
    chmodSync(join(root, path), mode);
  };
  copyFileSync(input.busybox, join(root, 'bin/busybox'));
  chmodSync(join(root, 'bin/busybox'), 0o755);
  put('init', INIT_SCRIPT, 0o755);
  put('etc/inittab', INITTAB);
  put('etc/profile', PROFILE);
  put('etc/hostname', HOSTNAME);
  put('etc/passwd', PASSWD);
  put('etc/group', GROUP);
  put('etc/ztab/modules', input.order.map((p) => `${p}\n`).join(''));

  const modRoot = join(root, 'lib/modules', input.release);
  for (const p of input.order) {
    mkdirSync(dirname(join(modRoot, p)), { recursive: true });
    copyFileSync(join(input.modulesDir, p), join(modRoot, p));
  }
  const included = input.order.map((p) => input.index.atPath(p)!);
  writeFileSync(join(modRoot, 'modules.dep'), subsetModulesDep(input.dep, input.order));
  writeFileSync(join(modRoot, 'modules.alias'), formatAliases(included));
  writeFileSync(join(modRoot, 'modules.softdep'), formatSoftdeps(included));
}

/** Every path under root, parents before children, in a stable order. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      out.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk('');
  return out;
}

/** Gives every file one timestamp so that the same inputs pack to the same bytes. */
export function setTreeTime(root: string, epochSeconds: number): void {
  for (const p of [...listTree(root)].reverse()) lutimesSync(join(root, p), epochSeconds, epochSeconds);
  lutimesSync(root, epochSeconds, epochSeconds);
}

/** Packs root as a gzip-compressed newc cpio archive, the format Linux unpacks as initramfs. */
export function packInitramfs(cpio: string, root: string, out: string, epochSeconds: number): void {
  setTreeTime(root, epochSeconds);
  const cpioFile = `${out}.cpio`;
  run(cpio, ['--quiet', '-o', '-H', 'newc', '-R', '0:0', '--reproducible', '-O', cpioFile], 'cpio', {
    cwd: root,
    input: listTree(root).join('\n') + '\n',
  });
  // gzip rather than xz: the emulated kernel unpacks it several times faster.
  writeFileSync(out, gzipSync(readFileSync(cpioFile), { level: 9 }));
}
