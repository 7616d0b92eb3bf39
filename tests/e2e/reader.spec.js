// The reader's page (issue #17): an author's "link for readers" opens the
// finished notice, read only, with every time first in the reader's own
// zone as the reader's browser knows it, then in the author's zones.
import { readFileSync } from 'node:fs';
import { test, expect, openCandor, a11yViolations, cspViolationsIn } from './fixtures.js';
import { tabTo } from './keyboard.js';

// The DynDNS notice, written in New York for New York and UTC readers:
// it started about 17:05 EST on 7 December 2005 and ended at 19:55 EST.
const DYNDNS = readFileSync(new URL('../fixtures/share/dyndns.v2.link', import.meta.url), 'utf8').trim();
// Its link for readers in the e-mail form (tests/fixtures/share/).
const READER_LINK = readFileSync(new URL('../fixtures/share/dyndns.reader.v2.link', import.meta.url), 'utf8').trim();
const SHOTS = process.env.CANDOR_SHOTS;

/// The author's side: opens the draft in the editor, goes to the check
/// step, shows the notice as `form`, and returns the link for readers.
async function linkForReaders(page, fragment, form = 'E-mail (plain text)') {
  await page.goto(`/#${fragment}`);
  await expect(page.locator('.news')).toContainText('(shared)');
  await page.locator('.step-link', { hasText: 'Check your notice' }).click();
  await page.getByRole('radio', { name: form }).check();
  const link = page.getByRole('textbox', { name: 'Link for readers' });
  await expect(link).toHaveValue(/\/read\/#r2/);
  await page.getByRole('button', { name: 'Copy a link for readers' }).click();
  await expect(page.locator('#readers-status')).toContainText('Copied the link for readers');
  return link.inputValue();
}

/// "Thursday 8 December 2005, 11:05" and "+13:00" for an instant in a
/// zone, from Temporal: the reader's browser's own answer, independent of
/// Candor's formatting code.
async function temporalTime(page, instant, zone) {
  return page.evaluate(([instant, zone]) => {
    // eslint-disable-next-line no-undef
    const t = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const two = (n) => String(n).padStart(2, '0');
    return {
      date: `${days[t.dayOfWeek - 1]} ${t.day} ${months[t.month - 1]} ${t.year}`,
      clock: `${two(t.hour)}:${two(t.minute)}`,
      offset: t.offset,
    };
  }, [instant, zone]);
}

for (const [zone, city, abbreviation] of [
  ['Pacific/Auckland', 'Auckland', 'NZDT'],
  ['Europe/Berlin', 'Berlin', 'CET'],
]) {
  test.describe(`a reader in ${city}`, () => {
    test.use({ timezoneId: zone });

    test(`sees ${city} first, then New York and UTC, as Temporal gives them`, async ({ page, browser, consoleErrors, cspViolations }) => {
      // The author writes in New York.
      const authorContext = await browser.newContext({ timezoneId: 'America/New_York', permissions: ['clipboard-read', 'clipboard-write'] });
      const author = await authorContext.newPage();
      const link = await linkForReaders(author, DYNDNS);
      await authorContext.close();

      await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
      const notice = page.getByRole('article');
      await expect(notice.getByRole('heading', { level: 1 })).toHaveText(/^DynDNS: /);
      // No editor: no step list, no drafts, no text field but the zone search.
      await expect(page.getByRole('navigation', { name: 'Steps' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /Drafts/ })).toHaveCount(0);
      await expect(page.getByRole('textbox')).toHaveCount(1);

      const start = await temporalTime(page, '2005-12-07T22:05:00Z', zone);
      const end = await temporalTime(page, '2005-12-08T00:55:00Z', zone);
      const items = notice.getByRole('listitem');
      const first = `${city}: ${start.date}, about ${start.clock} ${abbreviation} (UTC${start.offset})`;
      await expect(items.first()).toHaveText(new RegExp(`^${first.replace(/[()+.]/g, '\\$&')} to `));
      await expect(items.first()).toContainText(`${end.clock} ${abbreviation} (UTC${end.offset})`);
      await expect(items.nth(1)).toHaveText(/^New York: Wednesday 7 December 2005, about 17:05 EST \(UTC-05:00\) to /);
      await expect(items.nth(2)).toHaveText(/^UTC: Wednesday 7 December 2005, about 22:05 UTC \(UTC\+00:00\) to /);
      await expect(page.locator('#zones-said')).toHaveText(
        `Every time is shown first in your own time zone, ${city} (${zone}), as your browser gives it, then in the time zones the sender chose: New York, UTC.`,
      );
      await expect(page).toHaveTitle(/^DynDNS: /);

      // Another zone, found with the same search as the editor's.
      await page.getByLabel('Show the times in another time zone').fill('Kolkata');
      await page.getByRole('button', { name: /^Asia\/Kolkata\b/ }).click();
      await expect(items.first()).toHaveText(/^Kolkata: Thursday 8 December 2005, about 03:35 IST \(UTC\+05:30\)/);
      await page.getByRole('button', { name: 'Show the times in your own time zone' }).click();
      await expect(items.first()).toHaveText(new RegExp(`^${city}: `));

      if (SHOTS) {
        for (const width of [320, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: `${SHOTS}/reader-${city}-${width}.png`, fullPage: true });
        }
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
      expect(await cspViolationsIn(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  });
}

test.describe('the reader\'s page', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('downloads none of the editor and works offline after one visit', async ({ page, context }) => {
    // A customer whose first visit to Candor is the link they were sent.
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`/read/#${READER_LINK}`);
    await expect(page.getByRole('article')).toContainText('Tokyo: Thursday 8 December 2005, about 07:05 (UTC+09:00)');
    // The reader's own wasm, never the editor's, and no check rules.
    expect(asked.some((p) => /\/read\/reader-[0-9a-f]+_bg\.wasm$/.test(p))).toBe(true);
    expect(asked.filter((p) => /candor-[0-9a-f]+_bg\.wasm$|rules-/.test(p))).toEqual([]);
    // Offline: the page and the notice come back from the service worker.
    await expect(page.locator('#app-status')).toHaveText('This page is saved on this device: the notice will open again even without a network.', { timeout: 15_000 });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('article')).toContainText('Tokyo: Thursday 8 December 2005, about 07:05 (UTC+09:00)');
    await expect(page.getByRole('textbox', { name: 'Show the times in another time zone' })).toBeVisible();
    // The zone search's tables came from the cache too.
    await page.getByLabel('Show the times in another time zone').fill('Nepal');
    await expect(page.getByRole('button', { name: /^Asia\/Kathmandu\b/ })).toBeVisible();
    await context.setOffline(false);
  });

  for (const scheme of ['light', 'dark']) {
    test(`passes axe (${scheme}), and a broken link gets one sentence`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const link = await linkForReaders(page, DYNDNS);
      const path = link.replace(/^https?:\/\/[^/]+/, '');
      await page.goto(path);
      await expect(page.getByRole('article')).toBeVisible();
      await expect(page.locator('.tagline')).toHaveText(/^This notice was written with Candor/);
      expect(await a11yViolations(page)).toEqual([]);
      // Printed, the page is the notice alone.
      await page.emulateMedia({ colorScheme: scheme, media: 'print' });
      await expect(page.getByRole('article')).toBeVisible();
      for (const part of ['.masthead', '.reader-zones', '.reader > .hint']) await expect(page.locator(part)).toBeHidden();
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      await expect(page.locator('.reader-zones')).toBeVisible();
      await page.getByLabel('Show the times in another time zone').fill('Narnia');
      await expect(page.locator('#reader-zone-matches')).toContainText('No time zone matches “Narnia”.');
      expect(await a11yViolations(page)).toEqual([]);

      await page.goto(path.slice(0, -12));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This notice cannot be shown');
      await expect(page.locator('.problem')).toHaveText(/^This link is cut short: /);
      // No notice is shown, so the masthead does not speak of one.
      await expect(page.locator('.tagline')).toHaveText('Candor helps teams tell their customers plainly what went wrong.');
      expect(await a11yViolations(page)).toEqual([]);
      // Text that is no link at all gets no way to the editor.
      await page.goto('/read/#hello');
      await expect(page.locator('.problem')).toHaveText(/^This link does not hold a notice/);
      await expect(page.getByRole('link', { name: "Open the draft in Candor's editor" })).toHaveCount(0);
      await page.goto('/read/');
      await expect(page.locator('.problem')).toHaveText('This page shows a notice that is carried in its link, and this address has none. Open the whole link you were sent.');
    });
  }

  test('on a keyboard, a zone found by name is taken when the field is left, and focus stays on the page', async ({ page }) => {
    await page.goto(`/read/#${READER_LINK}`);
    await expect(page.getByRole('article')).toBeVisible();
    await tabTo(page, page.getByLabel('Show the times in another time zone'));
    await page.keyboard.type('Kolkata');
    await expect(page.getByRole('button', { name: /^Asia\/Kolkata\b/ })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('article').getByRole('listitem').first()).toHaveText(/^Kolkata: Thursday 8 December 2005, about 03:35 IST \(UTC\+05:30\)/);
    // Focus moved on to what follows the zone field, not to the page itself.
    await expect(page.getByRole('button', { name: 'Show the times in your own time zone' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article').getByRole('listitem').first()).toHaveText(/^Tokyo: /);
  });

  test('a review link opened here points to the editor, and a reader\'s link opened in the editor goes here', async ({ page }) => {
    await page.goto(`/read/#${DYNDNS}`);
    await expect(page.locator('.problem')).toHaveText(/^This is a link to a draft for review, not a notice for readers\./);
    await page.getByRole('link', { name: "Open the draft in Candor's editor" }).click();
    await expect(page.locator('.news')).toContainText('(shared)');
    const link = await linkForReaders(page, DYNDNS);
    await page.goto(`/${link.slice(link.indexOf('#'))}`);
    await expect(page).toHaveURL(/\/read\/#r2/);
    await expect(page.getByRole('article')).toContainText('Tokyo: Thursday 8 December 2005');
  });

  test('a timeline shows the current update and the earlier ones, in the reader\'s zone', async ({ page }) => {
    await openCandor(page);
    await page.locator('.step-link', { hasText: 'When did it happen?' }).click();
    await page.locator('#start-zone').fill('America/New_York');
    await page.locator('#start-zone').press('Tab');
    await page.locator('#start-date').fill('2026-11-02');
    await page.locator('#start-time').fill('09:10');
    await page.locator('.step-link', { hasText: 'Is this one of a series of updates?' }).click();
    await page.getByRole('radio', { name: 'Yes, and we are investigating' }).check();
    await page.locator('#update-sent-date').fill('2026-11-02');
    await page.locator('#update-sent-time').fill('09:30');
    await page.getByRole('button', { name: 'I have sent update 1: start the next one' }).click();
    await page.getByRole('button', { name: 'Yes, start the next update' }).click();
    await page.getByRole('radio', { name: 'Yes, and we have found the cause' }).check();
    await page.locator('#update-sent-date').fill('2026-11-02');
    await page.locator('#update-sent-time').fill('10:15');
    await page.locator('.step-link', { hasText: 'Check your notice' }).click();
    const link = await page.getByRole('textbox', { name: 'Link for readers' }).inputValue();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    const notice = page.getByRole('article');
    // 10:15 EST is 00:15 in Tokyo the next day (the browser names no abbreviation for Tokyo's zone).
    await expect(notice.locator('p').first()).toContainText('Update 2: We have found the cause. Sent Tuesday 3 November 2026, 00:15 (UTC+09:00).');
    await expect(notice).toContainText('Our earlier updates:');
    await expect(notice).toContainText('Update 1: We are investigating.');
    await expect(notice.getByRole('listitem').filter({ hasText: 'Tokyo: Monday 2 November 2026, 23:30 (UTC+09:00)' })).toHaveCount(1);
  });

  test('hostile text in every field shows literally', async ({ page }) => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await openCandor(page);
    await page.getByLabel('What happened, in one or two sentences?').fill(`${hostile} happened`);
    const steps = page.locator('.step-link');
    for (let i = 1; i < (await steps.count()) - 1; i++) {
      await steps.nth(i).click();
      const boxes = page.locator('main.step textarea, main.step input[type=text]:not([id$=zone]):not([id^=audience])');
      for (let j = 0; j < (await boxes.count()); j++) {
        await boxes.nth(j).fill(hostile);
      }
    }
    await page.locator('.step-link', { hasText: 'Check your notice' }).click();
    const link = await page.getByRole('textbox', { name: 'Link for readers' }).inputValue();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    const notice = page.getByRole('article');
    await expect(notice).toContainText(hostile);
    expect(await page.locator('article img, article script').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });
});
