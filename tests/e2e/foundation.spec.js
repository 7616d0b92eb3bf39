import { test, expect, openCandor, a11yViolations } from './fixtures.js';

test('typing what happened shows it in the notice preview', async ({ page, consoleErrors }) => {
  await openCandor(page);
  const preview = page.getByRole('region', { name: 'Notice preview' });
  await expect(preview).toContainText('[what happened?]');

  const field = page.getByRole('textbox', { name: 'What happened, in one or two sentences?' });
  await field.focus();
  await page.keyboard.type('all e-mail sent to our support queues was lost');
  await expect(preview).toContainText('All e-mail sent to our support queues was lost.');
  await expect(preview).not.toContainText('[what happened?]');
  expect(consoleErrors).toEqual([]);
});

test('hostile text shows literally and runs nothing', async ({ page, consoleErrors }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await openCandor(page);
  const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  await page.getByRole('textbox', { name: 'What happened, in one or two sentences?' }).fill(payload);
  const preview = page.getByRole('region', { name: 'Notice preview' });
  await expect(preview).toContainText(payload);
  await expect(preview.locator('img, script')).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('the page has no accessibility violations', async ({ page }) => {
  await openCandor(page);
  expect(await a11yViolations(page)).toEqual([]);
});

test('a wasm module that fails to load is explained on the page', async ({ page, consoleErrors }) => {
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Candor could not start');
  await expect(alert).toBeVisible();
  // The failure is also logged for whoever opens the console.
  expect(consoleErrors.join('\n')).toContain('Candor could not start');
});
