import { it } from 'vitest';
import { loadCases, bfpCpu, runCase, expected } from '../semantics/bfp.test.ts';
const h8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
it('dbg', () => {
  const c = bfpCpu();
  const seen = new Map<string, number>();
  const filt = process.env.F ?? '';
  for (const k of loadCases()) {
    if (filt && !k.name.startsWith(filt)) continue;
    if (process.env.NOSIG && k.sig) continue;
    const e = expected(k); const g = runCase(c, k);
    const d: string[] = [];
    if (g.pgm !== e.pgm) d.push(`pgm ${g.pgm}/${e.pgm}`);
    if (g.fpc !== e.fpc) d.push(`fpc ${h8(g.fpc)}/${h8(e.fpc)}`);
    if (e.cc !== null && g.cc !== e.cc) d.push(`cc ${g.cc}/${e.cc}`);
    if (e.out) for (let j = 0; j < 16; j++) if (g.out[j] !== e.out[j]) d.push(`o${j} ${h8(g.out[j]!)}/${h8(e.out[j]!)}`);
    if (!d.length) continue;
    const base = k.name;
    const n = seen.get(base) ?? 0; seen.set(base, n + 1);
    if (n < +(process.env.N ?? 2)) console.log(`${k.name} ${k.insn} fpc=${h8(k.in[0]!)} f0=${h8(k.in[1]!)}${h8(k.in[2]!)} f2=${h8(k.in[3]!)}${h8(k.in[4]!)} f4=${h8(k.in[5]!)}${h8(k.in[6]!)} f6=${h8(k.in[7]!)}${h8(k.in[8]!)} r2=${h8(k.in[9]!)}${h8(k.in[10]!)} r3=${h8(k.in[11]!)}${h8(k.in[12]!)} m=${h8(k.in[13]!)}${h8(k.in[14]!)} sig=${k.sig} :: ${d.join(', ')}`);
  }
  console.log([...seen].map(([a, b]) => `${a}:${b}`).join(' '));
});
