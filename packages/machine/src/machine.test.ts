// The whole machine on small bare-metal IPL images assembled with binutils: how runs
// end (SIGP stop of the only CPU, disabled wait, re-IPL with and without -no-reboot),
// that an enabled wait sleeps instead of spinning. Each image is a raw IPL image: short IPL PSW at 0, code at 0x200. The images
// are not linked, so they name their addresses as numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Machine } from './machine.ts';
import { MemoryBlock } from './memory-block.ts';

function haveTool(t: string): boolean {
  try { execFileSync(t, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const HAVE_AS = haveTool('s390x-linux-gnu-as') && haveTool('s390x-linux-gnu-objcopy');

/** Assemble `body` (placed at 0x200, IPL PSW pointing at it) into a raw image. */
function image(body: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-ipl-'));
  const src = `
    .section .text
    .org 0
    .long 0x00080000, 0x80000200
    .org 0x200
  ${body}
  `;
  writeFileSync(join(dir, 'a.S'), src);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z196', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
  return new Uint8Array(readFileSync(join(dir, 'a.bin')));
}

function machine(kernel: Uint8Array, noReboot = false): Machine {
  return new Machine({ memoryMiB: 16, cpus: 1, kernel, cmdline: '', drives: [], noReboot });
}

describe.skipIf(!HAVE_AS)('Machine on bare-metal images', () => {
  it('starts at the short IPL PSW address in the 64-bit mode and ends when the only CPU stops itself', async () => {
    const m = machine(image(`
      epsw %r4,%r5
      larl %r6,.
      lghi %r3,0
      sigp %r1,%r3,5     # stop
      j .
    `));
    const exit = await m.run();
    expect(exit).toMatchObject({ code: 0, reason: 'poweroff' });
    const c = m.cpus[0]!;
    // EPSW: EA and BA set (64-bit mode), nothing else but the CC.
    expect(c.r[8]! & ~0x3000).toBe(0x00000001);
    expect(c.r[10]).toBe(0x80000000);
    expect(c.r[12]).toBe(0x200 + 4);
  });

  it('ends with status 1 in a disabled wait, naming the PSW', async () => {
    const m = machine(image(`
      lpswe 0x300
      .org 0x300
      .quad 0x0002000180000000, 0xdead
    `));
    const exit = await m.run();
    expect(exit.code).toBe(1);
    expect(exit.reason).toBe('disabled-wait');
    expect(exit.message).toContain('0xdead');
  });

  it('re-IPLs on DIAGNOSE 0x308 subcode 3 with storage cleared, and ends instead with -no-reboot', async () => {
    const prog = `
      llgf %r2,0x400        # a word the previous boot left behind
      ahi %r2,1
      st %r2,0x400
      lghi %r1,3
      diag %r0,%r1,0x308
      j .
    `;
    const m = machine(image(prog));
    let ipls = 0;
    m.events.status = (s) => {
      if (s.kind === 'ipl' && ++ipls === 3) m.halt('enough', 0);
    };
    const exit = await m.run();
    expect(exit.reason).toBe('halted');
    expect(ipls).toBe(3);
    // Load clear: the counter never survives a re-IPL.
    expect(new DataView(m.ram.buffer, m.ram.byteOffset).getUint32(0x400)).toBeLessThanOrEqual(1);

    const n = machine(image(prog), true);
    expect(await n.run()).toMatchObject({ code: 0, reason: 'reboot' });
  });

  it('sleeps in an enabled wait until the clock comparator, costing almost no host CPU', async () => {
    // CKC = now + 400 ms (bit 51 is one microsecond: 400000 << 12); the external
    // interruption handler stops the CPU.
    const m = machine(image(`
      stck 0x380
      lg %r2,0x380
      algfi %r2,1638400000   # 400000 us << 12
      stg %r2,0x388
      sckc 0x388
      stctg %c0,%c0,0x390
      oi 0x396,0x08          # CR0 bit 52: clock-comparator subclass mask
      lctlg %c0,%c0,0x390
      mvc 0x1b0(16),0x300
      lpswe 0x310
      .org 0x280              # the handler
      lghi %r3,0
      sigp %r1,%r3,5
      j .
      .org 0x300
      .quad 0x0000000180000000, 0x280   # external new PSW
      .quad 0x0102000180000000, 0       # enabled wait
    `));
    // Loading binaryen in the background is CPU time too, not the wait's.
    await m.jitReady;
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    const exit = await m.run();
    const wall = performance.now() - t0;
    const u = process.cpuUsage(u0);
    expect(exit.reason).toBe('poweroff');
    expect(wall).toBeGreaterThanOrEqual(390);
    expect(m.idleMs).toBeGreaterThan(300);
    // Host CPU while the guest waited: a small fraction of the wall time.
    expect((u.user + u.system) / 1000).toBeLessThan(wall * 0.25);
  });

  it('an enabled wait with nothing to wake it sleeps until the host halts the machine', async () => {
    const m = machine(image(`
      stctg %c0,%c0,0x390
      oi 0x396,0x02           # service-signal subclass only: no console registered, no signal
      lctlg %c0,%c0,0x390
      lpswe 0x310
      .org 0x310
      .quad 0x0102000180000000, 0
    `));
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    setTimeout(() => m.halt('host', 0), 300);
    const exit = await m.run();
    const wall = performance.now() - t0;
    const u = process.cpuUsage(u0);
    expect(exit.reason).toBe('halted');
    expect(wall).toBeGreaterThanOrEqual(290);
    expect(wall).toBeLessThan(2000);
    expect((u.user + u.system) / 1000).toBeLessThan(wall * 0.25);
  });

  it('plugs the devices in QEMU s390-ccw-virtio order: NIC, disks, rng', () => {
    const m = new Machine({
      memoryMiB: 16, cpus: 2, kernel: image('j .'), cmdline: '',
      drives: [new MemoryBlock(new Uint8Array(4096)), new MemoryBlock(new Uint8Array(8192))],
    });
    expect(m.io.transports.map((t) => t.dev.deviceId)).toEqual([1, 2, 2, 4]);
    expect(m.cpus.map((c) => c.stopped)).toEqual([false, true]);
  });
});
