// `pnpm bench` (ZTAB_BENCH=1): CPU-bound static s390x programs (the user-mode benchmark
// set, packages/machine/src/user/testdata) under ztab's user mode with the interpreter
// alone and with the JIT, and under qemu-s390x; prints MIPS, ratios, the share of
// instructions run in translated code, compile time and code size, and checks that all
// three produce the same output. Skipped in the ordinary unit run.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../machine/src/user/index.ts';
import { NodeHost } from '../../../apps/cli/src/user.ts';
import { Jit } from './jit.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const testdata = path.join(root, 'packages/machine/src/user/testdata');
const bins = path.join(root, '.cache/user-tests');
const QUICK = process.env.ZTAB_BENCH === 'quick';
const BENCHES = [
  { name: 'b_sort', args: QUICK ? ['10000'] : ['60000'] },
  { name: 't_hash', args: QUICK ? ['100000'] : ['600000'] },
  { name: 'b_lz', args: QUICK ? ['50000'] : ['300000'] },
  { name: 'b_fp', args: QUICK ? ['30'] : ['60'] },
];
/** Syscalls after which storage may have changed behind the CPU (exec, mappings, fork's image restore). */
const REMAP = new Set([2, 11, 90, 91, 120, 125, 163, 190]);

function runZtab(prog: string, args: string[], out: string, jit: boolean) {
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
    expect(k.spawn(prog, [prog, ...args], envp, root)).toBe(0);
    const t0 = performance.now();
    const cu = process.cpuUsage();
    const status = k.run();
    const s = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(cu);
    // CPU time of this process: on a loaded machine it compares engines more fairly than wall time.
    return { status, s, cpu: (u.user + u.system) / 1e6, insns: k.cpu.icount, jit: j };
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
    if (r.status !== 0) throw new Error(`qemu-s390x ${prog} failed`);
    const last = r.stderr.toString().trim().split('\n').pop()!.split(' ').map(Number);
    bestCpu = Math.min(bestCpu, last[0]! + last[1]!);
  }
  return { s: best, cpu: bestCpu };
}

describe.skipIf(!process.env.ZTAB_BENCH)('jit benchmark', () => {
  it('interpreter vs JIT vs qemu-s390x on the CPU-bound user-mode programs', () => {
    execFileSync('sh', [path.join(testdata, 'build.sh'), bins], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ztab-jit-bench-'));
    const rows: string[] = [];
    for (const b of BENCHES) {
      const prog = path.join(bins, b.name);
      const oi = path.join(tmp, `${b.name}.interp`), oj = path.join(tmp, `${b.name}.jit`), oq = path.join(tmp, `${b.name}.qemu`);
      const qs = runQemu(prog, b.args, oq);
      const i = runZtab(prog, b.args, oi, false);
      const j = runZtab(prog, b.args, oj, true);
      const st = j.jit!.stats;
      const same = fs.readFileSync(oi, 'latin1') === fs.readFileSync(oq, 'latin1') && fs.readFileSync(oj, 'latin1') === fs.readFileSync(oq, 'latin1');
      rows.push([
        b.name.padEnd(7), `${(i.insns / 1e6).toFixed(0)}M insns`,
        `interp ${i.s.toFixed(2)} s (cpu ${i.cpu.toFixed(2)}) ${(i.insns / i.cpu / 1e6).toFixed(0)} MIPS`,
        `jit ${j.s.toFixed(2)} s (cpu ${j.cpu.toFixed(2)}) ${(j.insns / j.cpu / 1e6).toFixed(0)} MIPS (x${(i.cpu / j.cpu).toFixed(2)})`,
        `qemu ${qs.s.toFixed(2)} s (cpu ${qs.cpu.toFixed(2)})`, `jit/qemu cpu ${(j.cpu / qs.cpu).toFixed(1)}x`,
        `translated ${(100 * st.jitInsns / j.insns).toFixed(1)}%`,
        `${(j.insns / st.entries).toFixed(0)} insns/entry`,
        `${st.compiles} compiles ${st.compileMs.toFixed(0)} ms`, `cache ${(st.codeBytes / 1024).toFixed(0)} KiB in ${st.regions} regions`,
        `native/helper rows ${st.nativeRows}/${st.helperRows}`, same ? 'output same' : 'OUTPUT DIFFERS',
      ].join(' | '));
      expect(i.status).toBe(0);
      expect(j.status).toBe(0);
      expect(j.insns).toBe(i.insns);
      expect(same).toBe(true);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log('\n' + rows.join('\n'));
  }, 900000);
});
