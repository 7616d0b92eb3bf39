// One incident, three updates: investigating, cause found, resolved. Each
// notice stands on its own, and the last one lists the earlier ones.
import { test, expect, openCandor } from './fixtures.js';

async function goTo(page, step) {
  await page.getByRole('button', { name: new RegExp(`^\\d*\\.?\\s*${step.replace('?', '\\?')}`) }).first().click();
}

async function setTime(page, prefix, date, time) {
  await page.locator(`#${prefix}-date`).fill(date);
  await page.locator(`#${prefix}-time`).fill(time);
}

test('an incident from investigating to resolved in three updates', async ({ page, consoleErrors }) => {
  await openCandor(page);
  const preview = page.getByRole('region', { name: 'Notice preview' });
  await page.getByLabel('What happened, in one or two sentences?').fill('e-mail sent to our support queues is being lost');
  await goTo(page, 'When did it happen?');
  await page.locator('#start-zone').fill('America/New_York');
  await page.locator('#start-zone').press('Tab');
  await setTime(page, 'start', '2005-12-07', '17:05');
  await page.getByLabel('No, it is still going on').check();
  await setTime(page, 'next-update', '2005-12-07', '20:30');
  await page.locator('#audience-0').fill('America/New_York');
  await page.locator('#audience-0').press('Tab');

  await goTo(page, 'Is this one of a series of updates?');
  await page.getByLabel('Yes, and we are investigating').check();
  await setTime(page, 'update-sent', '2005-12-07', '19:30');
  await expect(preview).toContainText('update 1: we are investigating');
  await expect(preview).toContainText('Update 1: We are investigating. Sent Wednesday 7 December 2005, 19:30 EST (UTC-05:00).');
  await expect(preview).toContainText('We will send the next update by Wednesday 7 December 2005, 20:30 EST (UTC-05:00).');

  // The promised time (in 2005) has long passed: the candor check says so.
  await goTo(page, 'Check your notice');
  await expect(page.getByRole('region', { name: 'What a reader will miss or distrust' }))
    .toContainText('The next update was promised by Wednesday 7 December 2005, 20:30 EST (UTC-05:00), and that time has passed.');
  await goTo(page, 'Is this one of a series of updates?');

  // Update 2: the cause is found.
  await page.getByRole('button', { name: 'I have sent update 1: start the next one' }).click();
  await page.getByRole('button', { name: 'Yes, start the next update' }).click();
  await expect(page.locator('#update-sent-date')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Updates already sent' })).toBeVisible();
  await expect(preview).toContainText('[what is new since the last update?]');
  await page.getByLabel('Yes, and we have found the cause').check();
  await setTime(page, 'update-sent', '2005-12-07', '19:50');
  await page.getByLabel('What is new since the last update?').fill('we found a configuration error we made during maintenance');
  await expect(preview).toContainText('update 2: we have found the cause');
  await expect(preview).toContainText('What is new: we found a configuration error we made during maintenance.');
  // It still restates the facts for a reader who missed update 1.
  await expect(preview).toContainText('E-mail sent to our support queues is being lost.');

  // Update 3: resolved.
  await page.getByRole('button', { name: 'I have sent update 2: start the next one' }).click();
  await page.getByRole('button', { name: 'Yes, start the next update' }).click();
  await page.getByLabel('Yes, and it is resolved').check();
  await setTime(page, 'update-sent', '2005-12-07', '20:10');
  await page.getByLabel('What is new since the last update?').fill('e-mail is arriving again');
  await goTo(page, 'When did it happen?');
  await expect(page.getByLabel('Yes, it has ended')).toBeChecked();
  await setTime(page, 'end', '2005-12-07', '19:55');

  await expect(preview).toContainText('update 3: resolved');
  await expect(preview).toContainText('to 19:55 EST (UTC-05:00), 2 hours 50 minutes in all.');
  await expect(preview).toContainText('Our earlier updates:');
  await expect(preview).toContainText('19:30 EST (UTC-05:00)');
  await expect(preview).toContainText('Update 1: We are investigating.');
  await expect(preview).toContainText('Update 2: We have found the cause. We found a configuration error we made during maintenance.');

  await goTo(page, 'Check your notice');
  await page.getByLabel('Follow-up report (after a serious incident)').check();
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/What happened, in order:/);
  expect(consoleErrors).toEqual([]);
});
