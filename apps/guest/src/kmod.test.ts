import { describe, expect, it } from 'vitest';
import {
  formatAliases, formatModulesDep, formatSoftdeps, ModuleIndex, moduleNameFromPath, parseModinfo,
  parseModulesDep, readModinfoStrings, resolveLoadOrder, subsetModulesDep, type KernelModule,
} from './kmod.ts';

/** A minimal ELF64 relocatable with only .shstrtab and .modinfo, the way modpost lays .modinfo out. */
function fakeModule(modinfo: string[], littleEndian = false): Uint8Array {
  const enc = new TextEncoder();
  const shstr = enc.encode('\0.shstrtab\0.modinfo\0');
  const info = enc.encode(modinfo.map((s) => `${s}\0`).join(''));
  const shoff = Math.ceil((64 + shstr.length + info.length) / 8) * 8;
  const buf = new Uint8Array(shoff + 3 * 64);
  const dv = new DataView(buf.buffer);
  buf.set([0x7f, 0x45, 0x4c, 0x46, 2, littleEndian ? 1 : 2, 1]);
  dv.setUint16(0x10, 1, littleEndian); // ET_REL
  dv.setUint16(0x12, 22, littleEndian); // EM_S390
  dv.setBigUint64(0x28, BigInt(shoff), littleEndian);
  dv.setUint16(0x3a, 64, littleEndian);
  dv.setUint16(0x3c, 3, littleEndian);
  dv.setUint16(0x3e, 1, littleEndian);
  buf.set(shstr, 64);
  buf.set(info, 64 + shstr.length);
  const section = (i: number, name: number, offset: number, size: number) => {
    const o = shoff + i * 64;
    dv.setUint32(o, name, littleEndian);
    dv.setUint32(o + 4, i === 1 ? 3 : 1, littleEndian);
    dv.setBigUint64(o + 0x18, BigInt(offset), littleEndian);
    dv.setBigUint64(o + 0x20, BigInt(size), littleEndian);
  };
  section(1, 1, 64, shstr.length);
  section(2, 11, 64 + shstr.length, info.length);
  return buf;
}

const mod = (path: string, depends: string[] = [], extra: Partial<KernelModule> = {}): KernelModule => ({
  path,
  name: moduleNameFromPath(path),
  depends,
  softPre: [],
  aliases: [],
  ...extra,
});

describe('.modinfo', () => {
  it('reads name, depends, softdep and aliases from a big-endian (s390x) module', () => {
    const elf = fakeModule([
      'alias=fs-ext4',
      'alias=ext3',
      'softdep=pre: crypto-crc32c',
      'depends=jbd2,mbcache,crc16',
      'license=GPL',
      'name=ext4',
    ]);
    expect(parseModinfo(elf, 'kernel/fs/ext4/ext4.ko')).toEqual({
      path: 'kernel/fs/ext4/ext4.ko',
      name: 'ext4',
      depends: ['jbd2', 'mbcache', 'crc16'],
      softPre: ['crypto-crc32c'],
      aliases: ['fs-ext4', 'ext3'],
    });
  });

  it('reads little-endian modules too, and folds - to _ in names', () => {
    const elf = fakeModule(['depends=', 'softdep=pre: a b post: c', 'name=virtio-rng'], true);
    const m = parseModinfo(elf, 'kernel/drivers/char/hw_random/virtio-rng.ko');
    expect(m.name).toBe('virtio_rng');
    expect(m.depends).toEqual([]);
    expect(m.softPre).toEqual(['a', 'b']);
  });

  it('falls back to the file name when .modinfo has no name=', () => {
    expect(parseModinfo(fakeModule(['depends=']), 'kernel/lib/crc-t10dif.ko').name).toBe('crc_t10dif');
  });

  it('rejects files that are not 64-bit ELF modules', () => {
    expect(() => readModinfoStrings(new TextEncoder().encode('#!/bin/sh\necho not a module\n'.padEnd(80)))).toThrow(
      /no ELF magic/,
    );
    const elf32 = fakeModule(['name=x']);
    elf32[4] = 1;
    expect(() => readModinfoStrings(elf32)).toThrow(/not a 64-bit/);
    const truncated = fakeModule(['name=x']).subarray(0, 100);
    expect(() => readModinfoStrings(truncated)).toThrow(/section table|outside/);
  });

  it('rejects an ELF object without a .modinfo section', () => {
    const elf = fakeModule(['name=x']);
    elf.set(new TextEncoder().encode('.modinfX'), 64 + 11);
    expect(() => readModinfoStrings(elf)).toThrow(/no \.modinfo/);
  });
});

describe('modules.dep', () => {
  const modules = [
    mod('kernel/fs/ext4/ext4.ko', ['jbd2', 'mbcache', 'crc16'], { softPre: ['crypto-crc32c'], aliases: ['fs-ext4'] }),
    mod('kernel/fs/jbd2/jbd2.ko', [], { softPre: ['crypto-crc32c'] }),
    mod('kernel/fs/mbcache.ko'),
    mod('kernel/lib/crc16.ko'),
    mod('kernel/crypto/crc32c_generic.ko', [], { aliases: ['crypto-crc32c', 'crc32c'] }),
    mod('kernel/drivers/net/virtio_net.ko', ['net_failover']),
    mod('kernel/drivers/net/net_failover.ko', ['failover']),
    mod('kernel/net/core/failover.ko'),
    mod('kernel/drivers/char/hw_random/virtio-rng.ko'),
  ];

  it('lists every dependency transitively, to be loaded from the end of the line', () => {
    const dep = parseModulesDep(formatModulesDep(modules));
    expect(dep.get('kernel/drivers/net/virtio_net.ko')).toEqual([
      'kernel/drivers/net/net_failover.ko',
      'kernel/net/core/failover.ko',
    ]);
    expect(dep.get('kernel/net/core/failover.ko')).toEqual([]);
    expect(dep.get('kernel/fs/ext4/ext4.ko')?.sort()).toEqual(
      ['kernel/fs/jbd2/jbd2.ko', 'kernel/fs/mbcache.ko', 'kernel/lib/crc16.ko'].sort(),
    );
  });

  it('parses depmod-style text and rejects malformed lines', () => {
    const dep = parseModulesDep('# comment\nkernel/a.ko: kernel/b.ko kernel/c.ko\nkernel/b.ko:\n\n');
    expect([...dep.entries()]).toEqual([
      ['kernel/a.ko', ['kernel/b.ko', 'kernel/c.ko']],
      ['kernel/b.ko', []],
    ]);
    expect(() => parseModulesDep('kernel/a.ko kernel/b.ko\n')).toThrow(/line 1/);
  });

  it('refuses a dependency that is not among the modules', () => {
    expect(() => formatModulesDep([mod('kernel/a.ko', ['ghost'])])).toThrow(/a depends on ghost/);
  });

  it('orders loads so that every module follows its hard and soft dependencies', () => {
    const index = new ModuleIndex(modules);
    const dep = parseModulesDep(formatModulesDep(modules));
    const order = resolveLoadOrder(dep, index, ['virtio_net', 'virtio-rng', 'ext4']);
    const at = (name: string) => order.findIndex((p) => index.atPath(p)!.name === name);
    expect(order).toHaveLength(9);
    expect(new Set(order).size).toBe(order.length);
    expect(at('failover')).toBeLessThan(at('net_failover'));
    expect(at('net_failover')).toBeLessThan(at('virtio_net'));
    for (const d of ['jbd2', 'mbcache', 'crc16', 'crc32c_generic']) expect(at(d)).toBeLessThan(at('ext4'));
    // jbd2's own softdep pulls crc32c in ahead of it.
    expect(at('crc32c_generic')).toBeLessThan(at('jbd2'));
  });

  it('finds modules by name, by - or _ spelling, and by alias', () => {
    const index = new ModuleIndex(modules);
    expect(index.find('virtio-rng')?.path).toBe('kernel/drivers/char/hw_random/virtio-rng.ko');
    expect(index.find('virtio_rng')?.path).toBe('kernel/drivers/char/hw_random/virtio-rng.ko');
    expect(index.find('crypto-crc32c')?.name).toBe('crc32c_generic');
    expect(index.find('fs-ext4')?.name).toBe('ext4');
    expect(index.find('nope')).toBeUndefined();
  });

  it('ignores softdeps nothing provides (built in or optional), as modprobe does', () => {
    const mods = [mod('kernel/a.ko', [], { softPre: ['builtin-thing'] })];
    const order = resolveLoadOrder(parseModulesDep(formatModulesDep(mods)), new ModuleIndex(mods), ['a']);
    expect(order).toEqual(['kernel/a.ko']);
  });

  it('reports unknown modules, modules missing from modules.dep, and cycles', () => {
    const index = new ModuleIndex(modules);
    const dep = parseModulesDep(formatModulesDep(modules));
    expect(() => resolveLoadOrder(dep, index, ['virtio_gpu'])).toThrow(/virtio_gpu not found/);
    const partial = new Map(dep);
    partial.delete('kernel/lib/crc16.ko');
    expect(() => resolveLoadOrder(partial, index, ['ext4'])).toThrow(/crc16\.ko is missing from modules\.dep/);
    const cyclic = [mod('kernel/a.ko', [], { softPre: ['b'] }), mod('kernel/b.ko', [], { softPre: ['a'] })];
    const cdep = parseModulesDep('kernel/a.ko:\nkernel/b.ko:\n');
    expect(() => resolveLoadOrder(cdep, new ModuleIndex(cyclic), ['a'])).toThrow(/cycle: kernel\/a\.ko -> kernel\/b\.ko -> kernel\/a\.ko/);
  });

  it('writes the modules.dep, modules.alias and modules.softdep that busybox modprobe reads', () => {
    const dep = parseModulesDep(formatModulesDep(modules));
    const chosen = ['kernel/net/core/failover.ko', 'kernel/drivers/net/net_failover.ko'];
    expect(subsetModulesDep(dep, chosen)).toBe(
      'kernel/net/core/failover.ko:\nkernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko\n',
    );
    expect(formatAliases([modules[4]!])).toBe('alias crypto-crc32c crc32c_generic\nalias crc32c crc32c_generic\n');
    expect(formatSoftdeps(modules.slice(0, 3))).toBe('softdep ext4 pre: crypto-crc32c\nsoftdep jbd2 pre: crypto-crc32c\n');
  });
});
