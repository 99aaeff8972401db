import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEMORY_MIB, parseArgs, parseDrive, parseMemorySize, parseSmp, splitQemuOptions, USAGE,
  type MachineConfig, type ParsedArgs,
} from './args.ts';

const defaults: MachineConfig = {
  memoryMiB: DEFAULT_MEMORY_MIB,
  cpus: 1,
  drives: [],
  noReboot: false,
  snapshot: false,
  jit: true,
  nographic: true,
};

function machine(argv: string[]): MachineConfig {
  const r = parseArgs(argv);
  if (r.kind !== 'machine') throw new Error(`expected a machine config, got ${JSON.stringify(r)}`);
  return r.config;
}

function error(argv: string[]): string {
  const r: ParsedArgs = parseArgs(argv);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  expect(r.message).not.toContain('\n');
  return r.message;
}

describe('ztab command line', () => {
  it('with no flags asks for the default guest with 512M and one CPU', () => {
    expect(machine([])).toEqual(defaults);
    expect(machine([]).kernel).toBeUndefined();
  });

  it('takes -kernel, -initrd and -append for a direct kernel boot', () => {
    expect(machine(['-kernel', 'vmlinuz', '-initrd', 'initrd.gz', '-append', 'console=ttysclp0 quiet'])).toEqual({
      ...defaults,
      kernel: 'vmlinuz',
      initrd: 'initrd.gz',
      append: 'console=ttysclp0 quiet',
    });
  });

  it('accepts every option with two dashes too, as QEMU does', () => {
    expect(machine(['--kernel', 'k', '--m', '1G', '--smp', '2', '--no-reboot', '--snapshot', '--nographic'])).toEqual({
      ...defaults,
      kernel: 'k',
      memoryMiB: 1024,
      cpus: 2,
      noReboot: true,
      snapshot: true,
    });
  });

  it('lets -append change the default guest command line', () => {
    expect(machine(['-append', 'console=ttysclp0 loglevel=8'])).toEqual({ ...defaults, append: 'console=ttysclp0 loglevel=8' });
  });

  it('takes the last of a repeated single-valued option, as QEMU does', () => {
    expect(machine(['-m', '256', '-m', '1G']).memoryMiB).toBe(1024);
    expect(machine(['-kernel', 'a', '-kernel', 'b']).kernel).toBe('b');
  });

  it('sets the switches -no-reboot and -snapshot, and accepts -nographic', () => {
    expect(machine(['-no-reboot'])).toEqual({ ...defaults, noReboot: true });
    expect(machine(['-snapshot'])).toEqual({ ...defaults, snapshot: true });
    expect(machine(['--no-jit'])).toEqual({ ...defaults, jit: false });
    expect(machine(['-no-jit'])).toEqual({ ...defaults, jit: false });
    expect(machine(['-nographic'])).toEqual(defaults);
  });

  it('collects repeated -drive options in order', () => {
    expect(
      machine(['-drive', 'file=a.img,if=virtio', '-drive', 'file=b.img,if=virtio,format=raw,readonly=on']).drives,
    ).toEqual([
      { file: 'a.img', format: 'raw', readonly: false },
      { file: 'b.img', format: 'raw', readonly: true },
    ]);
  });

  it('answers --help, -h, -help, --version and -version', () => {
    for (const h of ['--help', '-h', '-help']) expect(parseArgs([h])).toEqual({ kind: 'help' });
    for (const v of ['--version', '-version']) expect(parseArgs([v])).toEqual({ kind: 'version' });
    expect(parseArgs(['-m', '1G', '--help'])).toEqual({ kind: 'help' });
  });

  it('hands --user and everything after it to user mode', () => {
    expect(parseArgs(['--user', './hello', '-m', '--help', 'x'])).toEqual({
      kind: 'user',
      program: './hello',
      args: ['-m', '--help', 'x'],
    });
    expect(parseArgs(['--user', '/bin/true'])).toEqual({ kind: 'user', program: '/bin/true', args: [] });
    expect(error(['--user'])).toBe('--user needs a program to run');
    expect(error(['-m', '1G', '--user', 'x'])).toBe('--user must come first: it takes no machine options');
  });

  it('skips a leading "--" that pnpm passes through', () => {
    expect(machine(['--', '-kernel', 'k']).kernel).toBe('k');
    expect(parseArgs(['--', '--help'])).toEqual({ kind: 'help' });
  });

  it('rejects unknown options, stray arguments and missing values in one line each', () => {
    expect(error(['-bogus'])).toBe("unknown option '-bogus' (see ztab --help)");
    expect(error(['--bogus'])).toBe("unknown option '--bogus' (see ztab --help)");
    expect(error(['-enable-kvm'])).toBe("unknown option '-enable-kvm' (see ztab --help)");
    expect(error(['disk.img'])).toBe("unexpected argument 'disk.img' (disk images go in -drive file=disk.img,if=virtio)");
    expect(error(['-kernel', 'k', '-'])).toMatch(/^unexpected argument '-'/);
    expect(error(['-kernel', 'k', '--', '-m', '1G'])).toMatch(/^unexpected argument '--'/);
    for (const opt of ['-kernel', '-initrd', '-append', '-m', '-smp', '-drive']) {
      expect(error([opt])).toBe(`option '${opt}' needs an argument`);
    }
  });

  it('requires -kernel for -initrd, as QEMU does', () => {
    expect(error(['-initrd', 'initrd.gz'])).toBe('-initrd needs -kernel');
  });

  it('reports bad -m, -smp and -drive values through the same one-line error', () => {
    expect(error(['-m', 'lots'])).toBe('-m lots: not a size (try 512M or 1G)');
    expect(error(['-smp', 'many'])).toMatch(/^-smp many: give a CPU count/);
    expect(error(['-drive', 'file=a.img,if=scsi'])).toBe('-drive file=a.img,if=scsi: only if=virtio is supported');
  });
});

describe('-m sizes', () => {
  it('reads plain numbers as MiB and scales K, M, G and T suffixes in either case', () => {
    expect(parseMemorySize('512')).toBe(512);
    expect(parseMemorySize('512M')).toBe(512);
    expect(parseMemorySize('512m')).toBe(512);
    expect(parseMemorySize('512MB')).toBe(512);
    expect(parseMemorySize('2G')).toBe(2048);
    expect(parseMemorySize('1.5G')).toBe(1536);
    expect(parseMemorySize('2048K')).toBe(2);
    expect(parseMemorySize('size=1G')).toBe(1024);
  });

  it('rejects sizes that are not whole MiB, zero, too big, or carry other suboptions', () => {
    expect(() => parseMemorySize('1000K')).toThrow('-m 1000K: memory must be a whole number of MiB');
    expect(() => parseMemorySize('0')).toThrow('-m 0: memory must be at least 1M');
    expect(() => parseMemorySize('4G')).toThrow('-m 4G: at most 4095M fits in a WebAssembly memory');
    expect(() => parseMemorySize('1T')).toThrow(/at most 4095M/);
    expect(() => parseMemorySize('1G,slots=2,maxmem=4G')).toThrow('only a size is supported');
    expect(() => parseMemorySize('-1G')).toThrow('not a size');
    expect(() => parseMemorySize('')).toThrow('not a size');
    expect(() => parseMemorySize('1X')).toThrow('not a size');
  });
});

describe('-smp', () => {
  it('takes a count, plain or as cpus=', () => {
    expect(parseSmp('1')).toBe(1);
    expect(parseSmp('cpus=4')).toBe(4);
    expect(parseSmp('248')).toBe(248);
  });

  it('rejects zero, too many, and topology options', () => {
    expect(() => parseSmp('0')).toThrow('-smp 0: between 1 and 248 CPUs');
    expect(() => parseSmp('249')).toThrow('between 1 and 248');
    expect(() => parseSmp('2,sockets=2')).toThrow(/sockets, cores, threads and maxcpus are not supported/);
    expect(() => parseSmp('')).toThrow(/give a CPU count/);
  });
});

describe('-drive', () => {
  it('needs file=, defaults to if=virtio and format=raw, and reads readonly as a QEMU boolean', () => {
    expect(parseDrive('file=disk.img')).toEqual({ file: 'disk.img', format: 'raw', readonly: false });
    for (const on of ['on', 'yes', 'true']) expect(parseDrive(`file=d,readonly=${on}`).readonly).toBe(true);
    for (const off of ['off', 'no', 'false']) expect(parseDrive(`file=d,readonly=${off}`).readonly).toBe(false);
  });

  it('reads ",," as a comma inside a value', () => {
    expect(splitQemuOptions('file=a,,b.img,if=virtio')).toEqual(['file=a,b.img', 'if=virtio']);
    expect(parseDrive('file=my,,disk.img,if=virtio').file).toBe('my,disk.img');
    expect(parseDrive('file=x=y.img').file).toBe('x=y.img');
  });

  it('rejects what it does not support, naming the whole -drive value', () => {
    expect(() => parseDrive('if=virtio')).toThrow('-drive if=virtio: file= is required');
    expect(() => parseDrive('file=')).toThrow('-drive file=: file= is empty');
    expect(() => parseDrive('file=d,if=ide')).toThrow('only if=virtio is supported');
    expect(() => parseDrive('file=d,format=qcow2')).toThrow('only format=raw is supported');
    expect(() => parseDrive('file=d,readonly=maybe')).toThrow('-drive readonly=maybe: expected on or off');
    expect(() => parseDrive('file=d,cache=none')).toThrow("unknown key 'cache' (supported: file, if, format, readonly)");
    expect(() => parseDrive('disk.img')).toThrow("expected key=value, got 'disk.img'");
    expect(() => parseDrive('file=d,')).toThrow("expected key=value, got ''");
  });
});

describe('--help text', () => {
  it('lists every flag the parser accepts', () => {
    for (const flag of ['-kernel', '-initrd', '-append', '-m', '-smp', '-drive', '-nographic', '-no-reboot', '-snapshot', '--user', '--help', '--version']) {
      expect(USAGE).toContain(flag);
    }
  });
});
