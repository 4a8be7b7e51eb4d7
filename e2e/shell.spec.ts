import { expect, test } from './helpers/auth';

test('the shell renders with navigation and the simulation banner', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByText('Nutanix VPC Orchestrator')).toBeVisible();
  await expect(page.getByTestId('simulation-banner')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.screenshot({ path: 'test-results/dashboard-light.png', fullPage: true });
});

test('side navigation reaches every section', async ({ page }) => {
  await page.goto('/');
  for (const name of ['Nodes', 'Clusters', 'Deployments', 'DNS', 'Cleanup', 'Audit', 'Admin']) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
});

test('the theme toggle persists across reloads', async ({ page }) => {
  await page.goto('/');
  const root = page.locator('[data-theme-name]').first();
  await expect(root).toHaveAttribute('data-theme-name', 'light');
  await page.getByTestId('theme-toggle').click();
  await expect(root).toHaveAttribute('data-theme-name', 'dark');
  await page.reload();
  await expect(page.locator('[data-theme-name]').first()).toHaveAttribute('data-theme-name', 'dark');
  await page.screenshot({ path: 'test-results/dashboard-dark.png', fullPage: true });
});

test('/health is green', async ({ request }) => {
  const res = await request.get('/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
});
