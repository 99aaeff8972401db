// npx tsx packages/cpu/src/difftest/show.ts <row> <case> : print one case's inputs, the
// oracle's outcome and ztab's, for chasing a mismatch.
import { TABLE } from '@ztab/isa';
import { genCases } from './cases.ts';
import { readAllFixtures } from './fixtures.ts';
import { firstDiff } from './outcome.ts';
import { Runner } from './runner.ts';

const mn = process.argv[2] ?? '';
const k = Number(process.argv[3] ?? 0);
const fx = readAllFixtures().get(mn);
const def = TABLE.find((d) => d.mn === mn);
if (!fx || !def) throw new Error(`no row or fixture for ${mn}`);
const c = genCases(def, fx.base, fx.n)[k]!;
const regs = (a: Uint32Array) => Array.from({ length: 16 }, (_, i) => `${i}=${a[2 * i + 1]!.toString(16).padStart(8, '0')}${a[2 * i]!.toString(16).padStart(8, '0')}`).join(' ');
console.log(`${mn} case ${k}: ${Buffer.from(c.insn).toString('hex')} at ${c.addr.toString(16)}, land ${c.land.toString(16)}`);
console.log(`cc ${c.cc} pm ${c.pm} fpc ${c.fpc.toString(16)} pattern ${c.pat} p1@${c.p1off} ${Buffer.from(c.p1).toString('hex')} p2@${c.p2off} ${Buffer.from(c.p2).toString('hex')}`);
console.log(`gpr ${regs(c.g)}`);
console.log(`fpr ${regs(c.f)}`);
const z = new Runner().run(c);
console.log(`oracle ${JSON.stringify(fx.out[k])}`);
console.log(`ztab   ${JSON.stringify(z)}`);
console.log(`first difference: ${fx.out[k]!.x ? 'skipped' : firstDiff(fx.out[k]!, z)}`);
