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

// A panic in the release build is a WebAssembly trap (scripts/release.sh).
// Candor's own code has no way to panic on purpose, so a one-instruction
// module traps the same way, uncaught, as a panic inside an event handler
// would: the browser reports a WebAssembly.RuntimeError to the page.
test('a trap in the program is explained, and what was typed stays on the page', async ({ page }) => {
  await openCandor(page);
  const field = page.getByRole('textbox', { name: 'What happened, in one or two sentences?' });
  await field.fill('Mail to support was lost for three hours');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.evaluate(async () => {
    // (module (func (export "stop") unreachable))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
      7, 8, 1, 4, 115, 116, 111, 112, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const { instance } = await WebAssembly.instantiate(bytes);
    setTimeout(() => instance.exports.stop());
  });
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(
    'Candor hit an internal error and stopped. Your last changes may not be saved: ' +
    'copy what you wrote from the fields on this page, then reload it.',
  );
  await expect(alert).toBeVisible();
  await expect(field).toHaveValue('Mail to support was lost for three hours');
});

test('an error that is not a trap does not claim Candor stopped', async ({ page }) => {
  await openCandor(page);
  await page.evaluate(() => setTimeout(() => { throw new TypeError('from another script'); }));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  await expect(page.locator('#fatal')).toBeHidden();
});
