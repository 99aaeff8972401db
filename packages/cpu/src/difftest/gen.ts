// pnpm difftest:gen [--rows a,b,c] [--jobs N]
//
// Regenerates the differential-test fixtures: for every row of the instruction table it
// generates the cases (cases.ts), runs them on qemu-s390x in batches (oracle.ts) and
// writes packages/cpu/src/difftest/fixtures/<family>.json. With --rows only those rows are
// rerun and merged into the existing fixtures. Deterministic: the same table, SEED and
// qemu give byte-identical fixtures.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE, type InsnDef } from '@ztab/isa';
import { CASES_PER_ROW, SEED, casesHash, genCases, type Case } from './cases.ts';
import { FAMILIES, familyOf, type Family } from './families.ts';
import { readFixture, writeFixture, type FixtureFile, type RowFixture } from './fixtures.ts';
import { CASES_BASE, CASE_STRIDE, MAX_BATCH_CASES } from './layout.ts';
import { QEMU_CPU, runOracle } from './oracle.ts';
import { VOLATILE } from './outcome.ts';

const ROWS_PER_BATCH = 40;

export interface Batch { rows: InsnDef[]; bases: number[]; cases: Case[][] }

/** Split rows into batches and place each row's cases; deterministic in the row order. */
export function planBatches(rows: readonly InsnDef[]): Batch[] {
  const batches: Batch[] = [];
  let cur: Batch | null = null;
  let used = 0;
  for (const def of rows) {
    if (!cur || cur.rows.length >= ROWS_PER_BATCH || used + CASES_PER_ROW > MAX_BATCH_CASES) {
      cur = { rows: [], bases: [], cases: [] };
      batches.push(cur);
      used = 0;
    }
    const base = CASES_BASE + used * CASE_STRIDE;
    cur.rows.push(def);
    cur.bases.push(base);
    cur.cases.push(genCases(def, base));
    used += CASES_PER_ROW;
  }
  return batches;
}

export function qemuVersion(): string {
  const r = spawnSync('qemu-s390x', ['--version'], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n')[0] ?? 'unknown';
}

/** Run one batch on the oracle; returns the fixture entries of its rows. */
export function runBatch(b: Batch, dir: string, name: string, log: (s: string) => void): Map<string, RowFixture> {
  const flat = b.cases.flat();
  const outs = runOracle(flat, dir, name, log);
  const res = new Map<string, RowFixture>();
  let k = 0;
  b.rows.forEach((def, i) => {
    const cs = b.cases[i]!;
    let out = outs.slice(k, k + cs.length);
    // Clock values are not compared; leaving them out keeps regenerated fixtures identical.
    if (VOLATILE.has(def.mn)) out = out.map(({ g: _g, m: _m, ...rest }) => rest);
    res.set(def.mn, { op: def.op, fmt: def.fmt, base: b.bases[i]!, n: cs.length, hash: casesHash(cs), out });
    k += cs.length;
  });
  return res;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const only = opt('--rows')?.split(',').filter(Boolean);
  const rows = only ? TABLE.filter((d) => only.includes(d.mn)) : [...TABLE];
  if (only && rows.length !== only.length) {
    const missing = only.filter((m) => !TABLE.some((d) => d.mn === m));
    throw new Error(`unknown rows: ${missing.join(', ')}`);
  }
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ztab-difftest-'));
  const batches = planBatches(rows);
  const results = new Map<string, RowFixture>();
  const log = (s: string) => process.stderr.write(s + '\n');
  batches.forEach((b, i) => {
    log(`batch ${i + 1}/${batches.length}: ${b.rows.length} rows (${b.rows[0]!.mn} .. ${b.rows[b.rows.length - 1]!.mn})`);
    for (const [mn, r] of runBatch(b, dir, `b${i}`, log)) results.set(mn, r);
  });
  if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir}`);

  const qemu = qemuVersion();
  for (const fam of [...FAMILIES, 'unknown'] as const) {
    const prev = readFixture(fam);
    const file: FixtureFile = { seed: SEED, qemu, cpu: QEMU_CPU, rows: {} };
    if (only && prev) Object.assign(file.rows, prev.rows);
    for (const [mn, r] of results) if (familyOf(mn) === fam) file.rows[mn] = r;
    // A full run drops rows that left the table; a partial one keeps the others as they were.
    if (Object.keys(file.rows).length > 0 || prev) writeFixture(fam as Family, file);
  }
  const skipped = [...results.values()].reduce((s, r) => s + r.out.filter((o) => o.x).length, 0);
  log(`${results.size} rows, ${results.size * CASES_PER_ROW} cases, ${skipped} without an oracle record, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
