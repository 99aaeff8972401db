import { describe, expect, it } from 'vitest';
import { createCpu, PGM } from './index.ts';

/** Put big-endian instruction bytes at `addr` and point the PSW there. */
function load(c: ReturnType<typeof createCpu>, addr: number, hex: string) {
  const bytes = hex.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16));
  bytes.forEach((b, k) => c.st8(addr + k, b));
  c.ia = addr;
}

describe('cpu core', () => {
  it('executes a little program: l, ar with overflow to CC 3, brc, lg', () => {
    const c = createCpu(1 << 20);
    c.st32(0x2000, 0x7fffffff);
    c.st64(0x2008, 0x12345678, 0x9abcdef0);
    c.setGpr64(2, 0, 0x2000);
    c.setGpr64(3, 0, 1);
    // l %r1,0(%r2); ar %r1,%r3; brc 1,+6 bytes (cc3 -> skip the lr); lr %r4,%r1; lg %r5,8(%r2)
    load(c, 0x1000, '58102000 1a13 a7140003 1841 e3502008 0004');
    c.run(4);
    expect(c.r[2]).toBe(0x80000000);
    expect(c.cc).toBe(3);
    expect(c.r[8]).toBe(0); // lr %r4,%r1 was branched over
    expect([c.r[11], c.r[10]]).toEqual([0x12345678, 0x9abcdef0]);
    expect(c.ia).toBe(0x1012);
  });

  it('wraps effective addresses in 64-bit mode through the top of the address space', () => {
    const c = createCpu(1 << 20);
    c.setGpr64(1, 0xffffffff, 0xfffffff8); // -8
    expect(c.ea(0, 1, 16)).toBe(8);
    expect(c.ea(1, 1, 0)).toBe(2 ** 64 - 16);
    // A negative displacement borrows from the high half only when the sum goes negative.
    c.setGpr64(2, 0, 0x2000);
    expect(c.ea(0, 2, -8)).toBe(0x1ff8);
    expect(c.ea(0, 2, -0x2008)).toBe(2 ** 64 - 8);
    c.setGpr64(3, 1, 4);
    expect(c.ea(3, 0, -8)).toBe(2 ** 32 - 4);
    c.amode = 1;
    expect(c.ea(0, 2, -0x2008)).toBe(0x7ffffff8);
  });

  it('raises an addressing exception beyond storage and an operation exception for unknown opcodes', () => {
    const c = createCpu(1 << 20);
    const seen: number[] = [];
    c.programHook = (cpu, code) => { seen.push(code); cpu.stopReason = 'stop'; };
    c.setGpr64(2, 0, 1 << 20);
    load(c, 0x1000, '58102000');
    c.run(1);
    expect(seen).toEqual([PGM.ADDRESSING]);
    c.stopReason = null;
    load(c, 0x1000, '0000');
    c.run(1);
    expect(seen).toEqual([PGM.ADDRESSING, PGM.OPERATION]);
  });

  it('applies prefixing to the first 8 KiB', () => {
    const c = createCpu(1 << 20);
    c.prefix = 0x10000;
    c.tlbFlush();
    c.st32(0x100, 0xdeadbeef);
    expect(c.dv.getUint32(c.ra(0x10100))).toBe(0);
    c.prefix = 0;
    c.tlbFlush();
    expect(c.ld32(0x10100)).toBe(0xdeadbeef);
  });
});
