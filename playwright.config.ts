import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' };

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // A fresh data directory per run: embedded PostgreSQL, simulator, first admin from env.
    command: `rm -rf .data/e2e && npm start`,
    url: `http://127.0.0.1:${PORT}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR: '.data/e2e',
      EMBEDDED_PG_PORT: String(PORT + 20000),
      PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      SIM_TIME_SCALE: process.env.SIM_TIME_SCALE ?? '600',
      // Cluster formation of clusters named *-flaky fails once, so specs can exercise retry.
      SIM_CLUSTER_FAIL: '-flaky$',
      // Two addresses per cluster: room for every cluster the specs form, retries included.
      CLUSTER_IP_RANGE: '200-250',
      LOG_LEVEL: 'warn',
    },
  },
});
