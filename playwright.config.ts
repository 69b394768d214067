import { defineConfig } from '@playwright/test';
import { admin, baseURL, port } from './e2e/support/server';

// Runs against the built server (`npm run build` first), which also serves the built backoffice.
// e2e/support/serve.mjs starts `node packages/server/dist/src/main.js` on a fresh temporary
// KASSA_DATA_DIR (deleted afterwards), so the server seeds a new environment and admin each run.

export default defineConfig({
  testDir: './e2e/tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        // Mantine honours it (theme.respectReducedMotion): no modals captured mid-fade.
        reducedMotion: 'reduce',
        // Debian's chromium: `playwright install` is never run on these machines.
        launchOptions: {
          executablePath: process.env.KASSA_E2E_CHROMIUM ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node e2e/support/serve.mjs',
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      KASSA_ADMIN_PASSWORD: admin.password,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
