// MachineHost (the worker's machine side) on a real Machine under Node, booting a
// bare-metal image assembled with binutils: run states, the instruction counter under
// pause and resume, power off and reset. The pause relies on Machine internals until
// @ztab/machine has pause()/resume(): this is where a change there shows first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineHost } from './machine-worker.ts';
import type { Status } from './protocol.ts';

function haveTool(t: string): boolean {
  try { execFileSync(t, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const HAVE_AS = haveTool('s390x-linux-gnu-as') && haveTool('s390x-linux-gnu-objcopy');

/** A raw IPL image: short IPL PSW at 0 pointing at `body` at 0x200. */
function image(body: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-browser-'));
  writeFileSync(join(dir, 'a.S'), `.section .text\n.org 0\n.long 0x00080000, 0x80000200\n.org 0x200\n${body}\n`);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z196', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
  return new Uint8Array(readFileSync(join(dir, 'a.bin')));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

describe.skipIf(!HAVE_AS)('MachineHost', () => {
  it('runs, pauses (the counter stands still), resumes, powers off and resets', async () => {
    const spin = image('0: aghi %r1,1\n j 0b');
    const host = new MachineHost();
    const seen: Status[] = [];
    host.connect({ console: () => {}, status: (s) => { seen.push(s); }, notice: () => {} });
    await host.boot({ kernel: spin, cmdline: '', memoryMiB: 16 });
    await until(() => host.status().instructions > 1_000_000);
    expect(host.status().state).toBe('running');

    host.pause();
    expect(host.status().state).toBe('paused');
    const paused = host.status().instructions;
    await sleep(150);
    expect(host.status().instructions).toBe(paused);

    host.resume();
    await until(() => host.status().instructions > paused + 1_000_000);
    expect(host.status().state).toBe('running');

    // The spinning guest ignores the quiesce signal: the host stops it after the grace period.
    await host.powerOff(50);
    expect(host.status().state).toBe('stopping');
    await until(() => host.status().state === 'stopped');
    expect(host.status().message).toMatch(/powered off by the host/);
    const stopped = host.status().instructions;
    await sleep(50);
    expect(host.status().instructions).toBe(stopped);

    await host.reset();
    await until(() => host.status().instructions > 1_000_000);
    expect(host.status().state).toBe('running');
    await host.powerOff(0);
    await until(() => host.status().state === 'stopped');
    expect(seen.map((s) => s.state)).toEqual(expect.arrayContaining(['booting', 'running', 'paused', 'stopping', 'stopped']));
  });

  it('calls a guest idle while it sleeps in an enabled wait', async () => {
    const host = new MachineHost();
    host.connect({ console: () => {}, status: () => {}, notice: () => {} });
    // An enabled wait (external interruptions on, none ever coming).
    await host.boot({ kernel: image('lpswe 0x300\n.org 0x300\n.quad 0x0102000180000000, 0'), cmdline: '', memoryMiB: 16 });
    await until(() => host.status().state === 'idle', 3000);
    expect(host.status().ips).toBeLessThan(1000);
    await host.powerOff(0);
    await until(() => host.status().state === 'stopped');
  });

  it('reports a guest that stops itself as stopped, with the machine\'s reason', async () => {
    const host = new MachineHost();
    host.connect({ console: () => {}, status: () => {}, notice: () => {} });
    await host.boot({ kernel: image('lghi %r3,0\n sigp %r1,%r3,5\n j .'), cmdline: '', memoryMiB: 16 });
    await until(() => host.status().state === 'stopped');
    expect(host.status().message).toMatch(/all CPUs stopped/);
  });

  it('reports an unbootable kernel as an error, without throwing', async () => {
    const host = new MachineHost();
    host.connect({ console: () => {}, status: () => {}, notice: () => {} });
    await host.boot({ kernel: new Uint8Array(0), cmdline: '', memoryMiB: 16 });
    expect(host.status().state).toBe('error');
    expect(host.status().message).toMatch(/cannot be booted/);
  });
});
