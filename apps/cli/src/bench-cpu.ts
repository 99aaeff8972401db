/**
 * `pnpm bench:cpu`: CPU-bound s390x programs (packages/machine/src/user/testdata/b_*.c and
 * t_hash.c, built static with s390x-linux-gnu-gcc -O2) run under `ztab --user` in this
 * process and under qemu-s390x in a child process, in the same run. Prints the guest
 * instructions ztab executed, its MIPS, both wall times and their ratio, and checks that
 * both produced the same output.
 *
 *   pnpm bench:cpu [--quick] [NAME...]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUserSync } from './user.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const testdata = path.join(root, 'packages/machine/src/user/testdata');
const bins = path.join(root, '.cache/user-tests');

interface Bench { name: string; what: string; args: string[]; quick: string[] }
const BENCHES: Bench[] = [
  { name: 'b_sort', what: 'qsort + merge sort of int32', args: ['60000'], quick: ['10000'] },
  { name: 't_hash', what: 'SHA-256, CRC-32, FNV-1a over a buffer', args: ['600000'], quick: ['100000'] },
  { name: 'b_lz', what: 'LZ77 compress + decompress', args: ['300000'], quick: ['50000'] },
  { name: 'b_fp', what: 'matrix multiply, n-body, Mandelbrot (double)', args: ['60'], quick: ['30'] },
];

const QEMU_RUNS = 5;

function main(argv: string[]): number {
  const quick = argv.includes('--quick');
  const only = argv.filter((a) => !a.startsWith('--'));
  execFileSync('sh', [path.join(testdata, 'build.sh'), bins], { stdio: ['ignore', 'ignore', 'inherit'] });
  const qemu = spawnSync('qemu-s390x', ['--version']).status === 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ztab-bench-'));
  const rows: string[][] = [['program', 'guest insns', 'ztab s', 'ztab MIPS', 'ztab cpu s', 'cpu MIPS', 'qemu s', 'qemu cpu s', 'ztab/qemu', 'output']];
  let failed = 0, totalInsns = 0, totalZ = 0, totalQ = 0, totalZc = 0, totalQc = 0;
  const gnuTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;
  for (const b of BENCHES) {
    if (only.length && !only.includes(b.name)) continue;
    const prog = path.join(bins, b.name);
    const args = quick ? b.quick : b.args;
    const outPath = path.join(tmp, `${b.name}.out`);
    const fout = fs.openSync(outPath, 'w');
    const cu = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const z = runUserSync(prog, args, { stdio: [0, fout, 2], env: { PATH: '/bin:/usr/bin', LANG: 'C' } });
    const zs = Number(process.hrtime.bigint() - t0) / 1e9;
    const zc = process.cpuUsage(cu).user / 1e6;
    fs.closeSync(fout);
    const zout = fs.readFileSync(outPath, 'latin1');
    let qs = NaN, qc = NaN, same = 'n/a';
    if (qemu) {
      // qemu is ~40x faster: run it QEMU_RUNS times, keep the best wall time and the mean
      // user CPU time (GNU time reports it on stderr's last line; on a busy machine CPU time
      // compares the two engines more fairly than wall time).
      let q = spawnSync('true');
      let cpuSum = 0;
      for (let k = 0; k < QEMU_RUNS; k++) {
        const t1 = process.hrtime.bigint();
        q = gnuTime
          ? spawnSync('/usr/bin/time', ['-f', '%U', 'qemu-s390x', prog, ...args], { env: { PATH: '/bin:/usr/bin', LANG: 'C' } })
          : spawnSync('qemu-s390x', [prog, ...args], { env: { PATH: '/bin:/usr/bin', LANG: 'C' } });
        const w = Number(process.hrtime.bigint() - t1) / 1e9;
        qs = Number.isNaN(qs) ? w : Math.min(qs, w);
        if (gnuTime) cpuSum += Number(q.stderr.toString().trim().split('\n').pop());
      }
      if (gnuTime) qc = cpuSum / QEMU_RUNS;
      same = q.stdout.toString('latin1') === zout && q.status === z.status ? 'same' : 'DIFFERS';
    }
    if (z.status !== 0 || same === 'DIFFERS') {
      failed++;
      if (z.kernel.lastFault) process.stderr.write(`${b.name}: ${z.kernel.lastFault}\n`);
    }
    totalInsns += z.instructions; totalZ += zs; totalQ += qs; totalZc += zc; totalQc += qc;
    rows.push([`${b.name} ${args.join(' ')}`, `${(z.instructions / 1e6).toFixed(1)}M`, zs.toFixed(2),
      (z.instructions / zs / 1e6).toFixed(1), zc.toFixed(2), (z.instructions / zc / 1e6).toFixed(1), qs.toFixed(2), qc.toFixed(2),
      `${(zs / qs).toFixed(1)}x wall, ${(zc / qc).toFixed(1)}x cpu`, z.status === 0 ? same : `exit ${z.status}`]);
  }
  rows.push(['total', `${(totalInsns / 1e6).toFixed(1)}M`, totalZ.toFixed(2), (totalInsns / totalZ / 1e6).toFixed(1), totalZc.toFixed(2),
    (totalInsns / totalZc / 1e6).toFixed(1), totalQ.toFixed(2), totalQc.toFixed(2), `${(totalZ / totalQ).toFixed(1)}x wall, ${(totalZc / totalQc).toFixed(1)}x cpu`, '']);
  const w = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  for (const r of rows) console.log(r.map((c, j) => (j === 0 ? c.padEnd(w[j]!) : c.padStart(w[j]!))).join('  '));
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}; qemu-s390x ${qemu ? 'TCG (best wall of 5 runs, mean CPU; its times include start-up)' : 'not installed'}; cpu s = user CPU time`);
  fs.rmSync(tmp, { recursive: true, force: true });
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
