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
  await context.setOffline(false);
  expect(consoleErrors).toEqual([]);
});

/// Turns a copy of dist/ into what the next build would be, without
/// rebuilding the wasm: every content-hashed file gets a new hash in its name,
/// the JavaScript Trunk copies comes from src/ as it is now, the page points
/// at the new names with new integrity hashes, and the real post-build hook
/// rehashes the CSP and stamps sw.js. Returns the new cache name.
function makeNextBuild(dir) {
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  for (const name of readdirSync(dir)) {
    // Trunk writes its 64-bit hashes in hex without leading zeros: 16 digits
    // or fewer.
    const hash = name.match(/^(?:candor-)?([0-9a-f]{8,16})(?=[-_.])/)?.[1];
    if (!hash) continue;
    const next = createHash('sha256').update(`next ${hash}`).digest('hex').slice(0, 16);
    renameSync(join(dir, name), join(dir, name.replace(hash, next)));
    html = html.replaceAll(hash, next);
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
