// Regenerate oracle.json: assemble prog.S, run it under qemu-system-s390x and dump the
// results area and the STSI pages through the QEMU monitor.
//   npx tsx packages/cpu/src/system-oracle/gen.ts
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ztab-sysoracle-'));
execFileSync('s390x-linux-gnu-gcc', ['-c', join(here, 'prog.S'), '-o', join(tmp, 'prog.o')]);
execFileSync('s390x-linux-gnu-ld', ['-T', join(here, 'link.ld'), join(tmp, 'prog.o'), '-o', join(tmp, 'prog.elf')]);
const elf = readFileSync(join(tmp, 'prog.elf'));

/** Ranges dumped: results and slots, and the four STSI pages. */
export const RANGES: [number, number][] = [[0x30000, 0x800], [0x31000, 0x1000], [0x32000, 0x1000], [0x33000, 0x1000], [0x34000, 0x1000]];

const q = spawn('qemu-system-s390x', ['-M', 's390-ccw-virtio', '-nographic', '-nodefaults', '-monitor', 'stdio', '-m', '64', '-kernel', join(tmp, 'prog.elf')]);
let out = '';
q.stdout.on('data', (d: Buffer) => { out += d.toString(); });
// The program ends in a loop; give it time, dump range by range, then quit.
setTimeout(() => {
  for (const [a, n] of RANGES) q.stdin.write(`xp /${n / 4}wx 0x${a.toString(16)}\n`);
  setTimeout(() => q.stdin.write('quit\n'), 3000);
}, 3000);
q.on('exit', () => {
  const mem: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{16}):((?: 0x[0-9a-f]{8})+)/.exec(line.trim());
    if (!m) continue;
    const a = parseInt(m[1]!, 16);
    m[2]!.trim().split(' ').forEach((w, k) => { mem[(a + 4 * k).toString(16)] = w.slice(2); });
  }
  const words: Record<string, string> = {};
  for (const [a, n] of RANGES) {
    let hex = '';
    for (let k = 0; k < n; k += 4) {
      const w = mem[(a + k).toString(16)];
      if (w === undefined) throw new Error(`no dump for 0x${(a + k).toString(16)}`);
      hex += w;
    }
    words[a.toString(16)] = hex;
  }
  const version = execFileSync('qemu-system-s390x', ['--version']).toString().split('\n')[0];
  writeFileSync(join(here, 'oracle.json'), JSON.stringify({ oracle: version, elf: elf.toString('base64'), memory: words }, null, 1) + '\n');
  console.log('wrote oracle.json');
});
