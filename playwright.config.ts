import { defineConfig } from '@playwright/test';

const port = 4173;

/**
 * End-to-end tests run against the production build (dist/, made by `vite build`
 * in the e2e script) in Debian's Chromium: Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  // Every page runs a whole machine in a worker: tests side by side would compete for the
  // CPU and skew instruction rates and boot times.
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    // The terminal at the end of every test, kept with the results (test-results/).
    screenshot: 'on',
    launchOptions: {
      executablePath: process.env.ZTAB_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        // This machine has no network but the package registries: keep Chromium
        // from dialling out, which otherwise stalls and floods the log.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `pnpm exec vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
