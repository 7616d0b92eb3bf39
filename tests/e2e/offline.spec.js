// After one visit, Candor opens and works with no network at all; a new
// version is picked up on the next load and the person is told.
import { test, expect, openCandor } from './fixtures.js';
import { startServer } from './serve.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIELD = 'What happened, in one or two sentences?';
const NEW_VERSION_SAYS =
  'A new version of Candor has been downloaded. It will be used the next time you open Candor.';

test('after one visit Candor loads and works offline', async ({ page, context, consoleErrors }) => {
  await openCandor(page);
  // The service worker has the app's files once it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.locator('#app-status')).toContainText('Candor is saved on this device');
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  const field = page.getByRole('textbox', { name: FIELD });
  await expect(field).toBeVisible();
  await field.fill('Our network is down, and so is yours.');
  await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Our network is down, and so is yours.');
  await page.getByRole('button', { name: /Check your notice/ }).click();
  await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(/Our network is down, and so is yours\./);
  // The check's rules, fetched after start, were kept for offline use too.
  const findings = page.getByRole('region', { name: 'What a reader will miss or distrust' });
  await expect(findings).toContainText('The notice does not say who is affected.');
  await expect(findings).not.toContainText('could not load');
  // The check step above and the drafts panel are parts of their own,
  // fetched when first shown: the first visit's service worker kept every
  // one of them, so neither needs the network.
  const parts = readdirSync(join(ROOT, 'dist')).filter((f) => /^later-.+\.wasm$/.test(f));
  expect(parts.length).toBeGreaterThanOrEqual(2);
  const cached = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached).toEqual(expect.arrayContaining(parts.map((f) => `/${f}`)));
  await page.getByRole('button', { name: /^Drafts/ }).click();
  await expect(page.getByRole('heading', { name: 'Your drafts' })).toBeVisible();
  await context.setOffline(false);
  expect(consoleErrors).toEqual([]);
});

test.describe('before the service worker has them', () => {
  test.use({ serviceWorkers: 'block' });

  test('a part that cannot be fetched says so, keeps the draft, and loads on Try again', async ({ page, consoleErrors }) => {
    await openCandor(page);
    const typed = 'Our network is down, and so is yours.';
    await page.getByRole('textbox', { name: FIELD }).fill(typed);
    const preview = page.getByRole('region', { name: 'Notice preview' });

    for (const [file, open, sentence, shown] of [
      ['later-check_step-', () => page.getByRole('button', { name: /Check your notice/ }).click(),
        'The check of your notice could not be loaded', () => page.getByLabel('The notice, as text to copy')],
      ['later-drafts_panel-', () => page.getByRole('button', { name: /^Drafts/ }).click(),
        'The list of your drafts could not be loaded', () => page.getByRole('heading', { name: 'Your drafts' })],
    ]) {
      const part = `**/${file}*.wasm`;
      await page.route(part, (route) => route.abort('internetdisconnected'));
      await open();
      const problem = page.getByRole('alert').filter({ hasText: sentence });
      await expect(problem).toContainText('Your draft is still here.');
      await expect(preview).toContainText(typed);
      await page.unroute(part);
      await problem.getByRole('button', { name: 'Try again' }).click();
      await expect(shown()).toBeVisible();
      await expect(problem).toHaveCount(0);
      // The button that was pressed is gone: focus is on the part that loaded
      // in its place, not thrown back to the start of the page.
      await expect(page.locator('.part:focus')).toHaveCount(1);
      await expect(page.locator('.part:focus').locator('*').first()).toBeVisible();
    }
    await expect(page.getByLabel('The notice, as text to copy')).toHaveValue(new RegExp(typed.replaceAll('.', '\\.')));
    await page.getByRole('button', { name: /What happened/ }).first().click();
    await expect(page.getByRole('textbox', { name: FIELD })).toHaveValue(typed);
    // The only errors are the refused fetches, which the browser logs.
    expect(consoleErrors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
  });
});

/// Turns a copy of dist/ into what the next build would be, without
/// rebuilding the wasm: every content-hashed file gets a new hash in its name,
/// the JavaScript Trunk copies comes from src/ as it is now, the page points
/// at the new names with new integrity hashes, and the real post-build hook
/// rehashes the CSP and stamps sw.js. Returns the new cache name.
function makeNextBuild(dir) {
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  const renamed = [];
  for (const name of readdirSync(dir)) {
    // Trunk writes its 64-bit hashes in hex without leading zeros: 16 digits
    // or fewer. The split loader (split-<hash>.js) is named by its content.
    const hash = name.match(/^(?:candor-|split-)?([0-9a-f]{8,16})(?=[-_.])/)?.[1];
    if (!hash) continue;
    const next = createHash('sha256').update(`next ${hash}`).digest('hex').slice(0, 16);
    renameSync(join(dir, name), join(dir, name.replace(hash, next)));
    html = html.replaceAll(hash, next);
    renamed.push([hash, next]);
  }
  // wasm-bindgen's JavaScript imports the split loader, which imports it
  // back: both name the other's new file.
  for (const name of readdirSync(dir).filter((f) => /^(candor|split)-[0-9a-f]+\.js$/.test(f))) {
    let text = readFileSync(join(dir, name), 'utf8');
    for (const [hash, next] of renamed) text = text.replaceAll(hash, next);
    writeFileSync(join(dir, name), text);
  }
  const initializer = readdirSync(dir).find((f) => f.endsWith('-initializer.js'));
  cpSync(join(ROOT, 'src/initializer.js'), join(dir, initializer));
  html = html.replace(/href="\/([^"]+)"([^>]*) integrity="[^"]+"/g, (_, file, between) =>
    `href="/${file}"${between} integrity="sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}"`);
  // Put back what the hook fills in, so it runs as on a fresh Trunk stage.
  html = html.replace(/'sha256-[^']+'(?: 'sha256-[^']+')*/, "'candor-inline-script-hashes'");
  writeFileSync(page, html);
  cpSync(join(ROOT, 'src/sw.js'), join(dir, 'sw.js'));
  execFileSync('node', [join(ROOT, 'scripts/post-build.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' },
    stdio: 'ignore',
  });
  // The release build's sw.js is minified: find the cache name, not a layout.
  return readFileSync(join(dir, 'sw.js'), 'utf8').match(/VERSION\s*=\s*["'](candor-[0-9a-f]+)["']/)[1];
}

// On a slow connection the new wasm is still downloading when the browser
// checks for a new version (a moment into each load) and starts installing it.
for (const connection of ['fast', 'slow']) {
  test(`a new version is picked up on the next load and the person is told (${connection} connection)`, async ({ page, context, consoleErrors }) => {
    // The browser's update check runs seconds after a load, not at once.
    test.setTimeout(60_000);
    // Its own copy and server, so changing the files does not touch other tests.
    const dir = mkdtempSync(join(tmpdir(), 'candor-update-'));
    cpSync(join(ROOT, 'dist'), dir, { recursive: true });
    const server = await startServer(dir, 0);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const cacheNames = () => page.evaluate(() => caches.keys());
    try {
      await openCandor(page, `${origin}/`);
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      // A first visit is not a new version.
      await expect(page.locator('#app-status')).toHaveText(/saved on this device/);
      const [oldVersion, ...others] = await cacheNames();
      expect(others).toEqual([]);

      const newVersion = makeNextBuild(dir);
      expect(newVersion).not.toBe(oldVersion);
      if (connection === 'slow') {
        // Hold the page's wasm until the new worker fetches its own copy,
        // which it does only once the browser has found the new version.
        let installing;
        const installStarted = new Promise((resolve) => { installing = resolve; });
        let requests = 0;
        await context.route('**/*_bg.wasm', async (route) => {
          if (requests++ === 0) await installStarted;
          else installing();
          await route.continue();
        });
      }
      await page.reload();

      // The announcement is in a live region, so a screen reader says it too.
      const status = page.getByRole('status').filter({ hasText: 'new version' });
      await expect(status).toHaveText(NEW_VERSION_SAYS, { timeout: 20_000 });
      await expect(status).toHaveAttribute('aria-live', 'polite');
      // The update does not get in the way of writing.
      const field = page.getByRole('textbox', { name: FIELD });
      await field.fill('Payments failed for an hour this morning.');
      await expect(page.getByRole('region', { name: 'Notice preview' })).toContainText('Payments failed for an hour this morning.');
      // The old version's files are dropped once the new one is in place.
      await expect.poll(cacheNames).toEqual([newVersion]);

      // The next load runs the new version, from its own cache even offline,
      // and the announcement is not repeated.
      await context.unrouteAll();
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByRole('textbox', { name: FIELD })).toBeVisible();
      const newCss = readdirSync(dir).find((f) => f.endsWith('.css'));
      await expect(page.locator('link[rel=stylesheet]')).toHaveAttribute('href', `/${newCss}`);
      expect(await cacheNames()).toEqual([newVersion]);
      await expect(page.locator('#app-status')).not.toContainText('new version');
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.setOffline(false);
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
