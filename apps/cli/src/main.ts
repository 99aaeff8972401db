/**
 * ztab: the headless runner. Exit status 2 means the command line or a file named
 * on it is wrong (one line on stderr says which); otherwise it is the machine's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './args.ts';
import { LoadError, loadMachine } from './load.ts';
import { runMachine } from './machine.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function version(): string {
  const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--trace-diff') {
    const guestDir = process.env.ZTAB_GUEST_DIR ?? `${repoRoot}public/guest`;
    return (await import('./trace-diff.ts')).runTraceDiff(argv.slice(1), guestDir);
  }
  if (argv[0] === '--disasm') return (await import('./disasm.ts')).runDisasm(argv.slice(1));
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`ztab ${version()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`ztab: ${parsed.message}\n`);
      return 2;
    case 'user': {
      const { runUser } = await import('./user.ts');
      return runUser(parsed.program, parsed.args);
    }
    case 'machine':
      try {
        const guestDir = process.env.ZTAB_GUEST_DIR ?? `${repoRoot}public/guest`;
        return await runMachine(await loadMachine(parsed.config, { guestDir }));
      } catch (e) {
        if (e instanceof LoadError) {
          process.stderr.write(`ztab: ${e.message}\n`);
          return 2;
        }
        throw e;
      }
  }
}

process.exitCode = await main(process.argv.slice(2));
