/**
 * The command line of `ztab`, spelled the way a qemu-system-s390x user spells a
 * direct kernel boot. Pure: argv in, a typed result out; nothing here touches files.
 */

export interface DriveConfig {
  file: string;
  /** Only raw images exist so far; named so that qcow2 has somewhere to go. */
  format: 'raw';
  readonly: boolean;
}

export interface MachineConfig {
  /** Undefined: boot the default guest from public/guest (its kernel, initrd and disk). */
  kernel?: string;
  initrd?: string;
  append?: string;
  memoryMiB: number;
  cpus: number;
  drives: DriveConfig[];
  /** Exit instead of rebooting when the guest reboots. */
  noReboot: boolean;
  /** Guest writes to disks are kept in memory and dropped at exit. */
  snapshot: boolean;
  /** Translate hot guest code to WebAssembly (off with --no-jit, for debugging). */
  jit: boolean;
  /** Always true: the console is stdio. Kept so that -nographic means something. */
  nographic: true;
}

export type ParsedArgs =
  | { kind: 'machine'; config: MachineConfig }
  | { kind: 'user'; program: string; args: string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export const DEFAULT_MEMORY_MIB = 512;
/**
 * Guest RAM and the CPU state share one wasm32 memory, which addresses 4 GiB; leave
 * at least one MiB of it for everything that is not RAM.
 */
export const MAX_MEMORY_MIB = 4095;
/** The most CPUs QEMU's s390-ccw-virtio machine accepts. */
export const MAX_CPUS = 248;

class ArgError extends Error {}

const fail = (message: string): never => {
  throw new ArgError(message);
};

/** QEMU sizes: a plain number is MiB; K, M, G and T suffixes (any case, optional B) scale it. */
export function parseMemorySize(text: string): number {
  const spec = text.startsWith('size=') ? text.slice(5) : text;
  if (spec.includes(',') || spec.includes('=')) {
    fail(`-m ${text}: only a size is supported (no slots= or maxmem=)`);
  }
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)b?$/i.exec(spec);
  if (!m) return fail(`-m ${text}: not a size (try 512M or 1G)`);
  const scale = { '': 1, k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const mib = Number(m[1]) * scale;
  if (!Number.isInteger(mib)) fail(`-m ${text}: memory must be a whole number of MiB`);
  if (mib < 1) fail(`-m ${text}: memory must be at least 1M`);
  if (mib > MAX_MEMORY_MIB) fail(`-m ${text}: at most ${MAX_MEMORY_MIB}M fits in a WebAssembly memory`);
  return mib;
}

export function parseSmp(text: string): number {
  const spec = text.startsWith('cpus=') ? text.slice(5) : text;
  if (!/^\d+$/.test(spec)) {
    return fail(`-smp ${text}: give a CPU count, like -smp 2 (sockets, cores, threads and maxcpus are not supported)`);
  }
  const n = Number(spec);
  if (n < 1 || n > MAX_CPUS) fail(`-smp ${text}: between 1 and ${MAX_CPUS} CPUs`);
  return n;
}

/** Splits QEMU's key=value,key=value option syntax, where ",," stands for a literal comma. */
export function splitQemuOptions(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        cur += ',';
        i++;
      } else {
        parts.push(cur);
        cur = '';
      }
    } else {
      cur += text[i];
    }
  }
  parts.push(cur);
  return parts;
}

function parseOnOff(option: string, value: string): boolean {
  if (['on', 'yes', 'true'].includes(value)) return true;
  if (['off', 'no', 'false'].includes(value)) return false;
  return fail(`-drive ${option}=${value}: expected on or off`);
}

export function parseDrive(text: string): DriveConfig {
  let file: string | undefined;
  let readonly = false;
  for (const part of splitQemuOptions(text)) {
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`-drive ${text}: expected key=value, got '${part}'`);
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    switch (key) {
      case 'file':
        if (value === '') fail(`-drive ${text}: file= is empty`);
        file = value;
        break;
      case 'if':
        if (value !== 'virtio') fail(`-drive ${text}: only if=virtio is supported`);
        break;
      case 'format':
        if (value !== 'raw') fail(`-drive ${text}: only format=raw is supported`);
        break;
      case 'readonly':
        readonly = parseOnOff(key, value);
        break;
      default:
        fail(`-drive ${text}: unknown key '${key}' (supported: file, if, format, readonly)`);
    }
  }
  if (file === undefined) return fail(`-drive ${text}: file= is required`);
  return { file, format: 'raw', readonly };
}

const WITH_VALUE = new Set(['-kernel', '-initrd', '-append', '-m', '-smp', '-drive']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  try {
    return parseOrThrow(argv);
  } catch (e) {
    if (e instanceof ArgError) return { kind: 'error', message: e.message };
    throw e;
  }
}

function parseOrThrow(args: readonly string[]): ParsedArgs {
  // `pnpm ztab -- -kernel x` passes the "--" on; npm users type it out of habit.
  const argv = args[0] === '--' ? args.slice(1) : args;
  const config: MachineConfig = {
    memoryMiB: DEFAULT_MEMORY_MIB,
    cpus: 1,
    drives: [],
    noReboot: false,
    snapshot: false,
    jit: true,
    nographic: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (!raw.startsWith('-') || raw === '-' || raw === '--') {
      fail(`unexpected argument '${raw}' (disk images go in -drive file=${raw},if=virtio)`);
    }
    // QEMU accepts every option with one dash or two.
    const opt = raw.startsWith('--') ? raw.slice(1) : raw;
    if (opt === '-user') {
      if (i > 0) fail('--user must come first: it takes no machine options');
      const program = argv[i + 1];
      if (program === undefined) fail('--user needs a program to run');
      return { kind: 'user', program: program!, args: argv.slice(i + 2) };
    }
    if (opt === '-h' || opt === '-help') return { kind: 'help' };
    if (opt === '-version') return { kind: 'version' };

    let value = '';
    if (WITH_VALUE.has(opt)) {
      const v = argv[++i];
      if (v === undefined) fail(`option '${raw}' needs an argument`);
      value = v!;
    }
    switch (opt) {
      case '-kernel':
        config.kernel = value;
        break;
      case '-initrd':
        config.initrd = value;
        break;
      case '-append':
        config.append = value;
        break;
      case '-m':
        config.memoryMiB = parseMemorySize(value);
        break;
      case '-smp':
        config.cpus = parseSmp(value);
        break;
      case '-drive':
        config.drives.push(parseDrive(value));
        break;
      case '-nographic':
        break;
      case '-no-reboot':
        config.noReboot = true;
        break;
      case '-snapshot':
        config.snapshot = true;
        break;
      case '-no-jit':
        config.jit = false;
        break;
      default:
        fail(`unknown option '${raw}' (see ztab --help)`);
    }
  }
  // As in QEMU: an initrd belongs to a kernel given on the same command line.
  if (config.initrd !== undefined && config.kernel === undefined) fail('-initrd needs -kernel');
  return { kind: 'machine', config };
}

export const USAGE = `usage: ztab [options]
       ztab --user PROGRAM [ARGS...]

Runs an s390x Linux guest on the ztab virtual machine, console on this terminal.
With no -kernel it boots the default guest from public/guest/ (build it with
\`pnpm guest\`): its kernel, initramfs and command line, and its data disk with
writes kept in memory.

Machine options (as in qemu-system-s390x):
  -kernel FILE         Linux kernel image to boot (s390x image or ELF)
  -initrd FILE         initial RAM disk (needs -kernel)
  -append CMDLINE      kernel command line
  -m SIZE              guest memory, MiB or with a K/M/G/T suffix (default ${DEFAULT_MEMORY_MIB}M)
  -smp N               number of CPUs (default 1)
  -drive file=PATH,if=virtio[,format=raw][,readonly=on]
                       add a virtio-blk disk; repeatable; ",," is a comma in PATH
  -nographic           console on stdio (the default; there is no other)
  -no-reboot           exit when the guest reboots
  -snapshot            keep guest writes to disks in memory, drop them at exit

ztab options:
  --no-jit             interpret only: translate no guest code to WebAssembly

User mode:
  --user PROGRAM [ARGS...]
                       run one s390x Linux program, without a kernel

Other:
  -h, --help           show this help
  --version            show the version
`;
