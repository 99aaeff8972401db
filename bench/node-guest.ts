// The ztab side of the system benchmarks: one machine in its own Node process, console on
// stdin/stdout like qemu-system-s390x -nographic, so that the harness drives and times both
// emulators the same way (bytes through a pipe, host wall time at the parent). The JIT
// statistics come over the IPC channel: once by itself when the first prompt appears, and
// whenever the parent asks.
//
//   node bench/.bundle/node-guest.mjs <guestDir> <memoryMiB> <jit:0|1>   (bundled by guest.ts)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine, MemoryBlock, type MachineConfig } from '../packages/machine/src/index.ts';
import type { GuestStats } from './guest.ts';

const [guestDir = 'public/guest', memArg = '512', jitArg = '1'] = process.argv.slice(2);
const wantJit = jitArg === '1';
const manifest = JSON.parse(readFileSync(join(guestDir, 'manifest.json'), 'utf8')) as {
  cmdline: string; files: { kernel: { path: string }; initrd: { path: string }; disk: { path: string } };
};

const t0 = performance.now();
// A private copy of the data disk: the guest's writes stay in this process (QEMU: -snapshot).
const disk = new MemoryBlock(new Uint8Array(readFileSync(join(guestDir, manifest.files.disk.path))));
const config = {
  memoryMiB: Number(memArg), cpus: 1,
  kernel: new Uint8Array(readFileSync(join(guestDir, manifest.files.kernel.path))),
  initrd: new Uint8Array(readFileSync(join(guestDir, manifest.files.initrd.path))),
  cmdline: manifest.cmdline,
  drives: [disk],
  jit: wantJit,
} as MachineConfig;
const m = new Machine(config);

function stats(): GuestStats {
  return { source: 'machine.stats()', seconds: (performance.now() - t0) / 1000, ...m.stats() };
}

let tail = '';
let prompted = false;
m.events.console = (b) => {
  process.stdout.write(b);
  if (!prompted) {
    tail = (tail + Buffer.from(b).toString('latin1')).slice(-64);
    if (tail.includes('~ # ')) {
      prompted = true;
      process.send?.({ type: 'prompt', stats: stats() });
    }
  }
};

// Keystrokes the console cannot take yet wait here (its buffer is 4 KiB; commands are short).
let pending = new Uint8Array(0);
function feed(): void {
  if (pending.length === 0) return;
  const n = m.input(pending);
  pending = pending.subarray(n);
  if (pending.length) setTimeout(feed, 5);
}
process.stdin.on('data', (d: Buffer) => {
  const next = new Uint8Array(pending.length + d.length);
  next.set(pending);
  next.set(d, pending.length);
  pending = next;
  feed();
});
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') process.send?.({ type: 'stats', stats: stats() });
  if (msg.type === 'quit') m.halt('bench done', 0);
});
process.on('disconnect', () => m.halt('parent gone', 0));

const exit = await m.run();
process.send?.({ type: 'exit', exit: { code: exit.code, message: exit.message } });
process.exit(exit.code);
