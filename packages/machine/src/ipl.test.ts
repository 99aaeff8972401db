// IPL placement as QEMU 7.2's -kernel loader does it. For the Debian guest the values
// were read back from qemu-system-s390x -S through its gdb stub on 2026-11-21: PSW
// 0000000180000000 00010000, 0x10408 = 0x800000, 0x10410 = 0x17c970 (the initrd's size),
// "console=ttysclp0\0" at 0x10480, the gzip magic at 0x800000.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INITRD_START, IplError, PARM_COMMAND_LINE, PARM_INITRD_SIZE, PARM_INITRD_START, checkEmbeddedXz, crc32, loadLinux } from './ipl.ts';

const guest = fileURLToPath(new URL('../../../public/guest/', import.meta.url));
const HAVE_GUEST = existsSync(`${guest}vmlinuz`) && existsSync(`${guest}initramfs.cpio.gz`);

function be64(ram: Uint8Array, off: number): number {
  const dv = new DataView(ram.buffer, ram.byteOffset);
  return dv.getUint32(off) * 2 ** 32 + dv.getUint32(off + 4);
}

/** A minimal Linux boot image: S390EP at 0x10008, a declared command-line room. */
function fakeLinux(size: number, room: number): Uint8Array {
  const k = new Uint8Array(size);
  k.set(new TextEncoder().encode('S390EP'), 0x10008);
  new DataView(k.buffer).setUint32(0x10430 + 4, room);
  return k;
}

describe('loadLinux', () => {
  it('CRC-32 is the IEEE one xz uses', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('places a boot image at 0, starts at 0x10000, initrd at 8 MiB, parameters where Linux reads them', () => {
    const ram = new Uint8Array(32 << 20);
    const initrd = Uint8Array.of(0x1f, 0x8b, 8, ...new Array(40).fill(7));
    const img = loadLinux(ram, fakeLinux(0x20000, 4096), initrd, 'console=ttysclp0 quiet');
    expect(img).toMatchObject({ entry: 0x10000, linux: true, initrdStart: INITRD_START, initrdSize: initrd.length });
    expect(be64(ram, PARM_INITRD_START)).toBe(0x800000);
    expect(be64(ram, PARM_INITRD_SIZE)).toBe(initrd.length);
    expect(ram[0x800000]).toBe(0x1f);
    const cl = new TextDecoder().decode(ram.subarray(PARM_COMMAND_LINE, PARM_COMMAND_LINE + 24));
    expect(cl).toBe('console=ttysclp0 quiet\0\0');
  });

  it('moves the initrd up in 1 MiB steps past a kernel that reaches 8 MiB', () => {
    const ram = new Uint8Array(32 << 20);
    const img = loadLinux(ram, fakeLinux(0x7f0000, 4096), Uint8Array.of(1, 2, 3), '');
    // kernel end 0x7f0000 + 1 MiB > 0x800000 and > 0x900000? 0x8f0000 < 0x900000: 9 MiB.
    expect(img.initrdStart).toBe(0x900000);
  });

  it('refuses a command line longer than the room the kernel declares, and a non-Linux image with one', () => {
    const ram = new Uint8Array(16 << 20);
    expect(() => loadLinux(ram, fakeLinux(0x20000, 16), undefined, 'x'.repeat(16))).toThrow(IplError);
    expect(() => loadLinux(ram, fakeLinux(0x20000, 0), undefined, 'x'.repeat(895))).not.toThrow();
    expect(() => loadLinux(ram, fakeLinux(0x20000, 0), undefined, 'x'.repeat(896))).toThrow(/at most 895/);
    const raw = new Uint8Array(0x1000);
    new DataView(raw.buffer).setUint32(4, 0x80000200);
    expect(loadLinux(ram, raw, undefined, '').entry).toBe(0x200);
    expect(() => loadLinux(ram, raw, undefined, 'quiet')).toThrow(/Linux kernel/);
  });

  it('refuses an initrd or kernel that does not fit', () => {
    const ram = new Uint8Array(9 << 20);
    expect(() => loadLinux(ram, fakeLinux(0x20000, 4096), new Uint8Array(2 << 20), '')).toThrow(/does not fit/);
    expect(() => loadLinux(new Uint8Array(1 << 16), fakeLinux(0x20000, 4096), undefined, '')).toThrow(/does not fit/);
  });

  it('loads an ELF kernel by its program headers', () => {
    const k = new Uint8Array(0x200);
    const dv = new DataView(k.buffer);
    k.set([0x7f, 0x45, 0x4c, 0x46, 2, 2, 1], 0);
    dv.setUint16(18, 22);
    dv.setUint32(24 + 4, 0x10000); // e_entry
    dv.setUint32(32 + 4, 64); // e_phoff
    dv.setUint16(54, 56);
    dv.setUint16(56, 1);
    dv.setUint32(64, 1); // PT_LOAD
    dv.setUint32(64 + 8 + 4, 0x100); // p_offset
    dv.setUint32(64 + 24 + 4, 0x10000); // p_paddr
    dv.setUint32(64 + 32 + 4, 0x100); // p_filesz
    dv.setUint32(64 + 40 + 4, 0x800); // p_memsz
    k.fill(0xaa, 0x100, 0x200);
    const ram = new Uint8Array(16 << 20).fill(0x55, 0x10000, 0x11000);
    const img = loadLinux(ram, k, undefined, 'quiet');
    expect(img).toMatchObject({ entry: 0x10000, linux: true });
    expect(ram[0x10000]).toBe(0xaa);
    expect(ram[0x100ff]).toBe(0xaa);
    expect(ram[0x10100]).toBe(0);
    expect(ram[0x10800]).toBe(0x55);
    const trunc = k.slice(0, 0x180);
    expect(() => loadLinux(ram, trunc, undefined, '')).toThrow(/truncated/);
  });

  it.skipIf(!HAVE_GUEST)('accepts Debian\'s vmlinuz and rejects it truncated', () => {
    const k = new Uint8Array(readFileSync(`${guest}vmlinuz`));
    expect(checkEmbeddedXz(k)).toBeNull();
    expect(checkEmbeddedXz(k.subarray(0, k.length - 300000))).toMatch(/truncated/);
    const ram = new Uint8Array(64 << 20);
    const img = loadLinux(ram, k, new Uint8Array(readFileSync(`${guest}initramfs.cpio.gz`)), 'console=ttysclp0');
    expect(img.entry).toBe(0x10000);
    expect(img.initrdStart).toBe(0x800000);
    expect(be64(ram, PARM_INITRD_START)).toBe(0x800000);
    expect(be64(ram, PARM_INITRD_SIZE)).toBe(0x17c970);
    expect(() => loadLinux(ram, k.slice(0, k.length - 300000), undefined, '')).toThrow(IplError);
  });
});
