// The user-mode part of the benchmark (bench/user.ts) as a test: CPU-bound static s390x
// programs under ztab's user mode with the interpreter alone and with the JIT, and under
// qemu-s390x; prints MIPS, ratios, the share of instructions run in translated code,
// compile time and code size, and checks that all three produce the same output and that
// the JIT runs exactly the interpreter's instructions. Skipped unless ZTAB_BENCH is set
// (ZTAB_BENCH=quick: smaller inputs). `pnpm bench` (bench/main.ts) runs the same code
// with the system benchmarks.
import { describe, expect, it } from 'vitest';
import { runUserBench, userLine } from '../../../bench/user.ts';

describe.skipIf(!process.env.ZTAB_BENCH)('jit benchmark', () => {
  it('interpreter vs JIT vs qemu-s390x on the CPU-bound user-mode programs', () => {
    const results = runUserBench(process.env.ZTAB_BENCH === 'quick');
    console.log('\n' + results.map(userLine).join('\n'));
    for (const r of results) {
      expect(r.interp.spawn).toBe(0);
      expect(r.interp.status).toBe(0);
      expect(r.jit.status).toBe(0);
      expect(r.jit.insns).toBe(r.interp.insns);
      expect(r.same).toBe(true);
    }
  }, 900000);
});
