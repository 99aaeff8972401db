#!/usr/bin/env node
// `pnpm ztab`: bundles the CLI's TypeScript with esbuild (about a quarter of a second)
// and runs the bundle in this Node process, without a module loader hook. Under tsx's
// loader Node takes ~10 s to compile binaryen's 13 MB module (0.3 s without it), and the
// JIT's load blocks the machine's thread: a sixth of a boot, and slower hot paths.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
// Resolved from the JIT package, which depends on it (pnpm keeps it out of the root).
const binaryen = createRequire(here('../../../packages/jit/package.json')).resolve('binaryen');
// Beside src/ so that main.ts's import.meta.url still finds the repository root.
const out = here('../.bundle/ztab.mjs');
try {
  await build({
    entryPoints: [here('../src/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
    // binaryen stays outside the bundle, by absolute path: bundled, its top-level await
    // never settles (bench/guest.ts bundles the same way).
    alias: { binaryen },
    external: [binaryen],
  });
} catch {
  process.stderr.write('ztab: the command-line tool does not build (see the errors above)\n');
  process.exit(2);
}
await import(pathToFileURL(out).href);
