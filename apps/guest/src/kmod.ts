/**
 * Just enough of depmod and modprobe to pick the kernel modules the initramfs needs
 * and the order to insmod them in. Debian's kernel package ships no modules.dep
 * (its postinst runs depmod on the installed system), so we rebuild one from each
 * module's .modinfo section, where modpost records the modules it depends on.
 */
import { GuestError } from './errors.ts';

export interface ModInfo {
  /** Module name as the kernel knows it ('-' already folded to '_'). */
  name: string;
  depends: string[];
  /** Names or aliases to load before this module (softdep "pre:"). */
  softPre: string[];
  aliases: string[];
}

export interface KernelModule extends ModInfo {
  /** Path relative to /lib/modules/<release>, as modules.dep spells it. */
  path: string;
}

export function normalizeModuleName(name: string): string {
  return name.replace(/-/g, '_');
}

/** Module name from its file name: kernel/drivers/char/hw_random/virtio-rng.ko → virtio_rng. */
export function moduleNameFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.ko(\.(xz|gz|zst))?$/, '');
  return normalizeModuleName(base);
}

/** Reads the NUL-separated key=value strings of a 64-bit ELF object's .modinfo section. */
export function readModinfoStrings(elf: Uint8Array): string[] {
  const bad = (why: string): never => {
    throw new GuestError(`not a loadable kernel module: ${why}`);
  };
  if (elf.length < 64 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) bad('no ELF magic');
  if (elf[4] !== 2) bad('not a 64-bit ELF object');
  const little = elf[5] === 1;
  if (!little && elf[5] !== 2) bad('unknown ELF byte order');
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const u16 = (o: number) => dv.getUint16(o, little);
  const u32 = (o: number) => dv.getUint32(o, little);
  const u64 = (o: number) => {
    const v = dv.getBigUint64(o, little);
    if (v > BigInt(elf.length)) bad('section table points outside the file');
    return Number(v);
  };
  const shoff = u64(0x28);
  const shentsize = u16(0x3a);
  const shnum = u16(0x3c);
  const shstrndx = u16(0x3e);
  if (shentsize < 0x40 || shstrndx >= shnum || shoff + shnum * shentsize > elf.length) bad('bad section table');
  const section = (i: number) => {
    const o = shoff + i * shentsize;
    const offset = u64(o + 0x18);
    const size = u64(o + 0x20);
    if (offset + size > elf.length) bad('section outside the file');
    return { nameOffset: u32(o), offset, size };
  };
  const names = section(shstrndx);
  const decoder = new TextDecoder('latin1');
  const cString = (start: number, end: number) => {
    let e = start;
    while (e < end && elf[e] !== 0) e++;
    return decoder.decode(elf.subarray(start, e));
  };
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (cString(names.offset + s.nameOffset, names.offset + names.size) !== '.modinfo') continue;
    return decoder
      .decode(elf.subarray(s.offset, s.offset + s.size))
      .split('\0')
      .filter((kv) => kv.includes('='));
  }
  return bad('no .modinfo section');
}

export function parseModinfo(elf: Uint8Array, path: string): KernelModule {
  const strings = readModinfoStrings(elf);
  const values = (key: string) =>
    strings.filter((kv) => kv.startsWith(`${key}=`)).map((kv) => kv.slice(key.length + 1));
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).map(normalizeModuleName);
  const softPre: string[] = [];
  for (const soft of values('softdep')) {
    // "pre: a b post: c" — only pre-dependencies affect load order.
    const m = /pre:\s*([^:]*?)\s*(?:post:|$)/.exec(soft);
    if (m?.[1]) softPre.push(...m[1].split(/\s+/).filter(Boolean));
  }
  return {
    path,
    name: normalizeModuleName(values('name')[0] ?? moduleNameFromPath(path)),
    depends: values('depends').flatMap(list),
    softPre,
    aliases: values('alias'),
  };
}

/** modules.dep: module path → paths of every module it needs, transitively. */
export type ModulesDep = Map<string, string[]>;

export function parseModulesDep(text: string): ModulesDep {
  const dep: ModulesDep = new Map();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new GuestError(`modules.dep line ${i + 1}: expected "module.ko: deps..."`);
    dep.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim().split(/\s+/).filter(Boolean));
  }
  return dep;
}

/**
 * Writes modules.dep the way depmod does: each line lists all of the module's
 * dependencies, transitively, ordered so that loading them from the END of the
 * list towards the start satisfies every dependency (modprobe reads it that way).
 */
export function formatModulesDep(modules: readonly KernelModule[]): string {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const depPaths = (m: KernelModule) => m.depends.map((d) => byName.get(d)?.path ?? missingDep(m, d));
  const lines: string[] = [];
  for (const m of modules) {
    const order = topoOrder(depPaths(m), (p) => depPaths(byPath.get(p)!));
    lines.push(`${m.path}: ${order.reverse().join(' ')}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

function missingDep(m: KernelModule, dep: string): never {
  throw new GuestError(`module ${m.name} depends on ${dep}, which is not among the kernel's modules`);
}

/** Post-order DFS: every node appears after everything it depends on. Cycles are errors. */
function topoOrder(roots: readonly string[], depsOf: (node: string) => readonly string[]): string[] {
  const done = new Set<string>();
  const active: string[] = [];
  const out: string[] = [];
  const visit = (node: string) => {
    if (done.has(node)) return;
    if (active.includes(node)) {
      throw new GuestError(`module dependency cycle: ${[...active.slice(active.indexOf(node)), node].join(' -> ')}`);
    }
    active.push(node);
    for (const d of depsOf(node)) visit(d);
    active.pop();
    done.add(node);
    out.push(node);
  };
  for (const r of roots) visit(r);
  return out;
}

/** Looks modules up the way modprobe does: by name ('-' and '_' alike), then by alias. */
export class ModuleIndex {
  private readonly byName = new Map<string, KernelModule>();
  private readonly byAlias = new Map<string, KernelModule>();
  private readonly byPath = new Map<string, KernelModule>();

  constructor(readonly modules: readonly KernelModule[]) {
    for (const m of modules) {
      this.byName.set(m.name, m);
      this.byPath.set(m.path, m);
      for (const a of m.aliases) if (!this.byAlias.has(a)) this.byAlias.set(a, m);
    }
  }

  find(nameOrAlias: string): KernelModule | undefined {
    return this.byName.get(normalizeModuleName(nameOrAlias)) ?? this.byAlias.get(nameOrAlias);
  }

  atPath(path: string): KernelModule | undefined {
    return this.byPath.get(path);
  }
}

/**
 * The insmod order for `wanted` and everything they need: hard dependencies from
 * modules.dep, plus softdep "pre:" modules where the index can resolve them (an
 * unresolvable softdep is built into the kernel or optional, as modprobe treats it).
 */
export function resolveLoadOrder(dep: ModulesDep, index: ModuleIndex, wanted: readonly string[]): string[] {
  const roots = wanted.map((w) => {
    const m = index.find(w);
    if (!m) throw new GuestError(`kernel module ${w} not found`);
    if (!dep.has(m.path)) throw new GuestError(`kernel module ${m.path} is missing from modules.dep`);
    return m.path;
  });
  const depsOf = (path: string): string[] => {
    const hard = dep.get(path);
    if (!hard) throw new GuestError(`kernel module ${path} is missing from modules.dep`);
    const soft = (index.atPath(path)?.softPre ?? [])
      .map((s) => index.find(s)?.path)
      .filter((p): p is string => p !== undefined && p !== path);
    // modules.dep lists dependencies last-first; visiting them reversed keeps that order.
    return [...soft, ...[...hard].reverse()];
  };
  return topoOrder(roots, depsOf);
}

/** The modules.dep lines for a chosen set of modules (a closed subset of `dep`). */
export function subsetModulesDep(dep: ModulesDep, paths: readonly string[]): string {
  return `${paths.map((p) => `${p}: ${(dep.get(p) ?? []).join(' ')}`.trimEnd()).join('\n')}\n`;
}

/** modules.alias and modules.softdep lines, so busybox modprobe works inside the guest. */
export function formatAliases(modules: readonly KernelModule[]): string {
  return modules.flatMap((m) => m.aliases.map((a) => `alias ${a} ${m.name}\n`)).join('');
}

export function formatSoftdeps(modules: readonly KernelModule[]): string {
  return modules
    .filter((m) => m.softPre.length > 0)
    .map((m) => `softdep ${m.name} pre: ${m.softPre.join(' ')}\n`)
    .join('');
}
