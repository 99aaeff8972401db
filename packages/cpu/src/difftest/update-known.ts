// npx tsx packages/cpu/src/difftest/update-known.ts
//
// Rewrites known-mismatches.json from the current state: every row that mismatches the
// oracle is listed, keeping the reason already written for it (reviewed by a human) or
// recording the first differing field for a new one (prefixed 'auto: ', and refreshed on
// every run); rows that now pass are dropped. The
// differential test fails on any mismatch missing from the list and on any listed row
// that passes, so review the diff of this file before committing it.

import { writeFileSync } from 'node:fs';
import { compareAll, type RowResult } from './compare.ts';
import { KNOWN_PATH, readKnown } from './fixtures.ts';

/** Reasons written by this script start with AUTO; anything else was written by a person. */
const AUTO = 'auto: ';

function autoReason(r: RowResult): string {
  if (r.family === 'extra') return `${AUTO}extra row (no family owns it yet, so no semantics); first mismatch: ${r.first}`;
  if (r.pass === 0 && r.first?.startsWith('kind: oracle SIGILL/1')) {
    return `${AUTO}the oracle raises SIGILL/ILL_ILLOPC (operation or privileged-operation exception) in every case: qemu 7.2 lacks the instruction, its facility is off in the oracle's model, or qemu treats it as privileged; judge it by the PoP; first mismatch: ${r.first}`;
  }
  return `${AUTO}[${r.family}] first mismatch: ${r.first}`;
}

const prev = readKnown();
const rows = compareAll();
const next: Record<string, string> = {};
for (const r of rows) {
  if (r.fail === 0) continue;
  const old = prev[r.mn];
  next[r.mn] = old && !old.startsWith(AUTO) ? old : autoReason(r);
}
const names = Object.keys(next).sort();
writeFileSync(KNOWN_PATH, `{\n${names.map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(next[n])}`).join(',\n')}\n}\n`);
const dropped = Object.keys(prev).filter((n) => !(n in next));
const added = names.filter((n) => !(n in prev));
console.log(`${names.length} known mismatches (${added.length} new, ${dropped.length} dropped)`);
if (dropped.length) console.log(`now passing: ${dropped.join(' ')}`);
