/**
 * pnpm guest [--refresh] [--out DIR] [--cache DIR] [--sources FILE]
 *
 * Builds the reference guest (Debian 12 s390x kernel, busybox initramfs, ext4 data
 * disk) into public/guest/. Expected failures end with one line and exit status 1.
 */
import { buildGuest, mib } from './build.ts';
import { GuestError } from './errors.ts';
import { parseGuestArgs, USAGE } from './options.ts';
import { REPO_ROOT } from './paths.ts';

function main(): number {
  try {
    const args = parseGuestArgs(process.argv.slice(2), REPO_ROOT);
    if (args === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const log = (line: string) => console.log(`ztab guest: ${line}`);
    const started = Date.now();
    const result = buildGuest({ ...args, log });
    if (result.status === 'up-to-date') {
      console.log('guest image up to date');
      return 0;
    }
    const { files, packages } = result.manifest;
    for (const f of Object.values(files)) log(`wrote ${f.path} (${mib(f.size)})`);
    log(`built from ${packages.map((p) => `${p.name} ${p.version}`).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    if (e instanceof GuestError) {
      console.error(`ztab guest: ${e.message}`);
      return 1;
    }
    // A file system refusal (no space, no permission on public/guest) is the
    // environment's doing, not a bug: one line, like every other expected failure.
    const errno = e as NodeJS.ErrnoException;
    if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
      console.error(`ztab guest: ${errno.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main();
