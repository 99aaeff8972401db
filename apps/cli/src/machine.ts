/**
 * The one place where the CLI hands a loaded configuration to the machine. The
 * machine (packages/machine) cannot boot a guest yet; when it can, this function
 * builds it from `loaded`, wires the console to stdio and disks to files, runs it,
 * and returns the exit status.
 */
import type { LoadedMachine } from './load.ts';

export async function runMachine(loaded: LoadedMachine): Promise<number> {
  const what = loaded.defaultGuest ? 'the default guest' : loaded.kernel.path;
  process.stderr.write(
    `ztab: all files are in order, but the machine cannot boot ${what} yet (packages/machine has no IPL and run loop)\n`,
  );
  return 1;
}
