import { expect, test } from './helpers/auth';

const ALL_PHASES = ['ipxe_boot', 'config_download', 'foundation_start', 'storage_discovery', 'image_download', 'installation', 'cluster_formation', 'dns_registration', 'health_validation'];

test.use({ role: 'operator' });

test('a node provisioned from the form reaches deployed with every phase in its timeline', async ({ page }) => {
  test.setTimeout(360_000);
  await page.goto('/nodes');
  await page.getByRole('button', { name: 'Provision node' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provision nodes' })).toBeVisible();

  await page.getByLabel('Node name').fill('Bad_Name');
  await expect(page.getByText('lowercase letters, digits and hyphens, starting with a letter')).toBeVisible();
  await page.getByLabel('Node name').fill('e2e-node-1');
  await page.getByLabel('Server profile').selectOption('bx2d-metal-96x384');
  await page.getByLabel('Storage template').selectOption('nutanix_reserved');
  await expect(page.getByTestId('profile-specs')).toContainText('7 (1 spare)');

  await page.getByRole('button', { name: 'Plan (dry run)' }).click();
  const plan = page.getByTestId('plan-preview');
  await expect(plan).toContainText('nvo-e2e-node-1-mgmt-vni');
  await expect(plan).toContainText('e2e-node-1-cvm');
  await expect(plan).toContainText('token=[REDACTED]');
  await page.screenshot({ path: 'test-results/provision-plan.png', fullPage: true });

  await page.getByRole('button', { name: 'Provision node' }).click();
  await page.waitForURL(/\/nodes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'e2e-node-1' })).toBeVisible();
  await page.screenshot({ path: 'test-results/node-provisioning.png', fullPage: true });

  await expect(page.getByTestId('node-status').first()).toHaveText('deployed', { timeout: 240_000 });
  await expect(page.getByTestId('step-deployed')).toHaveText('succeeded');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByTestId('timeline');
  for (const phase of ALL_PHASES) await expect(timeline).toContainText(phase);
  await page.screenshot({ path: 'test-results/node-deployed-timeline.png', fullPage: true });
  await page.getByRole('tab', { name: 'Cloud resources' }).click();
  await expect(page.getByText('nvo-e2e-node-1-workload-vni')).toBeVisible();
  await page.screenshot({ path: 'test-results/node-resources.png', fullPage: true });

  await page.goto('/nodes');
  await expect(page.getByRole('link', { name: 'e2e-node-1' })).toBeVisible();
  await page.screenshot({ path: 'test-results/nodes-list.png', fullPage: true });
});

test.describe('as a viewer', () => {
  test.use({ role: 'viewer' });

  test('sees nodes but no provisioning actions', async ({ page }) => {
    await page.goto('/nodes');
    await expect(page.getByRole('heading', { level: 1, name: 'Nodes' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Provision node' })).toHaveCount(0);
  });
});
