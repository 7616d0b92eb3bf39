// axe-core on every step, the drafts list and an error state, in light and
// dark themes: no serious or critical violation anywhere.
import { test, expect, openCandor, seriousA11yViolations } from './fixtures.js';

for (const scheme of ['light', 'dark']) {
  test(`every step, the drafts list and a time error pass axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openCandor(page);
    const found = [];
    const steps = page.locator('.step-link');
    const count = await steps.count();
    for (let i = 0; i < count; i++) {
      await steps.nth(i).click();
      const title = await page.getByRole('heading', { level: 1 }).innerText();
      found.push(...(await seriousA11yViolations(page)).map((v) => `${title}: ${v}`));
    }
    // An error state: a time that does not exist, and a zone search with no match.
    await page.locator('.step-link', { hasText: 'When did it happen?' }).click();
    await page.locator('#start-zone').fill('America/New_York');
    await page.locator('#start-zone').press('Tab');
    await page.locator('#start-date').fill('2027-03-14');
    await page.locator('#start-time').fill('02:30');
    await page.locator('#end-ended').check();
    await page.locator('#end-zone').fill('Narnia');
    await expect(page.locator('#start-status')).toContainText('does not exist');
    found.push(...(await seriousA11yViolations(page)).map((v) => `time error: ${v}`));
    await page.getByRole('button', { name: /^Drafts/ }).click();
    found.push(...(await seriousA11yViolations(page)).map((v) => `drafts: ${v}`));
    expect(found).toEqual([]);
  });
}
