// A newcomer on a phone with a screen reader writes and sends a notice.
// Everything is found the way a screen reader finds it (landmarks, headings,
// roles and accessible names), every control is tapped, and at each step the
// page must fit the screen, keep its targets big enough to tap (WCAG 2.2
// 2.5.8: 24 by 24 CSS pixels), and say what changed in a live region.
import { test, expect, openCandor } from './fixtures.js';

test.use({
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  timezoneId: 'America/Chicago',
});

/// What a phone reader meets on this step: it fits the width, and every
/// button, link and field it can tap is at least 24 by 24 pixels.
async function expectUsableOnPhone(page, step) {
  // Against the screen's width: on a phone the browser widens the layout
  // to fit content that overflows, so window.innerWidth would grow with it.
  const overflow = await page.evaluate((width) => document.documentElement.scrollWidth - width, page.viewportSize().width);
  expect(overflow, `${step}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() => [...document.querySelectorAll('button, a[href], input, select, textarea')]
    .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
    .map((el) => {
      const box = el.getBoundingClientRect();
      // A check box or radio counts with its label, which also toggles it.
      const label = el.labels?.[0]?.getBoundingClientRect();
      const width = Math.max(box.width, label?.width ?? 0);
      const height = Math.max(box.height, label?.height ?? 0);
      return { what: el.id || el.textContent.trim().slice(0, 30), width, height };
    })
    .filter(({ width, height }) => width < 24 || height < 24));
  expect(small, `${step}: targets smaller than 24 px`).toEqual([]);
}

/// Taps "Next" and checks what a screen reader says next: the new step's
/// heading, which has focus.
async function next(page, title) {
  await page.getByRole('button', { name: /^Next/ }).tap();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(title);
  await expect(heading).toBeFocused();
  await expectUsableOnPhone(page, title);
  const width = page.viewportSize().width;
  await page.screenshot({ path: test.info().outputPath(`${width}-${title.replace(/\W+/g, '-')}.png`), fullPage: true });
}

// 320 px is the narrowest screen WCAG's reflow criterion asks for.
for (const width of [320, 360]) test(`a newcomer on a ${width} px phone with a screen reader writes and sends a notice`, async ({ page, context, consoleErrors }) => {
  await page.setViewportSize({ width, height: 740 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCandor(page);

  // The landmarks a screen reader lists, in order, with their names.
  await expect(page.locator('body')).toMatchAriaSnapshot(`
    - banner
    - navigation "Steps"
    - main "What happened?"
    - region "Notice preview"
  `);
  await expectUsableOnPhone(page, 'What happened?');

  // A phone has no room to show which steps still need an answer, but a
  // screen reader still says so.
  const steps = page.getByRole('navigation', { name: 'Steps' });
  await expect(steps.getByRole('button', { name: 'Who is affected? needs an answer', exact: true })).toBeVisible();

  // Nothing is typed yet, so nothing is being saved, and the status says so.
  const saved = page.getByRole('banner').getByRole('status');
  await expect(saved).toHaveText('Nothing to save yet');

  // Before the first change there is no draft to list, and the list says so.
  await page.getByRole('button', { name: 'Drafts (0)' }).tap();
  await expect(page.getByRole('region', { name: 'Your drafts' }).getByText(
    'No drafts yet: the one you are writing appears here a moment after your first change.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your drafts' }).getByRole('list')).toBeHidden();
  await page.getByRole('button', { name: 'Drafts (0)' }).tap();
  await expect(page.getByRole('region', { name: 'Your drafts' })).toBeHidden();

  const main = page.getByRole('main');
  await main.getByRole('combobox', { name: 'What kind of incident is it? (optional)' }).selectOption({ label: 'The service was unavailable' });
  await main.getByRole('textbox', { name: 'What happened, in one or two sentences?' }).fill('our payment page did not load');
  await main.getByRole('textbox', { name: 'Which services or features were affected?' }).fill('card payments on the web');
  await expect(saved).toHaveText(/^Saved \d\d:\d\d$/);

  await next(page, 'Who is affected?');
  await main.getByRole('textbox', { name: 'Who is affected, or how can a reader tell if they are?' }).fill('everyone who tried to pay by card on our website');
  await expect(steps.getByRole('button', { name: 'Who is affected?', exact: true })).toBeVisible();

  await next(page, 'When did it happen?');
  const start = main.getByRole('group', { name: 'When did it start?' });
  await start.getByLabel('Date', { exact: true }).fill('2026-11-26');
  await start.getByLabel('Time', { exact: true }).fill('09:10');
  await expect(start.getByRole('textbox', { name: 'Time zone' })).toHaveValue('America/Chicago');
  await expect(start).toContainText('Readers will see: Thursday 26 November 2026, 09:10 CST (UTC-06:00)');
  await main.getByRole('radio', { name: 'Yes, it has ended' }).tap();
  const end = main.getByRole('group', { name: 'When did it end?' });
  await end.getByLabel('Date', { exact: true }).fill('2026-11-26');
  await end.getByLabel('Time', { exact: true }).fill('10:40');

  await next(page, 'What was lost or broken?');
  await main.getByRole('textbox', { name: 'What was lost or broken, and what still worked?' }).fill('No one could pay by card; payments by bank transfer still worked');
  await main.getByRole('radio', { name: 'No data was lost' }).tap();

  await next(page, 'What must readers do?');
  await main.getByRole('radio', { name: 'Yes: list what they must do' }).tap();
  await main.getByRole('textbox', { name: 'Thing to do 1' }).fill('try your payment again');

  await next(page, 'Why did it happen?');
  await main.getByRole('radio', { name: 'Yes' }).tap();
  await main.getByRole('textbox', { name: 'Why did it happen?' }).fill('we released a change that broke the payment page');

  await next(page, 'What will stop it happening again?');
  await main.getByRole('textbox', { name: 'What will stop it happening again?' }).fill('We now test the payment page automatically before every release');

  await next(page, 'Your apology');
  await main.getByRole('textbox', { name: 'Your apology' }).fill('We are sorry. You tried to pay us and we let you down.');

  await next(page, 'Who is writing?');
  await main.getByRole('textbox', { name: 'Your organisation or product name' }).fill('Shopwell');
  await main.getByRole('textbox', { name: 'Where can readers ask questions or read more?' }).fill('help@shopwell.example');

  await next(page, 'Is this one of a series of updates?');
  await next(page, 'Check your notice');

  // The preview region reads the notice; nothing is marked as missing.
  const preview = page.getByRole('region', { name: 'Notice preview' });
  await expect(preview).toContainText('Our payment page did not load.');
  await expect(preview).not.toContainText('missing');

  // Copy the notice: the result is announced, and the text is on the clipboard.
  await main.getByRole('button', { name: 'Copy the e-mail body' }).tap();
  await expect(page.locator('#copy-status')).toHaveText(/^Copied the e-mail body/);
  await expect(page.locator('#copy-status')).toHaveAttribute('aria-live', /polite|assertive/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Thursday 26 November 2026');

  // Send it for review: the link is copied and announced too.
  await main.getByRole('button', { name: 'Copy the link' }).tap();
  await expect(page.locator('#share-status')).toHaveText(/^Copied the link/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#2/);

  // The reviewer, also on a phone, opens the link and hears the same notice.
  const reviewer = await context.newPage();
  await reviewer.setViewportSize({ width, height: 740 });
  await reviewer.goto(link);
  await expect(reviewer.getByRole('region', { name: 'Notice preview' })).toContainText('Our payment page did not load.');
  await expect(reviewer.getByRole('region', { name: 'Notice preview' })).toContainText('Try your payment again.');
  expect(consoleErrors).toEqual([]);
});
