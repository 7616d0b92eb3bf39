// `make bench`: Candor's release build measured beside two reference pages
// (a plain HTML page and a bare Leptos app) in the same run, in headless
// Chromium, so that figures on a noisy machine also read as ratios.
//
//   node tests/e2e/bench.mjs [--runs N] [--out FILE]
//
// Prints a Markdown table, each figure beside its budget, and writes it to
// target/bench.md. A benchmark, not a test: it never fails on a slow machine.
import { chromium } from '@playwright/test';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 7);
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(ROOT, 'target', 'bench.md');

const PAGES = [
  { name: 'Candor', dir: join(ROOT, 'dist'), field: '#what-happened' },
  { name: 'bare Leptos', dir: join(ROOT, 'tests/bench/anchors/leptos-bare/dist'), field: '#what' },
  { name: 'vanilla', dir: join(ROOT, 'tests/bench/anchors/vanilla'), field: '#what' },
];
// Chromium's "slow mobile" network, network only (DESIGN.md: speed).
const SLOW = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

// What a page downloads before it starts, as scripts/size.sh counts it: the
// editor's parts loaded when first shown (later-*.wasm) are not part of it.
function transferred(dir) {
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (/\.(wasm|js|css|html)$/.test(f) && !/^later-.*\.wasm$/.test(f)) total += gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  }
  return total;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/// A fresh page with the browser's cache off and, when given, the network
/// slowed; `ready` waits for what counts as started. Returns the
/// milliseconds from navigation until then.
async function timeToReady(url, network, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const elapsed = Date.now() - start;
  await context.close();
  return elapsed;
}

/// Navigation until the first typed character shows in the preview.
async function timeToInteractive(url, field, network) {
  return timeToReady(url, network, async (page) => {
    await page.locator(field).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(field).press('Z');
    await page.getByRole('region', { name: 'Notice preview' }).getByText('Z', { exact: false }).first()
      .waitFor({ timeout: 60_000 });
  });
}

/// Candor's own work per keystroke on a large draft: from the input event
/// until the preview's DOM has changed (handler, derive, render), timed
/// inside the page; the browser's own editing, layout and paint are not in it.
async function keystrokeCost(url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('#what-happened').waitFor();
  // A large draft: 20 KB of text, both ends of the window, four reader zones.
  const words = 'We lost every message sent to our support queues while the mail relay was misconfigured. ';
  await page.locator('#what-happened').fill(words.repeat(Math.ceil(20_000 / words.length)).slice(0, 20_000));
  await page.getByRole('button', { name: /When did it happen/ }).click();
  await page.locator('#start-date').fill('2026-10-24');
  await page.locator('#start-time').fill('23:30');
  await page.getByLabel('Yes, it has ended').check();
  await page.locator('#end-date').fill('2026-10-25');
  await page.locator('#end-time').fill('04:00');
  for (const [i, zone] of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney'].entries()) {
    if (!(await page.locator(`#audience-${i}`).count())) await page.getByRole('button', { name: 'Add a time zone' }).click();
    await page.locator(`#audience-${i}`).fill(zone);
    await page.locator(`#audience-${i}`).press('Tab');
  }
  await page.getByRole('button', { name: /What happened/ }).first().click();
  await page.locator('#what-happened').waitFor();
  const samples = await page.evaluate(async (n) => {
    const field = document.querySelector('#what-happened');
    const preview = document.querySelector('[aria-label="Notice preview"]');
    const out = [];
    for (let i = 0; i < n; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
        obs.observe(preview, { childList: true, subtree: true, characterData: true });
      });
      field.value += i % 2 ? 'a' : 'b';
      const t0 = performance.now();
      field.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await changed) - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  }, 60);
  await page.close();
  return samples;
}

const servers = [];
const rows = [];
for (const p of PAGES) {
  if (!existsSync(p.dir)) {
    console.error(`bench: ${p.dir} is missing; run 'make bench' (it builds it).`);
    process.exit(1);
  }
  const server = await startServer(p.dir, 0);
  servers.push(server);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const local = [];
  const slow = [];
  await timeToInteractive(url, p.field); // warm the server's gzip cache
  for (let i = 0; i < RUNS; i++) {
    local.push(await timeToInteractive(url, p.field));
    slow.push(await timeToInteractive(url, p.field, SLOW));
  }
  rows.push({ ...p, url, size: transferred(p.dir), local: median(local), slow: median(slow) });
  console.error(`bench: ${p.name}: ${RUNS} runs done`);
}

// The reader's page: navigation until the notice's heading is on screen,
// for the DynDNS notice's link for readers (tests/fixtures/share/).
const READER_LINK = readFileSync(join(ROOT, 'tests/fixtures/share/dyndns.reader.v2.link'), 'utf8').trim();
async function timeToNotice(url, network) {
  return timeToReady(url, network, (page) => page.locator('article h1').getByText('DynDNS').waitFor({ timeout: 60_000 }));
}
const readerUrl = `${rows[0].url}read/#${READER_LINK}`;
const readerRuns = { local: [], slow: [] };
await timeToNotice(readerUrl);
for (let i = 0; i < RUNS; i++) {
  readerRuns.local.push(await timeToNotice(readerUrl));
  readerRuns.slow.push(await timeToNotice(readerUrl, SLOW));
}
const reader = { size: transferred(join(ROOT, 'dist', 'read')), local: median(readerRuns.local), slow: median(readerRuns.slow) };
console.error(`bench: the reader's page: ${RUNS} runs done`);

const candor = rows[0];
const keys = await keystrokeCost(candor.url);
await browser.close();
servers.forEach((s) => s.close());

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x) => `${Math.round(x)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const [bare, vanilla] = [rows[1], rows[2]];
const ok = (v, budget) => (v <= budget ? 'within' : '**over**');
const lines = [
  `Release build, headless Chromium, median of ${RUNS} runs (${new Date().toISOString().slice(0, 10)}).`,
  '',
  '| measure | Candor | budget (goal) | bare Leptos | vanilla | Candor ÷ bare Leptos | Candor ÷ vanilla |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  `| transferred, gzip (wasm + JS + CSS + HTML) | ${kb(candor.size)} | 250 KB (150 KB): ${ok(candor.size, 250 * 1024)} | ${kb(bare.size)} | ${kb(vanilla.size)} | ${ratio(candor.size, bare.size)} | ${ratio(candor.size, vanilla.size)} |`,
  `| navigation to first typed character in the preview, local | ${ms(candor.local)} | 300 ms: ${ok(candor.local, 300)} | ${ms(bare.local)} | ${ms(vanilla.local)} | ${ratio(candor.local, bare.local)} | ${ratio(candor.local, vanilla.local)} |`,
  `| the same at 1.6 Mbit/s, 150 ms round trip | ${ms(candor.slow)} | 2,500 ms: ${ok(candor.slow, 2500)} | ${ms(bare.slow)} | ${ms(vanilla.slow)} | ${ratio(candor.slow, bare.slow)} | ${ratio(candor.slow, vanilla.slow)} |`,
  `| Candor's work per keystroke, 20 KB draft, 4 zones (p95 / median of 60) | ${keys.length ? `${p95(keys).toFixed(2)} / ${median(keys).toFixed(2)} ms` : 'n/a'} | 8 ms (4 ms): ${ok(p95(keys), 8)} | | | | |`,
];
lines.push(
  '',
  "The reader's page (`read/`, what a customer opens from a link for readers), beside the editor, in the same run: until the notice's heading is on screen.",
  '',
  "| measure | reader's page | editor (Candor above) | bare Leptos | reader's page ÷ editor |",
  '| --- | --- | --- | --- | --- |',
  `| transferred, gzip (wasm + JS + CSS + HTML) | ${kb(reader.size)} | ${kb(candor.size)} | ${kb(bare.size)} | ${ratio(reader.size, candor.size)} |`,
  `| navigation to the notice on screen, local | ${ms(reader.local)} | ${ms(candor.local)} | ${ms(bare.local)} | ${ratio(reader.local, candor.local)} |`,
  `| the same at 1.6 Mbit/s, 150 ms round trip | ${ms(reader.slow)} | ${ms(candor.slow)} | ${ms(bare.slow)} | ${ratio(reader.slow, candor.slow)} |`,
);
const table = lines.join('\n');
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, table + '\n');
console.log(table);
