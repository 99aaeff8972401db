// Which family (rows/<family>.ts, and so which owner) each table row belongs to, for
// grouping the report. @ztab/isa exports only the concatenated TABLE, so the family
// arrays are read from their modules directly. A family row wins over an extra row of
// the same mnemonic, as rows/index.ts lets it win on opcode.
import { bfp } from '../../../isa/src/rows/bfp.ts';
import { control } from '../../../isa/src/rows/control.ts';
import { decimal } from '../../../isa/src/rows/decimal.ts';
import { extra } from '../../../isa/src/rows/extra.ts';
import { general } from '../../../isa/src/rows/general.ts';
import { system } from '../../../isa/src/rows/system.ts';

/** rows/extra.ts: rows no family owns yet (stand-ins that disappear as families land). */
export const FAMILIES = ['general', 'control', 'decimal', 'bfp', 'system', 'extra'] as const;
export type Family = (typeof FAMILIES)[number];

const byMn = new Map<string, Family>();
for (const [fam, rows] of [['general', general], ['control', control], ['decimal', decimal], ['bfp', bfp], ['system', system], ['extra', extra]] as const) {
  for (const r of rows) if (!byMn.has(r.mn)) byMn.set(r.mn, fam);
}

export function familyOf(mn: string): Family | 'unknown' {
  return byMn.get(mn) ?? 'unknown';
}
