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
  },
});
