// `pnpm bench`: ztab against QEMU, printed as one table and written to bench/results.json.
//
//   node-boot   Debian's kernel + busybox initramfs to the `~ # ` prompt under Node:
//               ztab with the JIT, ztab with the interpreter alone, qemu-system-s390x
//               (same kernel, initramfs, command line, memory, data disk); JIT counters
//               at the prompt.
//   browser     the same boot in headless Chromium (vite build + vite preview).
//   guest       CPU-bound busybox commands typed at the prompt of the booted guest,
//               ztab (JIT) vs qemu-system-s390x, host wall time from sending the line to
//               the end marker; outputs compared.
//   user        static s390x programs under `ztab --user` (interpreter, JIT) vs qemu-s390x.
//
// Options: --only=node-boot,browser,guest,user   --quick (smaller inputs, one QEMU run)
//          --json=PATH (default bench/results.json). Nothing here is a timed assertion;
// a part that fails is reported with its reason and the others still run.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { browserBoot, type BrowserResult } from './browser.ts';
import { bootToPrompt, guestFiles, qemuArgs, ROOT, startQemu, startZtab, timed, untimed, type Guest, type GuestFiles, type GuestStats } from './guest.ts';
import { runUserBench, type UserResult } from './user.ts';
import { WORKLOADS } from './workloads.ts';

const argv = process.argv.slice(2);
const opt = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
const QUICK = argv.includes('--quick') || process.env.ZTAB_BENCH === 'quick';
const ALL = ['node-boot', 'browser', 'guest', 'user'];
const ONLY = (opt('only') ?? process.env.ZTAB_BENCH_ONLY ?? ALL.join(',')).split(',');
const JSON_OUT = opt('json') ?? join(ROOT, 'bench/results.json');
const BOOT_S = Number(process.env.ZTAB_BOOT_TIMEOUT ?? 900);
const QEMU_RUNS = QUICK ? 1 : 3;

const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(x < 10 ? 2 : 1));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? `${(a / b).toFixed(1)}x` : '—');
/** Wall-time ratio, and the CPU-time ratio that a loaded host distorts less. */
const ratios = (a: { s: number; cpu: number | null }, b: { s: number; cpu: number | null }) =>
  `${ratio(a.s, b.s)}${a.cpu && b.cpu ? ` (cpu ${ratio(a.cpu, b.cpu)})` : ''}`;

interface Row { part: string; case: string; ztab: string; qemu: string; ratio: string; notes: string }
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const errors: Record<string, string> = {};

function host() {
  const cpu = os.cpus();
  let qemu = '', chromium = '';
  try { qemu = execFileSync('qemu-system-s390x', ['--version'], { encoding: 'utf8' }).split('\n')[0]!; } catch { qemu = 'missing'; }
  try { chromium = execFileSync(process.env.ZTAB_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim(); } catch { chromium = 'missing'; }
  let commit = '';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  return { date: new Date().toISOString(), commit, cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, qemu, chromium };
}

function jitNotes(s: GuestStats | null): string {
  if (!s) return '';
  const share = s.insns ? (100 * s.jitInsns) / s.insns : 0;
  return `${(s.insns / 1e9).toFixed(2)} G insns, translated ${share.toFixed(1)}%, ${s.compiles} compiles ${(s.compileMs / 1000).toFixed(1)} s, cache ${(s.codeBytes / 2 ** 20).toFixed(1)} MiB in ${s.regions} regions${s.chains !== undefined ? `, ${(s.entries! / 1e6).toFixed(1)} M entries + ${(s.chains / 1e6).toFixed(1)} M chained` : ''}`;
}

/** Difference of two counter snapshots (what one workload did). */
function delta(a: GuestStats | null, b: GuestStats | null): GuestStats | null {
  if (!a || !b) return null;
  return { ...b, insns: b.insns - a.insns, jitInsns: b.jitInsns - a.jitInsns, interpInsns: b.interpInsns - a.interpInsns, compiles: b.compiles - a.compiles, compileMs: b.compileMs - a.compileMs, seconds: b.seconds - a.seconds, idleMs: b.idleMs - a.idleMs };
}

async function part(name: string, fn: () => Promise<void>): Promise<void> {
  if (!ONLY.includes(name)) return;
  log(`--- ${name}`);
  try {
    await fn();
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    errors[name] = msg;
    log(`${name} FAILED: ${msg}`);
    rows.push({ part: name, case: 'FAILED', ztab: '—', qemu: '—', ratio: '—', notes: msg.split('\n')[0]!.slice(0, 160) });
  }
}

async function withGuest<T>(g: Guest, fn: (g: Guest) => Promise<T>): Promise<T> {
  try { return await fn(g); } finally { await g.close(); }
}

/** QEMU boots: the best and all of QEMU_RUNS runs (QEMU's few seconds are the noisy side). */
async function qemuBoots(files: GuestFiles): Promise<{ best: number; cpu: number | null; all: number[] }> {
  const all: number[] = [];
  let cpu: number | null = null, best = Infinity;
  for (let k = 0; k < QEMU_RUNS; k++) {
    const b = await withGuest(startQemu(files), (g) => bootToPrompt(g, 300));
    all.push(b.s);
    if (b.s < best) { best = b.s; cpu = b.cpu; }
  }
  return { best, cpu, all };
}

async function main(): Promise<void> {
  const h = host();
  const loadBefore = os.loadavg();
  log(`host: ${h.cpus} x ${h.cpuModel}, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; ${h.qemu}; ${h.chromium}`);
  const needGuest = ONLY.some((p) => p !== 'user');
  const files = guestFiles();
  if (needGuest && !existsSync(files.kernel)) {
    for (const p of ['node-boot', 'browser', 'guest']) if (ONLY.includes(p)) errors[p] = `no guest in ${files.dir} (run pnpm guest)`;
  }
  let qemuBoot: Awaited<ReturnType<typeof qemuBoots>> | null = null;
  const getQemuBoot = async () => (qemuBoot ??= await qemuBoots(files));

  if (!errors['node-boot']) await part('node-boot', async () => {
    const q = await getQemuBoot();
    log(`qemu-system-s390x boot: ${q.all.map((x) => x.toFixed(2)).join(', ')} s`);
    const out: Record<string, unknown> = { qemu: q, qemuCommand: ['qemu-system-s390x', ...qemuArgs(files)].join(' ') };
    for (const jit of [true, false]) {
      const g = startZtab(files, jit);
      const r = await withGuest(g, async (g) => {
        const b = await bootToPrompt(g, BOOT_S);
        const s = await g.promptStats;
        return { ...b, stats: s };
      });
      log(`${g.name} boot: ${r.s.toFixed(1)} s (cpu ${f1(r.cpu)} s) ${jitNotes(r.stats)}`);
      out[jit ? 'ztabJit' : 'ztabInterp'] = r;
      rows.push({
        part: 'boot (Node)', case: jit ? 'to prompt, JIT' : 'to prompt, --no-jit',
        ztab: `${f1(r.s)} s (cpu ${f1(r.cpu)})`, qemu: `${f1(q.best)} s (cpu ${f1(q.cpu)})`, ratio: ratios(r, { s: q.best, cpu: q.cpu }),
        notes: jit ? jitNotes(r.stats) : `${((r.stats?.insns ?? 0) / 1e9).toFixed(2)} G insns, ${((r.stats?.insns ?? 0) / (r.cpu ?? r.s) / 1e6).toFixed(0)} MIPS per CPU s`,
      });
    }
    results['node-boot'] = out;
  });

  if (!errors['browser']) await part('browser', async () => {
    const q = await getQemuBoot();
    const b: BrowserResult = await browserBoot(BOOT_S, log);
    log(`browser boot: ${b.toPromptS.toFixed(1)} s to the prompt (${b.statusBar})`);
    results['browser'] = { ...b, qemuBest: q.best };
    const jit = b.jitShare === null ? '' : `JIT share ${(100 * b.jitShare).toFixed(0)}% (page status)`;
    rows.push({
      part: 'boot (Chromium)', case: 'page load to prompt', ztab: `${f1(b.toPromptS)} s`, qemu: `${f1(q.best)} s`, ratio: ratio(b.toPromptS, q.best),
      notes: [`boot started at ${f1(b.toBootStartS)} s`, b.instructions ? `${(b.instructions / 1e9).toFixed(2)} G insns` : '', jit, `bar: "${b.statusBar}"`].filter(Boolean).join(', '),
    });
  });

  if (!errors['guest']) await part('guest', async () => {
    const list = QUICK ? WORKLOADS.filter((w) => w.quick) : WORKLOADS;
    // QEMU: best of QEMU_RUNS per workload in one booted guest.
    const qemu: Record<string, { s: number; cpu: number | null; output: string; all: number[] }> = {};
    await withGuest(startQemu(files), async (g) => {
      await bootToPrompt(g, 300);
      for (const w of list) {
        if (w.setup) await untimed(g, w.setup, 300);
        for (let k = 0; k < QEMU_RUNS; k++) {
          const r = await timed(g, w.cmd, 600);
          const prev = qemu[w.name];
          if (!prev) qemu[w.name] = { ...r, all: [r.s] };
          else {
            prev.all.push(r.s);
            if (r.s < prev.s) Object.assign(prev, { s: r.s, cpu: r.cpu });
            if (r.output !== prev.output) prev.output += `\n[run ${k + 1} differs: ${r.output}]`;
          }
        }
        log(`qemu ${w.name}: ${qemu[w.name]!.all.map((x) => x.toFixed(2)).join(', ')} s`);
      }
    });
    const ztab: Record<string, { s: number; cpu: number | null; output: string; stats: GuestStats | null }> = {};
    await withGuest(startZtab(files, true), async (g) => {
      await bootToPrompt(g, BOOT_S);
      for (const w of list) {
        if (w.setup) await untimed(g, w.setup, 1800);
        const a = await g.stats();
        const r = await timed(g, w.cmd, 1800);
        const b = await g.stats();
        ztab[w.name] = { ...r, stats: delta(a, b) };
        log(`ztab ${w.name}: ${r.s.toFixed(2)} s (cpu ${f1(r.cpu)}) ${jitNotes(ztab[w.name]!.stats)}`);
      }
    });
    const out: Record<string, unknown> = {};
    for (const w of list) {
      const z = ztab[w.name]!, q = qemu[w.name]!;
      const same = z.output === q.output && z.output.length > 0;
      out[w.name] = { command: w.cmd, setup: w.setup ?? null, ztab: z, qemu: q, same };
      const st = z.stats;
      rows.push({
        part: 'in guest', case: w.name, ztab: `${f1(z.s)} s (cpu ${f1(z.cpu)})`, qemu: `${f1(q.s)} s (cpu ${f1(q.cpu)})`, ratio: ratios(z, q),
        notes: `${same ? 'output same' : `OUTPUT DIFFERS (ztab ${JSON.stringify(z.output.slice(0, 60))}, qemu ${JSON.stringify(q.output.slice(0, 60))})`}${st ? `, ${(st.insns / 1e9).toFixed(2)} G insns, translated ${((100 * st.jitInsns) / (st.insns || 1)).toFixed(1)}%, ${st.compiles} compiles ${(st.compileMs / 1000).toFixed(1)} s` : ''}`,
      });
    }
    results['guest'] = out;
  });

  await part('user', async () => {
    const res: UserResult[] = runUserBench(QUICK, (l) => log(`user: ${l}`));
    results['user'] = res;
    for (const r of res) {
      const st = r.jit.jit!;
      rows.push({
        part: 'ztab --user', case: `${r.name} ${r.args.join(' ')}`,
        ztab: `JIT ${f1(r.jit.cpu)} s, interp ${f1(r.interp.cpu)} s`, qemu: `${f1(r.qemu.cpu)} s`, ratio: `cpu ${ratio(r.jit.cpu, r.qemu.cpu)}`,
        notes: `CPU s; ${(r.jit.insns / 1e6).toFixed(0)} M insns, JIT ${(r.jit.insns / r.jit.cpu / 1e6).toFixed(0)} MIPS, interp ${(r.interp.insns / r.interp.cpu / 1e6).toFixed(0)} MIPS, translated ${((100 * st.jitInsns) / r.jit.insns).toFixed(1)}%, ${st.compiles} compiles ${st.compileMs.toFixed(0)} ms${r.same ? ', output same' : ', OUTPUT DIFFERS'}${r.jit.insns === r.interp.insns ? '' : ', INSN COUNTS DIFFER'}`,
      });
    }
  });

  const loadAfter = os.loadavg();
  const table = render(rows);
  process.stdout.write(`\nztab vs QEMU (${h.date.slice(0, 16)}Z, ${h.commit}, ${h.cpus} x ${h.cpuModel}, load ${loadBefore.map((x) => x.toFixed(1)).join('/')} before, ${loadAfter.map((x) => x.toFixed(1)).join('/')} after)\n${table}\n`);
  for (const [p, e] of Object.entries(errors)) process.stdout.write(`${p}: not measured: ${e.split('\n')[0]}\n`);
  writeFileSync(JSON_OUT, JSON.stringify({ host: { ...h, loadBefore, loadAfter }, quick: QUICK, only: ONLY, table: rows, errors, results }, null, 1) + '\n');
  log(`wrote ${JSON_OUT}`);
}

function render(rs: Row[]): string {
  const head: Row = { part: 'part', case: 'case', ztab: 'ztab', qemu: 'QEMU', ratio: 'ztab/QEMU', notes: 'notes' };
  const keys = ['part', 'case', 'ztab', 'qemu', 'ratio'] as const;
  const w = keys.map((k) => Math.max(...[head, ...rs].map((r) => r[k].length)));
  const line = (r: Row) => [...keys.map((k, i) => r[k].padEnd(w[i]!)), r.notes].join(' | ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('-|-') + '-|------', ...rs.map(line)].join('\n');
}

await main();
// Children are gone (each part closes its own); the preview server and Playwright may hold handles.
process.exit(0);
