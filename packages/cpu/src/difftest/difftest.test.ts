// The differential test against qemu-s390x: every table row's generated cases run on
// ztab and are compared with the oracle outcomes committed in fixtures/. Mismatches fail
// the suite unless the row is in known-mismatches.json; a listed row that now passes
// fails it too, so the list only shrinks (regenerate it with update-known.ts). When
// qemu-s390x and s390x-linux-gnu-gcc are installed, a sample of rows is also rerun on the
// oracle to prove the committed fixtures are what the generator and qemu produce.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Insn, TABLE, decode } from '@ztab/isa';
import { CASES_PER_ROW, genCases } from './cases.ts';
import { compareAll, formatReport, type RowResult } from './compare.ts';
import { readAllFixtures, readFixture, readKnown } from './fixtures.ts';
import { haveOracle } from './oracle.ts';
import { VOLATILE } from './outcome.ts';
import { qemuVersion, runBatch } from './gen.ts';

const REPORT = fileURLToPath(new URL('../../../../.cache/difftest-coverage.txt', import.meta.url));

let results: RowResult[] = [];

beforeAll(() => {
  results = compareAll();
  const report = formatReport(results);
  mkdirSync(join(REPORT, '..'), { recursive: true });
  writeFileSync(REPORT, report);
  // The summary lines; the per-row table is in the file.
  console.log(report.split('\n').slice(-4).join('\n') + `(per-row report: ${REPORT})`);
}, 300_000);

describe('differential test against qemu-s390x', () => {
  it('covers every table row with cases (and prints the per-row report)', () => {
    console.log(formatReport(results));
    const without = results.filter((r) => r.cases === 0).map((r) => `${r.mn}: ${r.problem ?? 'all cases skipped'}`);
    expect(results.length).toBe(TABLE.length);
    expect(without, 'rows without compared cases').toEqual([]);
    for (const r of results) expect(r.cases + r.skipped).toBe(CASES_PER_ROW);
  });

  it('matches the oracle on every row not in known-mismatches.json', () => {
    const known = readKnown();
    const unexpected = results.filter((r) => r.fail > 0 && !(r.mn in known)).map((r) => `${r.family} ${r.mn}: ${r.first}`);
    expect(unexpected, 'mismatches not in known-mismatches.json').toEqual([]);
  });

  it('lists only rows that still mismatch (the known list only shrinks)', () => {
    const known = readKnown();
    const byMn = new Map(results.map((r) => [r.mn, r]));
    const stale = Object.keys(known).filter((mn) => { const r = byMn.get(mn); return !r || r.fail === 0; });
    expect(stale, 'rows in known-mismatches.json that pass now or left the table: remove them').toEqual([]);
  });
});

describe('case generator', () => {
  it('encodes every row so that the decoder finds that row again', () => {
    const wrong: string[] = [];
    const insn = new Insn();
    TABLE.forEach((def, row) => {
      for (const c of genCases(def, 0x400000, 8)) {
        const b = c.insn;
        const w0 = ((b[0]! << 24) | (b[1]! << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
        const w1 = b.length === 6 ? (b[4]! << 8) | b[5]! : 0;
        decode(b.length === 2 ? (w0 & 0xffff0000) >>> 0 : w0, w1, insn);
        if (insn.row !== row || insn.len !== b.length) { wrong.push(`${def.mn}: ${Buffer.from(b).toString('hex')} decodes to row ${insn.row}`); break; }
      }
    });
    expect(wrong).toEqual([]);
  });
});

// CI installs qemu-user and the cross compiler: there their absence is a broken pipeline,
// not a reason to skip. A different QEMU version than the fixtures' only skips.
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const ORACLE = haveOracle();
const SAME_QEMU = ORACLE && qemuVersion() === readFixture('general')?.qemu;

describe.runIf(SAME_QEMU || (IN_CI && !ORACLE))('fixtures are reproduced by the oracle', () => {
  it('reruns a sample of rows on qemu-s390x and gets the committed outcomes', () => {
    if (!ORACLE) throw new Error('qemu-s390x or s390x-linux-gnu-gcc is missing (required under CI=true)');
    const fixtures = readAllFixtures();
    const rows = TABLE.filter((d) => fixtures.has(d.mn) && !VOLATILE.has(d.mn));
    // A spread over the table: each family's rows sit together, so step through it.
    const step = Math.max(1, Math.floor(rows.length / 6));
    const sample = rows.filter((_, i) => i % step === 0).slice(0, 6);
    expect(sample.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'ztab-difftest-check-'));
    try {
      // Each row in a batch of its own, at the base its fixture was generated for.
      sample.forEach((def, i) => {
        const fx = fixtures.get(def.mn)!;
        const got = runBatch({ rows: [def], bases: [fx.base], cases: [genCases(def, fx.base, fx.n)] }, dir, `s${i}`, () => {});
        expect(got.get(def.mn), `row ${def.mn}`).toEqual(fx);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
