// After one visit, Candor opens and works with no network at all.
import { test, expect, openCandor } from './fixtures.js';

test('after one visit Candor loads and works offline', async ({ page, context, consoleErrors }) => {
  await openCandor(page);
  // The service worker has the app's files once it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.locator('#app-status')).toContainText('Candor is saved on this device');
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  const field = page.getByRole('textbox', { name: 'What happened, in one or two sentences?' });
  await expect(field).toBeVisible();
  await field.fill('Our network is down, and so is yours.');
  await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Our network is down, and so is yours.');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/Our network is down, and so is yours\./);
  await context.setOffline(false);
  expect(consoleErrors).toEqual([]);
});
