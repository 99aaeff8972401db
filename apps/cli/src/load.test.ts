import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs, type MachineConfig } from './args.ts';
import { isS390xKernel, loadMachine, maxCommandLine } from './load.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ztab-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The shape of an s390 boot image: "S390EP" at 0x10008, command line size at 0x10430. */
function bootImage(cmdlineSize = 4096): Uint8Array {
  const b = new Uint8Array(0x10500);
  b.set(new TextEncoder().encode('S390EP'), 0x10008);
  new DataView(b.buffer).setBigUint64(0x10430, BigInt(cmdlineSize), false);
  return b;
}

function elfHeader(machine: number, bigEndian = true): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, bigEndian ? 2 : 1, 1]);
  new DataView(b.buffer).setUint16(18, machine, !bigEndian);
  return b;
}

function file(name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

function config(argv: string[]): MachineConfig {
  const r = parseArgs(argv);
  if (r.kind !== 'machine') throw new Error(JSON.stringify(r));
  return r.config;
}

function guestDir(): string {
  const g = join(dir, 'guest');
  mkdirSync(g);
  writeFileSync(join(g, 'vmlinuz'), bootImage());
  writeFileSync(join(g, 'initramfs.cpio.gz'), 'initramfs');
  writeFileSync(join(g, 'data.img'), new Uint8Array(4096));
  writeFileSync(
    join(g, 'manifest.json'),
    JSON.stringify({
      cmdline: 'console=ttysclp0',
      files: { kernel: { path: 'vmlinuz' }, initrd: { path: 'initramfs.cpio.gz' }, disk: { path: 'data.img' } },
    }),
  );
  return g;
}

describe('kernel images', () => {
  it('recognises the s390 boot image and 64-bit big-endian s390 ELF files', () => {
    expect(isS390xKernel(bootImage())).toBe(true);
    expect(isS390xKernel(elfHeader(22))).toBe(true);
    expect(isS390xKernel(elfHeader(62, false))).toBe(false); // x86-64
    expect(isS390xKernel(elfHeader(22, false))).toBe(false);
    expect(isS390xKernel(new TextEncoder().encode('not a kernel'))).toBe(false);
  });

  it('reads the command line room a boot image declares, 896 bytes when it declares none', () => {
    expect(maxCommandLine(bootImage(4096))).toBe(4096);
    expect(maxCommandLine(bootImage(0))).toBe(896);
    expect(maxCommandLine(elfHeader(22))).toBeUndefined();
  });
});

describe('loading a machine', () => {
  it('fills in the default guest: kernel, initrd, command line, and its disk as a snapshot', async () => {
    const g = guestDir();
    const loaded = await loadMachine(config([]), { guestDir: g });
    expect(loaded.defaultGuest).toBe(true);
    expect(loaded.kernel.path).toBe(join(g, 'vmlinuz'));
    expect(loaded.kernel.bytes.length).toBe(0x10500);
    expect(loaded.initrd?.bytes).toEqual(new TextEncoder().encode('initramfs'));
    expect(loaded.cmdline).toBe('console=ttysclp0');
    expect(loaded.drives).toEqual([{ path: join(g, 'data.img'), size: 4096, readonly: false, snapshot: true }]);
  });

  it('lets -append and -drive replace the default command line and disk', async () => {
    const g = guestDir();
    const disk = file('mine.img', new Uint8Array(512));
    const loaded = await loadMachine(config(['-append', 'quiet', '-drive', `file=${disk},readonly=on`]), { guestDir: g });
    expect(loaded.cmdline).toBe('quiet');
    expect(loaded.drives).toEqual([{ path: disk, size: 512, readonly: true, snapshot: false }]);
  });

  it('loads an explicit kernel without an initrd and marks -snapshot drives', async () => {
    const k = file('k', elfHeader(22));
    const d = file('d.img', new Uint8Array(1024));
    const loaded = await loadMachine(config(['-kernel', k, '-snapshot', '-drive', `file=${d}`]), { guestDir: join(dir, 'none') });
    expect(loaded.defaultGuest).toBe(false);
    expect(loaded.initrd).toBeUndefined();
    expect(loaded.cmdline).toBe('');
    expect(loaded.drives).toEqual([{ path: d, size: 1024, readonly: false, snapshot: true }]);
  });

  it('explains a missing or broken default guest', async () => {
    await expect(loadMachine(config([]), { guestDir: join(dir, 'none') })).rejects.toThrow(
      `no default guest in ${join(dir, 'none')} (run 'pnpm guest', or give -kernel)`,
    );
    const g = guestDir();
    writeFileSync(join(g, 'manifest.json'), '{"files": {}}');
    await expect(loadMachine(config([]), { guestDir: g })).rejects.toThrow(/is not a guest manifest/);
  });

  it('names the file and the reason when a file cannot be used', async () => {
    const k = file('k', bootImage());
    const none = join(dir, 'absent');
    const load = (argv: string[]) => loadMachine(config(argv), { guestDir: dir });
    await expect(load(['-kernel', none])).rejects.toThrow(`cannot read -kernel ${none}: no such file`);
    await expect(load(['-kernel', dir])).rejects.toThrow(`-kernel ${dir}: is a directory`);
    await expect(load(['-kernel', file('empty', '')])).rejects.toThrow(/-kernel .*empty: file is empty/);
    await expect(load(['-kernel', file('x86', elfHeader(62, false))])).rejects.toThrow(/not an s390x Linux kernel/);
    await expect(load(['-kernel', k, '-initrd', none])).rejects.toThrow(`cannot read -initrd ${none}: no such file`);
    await expect(load(['-kernel', k, '-drive', `file=${none}`])).rejects.toThrow(`cannot read -drive ${none}: no such file`);
    await expect(load(['-kernel', k, '-drive', `file=${file('e.img', '')}`])).rejects.toThrow(/file is empty/);
    await expect(load(['-kernel', join(k, 'sub')])).rejects.toThrow(/a path component is not a directory/);
  });

  it('refuses memory too small for kernel and initrd, and command lines the kernel has no room for', async () => {
    const k = file('k', bootImage(64));
    const big = file('big', new Uint8Array(2 << 20));
    await expect(loadMachine(config(['-kernel', k, '-initrd', big, '-m', '2']), { guestDir: dir })).rejects.toThrow(
      /-m 2M is too small to hold the kernel and initrd/,
    );
    await expect(loadMachine(config(['-kernel', k, '-append', 'x'.repeat(64)]), { guestDir: dir })).rejects.toThrow(
      '-append: the command line is 64 bytes, this kernel takes at most 63',
    );
    const ok = await loadMachine(config(['-kernel', k, '-append', 'x'.repeat(63)]), { guestDir: dir });
    expect(ok.cmdline.length).toBe(63);
  });
});
