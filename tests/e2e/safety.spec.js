// Safe with hostile input and on a locked-down page: a strict
// Content-Security-Policy, and no request to anywhere once Candor is loaded.
import { test, expect, openCandor, cspViolationsIn } from './fixtures.js';

test('the page runs under a strict Content-Security-Policy with no violation', async ({ page, cspViolations, consoleErrors }) => {
  void cspViolations;
  await openCandor(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was down.');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your notice');
  expect(await cspViolationsIn(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The policy is enforced, and the check above would have seen a breach:
  // an inline script added now is refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(() => cspViolationsIn(page)).toEqual(['script-src-elem blocked inline']);
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
});

test('after loading its own files, Candor asks the network for nothing', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openCandor(page);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  const loaded = requests.length;
  await page.getByLabel('What happened, in one or two sentences?').fill('Search was down.');
  for (const step of ['Who is affected?', 'When did it happen?', 'Check your notice']) {
    await page.getByRole('button', { name: new RegExp(step.replace('?', '\\?')) }).click();
  }
  await expect(page.getByRole('region', { name: 'What a reader will miss or distrust' }))
    .toContainText('The notice does not say who is affected.');
  // After the first step Candor fetches its own files that the page names (the
  // check's rules, the zone search's tables), and the check step's part with
  // what it shares with the drafts panel (src/ui/later.rs), each once, and
  // nothing else.
  const later = await page.$$eval('meta[name^="candor-"]', (metas) =>
    metas.map((m) => new URL(m.content, document.baseURI).href));
  expect(later).toHaveLength(3);
  const part = (name) => new RegExp(`^${origin}/later-${name}-[0-9a-f]{16}\\.wasm$`);
  const afterStart = requests.slice(loaded);
  expect(afterStart.filter((u) => !later.includes(u)).sort()).toEqual([
    expect.stringMatching(part('check_step')),
    expect.stringMatching(part('shared-[0-9]+')),
  ]);
  expect(afterStart.filter((u) => later.includes(u)).sort()).toEqual([...later].sort());
  // Opening the drafts panel fetches its own part, and nothing else again.
  const beforeDrafts = requests.length;
  await page.getByRole('button', { name: /^Drafts/ }).click();
  await expect(page.getByRole('heading', { name: 'Your drafts' })).toBeVisible();
  expect(requests.slice(beforeDrafts)).toEqual([expect.stringMatching(part('drafts_panel'))]);
});
