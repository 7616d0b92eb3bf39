// Screenshots of every step of the release build at phone and desktop widths,
// for a person to look at: node shots.mjs <out-dir>. Serves ../../dist itself.
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
const widths = [['phone', 360, 'light'], ['desktop', 1280, 'light'], ['dark', 1280, 'dark']];
for (const [name, width, scheme] of widths) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme, timezoneId: 'Europe/Berlin' });
  await page.goto(base + '/');
  await page.waitForSelector('textarea');
  await page.selectOption('#preset', 'MessagesLost');
  await page.fill('#what-happened', 'all e-mail sent to our support queues was lost');
  const steps = await page.locator('.step-link').count();
  for (let i = 0; i < steps; i++) {
    await page.locator('.step-link').nth(i).click();
    if (i === 2) {
      await page.fill('#start-zone', 'America/New_York');
      await page.fill('#start-date', '2027-11-07');
      await page.fill('#start-time', '01:30');
      await page.locator('#end-ended').check();
      await page.fill('#audience-1', 'CST');
    }
    await page.screenshot({ path: `${out}/${name}-${String(i + 1).padStart(2, '0')}.png`, fullPage: true });
  }
  await page.getByRole('button', { name: /^Drafts/ }).click();
  await page.screenshot({ path: `${out}/${name}-drafts.png`, fullPage: false });
  await page.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
