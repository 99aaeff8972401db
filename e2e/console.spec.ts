// The console path under load, with a real guest: a bare-metal s390x program
// (e2e/guests/flood.c, built here with s390x-linux-gnu-gcc) writes 100,000 lines to
// the SCLP VT220 console as fast as it can, then stops its CPU. The page must keep
// painting frames, show the end of the output, decode UTF-8 and colour sequences.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, consoleText, shot, statusBar } from './helpers.ts';

const guestSource = (name: string) => fileURLToPath(new URL(`./guests/${name}.c`, import.meta.url));

function build(name: string, out: string, defines: string[] = []): Uint8Array | string {
  const source = guestSource(name);
  try {
    execFileSync('s390x-linux-gnu-gcc', [
      '-O2', '-m64', '-march=z196', '-ffreestanding', '-fno-pic', '-fno-pie', '-no-pie', '-nostdlib', '-static',
      '-Wl,-Ttext=0x20000', '-Wl,-e,_start', '-Wl,--build-id=none', ...defines, '-o', out, source,
    ], { stdio: 'pipe' });
    return readFileSync(out);
  } catch (e) {
    return `s390x-linux-gnu-gcc could not build ${source}: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Serves a bare-metal kernel as the page's guest under DIR/ (?guest=DIR/), with a manifest. */
async function serveGuest(page: Page, dir: string, kernel: Uint8Array): Promise<void> {
  await page.route(`**/${dir}/manifest.json`, (r) => r.fulfill({
    json: { kernelRelease: `bare-metal ${dir}`, cmdline: '', packages: [], files: { kernel: { path: `${dir}.elf`, size: kernel.length, sha256: '' } } },
  }));
  await page.route(`**/${dir}/${dir}.elf`, (r) => r.fulfill({ body: Buffer.from(kernel), contentType: 'application/octet-stream' }));
}

/** A raw IPL image (short IPL PSW at 0, `body` at 0x200), assembled with binutils. */
function buildRaw(body: string, dir: string): Uint8Array | string {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/a.S`, `.section .text\n.org 0\n.long 0x00080000, 0x80000200\n.org 0x200\n${body}\n`);
    execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z196', '-o', `${dir}/a.o`, `${dir}/a.S`], { stdio: 'pipe' });
    execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', `${dir}/a.o`, `${dir}/a.bin`], { stdio: 'pipe' });
    return readFileSync(`${dir}/a.bin`);
  } catch (e) {
    return `binutils could not assemble the image: ${(e as Error).message.split('\n')[0]}`;
  }
}

test('a guest in an enabled wait shows as idle, with almost no instructions per second', async ({ page }, testInfo) => {
  const img = buildRaw('lpswe 0x300\n.org 0x300\n.quad 0x0102000180000000, 0', testInfo.outputDir);
  test.skip(typeof img === 'string', typeof img === 'string' ? img : '');
  await serveGuest(page, 'wait', img as Uint8Array);
  await page.goto('./?guest=wait/');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
  expect(Number(await page.locator('#status').getAttribute('data-ips'))).toBeLessThan(1000);
  await shot(page, testInfo, 'idle');
});

test('keystrokes and pastes reach the guest, its answers reach the terminal', async ({ page, context }, testInfo) => {
  const elf = build('echo', testInfo.outputPath('echo.elf'));
  test.skip(typeof elf === 'string', typeof elf === 'string' ? elf : '');
  const errors = collectErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await serveGuest(page, 'echo', elf as Uint8Array);
  await page.goto('./?guest=echo/');
  await expect.poll(() => consoleText(page), { timeout: 20_000 }).toContain('ztab echo ready');

  await page.locator('#terminal').click();
  await page.keyboard.type('hello s390x');
  await page.keyboard.press('Enter');
  await expect.poll(() => consoleText(page)).toContain('ECHO: HELLO S390X');

  // Ctrl+Shift+V pastes the clipboard into the guest (Ctrl+V would be the guest's key).
  await page.evaluate(() => navigator.clipboard.writeText('pasted wörds'));
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  // UTF-8 both ways: the guest upper-cases ASCII only and sends the other bytes back as they came.
  await expect.poll(() => consoleText(page)).toContain('ECHO: PASTED WöRDS');
  // Pasted once: by the browser's own paste, not also by a key handler.
  await page.waitForTimeout(300);
  expect((await consoleText(page)).match(/pasted wörds/g)).toHaveLength(1);

  // Ctrl+Shift+C copies the terminal's selection (a double click selects the banner's first word).
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('#terminal .xterm-screen').dblclick({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('ztab:');
  await shot(page, testInfo, 'echo');

  await page.keyboard.type('off');
  await page.keyboard.press('Enter');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'stopped', { timeout: 10_000 });
  await expect(page.locator('#status .message')).toHaveText(/all CPUs stopped/);
  expect(errors).toEqual([]);
});

test('a guest flooding the console keeps the page responsive and the end of its output on screen', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const elf = build('flood', testInfo.outputPath('flood.elf'), ['-DLINES=100000']);
  test.skip(typeof elf === 'string', typeof elf === 'string' ? elf : '');
  const kernel = elf as Uint8Array;
  const errors = collectErrors(page);
  await serveGuest(page, 'flood', kernel);
  await page.goto('./?guest=flood/');

  // Frames keep coming while the flood lasts: the longest gap between animation frames
  // over three seconds stays well under a second.
  await expect.poll(() => consoleText(page), { timeout: 20_000 }).toContain('ztab flood line');
  const worstFrameMs = await page.evaluate(() => new Promise<number>((resolve) => {
    let last = performance.now();
    let worst = 0;
    const end = last + 3000;
    const frame = (t: number) => {
      worst = Math.max(worst, t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else resolve(worst);
    };
    requestAnimationFrame(frame);
  }));
  expect(worstFrameMs).toBeLessThan(500);

  await expect.poll(() => consoleText(page), { timeout: 60_000 }).toContain('ztab flood done');
  await expect.poll(async () => (await statusBar(page)).state, { timeout: 10_000 }).toBe('stopped');
  expect((await statusBar(page)).message).toMatch(/all CPUs stopped/);
  const text = await consoleText(page);
  // The last lines arrived whole and in order; UTF-8 box drawing decoded, colour
  // sequences interpreted rather than printed.
  expect(text).toContain('ztab flood line 099999 ── green ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  expect(text).not.toContain('[32m');
  expect(text).not.toContain('â');
  // Lines come in order; where some are missing, the page says that output was dropped
  // (the worker keeps the newest megabyte when the page falls behind).
  let prev = -1;
  let noted = false;
  let gaps = 0;
  for (const line of text.split('\n')) {
    if (/\[ztab: \d+ bytes of console output dropped\]/.test(line)) noted = true;
    const m = /^ztab flood line (\d{6}) ── green ABCDEFGHIJKLMNOPQRSTUVWXYZ$/.exec(line);
    if (!m) continue;
    const n = Number(m[1]);
    if (prev >= 0 && n !== prev + 1) {
      expect(noted, `line ${n} follows ${prev} without a note`).toBe(true);
      gaps++;
    }
    noted = false;
    prev = n;
  }
  expect(prev).toBe(99_999);
  testInfo.annotations.push({ type: 'drops', description: `${gaps} gaps in the last screenful of scrollback` });
  await shot(page, testInfo, 'flood');
  expect(errors).toEqual([]);
});
