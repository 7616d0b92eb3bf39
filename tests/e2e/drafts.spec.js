// Drafts that are never lost: saved as you type, back after a reload on the
// same step, followed across tabs, and safe from a damaged entry.
import { test, expect, openCandor } from './fixtures.js';

const WHAT = 'What happened, in one or two sentences?';

test('a draft comes back after a reload, on the same step', async ({ page, consoleErrors }) => {
  await openCandor(page);
  await page.getByLabel(WHAT).fill('Search was down for everyone.');
  await page.getByRole('button', { name: /Who is affected/ }).click();
  await page.getByLabel('Who is affected, or how can a reader tell if they are?').fill('every customer');
  await expect(page.locator('.save-status')).toHaveText(/^Saved \d\d:\d\d$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who is affected?');
  await expect(page.getByLabel('Who is affected, or how can a reader tell if they are?')).toHaveValue('every customer');
  await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Search was down for everyone.');
  expect(consoleErrors).toEqual([]);
});

test('a change is saved at once when the page is hidden', async ({ page }) => {
  await openCandor(page);
  await page.getByLabel(WHAT).fill('Typed just before the tab was closed.');
  // Hide the page before the save delay has passed.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const stored = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('candor:v1:draft:'))
    .map((k) => localStorage.getItem(k)).join(''));
  expect(stored).toContain('Typed just before the tab was closed.');
});

test('drafts list: new, rename, copy, delete with undo', async ({ page }) => {
  await openCandor(page);
  await page.getByLabel(WHAT).fill('Login failed for some customers.');
  await page.getByRole('button', { name: /^Drafts/ }).click();
  const panel = page.getByRole('region', { name: 'Your drafts' });
  await expect(panel.getByText('Login failed for some customers', { exact: false })).toBeVisible();
  await panel.getByRole('button', { name: 'Rename' }).click();
  await panel.getByLabel('New name').fill('Login outage');
  await panel.getByRole('button', { name: 'Save name' }).click();
  await expect(panel.getByText('Login outage')).toBeVisible();
  await panel.getByRole('button', { name: 'Make a copy' }).click();
  await expect(panel.locator('.draft-item')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Delete' }).first().click();
  await expect(panel.locator('.draft-item')).toHaveCount(1);
  await panel.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.locator('.draft-item')).toHaveCount(2);
  await panel.getByRole('button', { name: 'New draft' }).click();
  await expect(page.getByLabel(WHAT)).toHaveValue('');
  await expect(panel.locator('.draft-item')).toHaveCount(3);
});

test('an edit in another tab shows up here, and no edit is silently lost', async ({ page, context }) => {
  await openCandor(page);
  await page.getByLabel(WHAT).fill('Shared draft.');
  await expect(page.locator('.save-status')).toHaveText(/^Saved/);
  const other = await context.newPage();
  await openCandor(other);
  await expect(other.getByLabel(WHAT)).toHaveValue('Shared draft.');
  await other.getByLabel(WHAT).fill('Shared draft, edited in the second tab.');
  await expect(other.locator('.save-status')).toHaveText(/^Saved/);
  // The first tab had no unsaved change: it follows the other tab.
  await expect(page.getByLabel(WHAT)).toHaveValue('Shared draft, edited in the second tab.');

  // Both tabs edit before either saves: both versions are kept.
  await page.getByLabel(WHAT).fill('Version from tab one.');
  await other.getByLabel(WHAT).fill('Version from tab two.');
  // Wait for both saves themselves: right after typing, the status can
  // still read "Saved" from the save before, for a moment.
  const stored = () => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('candor:v1:draft:'))
    .map((k) => localStorage.getItem(k)).join('\n'));
  await expect.poll(stored).toContain('Version from tab one.');
  await expect.poll(stored).toContain('Version from tab two.');
  await expect(page.locator('.save-status')).toHaveText(/^Saved/);
  await expect(other.locator('.save-status')).toHaveText(/^Saved/);
});

test('a damaged stored draft is kept aside and the others load', async ({ page }) => {
  await openCandor(page);
  await page.getByLabel(WHAT).fill('A good draft.');
  await expect(page.locator('.save-status')).toHaveText(/^Saved/);
  await page.evaluate(() => localStorage.setItem('candor:v1:draft:dbroken', '{"schema": 1, "draft": {"what_happ'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('One stored draft could not be read');
  await expect(page.getByLabel(WHAT)).toHaveValue('A good draft.');
  const kept = await page.evaluate(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('candor:v1:aside:')).map(([, v]) => v));
  expect(kept).toEqual(['{"schema": 1, "draft": {"what_happ']);
});

test('with storage refused, Candor still works and says drafts last only while the tab is open', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await openCandor(page);
  await expect(page.getByRole('alert')).toContainText('Export all drafts');
  await expect(page.locator('.save-status')).toHaveText('Not saved: drafts are kept only while this tab is open.');
  await page.getByLabel(WHAT).fill('Still works.');
  await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Still works.');
  // The drafts list holds it for this tab, as its empty state promised.
  await page.getByRole('button', { name: 'Drafts (1)' }).click();
  const panel = page.getByRole('region', { name: 'Your drafts' });
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByText('No drafts yet')).toBeHidden();
});
