// Developer tool (not part of the package's runtime): runs the oracle program (guest.c
// built by gen.ts) on a ztab CPU wired to IoSystem and compares every result with what
// QEMU answered (fixture.json). This package does not depend on the CPU package, so the
// CPU module is named on the command line:
//
//   npx tsx packages/devices/src/oracle/gen.ts            # builds the ELF, prints its path
//   npx tsx packages/devices/src/oracle/full-stack.ts <oracle.elf> packages/cpu/src/index.ts
//
// The module must export createCpu(ramSize) and RAM_BASE (guest absolute 0 = u8[RAM_BASE]).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IoSystem } from '../io-system.ts';
import { VirtioBlk } from '../virtio-blk.ts';
import { VirtioNet } from '../virtio-net.ts';
import { VirtioRng } from '../virtio-rng.ts';
import { CONSOLE_INPUT, DISK_BYTES, RAM_MB, diskPattern } from './ops.ts';

interface CpuLike {
  u8: Uint8Array;
  ia: number;
  ioHost: unknown;
  stopReason: unknown;
  run(n: number): void;
}

const [elfPath, cpuModule] = process.argv.slice(2);
if (!elfPath || !cpuModule) {
  console.error('usage: full-stack.ts <oracle.elf> <cpu module exporting createCpu and RAM_BASE>');
  process.exit(2);
}
const cpu = await import(pathToFileURL(resolve(cpuModule)).href) as { createCpu(ram: number): CpuLike; RAM_BASE: number };
const ramSize = RAM_MB << 20;
const c = cpu.createCpu(ramSize);
const ram = new Uint8Array(c.u8.buffer, c.u8.byteOffset + cpu.RAM_BASE, ramSize);

// Load the ELF's PT_LOAD segments at their physical addresses.
const elf = readFileSync(elfPath);
const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
const entry = Number(dv.getBigUint64(24));
const phoff = Number(dv.getBigUint64(32));
for (let k = 0; k < dv.getUint16(56); k++) {
  const p = phoff + 56 * k;
  if (dv.getUint32(p) !== 1) continue;
  const off = Number(dv.getBigUint64(p + 8));
  const paddr = Number(dv.getBigUint64(p + 24));
  ram.set(elf.subarray(off, off + Number(dv.getBigUint64(p + 32))), paddr);
}

class MemDisk {
  readonly size = DISK_BYTES;
  readonly bytes = new Uint8Array(DISK_BYTES);
  constructor(fill?: (k: number) => number) { if (fill) for (let k = 0; k < DISK_BYTES; k++) this.bytes[k] = fill(k); }
  async read(o: number, d: Uint8Array) { d.set(this.bytes.subarray(o, o + d.length)); }
  async write(o: number, s: Uint8Array) { this.bytes.set(s, o); }
  async flush() {}
}

const io = new IoSystem({ ram, lineMode: true });
let out = '';
io.sclp.vt220.backend = { write: (b) => { out += Buffer.from(b).toString('latin1'); } };
io.addVirtio(new VirtioBlk(io.ram, new MemDisk()));
io.addVirtio(new VirtioNet(io.ram, new Uint8Array([0x52, 0x54, 0, 0x12, 0x34, 0x56])));
io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(0) }));
io.addVirtio(new VirtioRng(io.ram, { fill: (b) => b.fill(0) }));
io.addVirtio(new VirtioBlk(io.ram, new MemDisk(diskPattern)));
io.sclp.vt220.input(Buffer.from(CONSOLE_INPUT, 'latin1'));
c.ioHost = io;
c.ia = entry;

const t0 = performance.now();
for (let slice = 0; slice < 4000 && !out.includes('@@ end'); slice++) {
  c.run(200_000);
  if (c.stopReason !== null) { console.error('CPU stopped:', c.stopReason); break; }
  await new Promise((r) => setTimeout(r, 0)); // block completions
}
const ms = performance.now() - t0;

const fixture = JSON.parse(readFileSync(new URL('./fixture.json', import.meta.url), 'utf8')) as { results: { i: number; cc: number; pgm: number; hex: string }[] };
const got = new Map<number, { cc: number; pgm: number; hex: string }>();
for (const l of out.split('\n')) {
  const m = /^@@ ([0-9a-f]{4}) ([0-9a-f]{2}) ([0-9a-f]{4}) ?([0-9a-f]*)$/.exec(l.trim());
  if (m) got.set(parseInt(m[1]!, 16), { cc: parseInt(m[2]!, 16), pgm: parseInt(m[3]!, 16), hex: m[4]! });
}
const diffs: number[] = [];
for (const q of fixture.results) {
  const g = got.get(q.i);
  if (!g || g.pgm !== q.pgm || (q.pgm === 0 && (g.hex !== q.hex || (q.cc !== 0xff && g.cc !== q.cc)))) diffs.push(q.i);
}
console.log(`${got.size}/${fixture.results.length} results in ${ms.toFixed(0)} ms; differing from QEMU: ${diffs.length ? diffs.join(' ') : 'none'}`);
console.log('(oracle.test.ts lists the deliberate differences; diag 500 results differ until the CPU sets the full GR 2, see io-host-ext.ts)');
