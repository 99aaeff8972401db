import { describe, expect, it } from 'vitest';
import { FORMATS } from './formats.ts';
import { FMT_ID, Insn, decode, extract, extractGeneric, lookup, rowDef } from './decode.ts';
import { TABLE } from './rows/index.ts';

// A small deterministic generator so failures reproduce.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s;
  };
}

describe('decoder', () => {
  it('fast field extraction agrees with the FIELDS description for every format', () => {
    const next = rng(12345);
    const o = new Insn();
    // One expect() per field would be ~600k matcher calls (11 s on a loaded 2-core box);
    // comparing directly and asserting on the collected mismatches checks the same cases.
    const bad: string[] = [];
    let checked = 0;
    for (const fmt of FORMATS) {
      for (let k = 0; k < 2000; k++) {
        const w0 = next() >>> 0;
        const w1 = next() & 0xffff;
        const want = extractGeneric(fmt, w0, w1);
        extract(FMT_ID[fmt], w0, w1, o);
        for (const [name, v] of Object.entries(want)) {
          checked++;
          const got = (o as unknown as Record<string, number>)[name];
          if (got !== v && bad.length < 20) bad.push(`${fmt}.${name} of ${w0.toString(16)} ${w1.toString(16)}: ${got} != ${v}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(FORMATS.length * 2000);
  });

  it('finds every table row from its encoding', () => {
    for (let i = 0; i < TABLE.length; i++) {
      const d = TABLE[i]!;
      const b0 = d.op > 0xff ? d.op >>> 8 : d.op;
      const low = d.op & 0xff;
      // Place the extension in all the positions it could be; lookup must use the right one.
      expect(lookup(b0, low, low)).toBe(i);
    }
  });

  it('decodes AR, LG with a negative long displacement, and BRC', () => {
    const o = new Insn();
    decode(0x1a120000, 0, o);
    expect(rowDef(o.row).mn).toBe('ar');
    expect([o.len, o.r1, o.r2]).toEqual([2, 1, 2]);
    // lg %r1,-8(%r2,%r15): e3 12 ff f8 ff 04
    decode(0xe312fff8, 0xff04, o);
    expect(rowDef(o.row).mn).toBe('lg');
    expect([o.len, o.r1, o.x2, o.b2, o.d2]).toEqual([6, 1, 2, 15, -8]);
    // brc 8,-2 halfwords: a7 84 ff fe
    decode(0xa784fffe, 0, o);
    expect(rowDef(o.row).mn).toBe('brc');
    expect([o.m1, o.ri2]).toEqual([8, -2]);
  });

  it('reports opcodes outside the table as row -1 with the right length', () => {
    const o = new Insn();
    decode(0x00000000, 0, o);
    expect([o.row, o.len]).toEqual([-1, 2]);
    decode(0xff000000, 0, o);
    expect([o.row, o.len]).toEqual([-1, 6]);
  });
});
