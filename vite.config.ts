import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One config for the site (apps/web) and for the unit tests of every package.
export default defineConfig({
  root: here('./apps/web'),
  publicDir: here('./public'),
  base: './',
  build: { outDir: here('./dist'), emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  server: { port: 5173 },
  test: {
    root: here('.'),
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default in run mode is one worker fewer than the cores: a single worker
    // on CI's 2-core machine. Most files are single-threaded CPU work and a few wait on
    // qemu/objdump/gcc children, so two workers finish in about half the time; the heavy
    // oracle tests carry their own generous timeouts for the shared cores.
    maxWorkers: 2,
  },
});
