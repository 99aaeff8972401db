// Shared pieces of the e2e tests: reading the status bar, the terminal text, the
// test hook the page exposes (window.ztab) and terminal screenshots kept as artifacts.

import { expect, type Page, type TestInfo } from '@playwright/test';

export interface BarState {
  state: string;
  ips: number;
  instructions: number;
  message: string;
}

export async function statusBar(page: Page): Promise<BarState> {
  return page.locator('#status').evaluate((e) => {
    const d = (e as HTMLElement).dataset;
    return {
      state: d.state ?? '',
      ips: Number(d.ips ?? 0),
      instructions: Number(d.instructions ?? 0),
      message: e.querySelector('.message')?.textContent ?? '',
    };
  });
}

/** Guest instructions so far, straight from the worker (not the 500 ms status tick). */
export async function instructions(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.ztab!.api()!.status()).instructions);
}

export async function terminalText(page: Page): Promise<string> {
  return page.locator('#terminal .xterm-rows').innerText();
}

/** The whole console, scrollback included (xterm keeps only the visible rows in the DOM). */
export async function consoleText(page: Page): Promise<string> {
  return page.evaluate(() => window.ztab?.text() ?? '');
}

export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Waits until the page has its worker, disk and (unless ?boot=0) a booted machine. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.ztab !== undefined);
  await page.evaluate(() => window.ztab!.ready);
  await expect(page.locator('#download')).toHaveAttribute('data-percent', '100');
}

export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}
