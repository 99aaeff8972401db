// The data disk in IndexedDB: a copy-on-write overlay over the HTTP base image, written
// through the real block backend in the real worker (the page's test hook), surviving
// reloads and browser crashes after a flush; reset, export, import. ?boot=0 keeps the
// guest itself off the disk. (Storage failures becoming I/O errors are unit-tested in
// packages/browser: Chromium's DevTools quota override does not make IndexedDB refuse
// writes here, so there is no real way yet to fill the quota in a test.)

import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, expect, test, type Page } from '@playwright/test';
import { ready, shot } from './helpers.ts';

const AT = 1024 * 1024 + 512;
const pattern = (seed: number) => Array.from({ length: 1024 }, (_, i) => (i * 31 + seed) & 0xff);

async function diskRead(page: Page, offset: number, length: number): Promise<number[]> {
  return page.evaluate(async ([o, n]) => [...await window.ztab!.api()!.diskRead(o!, n!)], [offset, length]);
}
async function diskWrite(page: Page, offset: number, bytes: number[]): Promise<void> {
  await page.evaluate(async ([o, b]) => window.ztab!.api()!.diskWrite(o as number, Uint8Array.from(b as number[])), [offset, bytes] as const);
}
async function diskFlush(page: Page): Promise<void> {
  await page.evaluate(async () => window.ztab!.api()!.diskFlush());
}
/** The base image's bytes, straight from the server. */
async function baseBytes(page: Page, offset: number, length: number): Promise<number[]> {
  return page.evaluate(async ([o, n]) => {
    const r = await fetch('guest/data.img', { headers: { Range: `bytes=${o}-${o! + n! - 1}` } });
    return [...new Uint8Array(await r.arrayBuffer())];
  }, [offset, length]);
}

test('writes survive a reload; Reset disk drops them', async ({ page }, testInfo) => {
  await page.goto('./?boot=0');
  await ready(page);
  const base = await baseBytes(page, AT, 1024);
  expect(base).toHaveLength(1024);
  expect(await diskRead(page, AT, 1024)).toEqual(base);
  expect(await page.evaluate(() => window.ztab!.disk()!.persistent)).toBe(true);

  await diskWrite(page, AT, pattern(1));
  await diskFlush(page);
  await page.reload();
  await ready(page);
  expect(await diskRead(page, AT, 1024)).toEqual(pattern(1));
  expect(await page.evaluate(() => window.ztab!.disk()!.overlayChunks)).toBe(1);
  // Around the write, the base shows through the same chunk.
  expect(await diskRead(page, AT - 512, 512)).toEqual(await baseBytes(page, AT - 512, 512));

  await page.getByRole('button', { name: 'Reset disk' }).click();
  await expect(page.locator('#notice')).toContainText('original image');
  expect(await diskRead(page, AT, 1024)).toEqual(base);
  await page.reload();
  await ready(page);
  expect(await diskRead(page, AT, 1024)).toEqual(base);
  expect(await page.evaluate(() => window.ztab!.disk()!.overlayChunks)).toBe(0);
  await shot(page, testInfo, 'disk-reset');
});

test('a flushed write survives the browser being killed', async ({ baseURL }, testInfo) => {
  const profile = testInfo.outputPath('profile');
  mkdirSync(profile, { recursive: true });
  // Our own Chromium process with a persistent profile, so that it can be killed outright
  // (SIGKILL: no orderly shutdown that would write IndexedDB out anyway).
  const launch = async () => {
    const proc = spawn(process.env.ZTAB_CHROMIUM ?? '/usr/bin/chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ws = await new Promise<string>((resolve, reject) => {
      let err = '';
      const t = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 20_000);
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) { clearTimeout(t); resolve(m[1]!); }
      });
      proc.on('exit', () => reject(new Error(`Chromium exited: ${err}`)));
    });
    const browser = await chromium.connectOverCDP(ws);
    const page = await browser.contexts()[0]!.newPage();
    return { proc, browser, page };
  };

  const first = await launch();
  try {
    await first.page.goto(`${baseURL}?boot=0`);
    await ready(first.page);
    await diskWrite(first.page, AT, pattern(2));
    await diskFlush(first.page);
  } finally {
    const gone = new Promise((r) => first.proc.once('exit', r));
    first.proc.kill('SIGKILL');
    await gone;
  }

  const second = await launch();
  try {
    await second.page.goto(`${baseURL}?boot=0`);
    await ready(second.page);
    expect(await diskRead(second.page, AT, 1024)).toEqual(pattern(2));
  } finally {
    await second.browser.close().catch(() => undefined);
    const gone = new Promise((r) => second.proc.once('exit', r));
    if (second.proc.exitCode === null) second.proc.kill('SIGKILL');
    await gone;
  }
});

test('export downloads the disk as it reads now; import replaces it', async ({ page }, testInfo) => {
  await page.goto('./?boot=0');
  await ready(page);
  await diskWrite(page, AT, pattern(3));
  const size = await page.evaluate(() => window.ztab!.disk()!.size);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export disk' }).click()]);
  const path = testInfo.outputPath('exported.img');
  await download.saveAs(path);
  const { readFileSync } = await import('node:fs');
  const exported = readFileSync(path);
  expect(exported.length).toBe(size);
  expect([...exported.subarray(AT, AT + 1024)]).toEqual(pattern(3));
  expect([...exported.subarray(0, 1024)]).toEqual(await baseBytes(page, 0, 1024));

  const image = Buffer.alloc(1024 * 1024);
  image.fill(0x42, 4096, 8192);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import disk…' }).click()]);
  await chooser.setFiles({ name: 'mine.img', mimeType: 'application/octet-stream', buffer: image });
  await expect(page.locator('#notice')).toContainText('mine.img');
  expect(await page.evaluate(() => window.ztab!.disk()!.size)).toBe(image.length);
  await page.reload();
  await ready(page);
  expect(await diskRead(page, 4096 - 512, 1024)).toEqual([...new Array(512).fill(0), ...new Array(512).fill(0x42)]);

  // Reset disk goes back to the guest's own image, at its own size.
  await page.getByRole('button', { name: 'Reset disk' }).click();
  await expect(page.locator('#notice')).toContainText('original image');
  expect(await page.evaluate(() => window.ztab!.disk()!.size)).toBe(size);
});
