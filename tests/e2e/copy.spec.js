// Copy each form of the notice and read the clipboard back; where the
// browser refuses, the text is selected and the keys are named.
import { test, expect, openCandor } from './fixtures.js';

async function toCheck(page) {
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was <down> & slow.');
  await page.getByRole('button', { name: /Check your notice/ }).click();
}

test('each form is copied and announced', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCandor(page);
  await toCheck(page);
  const status = page.locator('#copy-status');

  await page.getByRole('button', { name: 'Copy the subject' }).click();
  await expect(status).toHaveText(/^Copied the subject \(\d+ characters\)\.$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\[who is writing\?\] incident on/);

  await page.getByRole('button', { name: 'Copy the e-mail body' }).click();
  await expect(status).toHaveText(/^Copied the e-mail body \([\d,]+ characters\)\.$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Search was <down> & slow.');

  await page.getByLabel('Markdown (status pages, issue trackers)').check();
  await page.getByRole('button', { name: 'Copy the Markdown' }).click();
  await expect(status).toHaveText(/^Copied the Markdown/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Search was \\<down\\> \\& slow.');

  await page.getByLabel('HTML (rich e-mail)').check();
  await page.getByRole('button', { name: 'Copy as rich text' }).click();
  await expect(status).toHaveText(/^Copied the notice as rich text/);
  const rich = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      types: item.types,
      html: await (await item.getType('text/html')).text(),
      plain: await (await item.getType('text/plain')).text(),
    };
  });
  expect(rich.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
  expect(rich.html).toContain('Search was &lt;down&gt; &amp; slow.');
  expect(rich.plain).toContain('Search was <down> & slow.');

  await page.getByLabel('Short post (280 characters)').check();
  await page.getByRole('button', { name: 'Copy the short post' }).click();
  await expect(status).toHaveText(/^Copied the short post/);
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBeLessThanOrEqual(280);
});

test('without the Clipboard API the text is selected and Ctrl+C is named', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });
  await openCandor(page);
  await toCheck(page);
  await page.getByRole('button', { name: 'Copy the e-mail body' }).click();
  await expect(page.locator('#copy-status')).toHaveText(
    'Candor could not copy the e-mail body: this browser does not let web pages copy here. The text is selected in the box above: press Ctrl+C (Cmd+C on a Mac) to copy it.');
  const selected = await page.evaluate(() => {
    const area = document.getElementById('notice-text');
    return document.activeElement === area && area.selectionStart === 0 && area.selectionEnd === area.value.length;
  });
  expect(selected).toBe(true);
});
