// Share a draft as a link: a reviewer with empty storage sees exactly the
// author's notice; every bad link gets one sentence and changes nothing.
import { test, expect, openCandor } from './fixtures.js';

async function writeDraft(page) {
  await openCandor(page);
  await page.selectOption('#preset', 'MessagesLost');
  await page.getByLabel('What happened, in one or two sentences?').fill('We lost every e-mail sent to support');
  await page.locator('.step-link', { hasText: 'When did it happen?' }).click();
  await page.locator('#start-zone').fill('America/New_York');
  await page.locator('#start-zone').press('Tab');
  await page.locator('#start-date').fill('2005-12-07');
  await page.locator('#start-time').fill('17:05');
  await page.getByLabel('Yes, it has ended').check();
  await page.locator('#end-date').fill('2005-12-07');
  await page.locator('#end-time').fill('19:55');
  await page.locator('.step-link', { hasText: 'Check your notice' }).click();
  return page.getByLabel('Link to this draft').inputValue();
}

async function storedDrafts(page) {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage)
    .filter(([k]) => k.startsWith('candor:v1:draft:'))));
}

test('a reviewer opening the link sees exactly the notice the author sees', async ({ page, browser, consoleErrors }) => {
  const link = await writeDraft(page);
  expect(link).toMatch(/#2/);
  await expect(page.locator('#share-size')).toHaveText(/^The link is [\d,]+ characters long\.$/);
  const authorNotice = await page.getByLabel('The notice, as text to copy').inputValue();

  const reviewer = await browser.newContext();
  const other = await reviewer.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Check your notice');
  await expect(other.getByLabel('The notice, as text to copy')).toHaveValue(authorNotice);
  await expect(other.locator('.news')).toContainText('(shared)');
  // The link is gone from the address bar, so a reload does not open it twice.
  expect(new URL(other.url()).hash).toBe('');
  await other.getByRole('button', { name: /^Drafts/ }).click();
  await expect(other.locator('.draft-item')).toHaveCount(1);
  await other.reload();
  await expect(other.getByLabel('The notice, as text to copy')).toHaveValue(authorNotice);
  await other.getByRole('button', { name: /^Drafts/ }).click();
  await expect(other.locator('.draft-item')).toHaveCount(1);
  await reviewer.close();

  // The author opening their own link: it is already here.
  await page.goto(link);
  await expect(page.locator('.news')).toContainText('This shared draft is already here');
  expect(consoleErrors).toEqual([]);
});

test('every kind of bad link gets one clear sentence and changes no draft', async ({ page }) => {
  const link = await writeDraft(page);
  await expect(page.locator('.save-status')).toHaveText(/^Saved/);
  const before = await storedDrafts(page);
  const [base, fragment] = link.split('#');
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const cases = [
    [fragment.slice(0, fragment.length - 20), 'This link is cut short'],
    [flip(fragment, 40), 'This link is damaged'],
    ['Z' + fragment.slice(1), 'This link was made by a newer version of Candor'],
    ['hello-world', 'This is not a Candor share link.'],
  ];
  for (const [bad, sentence] of cases) {
    await page.goto(`${base}#${bad}`);
    await expect(page.getByRole('alert')).toContainText(sentence);
    await expect(page.getByRole('alert')).toContainText('No draft stored here was changed.');
    await expect(page.getByLabel('What happened, in one or two sentences?').or(page.getByRole('heading', { level: 1 }))).toBeVisible();
    expect(new URL(page.url()).hash).toBe('');
    expect(await storedDrafts(page)).toEqual(before);
  }
});

test('the share menu gets the link; closing it is fine, a refusal is explained', async ({ page, consoleErrors }) => {
  // Headless Chromium on Linux has no Web Share: stand in for it, answering
  // as a browser does (resolved, closed by the person, or refused).
  await page.addInitScript(() => {
    window.__shared = [];
    navigator.share = (data) => {
      window.__shared.push(data);
      const answer = window.__shareAnswer ?? 'ok';
      return answer === 'ok' ? Promise.resolve() : Promise.reject(new DOMException('no', answer));
    };
  });
  const link = await writeDraft(page);
  const share = page.getByRole('button', { name: 'Share with another app' });
  const status = page.locator('#share-status');

  await share.click();
  await expect.poll(() => page.evaluate(() => window.__shared.length)).toBe(1);
  expect(await page.evaluate(() => window.__shared[0])).toEqual({ title: 'Candor draft', url: link });
  await page.evaluate(() => { window.__shareAnswer = 'AbortError'; });
  await share.click();
  await expect.poll(() => page.evaluate(() => window.__shared.length)).toBe(2);
  await page.waitForTimeout(200);
  await expect(status).toHaveText('');

  await page.evaluate(() => { window.__shareAnswer = 'NotAllowedError'; });
  await share.click();
  await expect(status).toHaveText('The browser did not share the link. Copy the link instead.');
  expect(consoleErrors).toEqual([]);
});
