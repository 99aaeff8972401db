// npx tsx packages/cpu/src/difftest/update-known.ts
//
// Rewrites known-mismatches.json from the current state: every row that mismatches the
// oracle is listed, keeping the reason already written for it (reviewed by a human) or
// recording the first differing field for a new one; rows that now pass are dropped. The
// differential test fails on any mismatch missing from the list and on any listed row
// that passes, so review the diff of this file before committing it.

import { writeFileSync } from 'node:fs';
import { compareAll } from './compare.ts';
import { KNOWN_PATH, readKnown } from './fixtures.ts';

const prev = readKnown();
const rows = compareAll();
const next: Record<string, string> = {};
for (const r of rows) {
  if (r.fail === 0) continue;
  const old = prev[r.mn];
  next[r.mn] = old && !old.startsWith('unimplemented or wrong:') && !old.startsWith('first mismatch:')
    ? old
    : `first mismatch: [${r.family}] ${r.first}`;
}
const names = Object.keys(next).sort();
writeFileSync(KNOWN_PATH, `{\n${names.map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(next[n])}`).join(',\n')}\n}\n`);
const dropped = Object.keys(prev).filter((n) => !(n in next));
const added = names.filter((n) => !(n in prev));
console.log(`${names.length} known mismatches (${added.length} new, ${dropped.length} dropped)`);
if (dropped.length) console.log(`now passing: ${dropped.join(' ')}`);
