// The disassembler against objdump on whole real binaries: the guest's static busybox and
// its kernel modules. Every address objdump lists in an executable section is
// disassembled by ztab and the texts (mnemonic + operands, symbols stripped) compared.
//
// Inputs: public/guest/initramfs*.cpio.gz from `pnpm guest`; when that is not built, the
// same Debian packages fetched into .cache/disasm with apt-get (see GUEST.md). The test
// skips, saying why, only when neither is available or objdump is missing.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { disassembleBuffer } from './disasm.ts';
import { IN_CI, compareFile, compareRaw, debianFallback, execSections, findFiles, haveObjdump, isObjdumpQuirk, kernelImage, objdumpLines, type Comparison, unpackInitramfs } from './objdump.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * Differences ztab keeps on purpose, with the most times each may occur per input. On
 * busybox and the modules there are none. The kernel image (code and data walked alike):
 *  - objdump-quirk:nop — binutils 2.40 prints BC 0 with index set and base 0 as
 *    `nop d(%rX`, losing `,%r0)`; ztab prints the whole operand.
 *  - unknown-to-objdump:servc/chsc/sthyi — SERVC (B220), CHSC (B25F) and STHYI (B256) are
 *    z/Architecture instructions binutils 2.40 has no mnemonic for (it prints .long);
 *    the kernel really executes them (SCLP console, channel subsystem, hypervisor info).
 *  - unknown-to-objdump:<zPCI> — PCISTB SIC CLP PCISTG PCILG RPCIT MPCIFC STPCIFC, the
 *    PCI instructions of Linux's arch/s390/pci, likewise absent from binutils 2.40.
 */
const KNOWN: Record<string, number> = {};
const KNOWN_KERNEL: Record<string, number> = {
  'objdump-quirk:nop': 20,
  'unknown-to-objdump:servc': 4,
  'unknown-to-objdump:chsc': 4,
  'unknown-to-objdump:sthyi': 4,
  ...Object.fromEntries(['pcistb', 'sic', 'clp', 'pcistg', 'pcilg', 'rpcit', 'mpcifc', 'stpcifc'].map((m) => [`unknown-to-objdump:${m}`, 12])),
};

function locate(): { dir: string; source: string; cleanup: boolean } | undefined {
  if (!haveObjdump()) return undefined;
  const fromGuest = unpackInitramfs(ROOT);
  if (fromGuest) return { dir: fromGuest, source: 'public/guest initramfs', cleanup: true };
  const deb = debianFallback(ROOT);
  if (deb) return { dir: deb, source: '.cache/disasm (Debian packages)', cleanup: false };
  return undefined;
}

const where = locate();
const why = !haveObjdump()
  ? 's390x-linux-gnu-objdump is not installed'
  : 'no guest binaries: run `pnpm guest` (public/guest) or allow apt-get to fetch busybox-static and the kernel package';

// Both busybox tests read objdump's listing of the same file: list it once (a few
// seconds of objdump on a loaded machine).
let busyboxListing: ReturnType<typeof objdumpLines> | undefined;
const busyboxLines = (bb: string) => (busyboxListing ??= objdumpLines(bb));

function summarize(name: string, r: Comparison): string {
  const by = [...r.byMnemonic].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m}:${n}`).join(' ');
  const first = r.mismatches.slice(0, 20).map((m) => `  ${m.section}+${m.addr.toString(16)} ${m.bytes} objdump [${m.objdump}] ztab [${m.ztab}]`);
  return [`${name}: ${r.count} instructions, ${r.mismatches.length} mismatches${by ? ` (${by})` : ''}`, ...first].join('\n');
}

function unexpected(r: Comparison, known = KNOWN): Array<[string, number]> {
  return [...r.byMnemonic].filter(([m, n]) => n > (known[m] ?? 0));
}

describe.skipIf(!where)(`disassembler vs objdump on real binaries (${where?.source ?? why})`, () => {
  afterAll(() => {
    if (where?.cleanup) rmSync(where.dir, { recursive: true, force: true });
  });

  it('busybox (static, z196 userland with vector string functions): every instruction matches', () => {
    const bb = join(where!.dir, 'bin', 'busybox');
    expect(existsSync(bb), `${bb} missing`).toBe(true);
    const r = compareFile(bb, busyboxLines(bb));
    console.log(summarize('busybox', r));
    expect(r.count).toBeGreaterThan(300_000);
    expect(unexpected(r), summarize('busybox', r)).toEqual([]);
  }, 180_000);

  it('busybox walked as one buffer per section: the same instruction boundaries and texts as objdump', () => {
    const bb = join(where!.dir, 'bin', 'busybox');
    const ours = new Map<string, string>();
    for (const sec of execSections(new Uint8Array(readFileSync(bb)))) {
      for (const l of disassembleBuffer(sec.bytes, sec.addr)) ours.set(`${sec.name}:${l.addr}`, l.text);
    }
    let n = 0;
    const bad: string[] = [];
    for (const d of busyboxLines(bb)) {
      n++;
      const z = ours.get(`${d.section}:${d.addr}`);
      if (z !== d.text && !(z !== undefined && isObjdumpQuirk(d.text, z))) bad.push(`${d.section}+${d.addr.toString(16)}: objdump [${d.text}] ztab [${z ?? 'no instruction starts here'}]`);
    }
    expect(n).toBeGreaterThan(300_000);
    expect(bad.slice(0, 20)).toEqual([]);
  }, 180_000);

  it('kernel modules (.ko): every instruction matches', () => {
    const kos = findFiles(join(where!.dir, 'lib', 'modules'), '.ko');
    expect(kos.length).toBeGreaterThan(0);
    let total = 0;
    const all: Comparison = { count: 0, mismatches: [], byMnemonic: new Map() };
    for (const ko of kos) {
      const r = compareFile(ko);
      total += r.count;
      all.count += r.count;
      all.mismatches.push(...r.mismatches);
      for (const [m, n] of r.byMnemonic) all.byMnemonic.set(m, (all.byMnemonic.get(m) ?? 0) + n);
    }
    console.log(summarize(`${kos.length} modules`, all));
    expect(total).toBeGreaterThan(10_000);
    expect(unexpected(all), summarize('modules', all)).toEqual([]);
  }, 180_000);

  it('decompressed kernel image (all 18 MB, code and data): matches but for the listed exceptions', async () => {
    const vmlinuz = join(ROOT, 'public', 'guest', 'vmlinuz');
    if (!existsSync(vmlinuz)) {
      // CI builds the guest first, so there a missing kernel is a broken pipeline.
      if (IN_CI) throw new Error('public/guest/vmlinuz missing: CI must run `pnpm guest` before the tests');
      console.log('kernel image comparison skipped: public/guest/vmlinuz not built');
      return;
    }
    const image = kernelImage(new Uint8Array(readFileSync(vmlinuz)));
    expect(image, 'no xz-compressed kernel found in vmlinuz').toBeDefined();
    const r = await compareRaw(image!);
    console.log(summarize('kernel image', r));
    expect(r.count).toBeGreaterThan(1_000_000);
    expect(unexpected(r, KNOWN_KERNEL), summarize('kernel image', r)).toEqual([]);
  }, 300_000);
});

if (!where) {
  describe('disassembler vs objdump on real binaries', () => {
    // CI installs objdump and builds the guest, so there the missing input is a failure.
    if (IN_CI) it('has its inputs', () => { throw new Error(why); });
    else it.skip(`skipped: ${why}`, () => {});
  });
}
