// CPU-bound static s390x programs (the user-mode benchmark set,
// packages/machine/src/user/testdata, built with s390x-linux-gnu-gcc -static -O2) under
// ztab's user mode with the interpreter alone and with the JIT, and under qemu-s390x.
// Used by `pnpm bench` (bench/main.ts) and by packages/jit/src/bench.test.ts, which adds
// the assertions (same output, same instruction count with and without the JIT).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../packages/machine/src/user/index.ts';
import { NodeHost } from '../apps/cli/src/user.ts';
import { Jit, type JitStats } from '../packages/jit/src/jit.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const testdata = path.join(root, 'packages/machine/src/user/testdata');
const bins = path.join(root, '.cache/user-tests');

export function userBenches(quick: boolean): { name: string; args: string[] }[] {
  return [
    { name: 'b_sort', args: quick ? ['10000'] : ['60000'] },
    { name: 't_hash', args: quick ? ['100000'] : ['600000'] },
    { name: 'b_lz', args: quick ? ['50000'] : ['300000'] },
    { name: 'b_fp', args: quick ? ['30'] : ['60'] },
  ];
}

/** Syscalls after which storage may have changed behind the CPU (exec, mappings, fork's image restore). */
const REMAP = new Set([2, 11, 90, 91, 120, 125, 163, 190]);

export interface ZtabUserRun { status: number; spawn: number; s: number; cpu: number; insns: number; jit: JitStats | null }

function runZtab(prog: string, args: string[], out: string, jit: boolean): ZtabUserRun {
  const fd = fs.openSync(out, 'w');
  try {
    const host = new NodeHost([0, fd, 2], () => {});
    const k = new Kernel({ host, ramSize: 512 << 20 });
    let j: Jit | null = null;
    if (jit) {
      j = new Jit(k.cpu);
      j.attach();
      const svc = k.cpu.svcHook!;
      k.cpu.svcHook = (c, code) => {
        const nr = code === 0 ? c.r[2]! : code;
        svc(c, code);
        if (REMAP.has(nr)) j!.invalidateAll();
      };
    }
    const envp = ['PATH=/bin:/usr/bin', 'LANG=C'];
    const spawn = k.spawn(prog, [prog, ...args], envp, root);
    const t0 = performance.now();
    const cu = process.cpuUsage();
    const status = spawn === 0 ? k.run() : -1;
    const s = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(cu);
    // CPU time of this process: on a loaded machine it compares engines more fairly than wall time.
    return { status, spawn, s, cpu: (u.user + u.system) / 1e6, insns: k.cpu.icount, jit: j ? { ...j.stats } : null };
  } finally {
    fs.closeSync(fd);
  }
}

/** Best wall time and best user+system CPU time (GNU time) of three qemu-s390x runs. */
function runQemu(prog: string, args: string[], out: string): { s: number; cpu: number } {
  let best = Infinity, bestCpu = Infinity;
  for (let k = 0; k < 3; k++) {
    const fd = fs.openSync(out, 'w');
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'qemu-s390x', prog, ...args], { stdio: ['ignore', fd, 'pipe'] });
    best = Math.min(best, (performance.now() - t0) / 1000);
    fs.closeSync(fd);
    if (r.status !== 0) throw new Error(`qemu-s390x ${prog} failed (${r.error?.message ?? r.status})`);
    const last = r.stderr.toString().trim().split('\n').pop()!.split(' ').map(Number);
    bestCpu = Math.min(bestCpu, last[0]! + last[1]!);
  }
  return { s: best, cpu: bestCpu };
}

export interface UserResult {
  name: string;
  args: string[];
  interp: ZtabUserRun;
  jit: ZtabUserRun;
  qemu: { s: number; cpu: number };
  /** Interpreter, JIT and qemu-s390x wrote the same bytes. */
  same: boolean;
}

/** Builds the programs (cached in .cache/user-tests) and runs each under the three engines. */
export function runUserBench(quick: boolean, log: (s: string) => void = () => {}): UserResult[] {
  execFileSync('sh', [path.join(testdata, 'build.sh'), bins], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ztab-jit-bench-'));
  const results: UserResult[] = [];
  try {
    for (const b of userBenches(quick)) {
      const prog = path.join(bins, b.name);
      const oi = path.join(tmp, `${b.name}.interp`), oj = path.join(tmp, `${b.name}.jit`), oq = path.join(tmp, `${b.name}.qemu`);
      const qemu = runQemu(prog, b.args, oq);
      const interp = runZtab(prog, b.args, oi, false);
      const jit = runZtab(prog, b.args, oj, true);
      const q = fs.readFileSync(oq, 'latin1');
      const same = fs.readFileSync(oi, 'latin1') === q && fs.readFileSync(oj, 'latin1') === q;
      results.push({ name: b.name, args: b.args, interp, jit, qemu, same });
      log(userLine(results.at(-1)!));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}

/** One line per program, as the benchmark has always printed it. */
export function userLine(r: UserResult): string {
  const { interp: i, jit: j, qemu: qs } = r;
  const st = j.jit!;
  return [
    r.name.padEnd(7), `${(i.insns / 1e6).toFixed(0)}M insns`,
    `interp ${i.s.toFixed(2)} s (cpu ${i.cpu.toFixed(2)}) ${(i.insns / i.cpu / 1e6).toFixed(0)} MIPS`,
    `jit ${j.s.toFixed(2)} s (cpu ${j.cpu.toFixed(2)}) ${(j.insns / j.cpu / 1e6).toFixed(0)} MIPS (x${(i.cpu / j.cpu).toFixed(2)})`,
    `qemu ${qs.s.toFixed(2)} s (cpu ${qs.cpu.toFixed(2)})`, `jit/qemu cpu ${qs.cpu > 0 ? `${(j.cpu / qs.cpu).toFixed(1)}x` : '— (qemu under 10 ms)'}`,
    `translated ${(100 * st.jitInsns / j.insns).toFixed(1)}%`,
    `${(j.insns / st.entries).toFixed(0)} insns/entry`,
    `${st.compiles} compiles ${st.compileMs.toFixed(0)} ms`, `cache ${(st.codeBytes / 1024).toFixed(0)} KiB in ${st.regions} regions`,
    `native/helper rows ${st.nativeRows}/${st.helperRows}`, r.same ? 'output same' : 'OUTPUT DIFFERS',
  ].join(' | ');
}
