/**
 * The one place where the CLI hands a loaded configuration to the machine: it builds the
 * machine from `loaded`, wires the console to stdio and disks to files, runs it, and
 * returns the exit status (0 power-off or reboot with -no-reboot, 1 the guest stopped in
 * a disabled wait or failed, 2 the kernel or initrd cannot be booted).
 */
import { gunzipSync } from 'node:zlib';
import { ConfigError, IplError, Machine } from '@ztab/machine';
import { attachStdio } from './console.ts';
import { openDrive, type OpenedDrive } from './drive.ts';
import type { LoadedMachine } from './load.ts';

/** A gzip initrd must inflate completely; a truncated one would only fail inside the guest. */
export function checkInitrdFile(bytes: Uint8Array): string | null {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return null;
  try {
    gunzipSync(bytes, { maxOutputLength: 1 << 30 });
    return null;
  } catch (e) {
    return `not a complete gzip file (${(e as Error).message})`;
  }
}

export async function runMachine(loaded: LoadedMachine): Promise<number> {
  if (loaded.initrd) {
    const bad = checkInitrdFile(loaded.initrd.bytes);
    if (bad) {
      process.stderr.write(`ztab: -initrd ${loaded.initrd.path}: ${bad}\n`);
      return 2;
    }
  }
  const drives: OpenedDrive[] = [];
  for (const d of loaded.drives) drives.push(await openDrive(d));
  let machine: Machine;
  try {
    machine = new Machine({
      memoryMiB: loaded.config.memoryMiB,
      cpus: loaded.config.cpus,
      kernel: loaded.kernel.bytes,
      ...(loaded.initrd ? { initrd: loaded.initrd.bytes } : {}),
      cmdline: loaded.cmdline,
      drives: drives.map((d) => d.backend),
      noReboot: loaded.config.noReboot,
      jit: loaded.config.jit,
    });
  } catch (e) {
    if (e instanceof IplError || e instanceof ConfigError) {
      const what = e instanceof IplError ? `-kernel ${loaded.kernel.path}: ` : '';
      process.stderr.write(`ztab: ${what}${e.message}\n`);
      for (const d of drives) await d.file.close();
      return 2;
    }
    throw e;
  }
  const con = attachStdio({
    input: (b) => machine.input(b),
    quit: () => machine.halt('terminated by Ctrl-A x', 0),
    message: (t) => process.stdout.write(t),
  });
  machine.events.console = (b) => con.write(b);
  // The guest still runs without the JIT, only slower: say so once, on stderr.
  machine.events.status = (s) => {
    if (s.kind === 'jit' && !s.ready) process.stderr.write(`ztab: the JIT is not available (${s.error}); interpreting\n`);
  };
  const onSignal = (sig: string) => machine.halt(`terminated by ${sig}`, 0);
  const onTerm = () => onSignal('SIGTERM');
  const onHup = () => onSignal('SIGHUP');
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  let exit;
  try {
    exit = await machine.run();
  } finally {
    con.close();
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
    for (const d of drives) {
      await d.backend.flush().catch(() => undefined);
      await d.file.close();
    }
  }
  if (exit.code !== 0 || exit.reason === 'halted') process.stderr.write(`\r\nztab: ${exit.message}\n`);
  return exit.code;
}
