import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { expect, test } from './helpers/auth';
import { waitUntilBooted } from './helpers/booted-node';

/**
 * The operator-experience items of the console: live updates over server-sent events, the
 * database viewer, IBM Plex served by the app, problem+json 405s and the boot timeline in plain
 * words.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100);

async function adminToken(request: APIRequestContext): Promise<Record<string, string>> {
  const basic = Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString('base64');
  const res = await request.post('/api/tokens', { headers: { authorization: `Basic ${basic}` }, data: { name: 'e2e console' } });
  expect(res.status()).toBe(201);
  return { authorization: `Bearer ${(await res.json()).token}` };
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.context().addCookies([{ name: 'nvo-theme', value: theme, url: `http://127.0.0.1:${PORT}` }]);
}

test('a phase callback shows on the node page and the dashboard within about a second, pushed by server-sent events', async ({ page, browser }) => {
  const auth = await adminToken(page.request);
  const info = await (await page.request.get('/api/info', { headers: auth })).json();
  const control = info.simulator.inventoryUrl.replace(/\/inventory$/, '/control');
  await page.request.put(`${control}/faults`, { data: { silentPhase: 'foundation_start' } });
  try {
    const name = `e2e-live-${Date.now().toString(36)}`;
    const created = await page.request.post('/api/config/nodes', {
      headers: auth,
      data: { node_config: { node_name: name, server_profile: 'bx2d-metal-96x384', cluster_role: 'compute-storage', storage_template: 'nutanix_default' } },
    });
    expect(created.status(), await created.text()).toBe(202);
    const { node_id: nodeId } = await created.json();
    const { nodeToken, serverIp } = await waitUntilBooted(page.request, auth, nodeId);

    await page.goto('/');
    await expect(page.getByTestId('live-indicator')).toHaveText('Live');
    const nodePage = await browser.newPage({ storageState: await page.context().storageState() });
    await nodePage.goto(`/nodes/${nodeId}`);
    await expect(nodePage.getByTestId('live-indicator')).toHaveText('Live');
    await nodePage.getByRole('tab', { name: 'Timeline' }).click();

    // The virtual node's ranged probe of the kernel reads as a check, not as a failure.
    await expect(nodePage.getByTestId('timeline')).toContainText(/checked: the node fetched the first .* to see that it is there/);
    await expect(nodePage.getByTestId('timeline')).not.toContainText('interrupted');

    // Polling is 30 s while the stream is live: only a pushed event can show this within ~1 s.
    const message = `foundation_start started (live ${Date.now()})`;
    const res = await page.request.post('/api/status/phase', {
      headers: { authorization: `Bearer ${nodeToken}` },
      data: { server_ip: serverIp, phase: 'foundation_start', status: 'started', message },
    });
    expect(res.status(), await res.text()).toBe(200);
    await expect(nodePage.getByTestId('timeline')).toContainText(message, { timeout: 1500 });
    await expect(page.getByTestId('recent-events')).toContainText(message, { timeout: 1500 });

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(nodePage, theme);
      await nodePage.reload();
      await expect(nodePage.getByTestId('live-indicator')).toHaveText('Live');
      await nodePage.getByRole('tab', { name: 'Timeline' }).click();
      await nodePage.screenshot({ path: `test-results/console-node-live-${theme}.png`, fullPage: true });
    }
    await nodePage.close();
  } finally {
    await page.request.put(`${control}/faults`, { data: { silentPhase: null } });
  }
});

test('Admin → Database browses, sorts and exports the app\'s tables without secrets', async ({ page }) => {
  const auth = await adminToken(page.request);
  await page.goto('/admin');
  await page.getByTestId('admin-section-database').click();
  await expect(page).toHaveURL(/\/admin\/database/);
  await expect(page.getByTestId('database-table')).toBeVisible();

  await page.getByTestId('database-table-select').selectOption('User');
  await expect(page.getByRole('heading', { name: 'User' })).toBeVisible();
  const table = page.getByTestId('database-table');
  await expect(table).toContainText(E2E_ADMIN.email);
  await expect(table).not.toContainText('passwordHash');
  await expect(table).not.toContainText('$2');

  await page.getByRole('button', { name: 'email' }).click();
  await expect(page).toHaveURL(/sort=email/);
  await page.getByRole('button', { name: 'email' }).click();
  await expect(page).toHaveURL(/sort=-email/);

  const csv = await page.request.get('/api/web/database-export?table=User', { headers: auth });
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(await csv.text()).not.toContain('passwordHash');
  const unknown = await page.request.get('/api/web/database-table?table=pg_authid', { headers: auth });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).errors[0].field).toBe('table');

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.reload();
    await expect(page.getByTestId('database-table')).toBeVisible();
    await page.screenshot({ path: `test-results/console-database-${theme}.png`, fullPage: true });
  }
});

test('the console renders in IBM Plex served by the app itself', async ({ page }) => {
  const fontResponses: string[] = [];
  page.on('response', (r) => {
    if (/\.woff2(\?|$)/.test(r.url()) && r.ok()) fontResponses.push(r.url());
  });
  await page.goto('/nodes');
  await page.evaluate(() => document.fonts.ready);
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(family).toMatch(/^"?IBM Plex Sans"?/);
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
  expect(loaded.some((f) => f.includes('IBM Plex Sans'))).toBe(true);
  expect(fontResponses.length).toBeGreaterThan(0);
  for (const url of fontResponses) expect(new URL(url).origin).toBe(`http://127.0.0.1:${PORT}`);
  await page.screenshot({ path: 'test-results/console-font-plex.png', clip: { x: 0, y: 0, width: 1280, height: 400 } });
});

test('a wrong method gets a problem+json 405 with Allow, over real HTTP', async ({ page }) => {
  const auth = await adminToken(page.request);
  const res = await page.request.put('/api/info', { headers: auth });
  expect(res.status()).toBe(405);
  expect(res.headers()['content-type']).toBe('application/problem+json');
  expect(res.headers()['allow']).toBe('GET, HEAD, OPTIONS');
  expect(await res.json()).toMatchObject({ status: 405, title: 'Method not allowed' });
  const boot = await page.request.post('/boot/config');
  expect(boot.status()).toBe(405);
  expect(boot.headers()['allow']).toBe('GET, HEAD, OPTIONS');
});
