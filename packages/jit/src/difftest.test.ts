// Random-program differential test: programs built from the instruction table's rows (every
// row with a native emitter, plus a set of rows the JIT runs through the interpreter
// helper) with random operands, forward conditional branches and an outer loop; run with
// the JIT (cross-checked against the interpreter at every region exit) and with the
// interpreter alone from the same state. Registers, CC, instruction address, instruction
// count, program interruptions and storage must agree, in all three addressing modes.
import { describe, expect, it } from 'vitest';
import { FIELDS, TABLE, extKind, F, type Format } from '@ztab/isa';
import { RAM_BASE } from '@ztab/cpu';
import { EMITTERS } from './emitters.ts';
import { Jit } from './jit.ts';
import { machine, poke } from './testutil.ts';

const CASES = Number(process.env.ZTAB_JIT_CASES) || 2000;
const CODE = 0x1000;
const DATA = 0x10000;

/**
 * Rows that ran (or still run) through the interpreter helper inside translated regions;
 * many now have emitters, and those left keep helper and native rows mixed in one region.
 */
const HELPER_ROWS = [
  'lcr', 'lcgr', 'lpr', 'lpgr', 'lnr', 'lngr', 'lcgfr', 'dr', 'dlr', 'dlgr', 'dsgr', 'dsgfr', 'mlgr', 'mlr', 'mr',
  'slag', 'sla', 'slak', 'slda', 'srda', 'sldl', 'srdl', 'flogr', 'popcnt', 'alcr', 'alcgr', 'slbr', 'slbgr',
  'icm', 'icmy', 'stcm', 'risbhg', 'risblg', 'lrvr', 'lrvgr', 'lrv', 'strv', 'mvhi', 'mvghi',
  'mvi', 'ni', 'oi', 'xi', 'tm', 'tmll', 'tmlh', 'nill', 'oill', 'iill', 'iihf', 'llihf', 'llill', 'nihf', 'oihf',
  'xihf', 'asi', 'agsi', 'alsi', 'cli', 'clfhsi', 'chsi', 'loc', 'locg', 'stoc', 'stocg',
  'alhsik', 'alghsik', 'mvc', 'nc', 'oc', 'xc', 'ipm', 'alc', 'slb', 'ic', 'icy', 'lpgfr', 'lngfr',
  'clm', 'clmy', 'stcmy', 'icmh', 'stcmh', 'cdsg', 'laa', 'lan', 'lao', 'lax', 'laag', 'lang',
];

const BRANCHY = new Set(['brc', 'brcl', 'bcr', 'bc', 'brct', 'brctg', 'crj', 'cgrj', 'clrj', 'clgrj', 'cij', 'cgij', 'clij', 'clgij', 'basr', 'bras', 'brasl']);

const rowsByMn = new Map(TABLE.map((d, i) => [d.mn, i]));
const POOL: number[] = [...new Set([...Object.keys(EMITTERS).filter((m) => !BRANCHY.has(m)), ...HELPER_ROWS])]
  .map((m) => rowsByMn.get(m))
  .filter((r): r is number => r !== undefined && (TABLE[r]!.flags & (F.PRIV | F.BRANCH | F.END)) === 0);

class Rng {
  constructor(private s: number) {}
  next(): number {
    let x = this.s;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number { return this.next() % n; }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]!; }
}

const SPECIAL = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x8000, 0xffff, 63, 31, 32];

const SPECIAL64: [number, number][] = [
  [0, 0], [0, 1], [0xffffffff, 0xffffffff], [0x80000000, 0], [0x7fffffff, 0xffffffff], [0, 0xffffffff],
  [1, 0], [0xffffffff, 0xfffffffe], [0, 0x80000000], [0xffffffff, 0x80000000], [0, 0x7fffffff], [0x80000000, 1],
];

function encode(row: number, rng: Rng): number[] {
  const d = TABLE[row]!;
  const len = d.op > 0xff ? ((d.op >>> 8) < 0x40 ? 2 : (d.op >>> 8) < 0xc0 ? 4 : 6) : d.op < 0x40 ? 2 : d.op < 0xc0 ? 4 : 6;
  const bits = new Array<number>(len * 8).fill(0);
  const put = (bit: number, width: number, v: number): void => {
    for (let k = 0; k < width; k++) bits[bit + k] = (v >>> (width - 1 - k)) & 1;
  };
  const b0 = d.op > 0xff ? d.op >>> 8 : d.op;
  put(0, 8, b0);
  const kind = extKind(b0);
  if (kind === 'byte1') put(8, 8, d.op & 0xff);
  else if (kind === 'nib1') put(12, 4, d.op & 0xf);
  else if (kind === 'byte5') put(40, 8, d.op & 0xff);
  const disp = (): number => (rng.int(8) === 0 ? 4088 + rng.int(8) : rng.int(2048));
  let d1 = 0, l1 = 0;
  for (const f of FIELDS[d.fmt as Format]) {
    let v: number;
    // Storage-to-storage: sometimes one field with itself (XC clears), sometimes the
    // destination just inside the source (MVC propagates a byte).
    if (d.fmt === 'SS-a' && f.name === 'l1') { v = l1 = rng.int(4) === 0 ? rng.int(256) : rng.int(16); put(f.bit, f.width, v); continue; }
    if (d.fmt === 'SS-a' && f.name === 'd2') {
      const k = rng.int(4);
      v = k === 0 ? d1 : k === 1 ? Math.max(0, d1 - 1 - rng.int(Math.min(l1 + 1, 4))) : disp();
      put(f.bit, f.width, v);
      continue;
    }
    switch (f.name) {
      case 'r1': case 'r2': case 'r3': v = 1 + rng.int(9); break;
      case 'x2': v = rng.int(4) === 0 ? 11 : 0; break;
      case 'b1': case 'b2': case 'b4': v = 10; break;
      case 'd1': case 'd2': case 'd4': v = disp(); break;
      case 'l1': case 'l2': v = rng.int(16); break;
      case 'i2': case 'i3': case 'i4': case 'i5': case 'i1':
        v = f.width >= 32 ? (rng.int(2) ? rng.pick(SPECIAL) : rng.next()) : rng.int(3) === 0 ? rng.pick([0, 1, (1 << f.width) - 1, 1 << (f.width - 1)]) : rng.int(1 << f.width);
        if (f.name === 'i3' || f.name === 'i4') v = rng.int(64); // rotate-and-insert bit positions
        break;
      default: v = rng.int(1 << Math.min(f.width, 16));
    }
    if (f.name === 'd1') d1 = v;
    if (f.kind === 'dl') { put(f.bit, 12, v & 0xfff); put(32, 8, (v >>> 12) & 0xff); } else put(f.bit, f.width, v >>> 0);
  }
  const out: number[] = [];
  for (let k = 0; k < len; k++) { let b = 0; for (let j = 0; j < 8; j++) b = (b << 1) | bits[8 * k + j]!; out.push(b); }
  return out;
}

interface Item { bytes: number[]; branchTo?: number; kind?: 'brc' | 'cij' | 'crj'; relData?: boolean }

/** Relative-long storage rows (LGRL, STRL, CLGRL, ...): their operand is aimed into the data area. */
const isRelMem = (row: number): boolean => TABLE[row]!.fmt === 'RIL-b' && (TABLE[row]!.flags & F.MEM) !== 0;

function program(rng: Rng, loop: boolean): number[] {
  const n = 3 + rng.int(24);
  const items: Item[] = [];
  for (let k = 0; k < n; k++) {
    if (rng.int(6) === 0 && k < n - 1) {
      const kind = rng.pick(['brc', 'cij', 'crj'] as const);
      items.push({ bytes: [], branchTo: k + 1 + rng.int(n - k), kind });
    }
    // Link-only branches: BRAS to the next instruction, BASR with R2 = 0.
    const r = rng.int(40);
    if (r === 0) items.push({ bytes: [0xa7, ((1 + rng.int(9)) << 4) | 5, 0, 2] });
    else if (r === 1) items.push({ bytes: [0x0d, (1 + rng.int(9)) << 4] });
    else {
      const row = rng.pick(POOL);
      items.push({ bytes: encode(row, rng), relData: isRelMem(row) });
    }
  }
  // Lay out: branch items get their encoding once offsets are known.
  const lens = items.map((it) => (it.kind === undefined ? it.bytes.length : it.kind === 'brc' ? 4 : 6));
  const offs: number[] = [];
  let o = 0;
  for (const l of lens) { offs.push(o); o += l; }
  const endOff = o;
  const insnOff = (idx: number): number => {
    // branchTo counts non-branch items; find the offset of that one (or the end).
    let c = 0;
    for (let k = 0; k < items.length; k++) if (items[k]!.kind === undefined) { if (c === idx) return offs[k]!; c++; }
    return endOff;
  };
  const bytes: number[] = [];
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    if (it.relData) {
      // Even target in the data area (RIL offsets count halfwords): aligned, or 2/4/6 off for
      // the specification exception; now and then the last bytes of a page.
      const t = DATA + (rng.int(6) === 0 ? 4096 - 2 * (1 + rng.int(3)) : 8 * rng.int(1000) + (rng.int(4) === 0 ? 2 * rng.int(4) : 0));
      const ri = (t - (CODE + offs[k]!)) / 2;
      it.bytes[2] = (ri >>> 24) & 0xff; it.bytes[3] = (ri >>> 16) & 0xff; it.bytes[4] = (ri >>> 8) & 0xff; it.bytes[5] = ri & 0xff;
    }
    if (it.kind === undefined) { bytes.push(...it.bytes); continue; }
    const ri = (insnOff(it.branchTo!) - offs[k]!) / 2;
    const r1 = 1 + rng.int(9), r2 = 1 + rng.int(9), m = rng.int(16);
    if (it.kind === 'brc') bytes.push(0xa7, (m << 4) | 4, (ri >>> 8) & 0xff, ri & 0xff);
    else if (it.kind === 'cij') bytes.push(0xec, (r1 << 4) | m, (ri >>> 8) & 0xff, ri & 0xff, rng.pick([0, 1, 0x7f, 0x80, 0xff, rng.int(256)]), 0x7e);
    else bytes.push(0xec, (r1 << 4) | r2, (ri >>> 8) & 0xff, ri & 0xff, m << 4, 0x76);
  }
  if (loop) {
    const ri = -bytes.length / 2;
    bytes.push(0xa7, 0xc7, (ri >>> 8) & 0xff, ri & 0xff); // brctg %r12,start
  }
  bytes.push(0x0a, 0x00); // svc 0
  return bytes;
}

function setup(c: ReturnType<typeof machine>, rng: Rng, code: number[], data: Uint8Array, loops: number): void {
  poke(c, CODE, new Uint8Array(code));
  c.u8.set(data, RAM_BASE + DATA);
  for (let r = 1; r <= 9; r++) {
    if (rng.int(3) === 0) {
      // Whole 64-bit edge values: carries and borrows through all 64 bits, the most
      // negative number (complement overflows), zero.
      const [h, l] = rng.pick(SPECIAL64);
      c.r[2 * r + 1] = h; c.r[2 * r] = l;
      continue;
    }
    c.r[2 * r] = rng.int(2) ? rng.pick(SPECIAL) : rng.next();
    c.r[2 * r + 1] = rng.int(2) ? rng.pick([0, 0xffffffff, 0x80000000, 0x7fffffff]) : rng.next();
  }
  c.setGpr64(10, 0, DATA);
  c.setGpr64(11, 0, 8 * rng.int(16));
  c.setGpr64(12, 0, loops);
  c.cc = rng.int(4);
  c.pm = rng.int(3) === 0 ? 8 : 0;
  // Mostly 64-bit mode; the 31- and 24-bit modes wrap addresses and link differently.
  c.amode = rng.pick([3, 3, 3, 1, 0]);
  c.ia = CODE;
  // FPRs for the BFP rows: mostly ordinary doubles (their native paths), sometimes the
  // values those paths hand to the helper (zeros, infinities, NaNs, the ends of the range);
  // sometimes a directed rounding mode or the inexact trap enabled.
  for (let r = 1; r <= 9; r++) {
    if (rng.int(5) === 0) {
      const [h, l] = rng.pick(FP_SPECIAL);
      c.f[2 * r + 1] = h; c.f[2 * r] = l;
    } else {
      c.fd[r] = (rng.int(2) ? -1 : 1) * (1 + rng.next() / 2 ** 32) * 2 ** (rng.int(81) - 40);
    }
  }
  c.fpc = rng.int(4) === 0 ? (rng.pick([1, 2, 3, 7]) | (rng.int(2) ? 0x08000000 : 0)) >>> 0 : 0;
}

/** Double images (high word, low word): zeros, infinities, a QNaN and an SNaN, subnormal, tiny, huge. */
const FP_SPECIAL: [number, number][] = [
  [0, 0], [0x80000000, 0], [0x7ff00000, 0], [0xfff00000, 0], [0x7ff80000, 0], [0x7ff00000, 1],
  [0x00000000, 5], [0x00100000, 0], [0x03f00000, 0], [0x7fe00000, 0], [0x3ff00000, 0],
];

describe('jit random differential test', () => {
  it(`${CASES} random straight-line and looping programs agree with the interpreter`, () => {
    expect(POOL.length).toBeGreaterThan(150);
    let jitInsns = 0, total = 0, compiled = 0, compileMs = 0;
    const t0 = performance.now();
    const failures: string[] = [];
    for (let k = 0; k < CASES; k++) {
      const seed = 0x9e3779b9 ^ (k * 2654435761);
      const rng = new Rng(seed >>> 0 || 1);
      const loop = rng.int(2) === 0;
      const code = program(rng, loop);
      const data = new Uint8Array(8192);
      for (let i = 0; i < data.length; i++) data[i] = rng.int(4) === 0 ? 0 : rng.int(256);
      const loops = loop ? 1 + rng.int(5) : 1;
      const stateSeed = rng.next() || 1;
      const a = machine(), b = machine();
      setup(a, new Rng(stateSeed), code, data, loops);
      setup(b, new Rng(stateSeed), code, data, loops);
      // Every third program also runs its regions a second time translated with inline accesses (the hot tier).
      const jit = new Jit(a, { hotThreshold: 1, crossCheck: k % 4 === 0, ...(k % 3 === 1 ? { tierUp: 40 } : {}) });
      if (jit.translateAt(CODE)) compiled++;
      for (let s = 0; s < 50 && a.stopReason === null; s++) jit.run(10000);
      for (let s = 0; s < 50 && b.stopReason === null; s++) b.run(10000);
      jitInsns += jit.stats.jitInsns; compileMs += jit.stats.compileMs;
      total += a.icount;
      const hex = code.map((x) => x.toString(16).padStart(2, '0')).join('');
      const diff = (what: string): void => { failures.push(`case ${k} (${loop ? 'loop' : 'straight'}): ${what}; code ${hex}`); };
      if (jit.mismatches.length) diff(`cross-check: ${JSON.stringify(jit.mismatches[0])}`);
      for (let r = 0; r < 32; r++) if (a.r[r] !== b.r[r]) { diff(`GPR ${r >> 1}${r & 1 ? 'h' : 'l'} ${a.r[r]!.toString(16)} vs ${b.r[r]!.toString(16)}`); break; }
      for (let r = 0; r < 32; r++) if (a.f[r] !== b.f[r]) { diff(`FPR ${r >> 1}`); break; }
      if (a.fpc !== b.fpc) diff(`fpc ${a.fpc.toString(16)} vs ${b.fpc.toString(16)}`);
      if (a.cc !== b.cc) diff(`cc ${a.cc} vs ${b.cc}`);
      if (a.ia !== b.ia) diff(`ia ${a.ia.toString(16)} vs ${b.ia.toString(16)}`);
      if (a.icount !== b.icount) diff(`icount ${a.icount} vs ${b.icount}`);
      if (a.pgms.join() !== b.pgms.join()) diff(`pgms ${a.pgms} vs ${b.pgms}`);
      if (a.stopReason !== b.stopReason) diff(`stop ${a.stopReason} vs ${b.stopReason}`);
      const ma = a.u8.subarray(RAM_BASE + DATA, RAM_BASE + DATA + 8192), mb = b.u8.subarray(RAM_BASE + DATA, RAM_BASE + DATA + 8192);
      for (let i = 0; i < 8192; i++) if (ma[i] !== mb[i]) { diff(`storage at ${(DATA + i).toString(16)}`); break; }
      if (failures.length >= 5) break;
    }
    console.log(`${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s, compile ${(compileMs / 1000).toFixed(1)} s, ${(100 * jitInsns / total).toFixed(1)}% of ${total} instructions in translated code`);
    expect(failures).toEqual([]);
    expect(compiled).toBe(CASES);
    // Most executed instructions ran in translated code.
    expect(jitInsns / total).toBeGreaterThan(0.8);
  }, 120000);
});

/**
 * Register-only rows whose results hinge on 64-bit edge values (carries through all bits,
 * the most negative number, zero): each compiled once, then run from every pair of edge
 * values in R1/R2 with every CC and both program-mask settings, against the interpreter.
 */
const EDGE_ROWS = [
  'alcgr', 'slbgr', 'alcr', 'slbr', 'algr', 'slgr', 'alr', 'slr', 'algfr', 'slgfr', 'agr', 'sgr', 'ar', 'sr', 'agfr', 'sgfr',
  'lcgr', 'lcr', 'lpgr', 'lpr', 'lngr', 'lnr', 'lcgfr', 'lpgfr', 'lngfr', 'ltgr', 'ltr', 'ltgfr',
  'cgr', 'clgr', 'cr', 'clr', 'cgfr', 'clgfr', 'msgr', 'msr', 'msgfr', 'lrvr', 'lrvgr', 'ngr', 'ogr', 'xgr',
  'dlgr', 'dlr', 'dsgr', 'dsgfr', 'flogr', 'popcnt',
];

describe('jit edge values', () => {
  it('register rows agree with the interpreter on 64-bit edge values, every CC and program mask', () => {
    const vals: [number, number][] = [...SPECIAL64, [0x12345678, 0x9abcdef0], [0xfedcba98, 0x76543210]];
    const failures: string[] = [];
    let runs = 0;
    for (const mn of EDGE_ROWS) {
      const row = rowsByMn.get(mn);
      expect(row, mn).toBeDefined();
      // R1 even (the divides' pair), R2 apart, the same, or R1+1.
      for (const [r1, r2] of [[2, 4], [2, 2], [2, 3]] as const) {
        const d = TABLE[row!]!;
        // The row, then a jump out of the page: the region is left without any helper call
        // (state a helper would reset must be reset at the next entry too).
        const insn = d.op > 0xff ? [d.op >>> 8, d.op & 0xff, 0, (r1 << 4) | r2] : [d.op, (r1 << 4) | r2];
        const ri = (0x2000 - insn.length) / 2;
        const code = [...insn, 0xc0, 0xf4, (ri >>> 24) & 0xff, (ri >>> 16) & 0xff, (ri >>> 8) & 0xff, ri & 0xff];
        const a = machine(), b = machine();
        poke(a, CODE, new Uint8Array(code));
        poke(b, CODE, new Uint8Array(code));
        const jit = new Jit(a, { hotThreshold: 1 });
        a.ia = CODE;
        expect(jit.translateAt(CODE), mn).toBe(true);
        for (const v1 of vals) for (const v2 of vals) for (let cc = 0; cc < 4; cc++) for (const pm of [0, 8]) {
          for (const c of [a, b]) {
            c.setGpr64(r1 + 1, v2[1], v1[0]);
            c.setGpr64(r1, v1[0], v1[1]);
            if (r2 !== r1) c.setGpr64(r2, v2[0], v2[1]);
            c.cc = cc; c.pm = pm; c.ia = CODE; c.stopReason = null; c.pgms.length = 0;
          }
          jit.run(2);
          b.run(2);
          runs++;
          const st = (c: typeof a): string => `${[...c.r.subarray(2 * r1, 2 * r1 + 4)].map((x) => x.toString(16))} cc ${c.cc} ia ${c.ia.toString(16)} pgms ${c.pgms}`;
          if (st(a) !== st(b)) failures.push(`${mn} r${r1},r${r2} ${v1} ${v2} cc ${cc} pm ${pm}: jit ${st(a)} interp ${st(b)}`);
          if (failures.length > 10) break;
        }
        expect(jit.stats.jitInsns, mn).toBeGreaterThan(0);
      }
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(10000);
  }, 60000);
});
