// End-to-end tests drive Debian's Chromium (Playwright cannot download its
// own browser here) against the release build in ../../dist, served on loopback.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.CANDOR_E2E_PORT ?? 8765);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.js',
  outputDir: './results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node serve.mjs ../../dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
