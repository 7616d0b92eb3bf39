// The whole guided flow with the keyboard alone: the DynDNS notice, written
// by an author whose own browser is in Berlin, about times in New York.
import { test, expect, openCandor } from './fixtures.js';
import { tabTo, typeInto, pressButton, chooseRadio, check } from './keyboard.js';

// Chromium's date and time fields follow its own language (en-US here):
// month, day, year and a 12-hour clock.
test.use({ locale: 'en-US', timezoneId: 'Europe/Berlin' });

async function next(page) {
  await pressButton(page, page.getByRole('button', { name: /^Next/ }));
}

async function expectStep(page, title) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // Focus moves to the new step's heading, so the next Tab starts there.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
}

async function enterTime(page, prefix, date, time, zone) {
  await tabTo(page, page.locator(`#${prefix}-date`));
  await page.keyboard.type(date);
  await tabTo(page, page.locator(`#${prefix}-time`));
  await page.keyboard.type(time);
  await typeInto(page, page.locator(`#${prefix}-zone`), zone);
  await page.keyboard.press('Tab');
}

test('the DynDNS notice, written with the keyboard alone', async ({ page, consoleErrors }) => {
  await openCandor(page);
  const preview = page.getByRole('region', { name: 'Notice preview' });

  // The first Tab offers a way past the drafts button and the step list.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the question' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'What happened?' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('What kind of incident is it? (optional)')).toBeFocused();
  await expect(skip).not.toBeInViewport();

  // Step 1: what happened, from the "messages lost" starting point.
  await tabTo(page, page.getByLabel('What kind of incident is it? (optional)'));
  await page.keyboard.type('Messages');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('What kind of incident is it? (optional)')).toHaveValue('MessagesLost');
  await typeInto(page, page.getByLabel('What happened, in one or two sentences?'),
    'all e-mail sent to our ticketing system was lost');
  await typeInto(page, page.getByLabel('Which services or features were affected?'),
    'our abuse, billing, sales and support e-mail queues');
  await next(page);

  await expectStep(page, 'Who is affected?');
  await typeInto(page, page.getByLabel('Who is affected, or how can a reader tell if they are?'),
    'everyone who e-mailed one of those addresses, including follow-ups to existing tickets');
  await next(page);

  await expectStep(page, 'When did it happen?');
  // The author's own zone is the default.
  await expect(page.locator('#start-zone')).toHaveValue('Europe/Berlin');
  await enterTime(page, 'start', '12072005', '0505P', 'America/New_York');
  await expect(page.locator('#start-status')).toContainText('Wednesday 7 December 2005, 17:05 EST (UTC-05:00)');
  await check(page, page.getByLabel('I only know this time roughly', { exact: false }).first());
  await chooseRadio(page, page.getByLabel('Yes, it has ended'));
  await expect(page.locator('#end-zone')).toHaveValue('America/New_York');
  await enterTime(page, 'end', '12072005', '0755P', 'America/New_York');
  await expect(page.locator('#end-status')).toContainText('Wednesday 7 December 2005, 19:55 EST (UTC-05:00)');
  // Readers: New York and UTC (the author's Berlin replaced).
  await typeInto(page, page.getByLabel("Readers' time zone 1"), 'America/New_York');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel("Readers' time zone 2")).toHaveValue('UTC');
  await next(page);

  await expectStep(page, 'What was lost or broken?');
  await typeInto(page, page.getByLabel('What was lost or broken, and what still worked?'),
    'We never received those e-mails, so you got no automatic reply and no answer');
  await chooseRadio(page, page.getByLabel('Some data was lost'));
  await chooseRadio(page, page.getByLabel('We cannot recover it'));
  await next(page);

  await expectStep(page, 'What must readers do?');
  // The preset already listed a step; its wording is the author's to change.
  await expect(page.getByLabel('Yes: list what they must do')).toBeChecked();
  await typeInto(page, page.getByLabel('Thing to do 1'), 're-send any new e-mail you sent to one of our queues');
  await pressButton(page, page.getByRole('button', { name: 'Add another thing to do' }));
  await typeInto(page, page.getByLabel('Thing to do 2'), 're-send any follow-up you sent to an existing ticket');
  await check(page, page.locator('#action-1-window'));
  await next(page);

  await expectStep(page, 'Why did it happen?');
  await chooseRadio(page, page.getByLabel('Yes', { exact: true }));
  await typeInto(page, page.getByRole('textbox', { name: 'Why did it happen?' }), 'we made a configuration error during routine maintenance');
  await typeInto(page, page.getByLabel('What did you do to fix it? (optional)'),
    'We corrected it, and all messages are again being received and processed');
  await next(page);

  await expectStep(page, 'What will stop it happening again?');
  await typeInto(page, page.getByRole('textbox', { name: 'What will stop it happening again?' }),
    'We are adding a check that stops this kind of configuration error before it goes live');
  await typeInto(page, page.getByLabel('What will catch it sooner if it does happen? (optional)'),
    'If it does happen again, an alarm will tell us within minutes that e-mail has stopped arriving');
  await next(page);

  await expectStep(page, 'Your apology');
  // The preset's apology is there already.
  await expect(page.getByRole('textbox', { name: 'Your apology' })).toHaveValue('We are sorry. You wrote to us and we lost your message.');
  await next(page);

  await expectStep(page, 'Who is writing?');
  await typeInto(page, page.getByLabel('Your organisation or product name'), 'DynDNS');
  await typeInto(page, page.getByLabel('How the notice is signed (optional)'), 'The DynDNS support team');
  await typeInto(page, page.getByLabel('Where can readers ask questions or read more?'), 'support@dyndns.example');
  await next(page);

  await expectStep(page, 'Is this one of a series of updates?');
  // One notice is the default: nothing to answer here.
  await expect(page.getByLabel('No: this is one notice')).toBeChecked();
  await next(page);

  await expectStep(page, 'Check your notice');
  await expect(page.getByText('Every question has an answer.')).toBeVisible();
  for (const fact of [
    'All e-mail sent to our ticketing system was lost.',
    'New York: Wednesday 7 December 2005, about 17:05 EST (UTC-05:00) to 19:55 EST (UTC-05:00)',
    'UTC: Wednesday 7 December 2005, about 22:05 UTC (UTC+00:00) to Thursday 8 December 2005, 00:55 UTC (UTC+00:00)',
    'It lasted 2 hours 50 minutes.',
    'Re-send any follow-up you sent to an existing ticket. This applies to the time between about 17:05 EST (UTC-05:00) and 19:55 EST (UTC-05:00) on Wednesday 7 December 2005.',
    'We made a configuration error during routine maintenance.',
    'We lost some of your data. We cannot recover it.',
    'We are sorry.',
    'support@dyndns.example',
  ]) {
    await expect(preview).toContainText(fact);
  }
  await expect(preview.locator('mark.gap')).toHaveCount(0);
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(
    /^Subject: DynDNS: lost messages on Wednesday 7 December 2005, now resolved/);

  // Each of the four forms.
  await chooseRadio(page, page.getByLabel('Markdown (status pages, issue trackers)'));
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/^## DynDNS: lost messages/);
  await chooseRadio(page, page.getByLabel('HTML (rich e-mail)'));
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/^<p>All e-mail sent/);
  await chooseRadio(page, page.getByLabel('Short post (280 characters)'));
  const short = await page.getByLabel('The notice, as text to copy').inputValue();
  expect(short.length).toBeLessThanOrEqual(280);
  expect(short).toContain('17:05 EST (UTC-05:00)');

  // Change links lead back to the step, with every answer still there.
  await pressButton(page, page.getByRole('button', { name: 'Change who is affected?' }));
  await expectStep(page, 'Who is affected?');
  await expect(page.getByLabel('Who is affected, or how can a reader tell if they are?'))
    .toHaveValue(/^everyone who e-mailed/);
  expect(consoleErrors).toEqual([]);
});

test('an impossible or doubled time is explained, with the valid choices', async ({ page }) => {
  await openCandor(page);
  await page.getByRole('button', { name: /When did it happen/ }).click();
  const status = page.locator('#start-status');
  await page.locator('#start-zone').fill('America/New_York');
  await page.locator('#start-zone').press('Tab');
  await page.locator('#start-date').fill('2027-03-14');
  await page.locator('#start-time').fill('02:30');
  await expect(status).toContainText('02:30 on Sunday 14 March 2027 does not exist in America/New_York');
  await page.getByRole('button', { name: /Use Sunday 14 March 2027, 03:00 EDT/ }).click();
  await expect(page.locator('#start-time')).toHaveValue('03:00');
  await expect(status).toContainText('Readers will see: Sunday 14 March 2027, 03:00 EDT (UTC-04:00)');

  await page.locator('#start-date').fill('2027-11-07');
  await page.locator('#start-time').fill('01:30');
  await expect(status).toContainText('happens twice');
  await page.getByLabel('01:30 EST (UTC-05:00), the second time').check();
  await expect(status).toContainText('Readers will see: Sunday 7 November 2027, 01:30 EST (UTC-05:00)');
});

test('answers survive moving between steps', async ({ page }) => {
  await openCandor(page);
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was down.');
  await page.getByRole('button', { name: /Your apology/ }).click();
  await page.getByRole('textbox', { name: 'Your apology' }).fill('We are sorry.');
  await page.getByRole('button', { name: /^1\.|What happened\?/ }).first().click();
  await expect(page.getByLabel('What happened, in one or two sentences?')).toHaveValue('Search was down.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('What happened, in one or two sentences?')).toHaveValue('Search was down.');
});
