// Stale translations never run: stores into translated pages (by the guest, natively or
// through helpers, and by the host through invalidateRange) drop the page's regions.
import { describe, expect, it } from 'vitest';
import { Jit } from './jit.ts';
import { assemble, machine, poke } from './testutil.ts';

type M = ReturnType<typeof machine>;

function runBoth(code: Uint8Array, opts = {}, setup: (c: M) => void = () => {}) {
  const a = machine(), b = machine();
  for (const c of [a, b]) { poke(c, 0x1000, code); c.ia = 0x1000; setup(c); }
  const jit = new Jit(a, { hotThreshold: 2, ...opts });
  for (let k = 0; k < 10000 && a.stopReason === null; k++) jit.run(1000);
  b.run(1e8);
  expect(a.stopReason).toBe('svc');
  expect([...a.r]).toEqual([...b.r]);
  expect(a.icount).toBe(b.icount);
  expect(a.cc).toBe(b.cc);
  return { a, b, jit };
}

describe('jit invalidation', () => {
  it('a store that patches an instruction of a hot loop takes effect at once (native store path)', () => {
    const code = assemble(`
  lghi %r3,300
  lghi %r4,0
  lhi %r5,2
  larl %r2,patch
loop:
patch:
  ahi %r4,1
  chi %r3,200
  jne next
  sth %r5,2(%r2)
next:
  brctg %r3,loop
  svc 0`);
    const { a, jit } = runBoth(code);
    // 101 iterations (r3 = 300..200) add 1, the remaining 199 add 2.
    expect(a.r[8]).toBe(101 + 2 * 199);
    expect(jit.stats.invalidations).toBeGreaterThan(0);
    expect(jit.stats.jitInsns).toBeGreaterThan(0);
    expect(jit.mismatches).toEqual([]);
  });

  it('the same through an instruction the interpreter helper executes (MVHHI)', () => {
    const code = assemble(`
  lghi %r3,300
  lghi %r4,0
  larl %r2,patch
loop:
patch:
  ahi %r4,1
  chi %r3,200
  jne next
  mvhhi 2(%r2),3
next:
  brctg %r3,loop
  svc 0`);
    const { a, jit } = runBoth(code);
    expect(a.r[8]).toBe(101 + 3 * 199);
    expect(jit.stats.invalidations).toBeGreaterThan(0);
  });

  it('code loaded over a translated page: through CPU stores, and by the host with invalidateRange', () => {
    const progA = assemble(`
  lghi %r3,1000
  lghi %r4,0
loop:
  aghi %r4,1
  brctg %r3,loop
  svc 0`);
    const progB = assemble(`
  lghi %r3,1000
  lghi %r4,0
loop:
  aghi %r4,7
  brctg %r3,loop
  svc 0`);
    for (const how of ['cpu', 'host'] as const) {
      const c = machine();
      const jit = new Jit(c, { hotThreshold: 2 });
      poke(c, 0x1000, progA);
      c.ia = 0x1000;
      while (c.stopReason === null) jit.run(1000);
      expect(c.r[8]).toBe(1000);
      const regions = jit.regionCount;
      const compiles = jit.stats.compiles;
      expect(regions).toBeGreaterThan(0);
      if (how === 'cpu') {
        for (let k = 0; k < progB.length; k++) c.st8(0x1000 + k, progB[k]!);
      } else {
        poke(c, 0x1000, progB);
        jit.invalidateRange(0x1000, progB.length);
      }
      expect(jit.regionCount).toBe(0);
      c.stopReason = null;
      c.ia = 0x1000;
      while (c.stopReason === null) jit.run(1000);
      expect(c.r[8]).toBe(7000);
      // The new code was translated afresh (the page's first region, plus any entry learned late).
      expect(jit.stats.compiles).toBeGreaterThan(compiles);
      expect(jit.stats.compiles).toBeLessThanOrEqual(2 * compiles);
    }
  });

  it('a guest-generated function, called hot, then regenerated', () => {
    // The guest copies one of two function bodies to a buffer page with native stores,
    // calls it 200 times (so it is translated), then copies the other and calls again.
    const code = assemble(`
  larl %r9,buf
  larl %r8,f1
  brasl %r14,copy
  lghi %r3,200
  lghi %r4,0
1:
  basr %r14,%r9
  brctg %r3,1b
  lgr %r6,%r4
  larl %r8,f2
  brasl %r14,copy
  lghi %r3,200
  lghi %r4,0
2:
  basr %r14,%r9
  brctg %r3,2b
  svc 0
# copy 16 bytes from r8 to the buffer
copy:
  lg %r0,0(%r8)
  stg %r0,0(%r9)
  lg %r0,8(%r8)
  stg %r0,8(%r9)
  br %r14
f1:
  aghi %r4,3
  br %r14
  .balign 16
f2:
  aghi %r4,5
  mghi %r4,1
  br %r14
  .balign 16
  .balign 4096
buf:
  .fill 16,1,0`);
    const { a, jit } = runBoth(code);
    expect(a.r[12]).toBe(600);
    expect(a.r[8]).toBe(1000);
    expect(jit.stats.invalidations).toBeGreaterThan(0);
  });

  it('the code cache is bounded and evicts the oldest regions', () => {
    // Four pages, each a small loop, visited round-robin from the first.
    const code = assemble(`
  lghi %r5,50
  lghi %r4,0
0:
  brasl %r14,p1
  brasl %r14,p2
  brasl %r14,p3
  brctg %r5,0b
  svc 0
  .balign 4096
p1:
  lghi %r3,10
1: aghi %r4,1
  brctg %r3,1b
  br %r14
  .balign 4096
p2:
  lghi %r3,10
2: aghi %r4,2
  brctg %r3,2b
  br %r14
  .balign 4096
p3:
  lghi %r3,10
3: aghi %r4,3
  brctg %r3,3b
  br %r14`);
    const { a, jit } = runBoth(code, { maxRegions: 2 });
    expect(a.r[8]).toBe(50 * 10 * 6);
    expect(jit.regionCount).toBeLessThanOrEqual(2);
    expect(jit.stats.evictions).toBeGreaterThan(0);
  });

  it('an endless loop in translated code returns to the host when the budget is spent', () => {
    const code = assemble(`
  lghi %r4,0
0:
  aghi %r4,1
  j 0b`);
    const c = machine();
    poke(c, 0x1000, code);
    c.ia = 0x1000;
    const jit = new Jit(c, { hotThreshold: 2 });
    let total = 0;
    for (let k = 0; k < 50; k++) total += jit.run(10000);
    expect(total).toBeGreaterThanOrEqual(500000);
    expect(total).toBeLessThan(500000 + 50 * 4100);
    expect(jit.stats.jitInsns).toBeGreaterThan(total * 0.9);
    expect(c.r[8]).toBe(Math.ceil((c.icount - 1) / 2));
  });
});

describe('jit and address translation', () => {
  it('a page that maps to other storage now never runs the old translation', () => {
    // User-mode style translation: virtual page 0x5000 maps to frame 0x7000 or 0x8000.
    const c = machine();
    let frame = 0x7000;
    c.translate = (a: number) => (a >= 0x5000 && a < 0x6000 ? frame + (a - 0x5000) : a);
    c.tlbFlush();
    const f1 = assemble(`
  lghi %r3,100
0: aghi %r4,1
  brctg %r3,0b
  br %r14`);
    const f2 = assemble(`
  lghi %r3,100
0: aghi %r4,2
  brctg %r3,0b
  br %r14`);
    poke(c, 0x7000, f1);
    poke(c, 0x8000, f2);
    poke(c, 0x1000, assemble(`
  llilf %r1,0x5000
  basr %r14,%r1
  svc 0`));
    const jit = new Jit(c, { hotThreshold: 2 });
    const call = (): void => { c.stopReason = null; c.ia = 0x1000; while (c.stopReason === null) jit.run(1000); };
    c.r[8] = 0;
    call(); call();
    expect(c.r[8]).toBe(200);
    expect(jit.stats.jitInsns).toBeGreaterThan(0);
    frame = 0x8000;
    c.tlbFlush();
    c.r[8] = 0;
    call(); call(); call();
    expect(c.r[8]).toBe(600);
  });
});
