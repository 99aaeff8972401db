// BFP cases replayed against Hercules 3.13: ../softfloat/bfp-oracle-hercules.ts ran them
// bare-metal and recorded FPC, CC, FPRs 0/2/4/6 and any program interruption with its
// DXC. They cover DIVIDE TO INTEGER (which qemu-s390x lacks) and rows where qemu-s390x
// departs from the architecture.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cpu } from '../cpu.ts';
import { DEFAULT_FACILITIES } from '../facilities.ts';
import { createMemory } from '../state.ts';
import { bfp } from './bfp.ts';
import type { HResult } from '../softfloat/bfp-oracle-hercules.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CODE = 0x1000;
const h8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

describe('BFP against Hercules 3.13', () => {
  const cases = JSON.parse(readFileSync(join(here, '../softfloat/bfp-oracle.hercules.json'), 'utf8')) as HResult[];
  const c = new Cpu({ memory: createMemory(1 << 20), ramSize: 1 << 20, facilities: DEFAULT_FACILITIES }, bfp);
  const groups = new Map<string, HResult[]>();
  for (const k of cases) {
    const g = k.name.split('/')[0]!;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(k);
  }
  for (const [name, list] of groups) {
    it(`${name}: ${list.length} cases`, () => {
      const bad: string[] = [];
      for (const k of list) {
        c.fpc = k.in[0]!;
        for (let j = 0; j < 4; j++) { c.f[4 * j + 1] = k.in[1 + 2 * j]!; c.f[4 * j] = k.in[2 + 2 * j]!; }
        k.insn.match(/../g)!.forEach((b, j) => c.st8(CODE + j, parseInt(b, 16)));
        c.cc = 0;
        c.ia = CODE;
        c.stopReason = null;
        let pgm = 0;
        c.programHook = (_c, code) => { pgm = code; };
        c.run(1);
        const f: number[] = [];
        for (let j = 0; j < 4; j++) f.push(c.f[4 * j + 1]!, c.f[4 * j]!);
        // Hercules does not report a remainder that needs more than the format's precision
        // (possible when the quotient was rounded away from zero) as inexact; ztab does.
        const fpcWant = k.fpc, fpcAlt = /^di[ed]br/.test(k.name) ? (k.fpc | 0x00080000) >>> 0 : k.fpc;
        const diffs: string[] = [];
        if (pgm !== k.pgm) diffs.push(`pgm ${pgm} want ${k.pgm}`);
        if (c.fpc !== fpcWant && c.fpc !== fpcAlt) diffs.push(`fpc ${h8(c.fpc)} want ${h8(fpcWant)}`);
        if (k.pgm === 0 && c.cc !== k.cc) diffs.push(`cc ${c.cc} want ${k.cc}`);
        f.forEach((v, j) => { if (v !== k.f[j]) diffs.push(`f[${j}] ${h8(v)} want ${h8(k.f[j]!)}`); });
        if (diffs.length) bad.push(`${k.asm} in=${k.in.map(h8).join(' ')}: ${diffs.join(', ')}`);
      }
      expect(bad.slice(0, 6).join('\n'), `${bad.length} of ${list.length} differ`).toBe('');
    });
  }
});
