// The candor check: a hedging sentence is named part by part, inline in the
// preview and in the list; a dismissal is remembered with the draft.
import { test, expect, openCandor } from './fixtures.js';

test('a hedging sentence is explained, highlighted, and a dismissal survives a reload', async ({ page, consoleErrors }) => {
  await openCandor(page);
  await page.getByLabel('What happened, in one or two sentences?').fill(
    'We apologize for any inconvenience; some users may have experienced brief issues');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  const findings = page.getByRole('region', { name: 'What a reader will miss or distrust' });
  await expect(findings).toContainText('any inconvenience');
  await expect(findings).toContainText('brief');
  await expect(findings).toContainText('some users may');

  // Inline in the preview, announced to screen readers.
  const preview = page.getByRole('region', { name: 'Notice preview' });
  const marks = preview.locator('mark.finding');
  await expect(marks.first()).toBeVisible();
  await expect(preview).toContainText('(flagged by the candor check)');

  // "Go to" leads back to the answer.
  const item = findings.locator('.finding-item', { hasText: 'any inconvenience' }).first();
  await expect(item.getByRole('button', { name: 'Go to “What happened?”' })).toBeVisible();

  // Dismiss the "brief" finding; it stays dismissed after a reload.
  const brief = findings.locator('.finding-item', { hasText: /brief/ }).first();
  const briefMessage = await brief.locator('.finding-message').innerText();
  await brief.getByRole('button', { name: 'Dismiss for this draft' }).click();
  await expect(findings.getByText(briefMessage, { exact: true })).toHaveCount(0);
  await expect(findings).toContainText('You dismissed 1 finding for this draft.');
  await expect(page.locator('.save-status')).toHaveText(/^Saved/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your notice');
  await expect(findings).toContainText('You dismissed 1 finding for this draft.');
  await expect(findings.getByText(briefMessage, { exact: true })).toHaveCount(0);
  await expect(findings).toContainText('any inconvenience');
  expect(consoleErrors).toEqual([]);
});

test('an honest, complete notice passes without noise', async ({ page }) => {
  await openCandor(page);
  const fill = async (label, text) => page.getByLabel(label, { exact: true }).fill(text);
  await page.selectOption('#preset', 'MessagesLost');
  await fill('What happened, in one or two sentences?', 'We lost every e-mail sent to our support address');
  await fill('Which services or features were affected?', 'our support e-mail address');
  await page.getByRole('button', { name: /Who is affected/ }).click();
  await fill('Who is affected, or how can a reader tell if they are?', 'everyone who e-mailed support during those hours');
  await page.getByRole('button', { name: /When did it happen/ }).click();
  await page.locator('#start-zone').fill('America/New_York');
  await page.locator('#start-zone').press('Tab');
  await page.locator('#start-date').fill('2005-12-07');
  await page.locator('#start-time').fill('17:05');
  await page.getByLabel('Yes, it has ended').check();
  await page.locator('#end-date').fill('2005-12-07');
  await page.locator('#end-time').fill('19:55');
  await page.getByRole('button', { name: /What was lost/ }).click();
  await fill('What was lost or broken, and what still worked?', 'We never received those e-mails, so we did not answer them');
  await page.getByLabel('Some data was lost').check();
  await page.getByLabel('We cannot recover it').check();
  await page.getByRole('button', { name: /Why did it happen/ }).click();
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByRole('textbox', { name: 'Why did it happen?' }).fill('We made a configuration error during routine maintenance');
  await page.getByRole('button', { name: /What will stop it/ }).click();
  await page.getByRole('textbox', { name: 'What will stop it happening again?' }).fill('We now test every mail configuration change before it goes live');
  await page.getByRole('button', { name: /Who is writing/ }).click();
  await fill('Your organisation or product name', 'Example Mail');
  await fill('Where can readers ask questions or read more?', 'support@example.com');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  await expect(page.getByText('Every question has an answer.')).toBeVisible();
  await expect(page.getByText('The candor check found nothing a reader would miss or distrust.')).toBeVisible();
});

// The check's rules are fetched once Candor has started; if they cannot be,
// the check says so in a sentence, and the notice is still there to copy.
test('a check whose rules could not be fetched says so and keeps the draft', async ({ page }) => {
  await page.route(/\/rules-[0-9a-f]+\.txt$/, (route) => route.abort());
  await openCandor(page);
  await page.getByLabel('What happened, in one or two sentences?').fill('We apologize for any inconvenience.');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  const findings = page.getByRole('region', { name: 'What a reader will miss or distrust' });
  await expect(findings).toContainText('The candor check could not load, so it has not read your notice.');
  await expect(findings).toContainText('Reload Candor while you are online to check your notice.');
  // Nothing in the draft to go to or dismiss: the check itself did not run.
  await expect(findings.getByRole('button', { name: 'Dismiss for this draft' })).toHaveCount(0);
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/We apologize for any inconvenience\./);
});
