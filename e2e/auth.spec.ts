import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { signIn } from './helpers/auth';

test('an anonymous visitor is sent to sign in and comes back to the page asked for', async ({ page }) => {
  await page.goto('/nodes');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fnodes/);
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/nodes$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nodes' })).toBeVisible();
});

test('sign in, see the dashboard, sign out', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('(admin)');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password is refused on the sign-in page', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email or password');
});

test('a viewer sees no admin or audit sections and cannot open them', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(page.getByTestId('current-user')).toContainText('(viewer)');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Nodes', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit', exact: true })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByText('This page needs the admin role.')).toBeVisible();
  const res = await page.request.get('/api/users');
  expect(res.status()).toBe(403);
});

test('an admin manages users and sees the change in the audit log', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Admin', exact: true }).click();
  await page.getByTestId('admin-section-users').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const email = `ui-${Date.now()}@e2e.test`;
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption('operator');
  await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText('operator');
  await page.goto(`/audit?action=user.create`);
  await expect(page.getByTestId('audit-table')).toContainText('user.create');
  const csv = await page.request.get(`/api/audit?format=csv&action=user.create`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(email);
});

test('brute-force sign-in gets 429 with Retry-After after a few failures', async ({ request }) => {
  // Limits are per (account, address) and per address; a fresh account keeps reruns independent.
  const email = `nobody-${Date.now()}@e2e.test`;
  const attempt = async () => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    return request.post('/api/auth/callback/credentials', {
      // A client cannot choose its own address: forwarding headers are believed from TRUSTED_PROXIES only.
      headers: { 'x-forwarded-for': '198.51.100.77', 'x-nvo-peer-addr': '198.51.100.77' },
      form: { email, password: 'guess', csrfToken, json: 'true' },
      maxRedirects: 0,
    });
  };
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await attempt()).status());
  expect(statuses.slice(0, 5)).not.toContain(429);
  expect(statuses.slice(5)).toEqual([429, 429]);
  const blocked = await attempt();
  expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
});

test('every answer carries security headers; CORS only for configured origins', async ({ request }) => {
  for (const path of ['/login', '/health', '/api/info']) {
    const res = await request.get(path, { headers: { origin: 'https://elsewhere.example' } });
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBeTruthy();
    expect(h['strict-transport-security'], path).toBeUndefined();
    expect(h['access-control-allow-origin'], path).toBeUndefined();
  }
  // HSTS only over TLS; a client's own X-Forwarded-Proto does not make plain HTTP count as TLS.
  const spoofed = await request.get('/health', { headers: { 'x-forwarded-proto': 'https' } });
  expect(spoofed.headers()['strict-transport-security']).toBeUndefined();
});
