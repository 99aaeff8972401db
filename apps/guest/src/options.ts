import { resolve } from 'node:path';
import { GuestError } from './errors.ts';

export const USAGE = `usage: pnpm guest [--refresh] [--out DIR] [--cache DIR] [--sources FILE]

Builds the default ztab guest from Debian 12's s390x packages:
  vmlinuz, initramfs.cpio.gz, data.img and manifest.json in public/guest/.
A second run checks the files against manifest.json and does nothing.

  --refresh       fetch fresh package lists; rebuild if a package changed
  --out DIR       write the guest here (default: public/guest)
  --cache DIR     keep apt state and .deb files here (default: .cache/guest)
  --sources FILE  use this APT sources list instead of the host's
`;

export interface GuestArgs {
  refresh: boolean;
  outDir: string;
  cacheDir: string;
  sourcesList?: string;
}

export function parseGuestArgs(argv: readonly string[], root: string): GuestArgs | 'help' {
  const args: GuestArgs = {
    refresh: false,
    outDir: resolve(root, 'public/guest'),
    cacheDir: resolve(root, '.cache/guest'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new GuestError(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--refresh') args.refresh = true;
    else if (a === '--out') args.outDir = value();
    else if (a === '--cache') args.cacheDir = value();
    else if (a === '--sources') args.sourcesList = value();
    else throw new GuestError(`unknown option ${a} (see --help)`);
  }
  return args;
}
