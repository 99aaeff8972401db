// Semantics of branches, EXECUTE, SVC and the storage-to-storage families
// (see packages/isa/src/rows/control.ts).
import type { Semantics } from '../cpu.ts';

export const control: Semantics = {
  brc(c, i) {
    if ((i.m1 >>> (3 - c.cc)) & 1) c.ia = c.rel(i.ri2);
  },
  svc(c, i) {
    c.svc(i.i1);
  },
  larl(c, i) {
    const a = c.rel(i.ri2);
    c.r[2 * i.r1] = a >>> 0;
    if (c.amode === 3) c.r[2 * i.r1 + 1] = Math.floor(a / 4294967296);
  },
};
