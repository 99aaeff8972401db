// Run every fixture case on ztab and compare with the oracle's outcome, row by row.

import { TABLE } from '@ztab/isa';
import { casesHash, genCases } from './cases.ts';
import { familyOf } from './families.ts';
import { readAllFixtures, type RowFixture } from './fixtures.ts';
import { VOLATILE, firstDiff } from './outcome.ts';
import { Runner } from './runner.ts';

export interface RowResult {
  mn: string;
  family: string;
  op: number;
  fmt: string;
  /** Cases with an oracle outcome that were compared. */
  cases: number;
  pass: number;
  fail: number;
  /** Cases the oracle could not run (it crashed or hung), not compared. */
  skipped: number;
  /** First differing field of the first failing case, with the case number and bytes. */
  first: string | null;
  /** Why the row could not be compared at all (no fixture, stale fixture). */
  problem: string | null;
}

export function compareAll(filter?: (mn: string) => boolean): RowResult[] {
  const fixtures = readAllFixtures();
  const runner = new Runner();
  const out: RowResult[] = [];
  for (const def of TABLE) {
    if (filter && !filter(def.mn)) continue;
    const res: RowResult = { mn: def.mn, family: familyOf(def.mn), op: def.op, fmt: def.fmt, cases: 0, pass: 0, fail: 0, skipped: 0, first: null, problem: null };
    out.push(res);
    const fx: RowFixture | undefined = fixtures.get(def.mn);
    if (!fx) { res.problem = 'no fixture: run pnpm difftest:gen'; continue; }
    if (fx.op !== def.op || fx.fmt !== def.fmt) { res.problem = `fixture is for op ${fx.op.toString(16)} ${fx.fmt}: run pnpm difftest:gen`; continue; }
    const cases = genCases(def, fx.base, fx.n);
    if (casesHash(cases) !== fx.hash) { res.problem = 'fixture inputs are stale (generator changed): run pnpm difftest:gen'; continue; }
    cases.forEach((c, k) => {
      const e = fx.out[k]!;
      if (e.x !== undefined) { res.skipped++; return; }
      res.cases++;
      let d: string | null;
      try {
        d = firstDiff(e, runner.run(c), VOLATILE.has(def.mn));
      } catch (err) {
        d = `host exception: ${(err as Error).message}`;
      }
      if (d === null) res.pass++;
      else {
        res.fail++;
        if (res.first === null) res.first = `${d} [case ${k}, ${Buffer.from(c.insn).toString('hex')}]`;
      }
    });
  }
  return out;
}

/** The field name at the start of a first-difference string ("cc", "g3", "kind", ...). */
export function fieldOf(first: string): string {
  return first.split(':')[0]!;
}

export function formatReport(rows: readonly RowResult[]): string {
  const lines: string[] = [];
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  lines.push(`${pad('family', 8)} ${pad('row', 10)} ${pad('opcode', 7)} ${pad('format', 7)} ${pad('cases', 6)} ${pad('pass', 5)} ${pad('fail', 5)} ${pad('skip', 5)} first difference`);
  for (const r of rows) {
    lines.push(`${pad(r.family, 8)} ${pad(r.mn, 10)} ${pad(r.op.toString(16), 7)} ${pad(r.fmt, 7)} ${pad(r.cases, 6)} ${pad(r.pass, 5)} ${pad(r.fail, 5)} ${pad(r.skipped, 5)} ${r.problem ?? r.first ?? ''}`);
  }
  const tot = rows.reduce((s, r) => ({ cases: s.cases + r.cases, pass: s.pass + r.pass, fail: s.fail + r.fail, skipped: s.skipped + r.skipped }), { cases: 0, pass: 0, fail: 0, skipped: 0 });
  const rowsPass = rows.filter((r) => !r.problem && r.cases > 0 && r.fail === 0).length;
  const noCases = rows.filter((r) => r.cases === 0).length;
  lines.push('');
  lines.push(`rows: ${rows.length}, passing: ${rowsPass}, mismatching: ${rows.filter((r) => r.fail > 0).length}, without cases: ${noCases}`);
  const fams = [...new Set(rows.map((r) => r.family))];
  lines.push(`by family: ${fams.map((f) => { const fr = rows.filter((r) => r.family === f); return `${f} ${fr.filter((r) => r.fail > 0).length}/${fr.length} mismatching`; }).join(', ')}`);
  lines.push(`cases: ${tot.cases} compared, ${tot.pass} pass, ${tot.fail} fail, ${tot.skipped} skipped (oracle could not run them)`);
  return lines.join('\n') + '\n';
}
