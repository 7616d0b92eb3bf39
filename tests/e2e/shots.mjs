// Screenshots of the release build at phone and desktop widths, for a person
// to look at: node shots.mjs <out-dir> [path...]. Serves ../../dist itself.
import { chromium } from '@playwright/test';
import { startServer } from './serve.mjs';

const out = process.argv[2] ?? 'results/shots';
const server = await startServer('../../dist', 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
for (const [name, width, scheme] of [['phone', 360, 'light'], ['desktop', 1280, 'light'], ['desktop-dark', 1280, 'dark']]) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
  await page.goto(base + '/');
  await page.waitForSelector('textarea');
  await page.fill('textarea', 'all e-mail sent to our support queues was lost');
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  await page.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
