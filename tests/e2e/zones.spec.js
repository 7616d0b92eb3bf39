// Times in other zones, found the way people think of them.
import { test, expect, openCandor } from './fixtures.js';

test.use({ timezoneId: 'Asia/Tokyo' });

async function pickZone(page, field, query, zone) {
  await page.locator(field).fill(query);
  await page.getByRole('button', { name: new RegExp(`^${zone.replace('/', '\\/')}\\b`) }).first().click();
  await expect(page.locator(field)).toHaveValue(zone);
}

test('an author in Tokyo writes about Berlin times for New York and Kolkata readers', async ({ page, consoleErrors }) => {
  await openCandor(page);
  await page.getByRole('button', { name: /When did it happen/ }).click();
  // The author's own zone is the default, shown by name.
  await expect(page.locator('#start-zone')).toHaveValue('Asia/Tokyo');
  await expect(page.getByText(/Candor takes time-zone rules from your browser \(Chrom/)).toBeVisible();

  await pickZone(page, '#start-zone', 'Berlin', 'Europe/Berlin');
  await page.locator('#start-date').fill('2026-10-24');
  await page.locator('#start-time').fill('23:30');
  await page.getByLabel('Yes, it has ended').check();
  await pickZone(page, '#end-zone', 'germany', 'Europe/Berlin');
  await page.locator('#end-date').fill('2026-10-25');
  await page.locator('#end-time').fill('04:00');

  await pickZone(page, '#audience-0', 'Eastern', 'America/New_York');
  await pickZone(page, '#audience-1', '+05:30', 'Asia/Kolkata');

  const preview = page.getByRole('region', { name: 'Notice preview' });
  // Berlin leaves summer time at 03:00 on 25 October 2026: 5 hours 30 minutes passed.
  await expect(preview).toContainText('It lasted 5 hours 30 minutes.');
  await expect(preview).toContainText('New York: Saturday 24 October 2026, 17:30 EDT (UTC-04:00) to 23:00 EDT (UTC-04:00)');
  await expect(preview).toContainText('Kolkata: Sunday 25 October 2026, 03:00 IST (UTC+05:30) to 08:30 IST (UTC+05:30)');
  expect(consoleErrors).toEqual([]);
});

test('an ambiguous abbreviation lists every zone it can mean', async ({ page }) => {
  await openCandor(page);
  await page.getByRole('button', { name: /When did it happen/ }).click();
  await page.locator('#start-zone').fill('CST');
  const list = page.locator('#start-zone-matches');
  await expect(list).toContainText('America/Chicago');
  await expect(list).toContainText('Asia/Shanghai');
  await expect(list).toContainText('America/Havana');
  await page.locator('#start-zone').fill('Narnia');
  await expect(list).toContainText('No time zone matches “Narnia”.');
  // A search with one match is taken when the field is left.
  await page.locator('#start-zone').fill('Kathmandu');
  await page.locator('#start-zone').press('Tab');
  await expect(page.locator('#start-zone')).toHaveValue('Asia/Kathmandu');
});
