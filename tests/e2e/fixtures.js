// Shared test set-up: every page records console errors and uncaught
// exceptions, and a test fails if any appeared that it did not expect.
import { test as base, expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const test = base.extend({
  // Content-Security-Policy violations the page reports, as text.
  cspViolations: async ({ page }, use) => {
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
    });
    const violations = [];
    await use(violations);
  },
  consoleErrors: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    await use(errors);
  },
});

export { expect };

/// Opens Candor and waits until the first step can be typed into.
export async function openCandor(page, path = '/') {
  await page.goto(path);
  await expect(page.getByRole('textbox', { name: 'What happened, in one or two sentences?' })).toBeVisible();
}

/// Runs axe-core in the page (evaluated, so no script tag is needed) and
/// returns every violation, whatever its impact, as one line each.
export async function a11yViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  return result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/// The CSP violations the page has reported so far.
export async function cspViolationsIn(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}
