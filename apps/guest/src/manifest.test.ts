import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFile, formatManifest, readManifest, verifyManifest, type Manifest } from './manifest.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ztab-manifest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sample(): Manifest {
  writeFileSync(join(dir, 'vmlinuz'), 'kernel bytes');
  writeFileSync(join(dir, 'initramfs.cpio.gz'), 'initramfs bytes');
  writeFileSync(join(dir, 'data.img'), 'disk bytes');
  return {
    format: 1,
    recipe: 'r',
    kernelRelease: '6.1.0-50-s390x',
    cmdline: 'console=ttysclp0',
    packages: [{ name: 'busybox-static', version: '1:1.35.0', arch: 's390x', sha256: 'ab' }],
    modules: ['kernel/fs/ext4/ext4.ko'],
    files: {
      kernel: describeFile(dir, 'vmlinuz'),
      initrd: describeFile(dir, 'initramfs.cpio.gz'),
      disk: describeFile(dir, 'data.img'),
    },
  };
}

describe('manifest', () => {
  it('describes a file by size and sha256', () => {
    writeFileSync(join(dir, 'f'), 'abc');
    expect(describeFile(dir, 'f')).toEqual({
      path: 'f',
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('round-trips through manifest.json and matches its files', () => {
    const m = sample();
    writeFileSync(join(dir, 'manifest.json'), formatManifest(m));
    expect(readManifest(dir)).toEqual(m);
    expect(verifyManifest(dir, m)).toEqual([]);
  });

  it('names every missing, resized or altered file', () => {
    const m = sample();
    rmSync(join(dir, 'vmlinuz'));
    writeFileSync(join(dir, 'initramfs.cpio.gz'), 'longer initramfs bytes');
    writeFileSync(join(dir, 'data.img'), 'DISK bytes');
    expect(verifyManifest(dir, m)).toEqual([
      'kernel: vmlinuz is missing',
      `initrd: initramfs.cpio.gz is 22 bytes, manifest says 15`,
      'disk: data.img does not match its sha256',
    ]);
  });

  it('refuses file names that leave the guest directory', () => {
    const m = sample();
    m.files.disk = { ...m.files.disk, path: '../data.img' };
    expect(verifyManifest(dir, m)).toEqual(['disk: ../data.img is not a plain file name']);
  });

  it('treats an absent, unparsable or foreign manifest as no manifest', () => {
    expect(readManifest(dir)).toBeUndefined();
    writeFileSync(join(dir, 'manifest.json'), '{ not json');
    expect(readManifest(dir)).toBeUndefined();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...sample(), format: 99 }));
    expect(readManifest(dir)).toBeUndefined();
    const { disk: _disk, ...noDisk } = sample().files;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...sample(), files: noDisk }));
    expect(readManifest(dir)).toBeUndefined();
  });
});
