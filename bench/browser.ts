// The boot in headless Chromium: the production build (vite build into a private
// directory, so a concurrent e2e run's dist/ is left alone) served by vite preview, the
// page opened as a user would, and the time from navigation to the busybox prompt in the
// terminal. The page's own status (window.ztab.status(): instructions, JIT share) and the
// status bar's text are read at the prompt.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './guest.ts';

/** busybox sh with the guest's PS1 as root, at the end of the console (e2e/boot.spec.ts). */
const PROMPT_SRC = '(^|\\n)[~/][^\\n]* # ?$';
/** The page prints this line when a machine starts (apps/web/src/main.ts). */
const BOOT_MARKER = '[ztab: booting the guest]';

export interface BrowserResult {
  chromium: string;
  buildS: number;
  /** Navigation to the page's boot marker (page, worker, guest files). */
  toBootStartS: number;
  /** Navigation to the prompt in the terminal. */
  toPromptS: number;
  instructions: number | null;
  jitShare: number | null;
  statusBar: string;
}

interface PageStatus { instructions: number; jitShare: number; state: string; message: string }
interface PageHook { ztab?: { text: () => string; status: () => PageStatus | null } }

async function waitHttp(url: string, seconds: number, child: ChildProcess): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    if (Date.now() - t0 > seconds * 1000) throw new Error(`vite preview did not answer at ${url} in ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function browserBoot(timeoutS: number, log: (s: string) => void): Promise<BrowserResult> {
  const exe = process.env.ZTAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) throw new Error(`no Chromium at ${exe} (set ZTAB_CHROMIUM)`);
  const version = spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const out = join(ROOT, '.cache/bench-dist');
  mkdirSync(out, { recursive: true });
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const b0 = performance.now();
  const build = spawnSync(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed: ${(build.stderr || build.stdout).slice(-600)}`);
  const buildS = (performance.now() - b0) / 1000;
  log(`browser: vite build ${buildS.toFixed(1)} s`);

  // A port of its own: e2e's preview (4173) may be up for someone else's run.
  const port = Number(process.env.ZTAB_BENCH_PORT ?? 4191);
  const preview = spawn(process.execPath, [vite, 'preview', '--outDir', out, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
  const { chromium } = await import('@playwright/test');
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitHttp(url, 60, preview);
    browser = await chromium.launch({
      executablePath: exe,
      // playwright.config.ts's flags: headless, and no dialling out from this offline host.
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForFunction((m) => ((globalThis as unknown as PageHook).ztab?.text() ?? '').includes(m), BOOT_MARKER, { timeout: 120_000, polling: 100 });
    const toBootStartS = (performance.now() - t0) / 1000;
    log(`browser: boot started ${toBootStartS.toFixed(1)} s after navigation`);
    await page.waitForFunction(([m, p]) => {
      const h = (globalThis as unknown as PageHook).ztab;
      const all = (h?.text() ?? '').trimEnd();
      const at = all.lastIndexOf(m!);
      const st = h?.status();
      if (st && (st.state === 'stopped' || st.state === 'error')) throw new Error(`machine ${st.state}: ${st.message}`);
      return at >= 0 && new RegExp(p!).test(all.slice(at + m!.length));
    }, [BOOT_MARKER, PROMPT_SRC], { timeout: timeoutS * 1000, polling: 100 });
    const toPromptS = (performance.now() - t0) / 1000;
    const st = await page.evaluate(() => (globalThis as unknown as PageHook).ztab?.status() ?? null);
    // The bar updates twice a second; give it one tick to show the state at the prompt.
    await page.waitForTimeout(600);
    const statusBar = (await page.locator('#status').innerText()).replace(/\s+/g, ' ').trim();
    if (errors.length) log(`browser: page errors: ${errors.join('; ').slice(0, 300)}`);
    return { chromium: version, buildS, toBootStartS, toPromptS, instructions: st?.instructions ?? null, jitShare: st?.jitShare ?? null, statusBar };
  } finally {
    await browser?.close().catch(() => undefined);
    preview.kill('SIGTERM');
  }
}
