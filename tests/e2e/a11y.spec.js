// axe-core (WCAG 2.0-2.2 A and AA, and best practice) on every step, the
// drafts list, the share section and every error and question state, in
// light and dark themes: no violation of any impact anywhere.
import { test, expect, openCandor, a11yViolations } from './fixtures.js';

for (const scheme of ['light', 'dark']) {
  test(`every step, the drafts list and every error state pass axe (${scheme})`, async ({ page, browser }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openCandor(page);
    const found = [];
    const scan = async (where, onPage = page) =>
      found.push(...(await a11yViolations(onPage)).map((v) => `${where}: ${v}`));

    // A preset over typed words asks first (an alert dialog).
    await page.getByLabel('What happened, in one or two sentences?').fill('Search was down.');
    await page.locator('.step-link', { hasText: 'Your apology' }).click();
    await page.getByRole('textbox', { name: 'Your apology' }).fill('Sorry.');
    await page.locator('.step-link', { hasText: 'What happened?' }).click();
    await page.getByLabel('What kind of incident is it? (optional)').selectOption('Unavailable');
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await scan('preset question');
    await page.getByRole('button', { name: 'Keep what I wrote' }).click();

    // Every step, the check step with its share section included.
    const steps = page.locator('.step-link');
    const count = await steps.count();
    for (let i = 0; i < count; i++) {
      await steps.nth(i).click();
      await scan(await page.getByRole('heading', { level: 1 }).innerText());
    }

    // Update question: "mark update 1 as sent?" (an alert dialog).
    await page.locator('.step-link', { hasText: 'Is this one of a series of updates?' }).click();
    await page.getByRole('radio', { name: 'Yes, and we are investigating' }).check();
    await page.getByRole('button', { name: /I have sent update 1/ }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await scan('update question');
    await page.getByRole('button', { name: 'Not yet' }).click();

    // Time errors: a time that does not exist, a zone search with no match.
    await page.locator('.step-link', { hasText: 'When did it happen?' }).click();
    await page.locator('#start-zone').fill('America/New_York');
    await page.locator('#start-zone').press('Tab');
    await page.locator('#start-date').fill('2027-03-14');
    await page.locator('#start-time').fill('02:30');
    await page.locator('#end-ended').check();
    await page.locator('#end-zone').fill('Narnia');
    await expect(page.locator('#start-status')).toContainText('does not exist');
    await scan('time error');
    // A time that happens twice asks which one.
    await page.locator('#start-date').fill('2027-11-07');
    await page.locator('#start-time').fill('01:30');
    await expect(page.getByRole('group', { name: 'This time happens twice. Which one do you mean?' })).toBeVisible();
    await scan('time question');

    await page.getByRole('button', { name: /^Drafts/ }).click();
    await scan('drafts');

    // A damaged stored draft, and a bad share link: their warnings.
    await page.evaluate(() => localStorage.setItem('candor:v1:draft:dbroken', '{"schema": 1, "draft": {"what_happ'));
    await page.goto('/#1AAhello');
    await expect(page.getByRole('alert')).toContainText('No draft stored here was changed.');
    await scan('bad link and damaged draft');

    // Storage refused: the lasting warning.
    const refused = await browser.newPage({ colorScheme: scheme });
    await refused.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    await openCandor(refused, page.url().split('#')[0]);
    await expect(refused.getByRole('alert')).toContainText('Export all drafts');
    await scan('storage refused', refused);
    await refused.close();

    expect(found).toEqual([]);
  });
}
