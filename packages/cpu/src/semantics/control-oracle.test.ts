// Family-level differential tests of the control instructions against qemu-s390x.
//
// Each control-oracle/*.S is a small s390x program (built into *.elf by gen.sh); qemu's
// output for it is committed as *.qemu.bin. Here ztab runs the same ELF. The program
// records state with DUMP points (an invalid opcode plus a descriptor, see harness.inc)
// and expected faults; qemu records them in a signal handler, ztab in the program hook
// below, in the same record format, and the records are compared one by one.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCpu, PGM, type Cpu } from '../index.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'control-oracle');
/** The qemu programs map a guard area ending here; ztab's storage ends here. */
const RAM = 0x800000;

/** Linux's (and qemu-user's) signal number and si_code for a program interruption. */
function signalOf(code: number): [number, number] {
  switch (code) {
    case PGM.OPERATION: return [4, 1]; // SIGILL ILL_ILLOPC
    case PGM.PRIVILEGED: return [4, 5]; // SIGILL ILL_PRVOPC
    case PGM.EXECUTE: return [4, 2]; // SIGILL ILL_ILLOPN
    case PGM.SPECIFICATION: return [4, 2]; // SIGILL ILL_ILLOPN
    case PGM.ADDRESSING: return [11, 1]; // SIGSEGV SEGV_MAPERR
    case PGM.PROTECTION: return [11, 2]; // SIGSEGV SEGV_ACCERR
    case PGM.FIXED_OVERFLOW: return [8, 2]; // SIGFPE FPE_INTOVF
    case PGM.FIXED_DIVIDE: return [8, 1]; // SIGFPE FPE_INTDIV
    default: return [0x100 + code, 0];
  }
}

function loadElf(c: Cpu, elf: Uint8Array): number {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const entry = Number(dv.getBigUint64(0x18));
  const phoff = Number(dv.getBigUint64(0x20));
  const phentsize = dv.getUint16(0x36), phnum = dv.getUint16(0x38);
  for (let k = 0; k < phnum; k++) {
    const p = phoff + k * phentsize;
    if (dv.getUint32(p) !== 1) continue; // PT_LOAD
    const off = Number(dv.getBigUint64(p + 8));
    const vaddr = Number(dv.getBigUint64(p + 16));
    const filesz = Number(dv.getBigUint64(p + 32));
    for (let j = 0; j < filesz; j++) c.st8(vaddr + j, elf[off + j]!);
  }
  return entry;
}

interface Run { out: Uint8Array; sizes: number[]; stop: string | null }

function runZtab(elf: Uint8Array): Run {
  const c = createCpu(RAM);
  c.amode = 3;
  c.prob = true;
  c.io = c.ext = c.mchk = true;
  c.ia = loadElf(c, elf);
  const chunks: number[] = [];
  const sizes: number[] = [];
  const push32 = (v: number) => chunks.push(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  const record = (type: number, id: number, sig: number, code: number, memAddr: number, memLen: number) => {
    const start = chunks.length;
    chunks.push(0x5a, type, id >>> 8, id & 255, sig >>> 8, sig & 255, code >>> 8, code & 255);
    // qemu-user runs with DAT on; ztab's flat test storage has it off. Record the
    // environment's mask, not a difference the program cannot see except through EPSW.
    push32((c.pswMaskHi() | 0x04000000) >>> 0);
    push32(c.pswMaskLo());
    for (let r = 0; r < 16; r++) { push32(c.r[2 * r + 1]!); push32(c.r[2 * r]!); }
    for (let r = 0; r < 16; r++) push32(c.ar[r]!);
    for (let k = 0; k < memLen; k++) chunks.push(c.ld8(memAddr + k));
    sizes.push(chunks.length - start);
  };
  c.svcHook = (cpu, n) => {
    if (n === 1) cpu.stopReason = 'exit';
    else if (n === 90) cpu.r[4] = 0x7f0000; // mmap of the guard area: storage is already there
    else cpu.r[4] = 0;
  };
  c.programHook = (cpu, code) => {
    const at = cpu.cur;
    if (code === PGM.OPERATION && cpu.ld16(at) === 0) {
      const id = cpu.ld16(at + 2), len = cpu.ld32(at + 4);
      const lo = cpu.ld64(at + 8);
      const addr = cpu.vh * 2 ** 32 + lo;
      record(1, id, 0, 0, addr, len);
      cpu.ia = at + 16;
      return;
    }
    const [sig, si] = signalOf(code);
    record(2, 0, sig, si, 0, 0);
    // As the qemu-side recorder: without a recovery address the program ends here.
    const to = cpu.regAddr(11);
    if (to < 0x100000 || to >= 0x200000) cpu.stopReason = 'exit';
    else cpu.ia = to;
  };
  let budget = 50_000_000;
  while (c.stopReason === null && budget > 0) budget -= c.run(1_000_000);
  return { out: Uint8Array.from(chunks), sizes, stop: c.stopReason };
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Describe a record for a failure message: registers as hex, cc, memory. */
function describeRec(b: Uint8Array): string {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const lines = [`type ${b[1]} id ${dv.getUint16(2)} info ${hex(b.subarray(4, 8))} psw ${hex(b.subarray(8, 16))} cc ${(dv.getUint32(8) >>> 12) & 3}`];
  for (let r = 0; r < 16; r++) lines.push(`r${r}=${hex(b.subarray(16 + 8 * r, 24 + 8 * r))}`);
  lines.push(`ar=${hex(b.subarray(144, 208))}`);
  if (b.length > 208) lines.push(`mem=${hex(b.subarray(208))}`);
  return lines.join('\n');
}

const programs = readdirSync(DIR).filter((f) => f.endsWith('.S')).map((f) => f.slice(0, -2));

describe('control family against qemu-s390x', () => {
  for (const name of programs) {
    it(name, () => {
      const elf = readFileSync(join(DIR, `${name}.elf`));
      const want = new Uint8Array(readFileSync(join(DIR, `${name}.qemu.bin`)));
      const got = runZtab(new Uint8Array(elf));
      expect(got.stop).toBe('exit');
      expect(want.length).toBeGreaterThan(0);
      // Split both streams with ztab's record sizes and compare record by record, so a
      // failure names the record id rather than a byte offset.
      let p = 0;
      for (const size of got.sizes) {
        const g = got.out.subarray(p, p + size);
        const w = want.subarray(p, p + size);
        const id = (g[2]! << 8) | g[3]!;
        if (hex(g) !== hex(w)) expect(describeRec(g), `${name} record id ${id} (type ${g[1]})`).toBe(describeRec(w));
        p += size;
      }
      // The program ran to its end marker (not cut short by an unexpected fault).
      const last = got.out.subarray(got.out.length - got.sizes[got.sizes.length - 1]!);
      expect([last[1], (last[2]! << 8) | last[3]!], `${name}: end marker`).toEqual([1, 0x7fff]);
      expect(got.out.length, `${name}: qemu produced ${want.length} bytes, ztab ${got.out.length}`).toBe(want.length);
    });
  }
});
