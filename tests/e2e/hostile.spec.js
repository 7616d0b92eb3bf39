// Hostile text in every field: nothing runs, no dialog opens, and every
// notice form shows the text literally.
import { test, expect, openCandor, cspViolationsIn } from './fixtures.js';

const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "javascript:window.__pwned = 4",
  '<a href="javascript:alert(1)">click</a>',
  '<iframe srcdoc="<script>parent.__pwned = 5</script>">',
  '</textarea><b>broken',
  '\u202Eevil\u200B\u200Dtext',
  'x'.repeat(5000),
];

test('hostile text in every field runs nothing and shows literally in every form', async ({ page, browser, consoleErrors, cspViolations }) => {
  void cspViolations;
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await openCandor(page);
  const payload = PAYLOADS.join(' ');

  const steps = ['What happened?', 'Who is affected?', 'What was lost or broken?', 'What must readers do?',
    'Why did it happen?', 'What will stop it happening again?', 'Your apology', 'Who is writing?'];
  for (const step of steps) {
    await page.getByRole('button', { name: new RegExp(`^\\d*\\.?\\s*${step.replace('?', '\\?')}`) }).first().click();
    if (step === 'What must readers do?') await page.getByLabel('Yes: list what they must do').check();
    if (step === 'Why did it happen?') await page.getByLabel('Yes', { exact: true }).check();
    const fields = page.locator('main textarea, main input[type="text"]');
    const count = await fields.count();
    for (let i = 0; i < count; i++) await fields.nth(i).fill(payload);
  }

  await page.getByRole('button', { name: /Check your notice/ }).click();
  const preview = page.getByRole('region', { name: 'Notice preview' });
  await expect(preview).toContainText('<script>window.__pwned = 1</script>');
  await expect(preview.locator('script, img, svg, iframe, a, b')).toHaveCount(0);

  const text = page.getByLabel('The notice, as text to copy');
  for (const form of ['E-mail (plain text)', 'Markdown (status pages, issue trackers)', 'HTML (rich e-mail)', 'Short post (280 characters)']) {
    await page.getByLabel(form).check();
    const value = await text.inputValue();
    expect(value.length).toBeGreaterThan(0);
    if (form.startsWith('HTML')) {
      expect(value).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
      expect(value).not.toContain('<script');
    }
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);

  // The same draft through a share link, opened by someone else.
  const link = await page.getByLabel('Link to this draft').inputValue();
  const reviewer = await browser.newContext();
  const other = await reviewer.newPage();
  other.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await other.goto(link);
  const shared = other.getByRole('region', { name: 'Notice preview' });
  await expect(shared).toContainText('<img src=x onerror="window.__pwned = 2">');
  await expect(shared.locator('script, img, svg, iframe, a, b')).toHaveCount(0);
  expect(await other.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  await reviewer.close();
  expect(await cspViolationsIn(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
