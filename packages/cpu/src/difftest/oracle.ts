// Running cases on the oracle: assemble the harness for a batch with s390x-linux-gnu-gcc,
// run it under qemu-s390x with a CPU model whose facility list matches ztab's, and turn
// its records into outcomes. A case that kills or hangs the oracle is marked and the run
// resumes after it.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessSource, linkArgs } from './asm.ts';
import { inputRecord, initialBuffer, makePatterns, type Case } from './cases.ts';
import { BUF_SIZE, CASE_STRIDE, CHUNK, INSN_OFF, CHUNKS, DATA_BASE, BUF, IN, KIND_SIGNAL, OUT, TEXT_BASE } from './layout.ts';
import { hex16, makeOutcome, type Outcome } from './outcome.ts';

/**
 * qemu's "qemu" model with everything beyond ztab's facility list switched off. What is
 * left differs from packages/cpu/src/facilities.ts only where TCG cannot follow: qemu
 * lacks 8 (EDAT-1, invisible to user mode) and 26 (parsing enhancement: TRTE/TRTRE) and
 * reports 16 (ETF2, part of z/Architecture) and 138 (CZAM), which ztab does not list.
 * This shapes what STFLE reports; qemu-user 7.2 still executes instructions of switched-off
 * facilities (see README.md).
 */
export const QEMU_CPU = 'qemu,idtes=off,idter=off,srs=off,ctop=off,sprogp=off,stfle49=off,ltlbc=off,iacc2=off,' +
  'stfle53=off,eec=off,minste2=off,minste3=off,sema=off,tsi=off,te=off,ri=off,aefsi=off,iep=off,' +
  'msa=off,msa1=off,msa2=off,msa3=off,msa4=off,msa5=off,msa6=off,msa7=off,msa8=off,msa9=off,' +
  'vx=off,vxeh=off,vxeh2=off,vxpd=off,zpci=off,aen=off,ais=off,sea_esop2=off,etoken=off,ppa15=off,bpb=off,' +
  'esort=off,deflate=off,stfle45=on';

export function haveOracle(): boolean {
  const q = spawnSync('qemu-s390x', ['--version'], { encoding: 'utf8' });
  const g = spawnSync('s390x-linux-gnu-gcc', ['--version'], { encoding: 'utf8' });
  return q.status === 0 && g.status === 0;
}

/** Turn one output record into an outcome relative to the case's inputs. */
function recordOutcome(c: Case, init: Uint8Array, dv: DataView, at: number): Outcome {
  const k = dv.getUint32(at + OUT.KIND);
  const g = new Uint32Array(32), f = new Uint32Array(32), a = new Uint32Array(16);
  for (let i = 0; i < 16; i++) {
    g[2 * i + 1] = dv.getUint32(at + OUT.GPR + 8 * i); g[2 * i] = dv.getUint32(at + OUT.GPR + 8 * i + 4);
    f[2 * i + 1] = dv.getUint32(at + OUT.FPR + 8 * i); f[2 * i] = dv.getUint32(at + OUT.FPR + 8 * i + 4);
    a[i] = dv.getUint32(at + OUT.AR + 4 * i);
  }
  const buf = init.slice();
  const mask = dv.getUint32(at + OUT.MASK);
  let p = at + OUT.SIZE;
  for (let i = 0; i < CHUNKS; i++) {
    if ((mask >>> (31 - i)) & 1) {
      buf.set(new Uint8Array(dv.buffer, dv.byteOffset + p, CHUNK), i * CHUNK);
      p += CHUNK;
    }
  }
  let cc: number, pm: number, am: number, sig: [number, number, string, string] | undefined;
  if (k === KIND_SIGNAL) {
    const mhi = dv.getUint32(at + OUT.PSWMASK), mlo = dv.getUint32(at + OUT.PSWMASK + 4);
    cc = (mhi >>> 12) & 3; pm = (mhi >>> 8) & 15; am = ((mhi & 1) << 1) | (mlo >>> 31);
    sig = [dv.getUint32(at + OUT.SIGNO), dv.getInt32(at + OUT.SICODE),
      hex16(dv.getUint32(at + OUT.SIADDR), dv.getUint32(at + OUT.SIADDR + 4)),
      hex16(dv.getUint32(at + OUT.PSWADDR), dv.getUint32(at + OUT.PSWADDR + 4))];
  } else {
    const ipm = dv.getUint32(at + OUT.PSWMASK), tam = dv.getUint32(at + OUT.PSWMASK + 4);
    cc = (ipm >>> 28) & 3; pm = (ipm >>> 24) & 15; am = (tam >>> 28) & 3;
  }
  const o = makeOutcome(c, init, { k, cc, pm, am, g, f, a, fpc: dv.getUint32(at + OUT.FPC), buf, ...(sig ? { sig } : {}) });
  return o;
}

export function recordLength(dv: DataView, at: number): number {
  const mask = dv.getUint32(at + OUT.MASK);
  let n = 0;
  for (let i = 0; i < 32; i++) n += (mask >>> i) & 1;
  return OUT.SIZE + n * CHUNK;
}

/**
 * Run `cases` (placed at consecutive blocks, see planBatches) on the oracle.
 * Returns one outcome per case.
 */
export function runOracle(cases: readonly Case[], dir: string, name: string, log: (s: string) => void = () => {}): Outcome[] {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const patterns = makePatterns();
  const inputs = new Uint8Array(cases.length * IN.SIZE);
  const idv = new DataView(inputs.buffer);
  cases.forEach((c, k) => inputRecord(c, idv, k * IN.SIZE));
  const inPath = join(dir, `${name}.in.bin`), patPath = join(dir, 'patterns.bin');
  writeFileSync(inPath, inputs);
  writeFileSync(patPath, patterns);
  // The case blocks are linked where the cases were generated to sit.
  const casesBase = cases[0]!.addr - INSN_OFF;
  cases.forEach((c, k) => {
    if (c.addr !== casesBase + k * CASE_STRIDE + INSN_OFF) throw new Error(`case ${k} is not at its block`);
  });
  const src = join(dir, `${name}.s`), exe = join(dir, name);
  writeFileSync(src, harnessSource(cases.map((c) => c.insn), inPath, patPath));
  const cc = spawnSync('s390x-linux-gnu-gcc', [...linkArgs(TEXT_BASE, casesBase, BUF, DATA_BASE), '-o', exe, src], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`assembling ${src} failed:\n${cc.stderr.slice(0, 4000)}`);

  const inits = cases.map((c) => initialBuffer(c, patterns));
  const out: (Outcome | undefined)[] = new Array(cases.length);
  let start = 0;
  while (start < cases.length) {
    const r = spawnSync('qemu-s390x', ['-cpu', QEMU_CPU, exe, String(start)], { timeout: 120_000, maxBuffer: 1 << 30 });
    const so = r.stdout as Buffer;
    const dv = new DataView(so.buffer, so.byteOffset, so.length);
    let p = 0, last = start - 1;
    while (p + OUT.SIZE <= so.length) {
      const len = recordLength(dv, p);
      if (p + len > so.length) break;
      const k = dv.getUint32(p + OUT.CASE);
      if (k >= cases.length) throw new Error(`oracle record for case ${k} out of range`);
      out[k] = recordOutcome(cases[k]!, inits[k]!, dv, p);
      last = k;
      p += len;
    }
    if (r.status === 0 && last === cases.length - 1) break;
    // The case after the last record brought the oracle down: mark it and go on after it.
    const bad = last + 1;
    const why = r.error ? String(r.error.message) : r.signal ? `killed by ${r.signal}` : `exit ${r.status}: ${String(r.stderr).split('\n')[0]}`;
    if (bad < cases.length) {
      out[bad] = { k: -1, cc: 0, pm: 0, am: 0, x: why.slice(0, 200) };
      log(`  oracle failed on case ${bad} (${why.slice(0, 100)})`);
    }
    start = bad + 1;
  }
  return out.map((o) => o ?? { k: -1, cc: 0, pm: 0, am: 0, x: 'no record' });
}

export { BUF_SIZE };
