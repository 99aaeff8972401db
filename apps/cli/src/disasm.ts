/**
 * `ztab --disasm FILE [--base ADDR] [--compare]`: disassemble a file with ztab's
 * table-driven disassembler, in objdump's layout.
 *
 *  - An ELF64 big-endian file: every executable section, at its addresses.
 *  - Anything else: raw s390x code loaded at --base (default 0).
 *  - --compare: instead of printing, compare with s390x-linux-gnu-objdump on every
 *    instruction and print the differences and a per-mnemonic count (exit 1 if any).
 */
import { readFileSync } from 'node:fs';
import { disassembleBuffer } from '@ztab/isa';
import { compareFile, compareRaw, execSections, haveObjdump, type Comparison } from '../../../packages/isa/src/objdump.ts';

export const DISASM_USAGE = 'usage: ztab --disasm FILE [--base ADDR] [--compare]\n';

function isElf64be(b: Uint8Array): boolean {
  return b.length > 64 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46 && b[4] === 2 && b[5] === 2;
}

function hexBytes(b: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let k = 0; k < len; k++) s += b[p + k]!.toString(16).padStart(2, '0') + ' ';
  return s.padEnd(18);
}

function report(r: Comparison, out: (s: string) => void): number {
  for (const m of r.mismatches) {
    out(`${m.section} ${m.addr.toString(16)}: ${m.bytes}\n  objdump: ${m.objdump}\n  ztab:    ${m.ztab}\n`);
  }
  const by = [...r.byMnemonic].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m}:${n}`).join(' ');
  out(`${r.count} instructions, ${r.mismatches.length} mismatches${by ? ` (${by})` : ''}\n`);
  return r.mismatches.length === 0 ? 0 : 1;
}

/** Returns the process exit status: 0 fine, 1 mismatches found, 2 usage or file errors. */
export async function runDisasm(argv: string[], out = (s: string) => void process.stdout.write(s), err = (s: string) => void process.stderr.write(s)): Promise<number> {
  let file: string | undefined;
  let base = 0;
  let compare = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--compare') compare = true;
    else if (a === '--base') {
      const v = argv[++k];
      const n = v === undefined ? NaN : Number(v);
      if (!Number.isSafeInteger(n) || n < 0) { err(`ztab: --base needs an address, got ${v ?? 'nothing'}\n`); return 2; }
      base = n;
    } else if (a.startsWith('-')) { err(`ztab: unknown --disasm option ${a}\n${DISASM_USAGE}`); return 2; }
    else if (file === undefined) file = a;
    else { err(`ztab: --disasm takes one file\n${DISASM_USAGE}`); return 2; }
  }
  if (file === undefined) { err(DISASM_USAGE); return 2; }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    err(`ztab: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const elf = isElf64be(bytes);
  if (compare) {
    if (!haveObjdump()) { err('ztab: --compare needs s390x-linux-gnu-objdump\n'); return 2; }
    return report(elf ? compareFile(file) : await compareRaw(bytes, base), out);
  }
  const sections = elf ? execSections(bytes) : [{ name: '(raw)', addr: base, bytes }];
  for (const sec of sections) {
    out(`\nDisassembly of section ${sec.name}:\n\n`);
    for (const l of disassembleBuffer(sec.bytes, sec.addr)) {
      const p = l.addr - sec.addr;
      out(`${l.addr.toString(16).padStart(8)}:\t${hexBytes(sec.bytes, p, Math.min(l.len, sec.bytes.length - p))}\t${l.text}\n`);
    }
  }
  return 0;
}
