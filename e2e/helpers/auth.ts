import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../playwright.config';

export type E2ERole = 'admin' | 'operator' | 'viewer';

export const E2E_PASSWORD = 'e2e-user-password-1';

/** The account used for a role: the first admin, or a user the admin creates once per run. */
export function accountFor(role: E2ERole) {
  return role === 'admin' ? E2E_ADMIN : { email: `${role}@e2e.test`, password: E2E_PASSWORD };
}

/** Creates the operator/viewer account through the API as the admin (idempotent: 409 is fine). */
export async function ensureAccount(request: APIRequestContext, role: E2ERole) {
  if (role === 'admin') return;
  const basic = Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString('base64');
  const tokenRes = await request.post('/api/tokens', { headers: { authorization: `Basic ${basic}` }, data: { name: 'e2e setup' } });
  expect(tokenRes.status(), await tokenRes.text()).toBe(201);
  const { token } = await tokenRes.json();
  const { email, password } = accountFor(role);
  const res = await request.post('/api/users', { headers: { authorization: `Bearer ${token}` }, data: { email, password, role } });
  expect([201, 409]).toContain(res.status());
}

/** Signs in through the real sign-in page; afterwards the page's context carries the session cookie. */
export async function signIn(page: Page, role: E2ERole = 'admin') {
  await ensureAccount(page.request, role);
  const { email, password } = accountFor(role);
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('current-user')).toContainText(email);
}

/**
 * A test whose `page` is already signed in as the admin; use `test.use({ role: 'viewer' })` for
 * another role. Specs import { test, expect } from './helpers/auth'.
 */
export const test = base.extend<{ role: E2ERole; page: Page }>({
  role: ['admin', { option: true }],
  page: async ({ page, role }, use) => {
    await signIn(page, role);
    await use(page);
  },
});

export { expect };
