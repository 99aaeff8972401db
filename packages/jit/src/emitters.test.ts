import { describe, expect, it } from 'vitest';
import { F, TABLE } from '@ztab/isa';
import { EMITTERS } from './emitters.ts';

describe('emitter table', () => {
  it('every emitter belongs to a table row that is not privileged', () => {
    const rows = new Map(TABLE.map((d) => [d.mn, d]));
    const missing = Object.keys(EMITTERS).filter((m) => !rows.has(m));
    expect(missing).toEqual([]);
    const priv = Object.keys(EMITTERS).filter((m) => (rows.get(m)!.flags & (F.PRIV | F.SEMI)) !== 0);
    expect(priv).toEqual([]);
    console.log(`${Object.keys(EMITTERS).length} rows emitted natively of ${TABLE.length}`);
  });
});
