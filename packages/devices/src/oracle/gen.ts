// Developer tool (not part of the package's runtime): runs the device-oracle script of
// ops.ts on qemu-system-s390x and records what QEMU answered in fixture.json.
//
//   npx tsx packages/devices/src/oracle/gen.ts
//
// Needs s390x-linux-gnu-gcc and qemu-system-s390x (QEMU 7.2 is the reference).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_INPUT, DISK_BYTES, OPS, RAM_MB, diskPattern } from './ops.ts';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ztab-devices-oracle-'));

const lines: string[] = [];
OPS.forEach((o, k) => {
  if (o.data) lines.push(`static const u8 d${k}[] = {${o.data.join(',')}};`);
});
lines.push('static const struct op ops[] = {');
OPS.forEach((o, k) => {
  lines.push(`  {${o.kind}, ${o.a >>> 0}u, ${o.b >>> 0}u, ${o.c >>> 0}u, ${o.len}, ${o.data ? `d${k}` : '0'}},`);
});
lines.push('};');
writeFileSync(join(work, 'ops.h'), lines.join('\n') + '\n');

const elf = join(work, 'oracle.elf');
execFileSync('s390x-linux-gnu-gcc', [
  '-O1', '-march=z10', '-msoft-float', '-ffreestanding', '-nostdlib', '-static', '-fno-pic', '-no-pie',
  '-Wl,-Ttext=0x100000', '-e', '_start', '-I', work, '-o', elf, join(here, 'guest.c'),
]);
const disk = join(work, 'disk.img');
writeFileSync(disk, new Uint8Array(DISK_BYTES));
const disk2 = join(work, 'disk2.img');
writeFileSync(disk2, Uint8Array.from({ length: DISK_BYTES }, (_, k) => diskPattern(k)));

const r = spawnSync('qemu-system-s390x', [
  '-M', 's390-ccw-virtio', '-m', String(RAM_MB), '-smp', '1', '-nodefaults', '-display', 'none', '-monitor', 'none',
  '-serial', 'none', '-chardev', 'stdio,id=c0', '-device', 'sclpconsole,chardev=c0',
  '-chardev', `file,id=lm,path=${join(work, 'lm.txt')}`, '-device', 'sclplmconsole,chardev=lm', '-kernel', elf,
  '-drive', `file=${disk},if=none,id=d0,format=raw`, '-device', 'virtio-blk-ccw,drive=d0',
  '-device', 'virtio-net-ccw', '-device', 'virtio-rng-ccw', '-device', 'virtio-rng-ccw',
  '-drive', `file=${disk2},if=none,id=d1,format=raw`, '-device', 'virtio-blk-ccw,drive=d1',
], { timeout: 20_000, encoding: 'latin1', input: CONSOLE_INPUT });
const out = r.stdout ?? '';
if (!out.includes('@@ end')) throw new Error(`QEMU run did not finish:\n${out.slice(-2000)}\n${r.stderr}`);

const results: { i: number; cc: number; pgm: number; hex: string }[] = [];
for (const l of out.split('\n')) {
  const m = /^@@ ([0-9a-f]{4}) ([0-9a-f]{2}) ([0-9a-f]{4}) ?([0-9a-f]*)$/.exec(l.trim());
  if (m) results.push({ i: parseInt(m[1]!, 16), cc: parseInt(m[2]!, 16), pgm: parseInt(m[3]!, 16), hex: m[4]! });
}
const version = execFileSync('qemu-system-s390x', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const lineMode = readFileSync(join(work, 'lm.txt')).toString('hex');
writeFileSync(join(here, 'fixture.json'), JSON.stringify({ qemu: version, lineMode, results }, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`${results.length} results from ${version}; program: ${elf}`);
