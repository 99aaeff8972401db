// Node-only helpers that compare ztab's disassembler with binutils' objdump on whole
// ELF files: run objdump, read the ELF's executable sections, disassemble every address
// objdump lists and report the differences. Used by disasm.objdump.test.ts and the CLI.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassemble } from './disasm.ts';

export const OBJDUMP = 's390x-linux-gnu-objdump';

export function haveObjdump(): boolean {
  return spawnSync(OBJDUMP, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** True under CI (CI=true or CI=1), whose .ci scripts install every tool the tests use. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The `skipIf` condition for a test that needs objdump: on a developer's machine without
 * binutils-s390x-linux-gnu the test is skipped, but in CI it runs and fails (through
 * requireObjdump) because a silent skip there would hide a broken pipeline.
 */
export function objdumpSkip(): boolean {
  return !IN_CI && !haveObjdump();
}

/** First statement of a test that needs objdump: fails it loudly when the tool is absent. */
export function requireObjdump(): void {
  if (!haveObjdump()) throw new Error(`${OBJDUMP} is not installed (Debian package binutils-s390x-linux-gnu; .ci/lib.sh installs it)`);
}

/** One executable section of an ELF64 big-endian file. */
export interface Section {
  name: string;
  addr: number;
  bytes: Uint8Array;
}

/** The SHF_EXECINSTR sections of a 64-bit big-endian ELF file. */
export function execSections(file: Uint8Array): Section[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (dv.getUint32(0) !== 0x7f454c46 || file[4] !== 2 || file[5] !== 2) throw new Error('not an ELF64 big-endian file');
  const shoff = Number(dv.getBigUint64(0x28));
  const shentsize = dv.getUint16(0x3a);
  const shnum = dv.getUint16(0x3c);
  const shstrndx = dv.getUint16(0x3e);
  const sh = (k: number) => shoff + k * shentsize;
  const strOff = Number(dv.getBigUint64(sh(shstrndx) + 0x18));
  const name = (o: number) => {
    let e = strOff + o;
    while (file[e] !== 0) e++;
    return new TextDecoder().decode(file.subarray(strOff + o, e));
  };
  const out: Section[] = [];
  for (let k = 0; k < shnum; k++) {
    const type = dv.getUint32(sh(k) + 4);
    const flags = Number(dv.getBigUint64(sh(k) + 8));
    if (type !== 1 /* PROGBITS */ || (flags & 4) === 0) continue;
    const addr = Number(dv.getBigUint64(sh(k) + 0x10));
    const off = Number(dv.getBigUint64(sh(k) + 0x18));
    const size = Number(dv.getBigUint64(sh(k) + 0x20));
    out.push({ name: name(dv.getUint32(sh(k))), addr, bytes: file.subarray(off, off + size) });
  }
  return out;
}

/** A line of objdump's disassembly: section, address and instruction text. */
export interface DumpLine {
  section: string;
  addr: number;
  text: string;
}

/** Run `objdump -d` on a file and parse the instruction lines. */
export function objdumpLines(path: string): DumpLine[] {
  const out = execFileSync(OBJDUMP, ['-d', '--no-show-raw-insn', path], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const lines: DumpLine[] = [];
  let section = '';
  for (const l of out.split('\n')) {
    if (l.startsWith('Disassembly of section ')) {
      section = l.slice(23, -1);
      continue;
    }
    const m = /^ *([0-9a-f]+):\t(.*)$/.exec(l);
    if (m) lines.push({ section, addr: parseInt(m[1]!, 16), text: normalizeObjdump(m[2]!) });
  }
  return lines;
}

/**
 * objdump adds `<symbol+off>` after relative targets and then prints the target without
 * 0x; without a symbol it prints 0x-prefixed. Compare in the symbol-less form.
 */
export function normalizeObjdump(text: string): string {
  const lt = text.indexOf(' <');
  if (lt < 0) return text.trimEnd();
  const head = text.slice(0, lt);
  const cut = Math.max(head.lastIndexOf(','), head.lastIndexOf('\t'));
  const target = head.slice(cut + 1);
  return /^[0-9a-f]+$/.test(target) ? head.slice(0, cut + 1) + '0x' + target : head;
}

/** The mnemonic of an instruction text (the part before the tab). */
export function mnemonicOf(text: string): string {
  const t = text.indexOf('\t');
  return t < 0 ? text : text.slice(0, t);
}

export interface Mismatch {
  section: string;
  addr: number;
  bytes: string;
  objdump: string;
  ztab: string;
}

export interface Comparison {
  /** instructions compared */
  count: number;
  mismatches: Mismatch[];
  /** mismatches per objdump mnemonic */
  byMnemonic: Map<string, number>;
}

/** ztab's text for the instruction at `off` of a section. */
export function ztabAt(sec: Section, off: number): string {
  const b = (k: number) => (off + k < sec.bytes.length ? sec.bytes[off + k]! : 0);
  const len = (b(0) >>> 6) === 0 ? 2 : (b(0) >>> 6) === 3 ? 6 : 4;
  const w0 = len === 2 ? ((b(0) << 24) | (b(1) << 16)) >>> 0 : ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  const w1 = len === 6 ? (b(4) << 8) | b(5) : 0;
  if (len > sec.bytes.length - off) {
    // objdump's view of a truncated tail: words it cannot decode
    return sec.bytes.length - off >= 4 ? `.long\t0x${(((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0).toString(16).padStart(8, '0')}` : `.short\t0x${((b(0) << 8) | b(1)).toString(16).padStart(4, '0')}`;
  }
  const text = disassemble(w0, w1, sec.addr + off);
  if (text.startsWith('.long') && len === 2) {
    // an undecodable two-byte opcode: objdump prints the whole word
    return `.long\t0x${(((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0).toString(16).padStart(8, '0')}`;
  }
  return text;
}

/**
 * objdump's one known misprint: a BC/NOP whose index is set and base is zero comes out
 * as `nop d(%rX` without `,%r0)` (binutils 2.40 drops the rest of an optional operand).
 * ztab prints the complete operand; callers count these separately.
 */
export function isObjdumpQuirk(objdump: string, ztab: string): boolean {
  return objdump.startsWith('nop\t') && /\(%r\d+$/.test(objdump) && ztab === objdump + ',%r0)';
}

function record(res: Comparison, sec: Section, section: string, addr: number, want: string): void {
  const off = addr - sec.addr;
  if (off < 0 || off >= sec.bytes.length) return;
  res.count++;
  const z = ztabAt(sec, off);
  if (z === want) return;
  const bytes = Array.from(sec.bytes.subarray(off, off + 6), (x) => x.toString(16).padStart(2, '0')).join('');
  const mn = isObjdumpQuirk(want, z) ? 'objdump-quirk:nop'
    : want.startsWith('.long') && !z.startsWith('.') ? `unknown-to-objdump:${mnemonicOf(z)}` : mnemonicOf(want);
  res.mismatches.push({ section, addr, bytes, objdump: want, ztab: z });
  res.byMnemonic.set(mn, (res.byMnemonic.get(mn) ?? 0) + 1);
}

/**
 * Compare ztab with `objdump -D -b binary` over a raw image (code and data alike: data
 * words are as good a test of the decoder as code). Streams objdump's output.
 */
export async function compareRaw(bytes: Uint8Array, base = 0): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'ztab-raw-'));
  const f = join(dir, 'image.bin');
  writeFileSync(f, bytes);
  const res: Comparison = { count: 0, mismatches: [], byMnemonic: new Map() };
  const sec: Section = { name: '.data', addr: base, bytes };
  const args = ['-D', '-b', 'binary', '-m', 's390:64-bit', '--no-show-raw-insn', `--adjust-vma=${base}`, f];
  const child = spawn(OBJDUMP, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout });
  for await (const l of rl) {
    const m = /^ *([0-9a-f]+):\t(.*)$/.exec(l);
    if (m) record(res, sec, '.data', parseInt(m[1]!, 16), normalizeObjdump(m[2]!));
  }
  await new Promise((r) => child.on('close', r));
  rmSync(dir, { recursive: true, force: true });
  return res;
}

/**
 * The decompressed kernel image inside an s390 vmlinuz: the first xz stream that
 * unpacks to more than a megabyte (the decompressor's own code precedes it).
 */
export function kernelImage(vmlinuz: Uint8Array): Uint8Array | undefined {
  const magic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  for (let i = 0; i + 6 < vmlinuz.length; i++) {
    if (vmlinuz[i] !== 0xfd || !magic.every((b, k) => vmlinuz[i + k] === b)) continue;
    try {
      const out = execFileSync('xz', ['-dc', '--single-stream'], { input: vmlinuz.subarray(i), maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
      if (out.length > 1 << 20) return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      // not a complete stream; keep looking
    }
  }
  return undefined;
}

/** Compare ztab with objdump on every instruction objdump lists for an ELF file. */
/** `lines`: objdump's listing of `path` when the caller already has it (saves a run). */
export function compareFile(path: string, lines: DumpLine[] = objdumpLines(path)): Comparison {
  const sections = new Map(execSections(new Uint8Array(readFileSync(path))).map((s) => [s.name, s]));
  const res: Comparison = { count: 0, mismatches: [], byMnemonic: new Map() };
  for (const d of lines) {
    const sec = sections.get(d.section);
    if (sec) record(res, sec, d.section, d.addr, d.text);
  }
  return res;
}

/** Files of a directory tree whose names end with `suffix`. */
export function findFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (e.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Unpack the guest's initramfs (public/guest/initramfs*.cpio.gz, built by `pnpm guest`)
 * into a fresh temporary directory; returns it, or undefined when there is none.
 */
export function unpackInitramfs(repoRoot: string): string | undefined {
  const dir = join(repoRoot, 'public', 'guest');
  if (!existsSync(dir)) return undefined;
  const img = readdirSync(dir).find((f) => f.startsWith('initramfs') && f.endsWith('.cpio.gz'));
  if (!img) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'ztab-initramfs-'));
  mkdirSync(tmp, { recursive: true });
  execFileSync('sh', ['-c', 'gzip -dc "$1" | cpio -idm --quiet', 'sh', join(dir, img)], { cwd: tmp });
  return tmp;
}

/**
 * Fallback when the guest image is not built: busybox and the kernel's modules from the
 * Debian packages, fetched into .cache/disasm with apt-get the way GUEST.md describes.
 * Returns the directory the packages were unpacked into, or undefined on failure.
 */
export function debianFallback(repoRoot: string): string | undefined {
  const state = join(repoRoot, '.cache', 'disasm');
  const root = join(state, 'root');
  if (existsSync(join(root, 'bin', 'busybox'))) return root;
  const o = ['-o', 'APT::Architecture=s390x', '-o', 'APT::Architectures=s390x', '-o', `Dir::State::Lists=${state}/lists`, '-o', `Dir::Cache=${state}/cache`];
  try {
    mkdirSync(join(state, 'lists', 'partial'), { recursive: true });
    mkdirSync(join(state, 'cache', 'archives', 'partial'), { recursive: true });
    mkdirSync(root, { recursive: true });
    execFileSync('apt-get', [...o, 'update'], { stdio: 'ignore' });
    const deps = execFileSync('apt-cache', [...o, 'depends', 'linux-image-s390x'], { encoding: 'utf8' });
    const kpkg = /Depends: (linux-image-[0-9][^\s]*)/.exec(deps)?.[1];
    if (!kpkg) return undefined;
    execFileSync('apt-get', [...o, 'download', 'busybox-static', kpkg], { cwd: state, stdio: 'ignore' });
    for (const deb of readdirSync(state).filter((f) => f.endsWith('.deb'))) {
      execFileSync('dpkg-deb', ['-x', join(state, deb), root]);
    }
    // module files in the Debian package may be compressed
    execFileSync('sh', ['-c', 'find . -name "*.ko.xz" -exec xz -d {} +; true'], { cwd: root });
    return existsSync(join(root, 'bin', 'busybox')) ? root : undefined;
  } catch {
    return undefined;
  }
}
