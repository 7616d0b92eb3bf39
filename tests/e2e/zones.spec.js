// Times in other zones, found the way people think of them.
import { test, expect, openCandor, a11yViolations } from './fixtures.js';

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
  // Focus went on to the next control, not back to the page.
  await expect(page.getByLabel('About this time (not exact)').or(page.locator('#start-approx'))).toBeFocused();
});

const SHOTS = '/work/wt/readerbugs-shots';

// The fixed state at a phone's and a desktop's width, for a person to look at.
async function shoot(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

/// Opens Candor on the "when" step: the start's group and the preview.
async function openWhen(page) {
  await openCandor(page);
  await page.getByRole('button', { name: /When did it happen/ }).click();
  return {
    start: page.getByRole('group', { name: 'When did it start?' }),
    preview: page.getByRole('region', { name: 'Notice preview' }),
  };
}

async function enterTime(group, date, time) {
  await group.getByLabel('Date', { exact: true }).fill(date);
  await group.getByLabel('Time', { exact: true }).fill(time);
}

async function pickIn(group, query, zone) {
  const field = group.getByLabel('Time zone', { exact: true });
  await field.fill(query);
  await group.getByRole('button', { name: new RegExp(`^${zone.replace('/', '\\/')}\\b`) }).first().click();
  await expect(field).toHaveValue(zone);
}

test.describe('an author whose browser is in UTC', () => {
  test.use({ timezoneId: 'UTC' });

  test('a start entered in New York is offered to readers with one button, never added silently', async ({ page, consoleErrors }) => {
    const { start, preview } = await openWhen(page);
    await pickIn(start, 'New York', 'America/New_York');
    await enterTime(start, '2026-12-03', '09:30');
    await expect(preview).toContainText('Thursday 3 December 2026, 14:30 UTC (UTC+00:00)');
    // Not added by itself: the readers' zones are the author's UTC alone.
    await expect(page.getByLabel("Readers' time zone 1")).toHaveValue('UTC');
    await expect(page.getByLabel("Readers' time zone 2")).toHaveCount(0);

    const add = page.getByRole('button', { name: "Add New York to the readers' time zones" });
    await expect(add).toHaveCount(1);
    await shoot(page, 'zone-offered');
    expect(await a11yViolations(page)).toEqual([]);
    await add.click();
    await expect(page.getByLabel("Readers' time zone 2")).toHaveValue('America/New_York');
    await expect(start).toContainText("New York was added as readers' time zone 2.");
    await expect(add).toHaveCount(0);
    await expect(start.getByLabel('Time zone', { exact: true })).toBeFocused();
    await expect(preview).toContainText('UTC: Thursday 3 December 2026, 14:30 UTC (UTC+00:00)');
    await expect(preview).toContainText('New York: Thursday 3 December 2026, 09:30 EST (UTC-05:00)');
    await shoot(page, 'zone-offered-then-added');
    expect(consoleErrors).toEqual([]);
  });

  test('with the start entered and "it has ended" chosen, the start stays in the notice', async ({ page, consoleErrors }) => {
    const { start, preview } = await openWhen(page);
    await enterTime(start, '2026-12-03', '09:30');
    await page.getByLabel('Yes, it has ended').check();
    await expect(preview).toContainText(
      'It started on Thursday 3 December 2026, 09:30 UTC (UTC+00:00) and ended [when did it end?].');
    await shoot(page, 'start-stays-end-missing');
    // The end entered, the sentence is whole.
    const end = page.getByRole('group', { name: 'When did it end?' });
    await enterTime(end, '2026-12-03', '11:00');
    await expect(preview).toContainText(
      'It lasted from Thursday 3 December 2026, 09:30 UTC (UTC+00:00) to 11:00 UTC (UTC+00:00), 1 hour 30 minutes in all.');
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('an author whose browser is in Berlin', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test("the readers' time zones never hold a zone twice", async ({ page, consoleErrors }) => {
    await openWhen(page);
    const zones = page.getByRole('group', { name: 'Which time zones do your readers live in?' });
    const rows = zones.getByRole('textbox', { name: /^Readers' time zone \d+$/ });
    await expect(rows).toHaveCount(2);
    await expect(page.getByLabel("Readers' time zone 1")).toHaveValue('Europe/Berlin');
    await expect(page.getByLabel("Readers' time zone 2")).toHaveValue('UTC');

    await page.getByLabel("Readers' time zone 1").fill('UTC');
    await page.getByLabel("Readers' time zone 1").press('Tab');
    await expect(rows).toHaveCount(1);
    await expect(page.getByLabel("Readers' time zone 1")).toHaveValue('UTC');
    const news = zones.getByText("UTC was already in the list, so it is there once, as readers' time zone 1.");
    await expect(news).toBeVisible();
    await expect(news).toHaveAttribute('aria-live', 'polite');
    expect(await a11yViolations(page)).toEqual([]);

    // A new row starts empty, to fill; asked twice, it is still one row.
    await zones.getByRole('button', { name: 'Add a time zone' }).click();
    await expect(page.getByLabel("Readers' time zone 2")).toHaveValue('');
    await expect(page.getByLabel("Readers' time zone 2")).toBeFocused();
    await zones.getByRole('button', { name: 'Add a time zone' }).click();
    await expect(rows).toHaveCount(2);
    await page.getByLabel("Readers' time zone 2").fill('UTC');
    await page.getByLabel("Readers' time zone 2").press('Tab');
    await expect(rows).toHaveCount(1);
    await expect(page.getByLabel("Readers' time zone 1")).toBeFocused();
    await shoot(page, 'zones-once');
    expect(consoleErrors).toEqual([]);
  });
});
