// The committed expectations: packages/cpu/src/difftest/fixtures/<family>.json, one entry
// per table row with the oracle's outcome of each generated case.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAMILIES, type Family } from './families.ts';
import type { Outcome } from './outcome.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const KNOWN_PATH = fileURLToPath(new URL('./known-mismatches.json', import.meta.url));

export interface RowFixture {
  op: number;
  fmt: string;
  /** Address of the first case's block. */
  base: number;
  n: number;
  /** casesHash() of the inputs the outcomes belong to. */
  hash: string;
  out: Outcome[];
}

export interface FixtureFile {
  seed: number;
  qemu: string;
  cpu: string;
  rows: Record<string, RowFixture>;
}

export function fixturePath(fam: Family | 'unknown'): string {
  return `${FIXTURE_DIR}${fam}.json`;
}

export function readFixture(fam: Family | 'unknown'): FixtureFile | null {
  const p = fixturePath(fam);
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8')) as FixtureFile;
}

export function readAllFixtures(): Map<string, RowFixture> {
  const m = new Map<string, RowFixture>();
  for (const fam of [...FAMILIES, 'unknown'] as const) {
    const f = readFixture(fam);
    if (f) for (const [mn, r] of Object.entries(f.rows)) m.set(mn, r);
  }
  return m;
}

/** Written one row per line so that a regenerated fixture diffs row by row. */
export function writeFixture(fam: Family | 'unknown', f: FixtureFile): void {
  const names = Object.keys(f.rows).sort();
  const lines = names.map((mn) => `    ${JSON.stringify(mn)}: ${JSON.stringify(f.rows[mn])}`);
  const text = `{\n  "seed": ${f.seed},\n  "qemu": ${JSON.stringify(f.qemu)},\n  "cpu": ${JSON.stringify(f.cpu)},\n  "rows": {\n${lines.join(',\n')}\n  }\n}\n`;
  writeFileSync(fixturePath(fam), text);
}

/** Row mnemonic -> reason. Rows listed here are expected to mismatch; see update-known.ts. */
export function readKnown(): Record<string, string> {
  if (!existsSync(KNOWN_PATH)) return {};
  return JSON.parse(readFileSync(KNOWN_PATH, 'utf8')) as Record<string, string>;
}
