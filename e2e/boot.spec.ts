// Booting Debian's s390x kernel and busybox in the page, as a user would: the shell
// prompt on the console, a command, a file on the data disk that outlives a reload
// until Reset disk.
//
// Real tests of the whole stack, with the JIT as a user gets it. A boot that does not
// reach the prompt in time fails, naming the state, how far the kernel got and the last
// console line; the screenshot is kept with the results.

import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { consoleText, ready, shot, statusBar } from './helpers.ts';

/**
 * How long one boot may take in the browser (raise it for a slow host). A boot takes
 * about a minute on a loaded 2-core machine (see the note in apps/web/README.md or the
 * benchmarks); the bound is well above that so that it only catches real hangs.
 */
const BOOT_MS = Number(process.env.ZTAB_E2E_BOOT_MS ?? 240_000);
/** busybox sh with the guest's PS1 ('${PWD/$HOME/~} \$ ') as root, at the end of the console. */
const PROMPT = /(^|\n)[~/][^\n]* # ?$/;
/** Linux prints this when it starts the initramfs's /init: userspace from here on. */
const USERSPACE = 'Run /init as init process';
/** The page prints this line when a machine starts (apps/web/src/main.ts). */
const BOOT_MARKER = '[ztab: booting the guest]';

/** The console since the latest boot began. */
async function thisBoot(page: Page): Promise<string> {
  const all = (await consoleText(page)).trimEnd();
  const at = all.lastIndexOf(BOOT_MARKER);
  return at < 0 ? '' : all.slice(at + BOOT_MARKER.length);
}

/** Waits for the shell prompt of the current boot; returns how long it took (ms). */
async function bootToPrompt(page: Page, testInfo: TestInfo, what: string): Promise<number> {
  await expect.poll(() => consoleText(page)).toContain(BOOT_MARKER);
  const t0 = Date.now();
  let text = '';
  for (;;) {
    text = await thisBoot(page);
    if (PROMPT.test(text)) {
      const ms = Date.now() - t0;
      testInfo.annotations.push({ type: 'boot', description: `${what}: prompt after ${(ms / 1000).toFixed(1)} s` });
      console.log(`[boot] ${what}: shell prompt after ${(ms / 1000).toFixed(1)} s`);
      return ms;
    }
    const s = await statusBar(page);
    const over = Date.now() - t0 > BOOT_MS;
    if (over || s.state === 'stopped' || s.state === 'error') {
      await shot(page, testInfo, `no-prompt-${what}`);
      const last = text.split('\n').filter((l) => l.trim()).at(-1) ?? '(no console output)';
      const where = text.includes(USERSPACE) ? 'userspace started but no shell prompt' : 'the kernel did not reach userspace';
      throw new Error(`${what}: ${where} (${s.state}${s.message ? `: ${s.message}` : ''} after ${Math.round((Date.now() - t0) / 1000)} s); last console line: ${JSON.stringify(last.slice(0, 160))}`);
    }
    await page.waitForTimeout(500);
  }
}

/** Types a command and waits for the next prompt; returns what the command printed. */
async function run(page: Page, command: string): Promise<string> {
  const before = (await consoleText(page)).trimEnd();
  await page.locator('#terminal').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  let now = before;
  await expect.poll(async () => {
    now = (await consoleText(page)).trimEnd();
    return now.length > before.length + command.length && PROMPT.test(now);
  }, { timeout: 30_000 }).toBe(true);
  // The lines between the echoed command and the new prompt.
  const lines = now.slice(before.length).split('\n');
  return lines.slice(1, -1).join('\n').trim();
}

test.describe.serial('the Debian guest', () => {
  test('boots to the shell prompt; uname -m prints s390x', async ({ page }, testInfo) => {
    test.setTimeout(BOOT_MS + 60_000);
    await page.goto('./');
    await ready(page);
    await bootToPrompt(page, testInfo, 'first boot');
    await shot(page, testInfo, 'prompt');
    expect(await run(page, 'uname -m')).toBe('s390x');
    await shot(page, testInfo, 'uname');
  });

  test('a file written on the data disk and synced survives a reload; Reset disk removes it', async ({ page }, testInfo) => {
    test.setTimeout(3 * BOOT_MS + 90_000);
    const stamp = `ztab-e2e-${Date.now()}`;
    await page.goto('./');
    await ready(page);
    await bootToPrompt(page, testInfo, 'first boot');
    expect(await thisBoot(page)).toContain('/dev/vda is mounted on /mnt');
    await run(page, `echo ${stamp} > /mnt/e2e.txt && sync`);
    expect(await run(page, 'cat /mnt/e2e.txt')).toBe(stamp);

    await page.reload();
    await ready(page);
    await bootToPrompt(page, testInfo, 'after reload');
    expect(await run(page, 'cat /mnt/e2e.txt')).toBe(stamp);
    await shot(page, testInfo, 'file-after-reload');

    await page.getByRole('button', { name: 'Reset disk' }).click();
    await expect(page.locator('#notice')).toContainText('original image');
    // Reset disk restarted the machine: the console gets a new boot marker.
    await expect.poll(async () => (await consoleText(page)).split(BOOT_MARKER).length).toBeGreaterThan(2);
    await bootToPrompt(page, testInfo, 'after Reset disk');
    expect(await run(page, 'cat /mnt/e2e.txt 2>&1')).toMatch(/No such file/);
    expect(await run(page, 'cat /mnt/hello.txt')).toBe('Hello from the ztab data disk.');
    await shot(page, testInfo, 'after-disk-reset');
  });
});
