import { expect, test } from '@playwright/test';

test('the page shows an xterm terminal with the ztab banner', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto('./');
  const terminal = page.locator('#terminal .xterm');
  await expect(terminal).toBeVisible();
  const rows = terminal.locator('.xterm-rows');
  await expect(rows).toContainText('ztab: an s390x (z/Architecture) virtual machine in a browser tab');
  await expect(rows).toContainText(/Default guest: Debian Linux \S+-s390x|No default guest is built yet/);

  // Fitted to the window: the terminal fills the page, less its padding.
  const box = await terminal.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThan(viewport.width * 0.9);
  expect(box!.height).toBeGreaterThan(viewport.height * 0.85);

  const shot = testInfo.outputPath('terminal.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('terminal', { path: shot, contentType: 'image/png' });
  expect(errors).toEqual([]);
});

test('the terminal refits when the window is resized', async ({ page }) => {
  await page.goto('./');
  const rows = page.locator('#terminal .xterm-rows > div');
  await expect(page.locator('#terminal .xterm-rows')).toContainText('ztab');
  const before = await rows.count();
  await page.setViewportSize({ width: 800, height: 300 });
  await expect.poll(() => rows.count()).toBeLessThan(before);
});
