// The machine in its worker: download, boot, the instruction counter, pause, resume,
// power off. These do not need the guest to reach a shell.

import { expect, test } from '@playwright/test';
import { collectErrors, instructions, ready, shot, statusBar } from './helpers.ts';

test('the guest download reaches 100% and the machine runs with a non-zero instruction rate', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const seen: number[] = [];
  await page.exposeFunction('__progress', (p: number) => seen.push(p));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const p = document.querySelector<HTMLElement>('#download')?.dataset.percent;
      if (p !== undefined) (window as unknown as { __progress(p: number): void }).__progress(Number(p));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-percent'] });
  });
  await page.goto('./');
  await ready(page);
  await expect(page.locator('#download progress')).toHaveJSProperty('value', 100);
  expect(seen.at(-1)).toBe(100);
  expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);

  // Running or idle (a guest waiting for input); either way it has executed instructions.
  await expect.poll(async () => (await statusBar(page)).state, { timeout: 15_000 }).toMatch(/^(running|idle)$/);
  await expect.poll(async () => (await statusBar(page)).ips, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.locator('#status .ips')).toHaveText(/\d(\.\d)? [kMG]?\/s/);
  // binaryen loads in the background; once it has, the decompressor's loops run translated.
  await expect.poll(async () => Number((await page.locator('#status .jit').textContent())?.match(/^JIT (\d+)%$/)?.[1] ?? -1),
    { timeout: 30_000 }).toBeGreaterThan(0);
  await shot(page, testInfo, 'running');
  expect(errors).toEqual([]);
});

test('pause stops the instruction counter, resume restarts it', async ({ page }, testInfo) => {
  await page.goto('./');
  await ready(page);
  await expect.poll(() => instructions(page), { timeout: 15_000 }).toBeGreaterThan(0);
  const state = (await statusBar(page)).state;
  test.skip(state === 'stopped' || state === 'error', `the machine stopped on its own before the test could pause it: ${(await statusBar(page)).message}`);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  const atPause = await instructions(page);
  await page.waitForTimeout(1000);
  expect(await instructions(page)).toBe(atPause);
  await shot(page, testInfo, 'paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('#status')).toHaveAttribute('data-state', /^(running|idle)$/);
  // An idle guest executes little, but its timer interrupts still run some code.
  await expect.poll(() => instructions(page), { timeout: 10_000 }).toBeGreaterThan(atPause);
});

test('power off stops the machine', async ({ page }, testInfo) => {
  await page.goto('./');
  await ready(page);
  await expect.poll(() => instructions(page), { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await statusBar(page);
  test.skip(before.state === 'stopped' || before.state === 'error', `the machine stopped on its own: ${before.message}`);
  await page.getByRole('button', { name: 'Power off' }).click();
  // The guest is asked to shut down (SCLP quiesce); without an answer the host stops it after 5 s.
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'stopped', { timeout: 15_000 });
  await expect(page.locator('#status .message')).toHaveText(/powered off|shut down|all CPUs stopped/);
  const n = await instructions(page);
  await page.waitForTimeout(600);
  expect(await instructions(page)).toBe(n);
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled();
  await shot(page, testInfo, 'stopped');

  // Reset boots a fresh machine after a power-off.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.locator('#status')).toHaveAttribute('data-state', /^(running|idle)$/, { timeout: 15_000 });
});

test('a flood of console input does not stall the page', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  // 1 MiB of keystrokes into a guest that is not reading: bounded in the worker, the page stays responsive.
  const t0 = Date.now();
  await page.evaluate(() => window.ztab!.api()!.input(new TextEncoder().encode('x'.repeat(1 << 20))));
  await expect(page.locator('#notice')).toContainText(/bytes of input dropped/);
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(Date.now() - t0).toBeLessThan(10_000);
});
