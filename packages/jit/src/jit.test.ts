import { describe, expect, it } from 'vitest';
import { PGM, RAM_BASE } from '@ztab/cpu';
import { TABLE } from '@ztab/isa';
import { Jit } from './jit.ts';
import { assemble, machine, poke } from './testutil.ts';

const CLST = TABLE.findIndex((d) => d.mn === 'clst');
const EXRL = TABLE.findIndex((d) => d.mn === 'exrl');

/** Run to the stop (svc) with the JIT and with the interpreter alone; both states must agree. */
function both(src: string, setup: (c: ReturnType<typeof machine>) => void, opts = {}) {
  const code = assemble(src);
  const a = machine(), b = machine();
  for (const c of [a, b]) { poke(c, 0x1000, code); c.ia = 0x1000; setup(c); }
  const jit = new Jit(a, { hotThreshold: 2, ...opts });
  for (let k = 0; k < 1000 && a.stopReason === null; k++) jit.run(1 << 20);
  for (let k = 0; k < 1000 && b.stopReason === null; k++) b.run(1 << 20);
  return { a, b, jit };
}

function expectSame(a: ReturnType<typeof machine>, b: ReturnType<typeof machine>) {
  expect([...a.r]).toEqual([...b.r]);
  expect(a.cc).toBe(b.cc);
  expect(a.ia).toBe(b.ia);
  expect(a.icount).toBe(b.icount);
  expect(a.pgms).toEqual(b.pgms);
  expect(a.stopReason).toBe(b.stopReason);
}

const SUM = `
  larl %r2,data
  lghi %r3,100
  lghi %r4,0
loop:
  lg %r5,0(%r2)
  agr %r4,%r5
  stg %r4,8(%r2)
  aghi %r5,3
  stg %r5,0(%r2)
  brctg %r3,loop
  svc 0
  .balign 4096
data: .quad 5, 0`;

describe('jit', () => {
  it('runs a hot loop in translated code with the interpreter\'s results', () => {
    const { a, b, jit } = both(SUM, () => {});
    expectSame(a, b);
    // 5 + 8 + ... + (5 + 3*99) = 100*5 + 3*4950
    expect(a.r[8]).toBe(100 * 5 + 3 * 4950);
    expect(jit.stats.compiles).toBeGreaterThan(0);
    expect(jit.stats.jitInsns).toBeGreaterThan(a.icount / 2);
    expect(jit.mismatches).toEqual([]);
  });

  it('merges the regions of a page entered at many places (a switch through a jump table)', () => {
    // 12 cases reached by an indirect branch: each case is an entry the page's first
    // region lacks; the 9th learned entry merges them all into one region.
    const cases = Array.from({ length: 12 }, (_, k) => `c${k}: aghi %r4,${k + 1}\n j next`).join('\n');
    const table = Array.from({ length: 12 }, (_, k) => `.quad c${k} - table`).join('\n');
    const src = `
  lghi %r3,6000
  lghi %r4,0
  larl %r6,table
  larl %r8,twelve
loop:
  lgr %r1,%r3
  lghi %r0,0
  dlg %r0,0(%r8)
  sllg %r5,%r0,3
  lg %r7,0(%r5,%r6)
  agr %r7,%r6
  br %r7
${cases}
next:
  brctg %r3,loop
  svc 0
  .balign 8
twelve: .quad 12
table:
${table}`;
    const { a, b, jit } = both(src, () => {}, { learnThreshold: 4 });
    expectSame(a, b);
    // 500 rounds over the 12 cases: 500 * (1 + ... + 12)
    expect(a.r[8]).toBe(500 * 78);
    expect(jit.stats.merges).toBeGreaterThan(0);
    expect(jit.stats.jitInsns / a.icount).toBeGreaterThan(0.9);
  });

  it('translates a region that keeps running again with inline storage accesses, same results', () => {
    const { a, b, jit } = both(SUM, () => {}, { tierUp: 100 });
    expectSame(a, b);
    expect(a.r[8]).toBe(100 * 5 + 3 * 4950);
    expect(jit.stats.tierUps).toBeGreaterThan(0);
    expect(jit.stats.jitInsns).toBeGreaterThan(a.icount / 2);
  });

  it('leaves the interpreter\'s state on a program interruption in the middle of a block', () => {
    // The loop walks off the end of storage: lg faults with the registers written so far.
    const src = `
  lghi %r3,0
  llilf %r2,0xff000
loop:
  aghi %r3,1
  lg %r5,0(%r2)
  cgr %r3,%r5
  aghi %r2,256
  j loop`;
    const { a, b } = both(src, () => {});
    expect(a.pgms).toEqual([PGM.ADDRESSING]);
    expectSame(a, b);
  });

  it('raises fixed-point overflow only when the program mask enables it', () => {
    const src = `
  llilf %r2,0x7ffffff0
  lghi %r3,100
loop:
  ahi %r2,1
  brct %r3,loop
  svc 0`;
    const off = both(src, () => {});
    expectSame(off.a, off.b);
    expect(off.a.cc).toBe(1); // the last addition did not overflow
    const on = both(src, (c) => { c.pm = 8; });
    expectSame(on.a, on.b);
    expect(on.a.pgms).toEqual([PGM.FIXED_OVERFLOW]);
    expect(on.a.r[4]).toBe(0x80000000);
  });

  it('a call into another page and the return run region to region inside wasm (chaining)', () => {
    // 3000 calls from page 1 into page 2 and back: each call and each return is a
    // transfer between regions.
    const src = `
  lghi %r3,3000
  lghi %r4,0
loop:
  brasl %r14,func
  aghi %r4,1
  brctg %r3,loop
  svc 0
  .balign 4096
func:
  aghi %r4,2
  br %r14`;
    const { a, b, jit } = both(src, () => {});
    expectSame(a, b);
    expect(a.r[8]).toBe(3000 * 3);
    // Without chaining every transfer would be an entry from the driver (6000 of them).
    expect(jit.stats.chains).toBeGreaterThan(5000);
    expect(jit.stats.entries).toBeLessThan(600);
    const off = both(src, () => {}, { chaining: false });
    expectSame(off.a, b);
    expect(off.jit.stats.chains).toBe(0);
    expect(off.jit.stats.entries).toBeGreaterThan(5000);
  });

  it('a chained-to region whose code is patched is never run again (the chain cache forgets it)', () => {
    // Halfway, the caller rewrites the callee's immediate (2 -> 5); the callee is reached
    // only through chaining, so a stale chain-cache line would keep adding 2.
    const src = `
  lghi %r3,3000
  lghi %r4,0
  lhi %r5,5
  larl %r2,func
loop:
  brasl %r14,func
  chi %r3,1500
  jne next
  sth %r5,2(%r2)
next:
  brctg %r3,loop
  svc 0
  .balign 4096
func:
  aghi %r4,2
  br %r14`;
    const { a, b, jit } = both(src, () => {});
    expectSame(a, b);
    // Iterations 3000..1500 (1501 calls) run the old callee; the rest (1499) the new one.
    expect(a.r[8]).toBe(1501 * 2 + 1499 * 5);
    expect(jit.stats.invalidations).toBeGreaterThan(0);
    expect(jit.stats.chains).toBeGreaterThan(2000);
  });

  it('stays in translated code after an EXECUTE whose target does not branch, and leaves after one that does', () => {
    // memcpy-style EXRL of an MVC with the length from a register, and an EXRL of a BRC
    // that is taken on odd rounds (CC from TMLL): the region must follow both.
    const src = `
  lghi %r3,200
  lghi %r4,0
  larl %r2,data
loop:
  lgr %r5,%r3
  nill %r5,7
  exrl %r5,mv
  tmll %r3,1
  exrl %r0,skip
  aghi %r4,1
back:
  brctg %r3,loop
  svc 0
mv: mvc 16(1,%r2),0(%r2)
skip: brc 1,back
  .balign 4096
data: .quad 0x0102030405060708, 0x1112131415161718, 0, 0`;
    const { a, b, jit } = both(src, () => {});
    expectSame(a, b);
    // TMLL of bit 63 gives CC 3 (ones) on odd rounds and CC 0 on even ones, so
    // BRC 1 is taken on odd rounds and the aghi is skipped: 100 increments.
    expect(a.r[8]).toBe(100);
    expect(jit.stats.jitInsns).toBeGreaterThan(a.icount / 2);
    // Far fewer driver entries than EXECUTEs (400): the region goes on after most of them.
    expect(jit.stats.entries).toBeLessThan(250);
  });

  it('CLST in translated code: equal strings, a difference, a terminator first, and a comparison that runs into the next page', () => {
    // Each round compares four pairs and folds the CC and the updated R1/R2 into r4; the
    // last pair straddles the end of the data page (the helper's path), the others not.
    const pair = (x: string, y: string): string => `  larl %r1,${x}\n  larl %r2,${y}\n  brasl %r14,cmp`;
    const src = `
  lghi %r3,50
  lghi %r4,0
  lghi %r0,0
loop:
${pair('s1', 's1b')}
${pair('s1', 's2')}
${pair('s2', 's3')}
${pair('s4', 's5')}
  brctg %r3,loop
  svc 0
cmp:
0: clst %r1,%r2
  jo 0b
  ipm %r5
  srl %r5,28
  agr %r4,%r5
  agr %r4,%r1
  sgr %r4,%r2
  br %r14
  .balign 4096
  # LARL reaches even addresses only: every string starts at an even offset. s4 starts 20
  # bytes before the end of the page and differs from s5 at its 30th byte.
  .fill 4000, 1, 0x41
s1: .asciz "hello, world"
  .byte 0
s1b: .asciz "hello, world"
  .byte 0
s2: .asciz "hello, there"
  .byte 0
s3: .asciz "hello"
  .fill 28, 1, 0x42
s4: .ascii "abcdefghijklmnopqrstuvwxyz"
  .asciz "0123"
  .byte 0
s5: .ascii "abcdefghijklmnopqrstuvwxyz"
  .asciz "0124"`;
    // CLSTs the JIT's machine ran through the interpreter (cold code or the helper).
    let slow = 0;
    let jitCpu: object | null = null; // both() sets up the JIT's machine first
    const { a, b, jit } = both(src, (c) => {
      jitCpu ??= c;
      const exec = c.exec.bind(c);
      c.exec = (i) => { if (i.row === CLST && c === jitCpu) slow++; exec(i); };
    });
    expectSame(a, b);
    expect(jit.mismatches).toEqual([]);
    // The last pair leaves R1 at the differing byte, s4 + 29: 9 bytes into the next page.
    expect(a.r[2]! & 0xfff).toBe(4076 + 29 - 4096);
    // The straddling pair (one per round) always takes the helper; most others run natively.
    expect(slow).toBeGreaterThanOrEqual(50);
    expect(slow).toBeLessThan(100);
  });

  it('EXRL of an MVC in translated code: register lengths, a propagating overlap, and an operand that crosses a page', () => {
    // Per round: an EXRL'd MVC of 1 to 8 bytes into a buffer, one that propagates a byte
    // (destination one past the source), and one whose source runs over the page end (the
    // helper's path); the buffer is folded into r4 each round.
    const src = `
  lghi %r3,60
  lghi %r4,0
  larl %r2,buf
  larl %r6,edge
loop:
  lgr %r5,%r3
  nill %r5,7
  exrl %r5,mv
  sth %r3,32(%r2)
  lghi %r7,5
  exrl %r7,prop
  lghi %r8,15
  exrl %r8,cross
  ag %r4,16(%r2)
  ag %r4,32(%r2)
  ag %r4,64(%r2)
  xc 16(8,%r2),16(%r2)
  brctg %r3,loop
  svc 0
mv: mvc 16(1,%r2),0(%r2)
prop: mvc 33(1,%r2),32(%r2)
cross: mvc 64(1,%r2),0(%r6)
  .balign 4096
buf: .quad 0x0102030405060708, 0x1112131415161718, 0, 0, 0x2122232425262728, 0, 0, 0, 0, 0
  .org buf + 4088
edge: .quad 0x3132333435363738, 0x4142434445464748`;
    let slow = 0;
    let jitCpu: object | null = null; // both() sets up the JIT's machine first
    const { a, b, jit } = both(src, (c) => {
      jitCpu ??= c;
      const exec = c.exec.bind(c);
      c.exec = (i) => { if (i.row === EXRL && c === jitCpu) slow++; exec(i); };
    });
    expectSame(a, b);
    const mem = (o: number): number[] => [...a.u8.subarray(RAM_BASE + o, RAM_BASE + o + 80)];
    const memB = (o: number): number[] => [...b.u8.subarray(RAM_BASE + o, RAM_BASE + o + 80)];
    expect(mem(0x2000)).toEqual(memB(0x2000));
    expect(jit.mismatches).toEqual([]);
    // The crossing MVC (one per round) takes the helper; the other two EXRLs mostly not.
    expect(slow).toBeGreaterThanOrEqual(60);
    expect(slow).toBeLessThan(100);
  });

  it('cross-check mode finds no difference on branches, compares and stores', () => {
    const src = `
  larl %r2,data
  lghi %r3,50
  lghi %r6,0
loop:
  llgf %r5,0(%r2)
  cij %r5,7,0x8,skip
  ar %r6,%r5
  clgij %r3,10,0x4,skip
  sll %r6,1
  srl %r6,1
skip:
  st %r6,4(%r2)
  alfi %r5,0x9e3779b9
  st %r5,0(%r2)
  crj %r5,%r6,0x2,skip2
  xr %r6,%r5
skip2:
  locgr %r7,%r6,2
  brctg %r3,loop
  svc 0
  .balign 4096
data: .long 1, 0`;
    const { a, b, jit } = both(src, () => {}, { crossCheck: true });
    expect(jit.mismatches).toEqual([]);
    expectSame(a, b);
    expect(jit.stats.crossChecks).toBeGreaterThan(0);
    expect(jit.mismatches).toEqual([]);
  });
});

describe('jit and facilities', () => {
  it('a row whose facility is not installed stays an operation exception in translated code', async () => {
    const { createCpu, DEFAULT_FACILITIES } = await import('@ztab/cpu');
    // Without the FPR-GR-transfer facility (41), LGDR is an operation exception.
    const code = assemble(`
  lghi %r3,10
0:
  aghi %r4,1
  brctg %r3,0b
  lgdr %r5,%f0
  svc 0`);
    const c = createCpu(1 << 20, { facilities: DEFAULT_FACILITIES.filter((f) => f !== 41) });
    const pgms: number[] = [];
    c.programHook = (cc, code) => { pgms.push(code); cc.stopReason = 'pgm'; };
    c.svcHook = (cc) => { cc.stopReason = 'svc'; };
    poke(c, 0x1000, code);
    c.ia = 0x1000;
    const jit = new Jit(c, { hotThreshold: 1 });
    expect(jit.translateAt(0x1000)).toBe(true);
    while (c.stopReason === null) jit.run(1000);
    expect(pgms).toEqual([PGM.OPERATION]);
    expect(jit.stats.jitInsns).toBeGreaterThan(0);
  });
});

describe('jit and access exceptions', () => {
  it('a page fault in the middle of a translated block reports the interpreter\'s instruction address, length and registers', async () => {
    const { PGM: P } = await import('@ztab/cpu');
    const code = assemble(`
  lghi %r3,0
  llilf %r2,0x40000
0:
  aghi %r3,1
  st %r3,0(%r2)
  aghi %r2,1024
  lay %r4,5(%r3)
  j 0b`);
    const seen: { code: number; cur: number; ilen: number; ia: number; r: number[]; cc: number }[] = [];
    for (const jitOn of [true, false]) {
      const c = machine();
      // Storage from 0x42000 on is not mapped: stores there fault with a page-translation exception.
      const base = c.translate.bind(c);
      c.translate = (a: number, w: boolean) => (a >= 0x42000 && a < 0x80000 ? c.pgm(P.PAGE_TRANSLATION) : base(a, w));
      c.programHook = (cc, pc) => {
        seen.push({ code: pc, cur: cc.cur, ilen: cc.ilen, ia: cc.ia, r: [...cc.r], cc: cc.cc });
        cc.stopReason = 'fault';
      };
      poke(c, 0x1000, code);
      c.ia = 0x1000;
      c.tlbFlush();
      const jit = new Jit(c, { hotThreshold: 1 });
      jit.enabled = jitOn;
      while (c.stopReason === null) jit.run(100000);
      if (jitOn) expect(jit.stats.jitInsns).toBeGreaterThan(0);
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]!.code).toBe(P.PAGE_TRANSLATION);
    expect(seen[0]!.ilen).toBe(4);
    expect(seen[0]!.cur).toBe(0x100e); // the ST
  });
});
