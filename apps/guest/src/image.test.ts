/** Checks the built guest in public/guest against its manifest and against what it must contain. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recipeHash } from './build.ts';
import { DATA_DISK_FILES, INIT_SCRIPT, INITTAB, WANTED_MODULES } from './guest-files.ts';
import { moduleNameFromPath } from './kmod.ts';
import { readManifest, verifyManifest } from './manifest.ts';
import { DEFAULT_GUEST_DIR } from './paths.ts';
import { findTool } from './tools.ts';

const dir = DEFAULT_GUEST_DIR;
const manifest = readManifest(dir);
const mustRun = process.env.CI === 'true' || process.env.CI === '1';
const skip = !manifest && !mustRun;
const title = (t: string) => (manifest ? t : `${t} (skipped: public/guest has no manifest; run \`pnpm guest\`)`);

function tool(name: string, args: string[], input?: Uint8Array): Buffer {
  const r = spawnSync(findTool(name, process.env.PATH)!, args, { input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(skip)('the built guest image', () => {
  const m = () => {
    if (!manifest) throw new Error('public/guest/manifest.json is missing or unreadable');
    return manifest;
  };
  const initrd = () => gunzipSync(readFileSync(join(dir, m().files.initrd.path)));

  it(title('matches its manifest file by file'), () => {
    expect(verifyManifest(dir, m())).toEqual([]);
    expect(m().recipe).toBe(recipeHash());
  });

  it(title('records the meta package, the kernel it resolved to, and busybox-static'), () => {
    const names = m().packages.map((p) => p.name);
    expect(names[0]).toBe('linux-image-s390x');
    expect(names[1]).toBe(`linux-image-${m().kernelRelease}`);
    expect(names[2]).toBe('busybox-static');
    for (const p of m().packages) {
      expect(p.arch).toBe('s390x');
      expect(p.version).toMatch(/^\S+$/);
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(m().cmdline).toContain('console=ttysclp0');
  });

  it(title('has an s390x Linux kernel image'), () => {
    const kernel = readFileSync(join(dir, m().files.kernel.path));
    // The s390 boot image format puts this signature at 0x10008 (QEMU's IPL checks it too).
    expect(kernel.subarray(0x10008, 0x1000e).toString('latin1')).toBe('S390EP');
  });

  it(title('has an initramfs with busybox, /init, inittab and the virtio and ext4 modules'), () => {
    const list = tool('cpio', ['-t', '--quiet'], initrd()).toString().trim().split('\n');
    const modDir = `lib/modules/${m().kernelRelease}`;
    for (const f of ['init', 'bin/busybox', 'etc/inittab', 'etc/profile', `${modDir}/modules.dep`, `${modDir}/modules.alias`]) {
      expect(list).toContain(f);
    }
    for (const ko of m().modules) expect(list).toContain(`${modDir}/${ko}`);
    const loaded = m().modules.map(moduleNameFromPath);
    for (const w of WANTED_MODULES) expect(loaded).toContain(w);
    // ext4 needs crc32c for metadata checksums; its softdep must have pulled it in first.
    expect(loaded.indexOf('crc32c_generic')).toBeGreaterThanOrEqual(0);
    expect(loaded.indexOf('crc32c_generic')).toBeLessThan(loaded.indexOf('ext4'));

    const extract = (name: string) => tool('cpio', ['-i', '--quiet', '--to-stdout', name], initrd()).toString();
    expect(extract('init')).toBe(INIT_SCRIPT);
    expect(extract('etc/inittab')).toBe(INITTAB);
    expect(extract('etc/ztab/modules')).toBe(m().modules.map((p) => `${p}\n`).join(''));
    const dep = extract(`${modDir}/modules.dep`);
    expect(dep).toContain('kernel/drivers/net/virtio_net.ko: kernel/drivers/net/net_failover.ko kernel/net/core/failover.ko');
  });

  it(title('has a clean ext4 data disk holding the hello file'), () => {
    const disk = join(dir, m().files.disk.path);
    tool('e2fsck', ['-fn', disk]);
    for (const [name, text] of Object.entries(DATA_DISK_FILES)) {
      expect(tool('debugfs', ['-R', `cat /${name}`, disk]).toString()).toBe(text);
    }
  });
});
