// Printing prints the notice alone; keyboard users can copy and share.
import { test, expect, openCandor } from './fixtures.js';
import { tabTo, pressButton } from './keyboard.js';

test('printing shows the notice and nothing else', async ({ page }) => {
  await openCandor(page);
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was down for everyone.');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('region', { name: 'Notice preview' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Search was down for everyone.');
  for (const hidden of ['.masthead', '.step-list', 'main.step']) {
    await expect(page.locator(hidden)).toBeHidden();
  }
  await page.screenshot({ path: 'results/print.png', fullPage: true });
});

test('copy and share with the keyboard alone, focus always visible', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCandor(page);
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was down.');
  await pressButton(page, page.locator('.step-link', { hasText: 'Check your notice' }));
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await pressButton(page, page.getByRole('button', { name: 'Copy the e-mail body' }));
  await expect(page.locator('#copy-status')).toHaveText(/^Copied the e-mail body/);
  // The focused button shows a visible outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
  await pressButton(page, page.getByRole('button', { name: 'Copy the link' }));
  await expect(page.locator('#share-status')).toHaveText(/^Copied the link/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/#2/);
});

test('with reduced motion asked for, nothing on any step moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openCandor(page);
  const moving = () => page.evaluate(() => [...document.querySelectorAll('*')]
    .map((el) => {
      const style = getComputedStyle(el);
      const longest = (list) => Math.max(...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 1 : 1000)));
      return { el: el.tagName + (el.id ? `#${el.id}` : ''), ms: Math.max(longest(style.transitionDuration), longest(style.animationDuration)) };
    })
    .filter(({ ms }) => ms > 0.02));
  for (const step of ['What happened?', 'When did it happen?', 'Check your notice']) {
    await page.locator('.step-link', { hasText: step }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(step);
    expect(await moving(), `${step}: something still animates`).toEqual([]);
  }
  // The page's own rule is what cuts motion: every element gets it.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).animationDuration))).toBeCloseTo(0.00001, 8);
});
