// Fuzz loop (see fuzz.test.ts): random instructions from random state (some of it
// translated through random DAT tables), checking that only architected outcomes happen. Also runnable on its own to chase a hang:
//   npx tsx packages/cpu/src/difftest/fuzz.ts [count] 2> trace.txt
// prints each burst's start before running it, so the last line names the culprit.

import { TABLE } from '@ztab/isa';
import { createCpu } from '../index.ts';
import { CPU_STATE_SIZE, RAM_BASE } from '../state.ts';
import { Rng, randomEncoding } from './cases.ts';

const RAM = 4 << 20;
export const TOTAL = 1_000_000;
/** Instructions run from one random state before the state is randomized again. */
const BURST = 16;
/** Anything slower than this (CPU time, so a loaded machine does not count) for one burst is a hang. */
const BURST_LIMIT_MS = 2000;

/** CPU time of this process in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const TWO64 = 2 ** 64;

function fillCode(r: Rng, u8: Uint8Array, from: number, to: number): void {
  let p = from;
  while (p < to - 6) {
    if (r.chance(0.3)) {
      for (let k = 0; k < 6; k++) u8[p + k] = r.int(256);
      p += 2 * (1 + r.int(3));
    } else {
      const b = randomEncoding(r, TABLE[r.int(TABLE.length)]!);
      u8.set(b, p);
      p += b.length;
    }
  }
}

export interface FuzzResult { executed: number; seconds: number; cpuSeconds: number; pgms: number; problems: string[]; slowest: string }

export function runFuzz(total = TOTAL, trace?: (s: string) => void): FuzzResult {
  {
    const r = new Rng(0xf022);
    let c = createCpu(RAM);
    const memory = c.memory;
    const mem = c.u8.subarray(RAM_BASE, RAM_BASE + RAM);
    // Random data everywhere, then a code region of mostly well-formed instructions.
    for (let i = 0; i < RAM; i++) mem[i] = r.int(256);
    const CODE = 0x10000, CODE_END = 0x90000;
    let pgms = 0;
    // A fetch exception leaves the PSW at the failing address; like an OS that kills the
    // thread and runs another, resume somewhere in the code region with DAT off. (The run
    // loop does not count a failed fetch against its budget, so a hook that leaves the PSW
    // alone would spin there forever; fuzz.test.ts checks that separately.)
    const programHook = (cpu: typeof c) => {
      pgms++;
      if (cpu.ilen === 0) {
        if (cpu.dat) { cpu.dat = false; cpu.tlbFlush(); }
        cpu.ia = CODE + 2 * r.int((CODE_END - CODE) / 2);
      }
    };
    c.programHook = programHook;
    c.svcHook = () => {};
    const problems: string[] = [];
    let slowest = 0, slowestAt = '';
    let executed = 0;
    const t0 = performance.now(), c0 = cpuMs();
    for (let burst = 0; executed < total; burst++) {
      if (burst % 4096 === 0) fillCode(r, mem, CODE, CODE_END);
      // Now and then a new CPU on the same storage, so that state no burst resets (timers,
      // pending conditions, storage keys) cannot pile up for good.
      if (burst % 1024 === 1023) {
        c = createCpu(RAM, { memory });
        c.programHook = programHook;
        c.svcHook = () => {};
      }
      // Nothing may be written outside this CPU's state block and guest storage: the
      // state blocks of the other (absent) CPUs must still be all zero.
      if (burst % 1024 === 0) {
        const other = new Uint32Array(c.u8.buffer, CPU_STATE_SIZE, (RAM_BASE - CPU_STATE_SIZE) / 4);
        if (other.some((w) => w !== 0)) { problems.push(`a write outside guest storage (other CPUs' state) before burst ${burst}`); break; }
      }
      for (let i = 0; i < 32; i++) {
        const k = r.int(10);
        c.r[i] = k < 3 ? r.int(RAM) : k < 5 ? r.int(64) : k < 6 ? 0xffffffff : r.u32();
        c.f[i] = r.u32();
        if (i < 16) c.ar[i] = r.chance(0.8) ? 0 : r.u32();
      }
      for (let i = 1; i < 32; i += 2) if (r.chance(0.5)) c.r[i] = 0; // many 64-bit values are small addresses
      c.fpc = r.chance(0.5) ? 0 : r.u32() & 0xf8f8ff07;
      // A whole new PSW (no wait, no interruption masks, key 0) and no prefix moved by SPX.
      const amode = r.pick([0, 1, 3, 3, 3]);
      const ia = (CODE + 2 * r.int((CODE_END - CODE) / 2)) & (amode === 0 ? 0xffffff : 0x7fffffff);
      c.setPsw(((r.chance(0.5) ? 0x00010000 : 0) | (r.int(4) << 12) | (r.int(16) << 8) | (amode >>> 1)) >>> 0, amode & 1 ? 0x80000000 : 0, ia);
      if (c.prefix !== 0) { c.prefix = 0; c.tlbFlush(); }
      // Some bursts translate through hostile DAT tables: random ASCEs whose tables are
      // the random bytes of storage.
      const dat = r.chance(0.15);
      if (dat || c.dat) {
        for (const cr of [1, 7, 13]) { c.cr[2 * cr] = (r.int(RAM) & ~0xfff) | (r.u32() & 0xfff); c.cr[2 * cr + 1] = r.chance(0.9) ? 0 : r.u32(); }
        c.dat = dat;
        c.asc = r.int(4);
        c.tlbFlush();
      }
      // A previous burst may have stopped the CPU (SIGP to itself).
      c.stopReason = null;
      c.stopped = false;
      c.restartPending = false;
      const at = c.ia;
      const bytes = Array.from(mem.subarray(at, at + 6), (b) => b.toString(16).padStart(2, '0')).join('');
      trace?.(`${at.toString(16)} ${bytes} prob=${c.prob} amode=${c.amode}`);
      const s = cpuMs();
      let n: number;
      try {
        if (trace) {
          // One at a time, naming each instruction before it runs.
          n = 0;
          for (let k = 0; k < BURST && c.stopReason === null; k++) {
            const ia = c.ia;
            const ib = ia + 6 <= RAM ? Array.from(mem.subarray(ia, ia + 6), (b) => b.toString(16).padStart(2, '0')).join('') : '?';
            trace(`  ${ia.toString(16)} ${ib}`);
            n += c.run(1);
          }
        } else n = c.run(BURST);
      } catch (e) {
        problems.push(`host exception ${(e as Error)?.message ?? String(e)} in the burst at ${at.toString(16)} (${bytes}), cur ${c.cur.toString(16)}`);
        if (problems.length > 20) break;
        executed += BURST;
        continue;
      }
      const dt = cpuMs() - s;
      if (dt > slowest) { slowest = dt; slowestAt = `${at.toString(16)} (${bytes}), cur ${c.cur.toString(16)}`; }
      if (dt > BURST_LIMIT_MS) problems.push(`burst at ${at.toString(16)} took ${dt.toFixed(0)} ms (cur ${c.cur.toString(16)})`);
      executed += n === 0 ? 1 : n; // a stop before the first instruction still counts as an attempt
      const bad: string[] = [];
      if (!Number.isInteger(c.cc) || c.cc < 0 || c.cc > 3) bad.push(`cc ${c.cc}`);
      if (!Number.isInteger(c.pm) || c.pm < 0 || c.pm > 15) bad.push(`pm ${c.pm}`);
      if (c.amode !== 0 && c.amode !== 1 && c.amode !== 3) bad.push(`amode ${c.amode}`);
      const lim = c.amode === 3 ? TWO64 : c.amode === 1 ? 2 ** 31 : 2 ** 24;
      if (!Number.isInteger(c.ia) || c.ia < 0 || c.ia >= lim) bad.push(`ia ${c.ia}`);
      if (![0, 2, 4, 6].includes(c.ilen)) bad.push(`ilen ${c.ilen}`);
      if (!Number.isInteger(c.key) || c.key < 0 || c.key > 15) bad.push(`key ${c.key}`);
      if (bad.length) {
        problems.push(`state after the burst at ${at.toString(16)} (${bytes}), cur ${c.cur.toString(16)}: ${bad.join(', ')}`);
        if (problems.length > 20) break;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    return { executed, seconds, cpuSeconds: (cpuMs() - c0) / 1000, pgms, problems, slowest: `${slowest.toFixed(1)} ms CPU at ${slowestAt}` };
  }
}

if (process.argv[1]?.endsWith('fuzz.ts')) {
  const res = runFuzz(Number(process.argv[2] ?? TOTAL), (s) => process.stderr.write(s + '\n'));
  console.log(JSON.stringify(res, null, 1));
}
