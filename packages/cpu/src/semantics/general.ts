// Semantics of the general instructions (see packages/isa/src/rows/general.ts).
import type { Semantics } from '../cpu.ts';

export const general: Semantics = {
  lr(c, i) {
    c.r[2 * i.r1] = c.r[2 * i.r2]!;
  },
  ar(c, i) {
    const a = c.r[2 * i.r1]! | 0, b = c.r[2 * i.r2]! | 0;
    const s = (a + b) | 0;
    c.r[2 * i.r1] = s;
    const ovf = ((a ^ s) & (b ^ s)) < 0;
    c.cc = ovf ? 3 : s === 0 ? 0 : s < 0 ? 1 : 2;
    if (ovf) c.fixedOverflow();
  },
  ark(c, i) {
    const a = c.r[2 * i.r2]! | 0, b = c.r[2 * i.r3]! | 0;
    const s = (a + b) | 0;
    c.r[2 * i.r1] = s;
    const ovf = ((a ^ s) & (b ^ s)) < 0;
    c.cc = ovf ? 3 : s === 0 ? 0 : s < 0 ? 1 : 2;
    if (ovf) c.fixedOverflow();
  },
  l(c, i) {
    c.r[2 * i.r1] = c.ld32(c.ea(i.x2, i.b2, i.d2));
  },
  lg(c, i) {
    const lo = c.ld64(c.ea(i.x2, i.b2, i.d2));
    c.r[2 * i.r1 + 1] = c.vh;
    c.r[2 * i.r1] = lo;
  },
};
