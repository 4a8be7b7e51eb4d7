import { expect, test } from './helpers/auth';
import { E2E_ADMIN } from '../playwright.config';
import { loseTrackOf } from './helpers/seed-nodes';

/** An admin API token, for setting the scene through the API. */
async function adminToken(request: import('@playwright/test').APIRequestContext) {
  const basic = Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString('base64');
  const res = await request.post('/api/tokens', { headers: { authorization: `Basic ${basic}` }, data: { name: 'e2e cleanup' } });
  return (await res.json()).token as string;
}

test('a provisioned node shows its DNS records and is cleaned up from the Cleanup page after a confirmation listing every resource', async ({ page }) => {
  const token = await adminToken(page.request);
  const auth = { authorization: `Bearer ${token}` };
  const provisioned = await page.request.post('/api/config/nodes', { headers: auth, data: { node_config: { node_name: 'e2e-clean', server_profile: 'bx2d-metal-96x384' } } });
  expect(provisioned.status(), await provisioned.text()).toBeLessThan(300);
  const nodeId = (await provisioned.json()).node_id ?? (await provisioned.json()).accepted?.[0]?.node_id;

  // The provisioning workflow registers A + PTR records for the node's four addresses.
  await expect.poll(async () => (await (await page.request.get('/api/dns/records?owner=node', { headers: auth })).json()).count, { timeout: 60_000 }).toBe(8);
  await page.goto('/dns');
  await expect(page.getByRole('row', { name: /e2e-clean-mgmt.nutanix-ce-poc.cloud A/ })).toBeVisible();
  await expect(page.getByText('node e2e-clean').first()).toBeVisible();

  // An operator adds a manual record through the form.
  await page.getByRole('button', { name: 'Add record' }).click();
  await page.getByLabel('Name').fill('e2e-bastion');
  await page.getByLabel('Address').fill('10.240.0.9');
  await page.getByRole('button', { name: 'Add record' }).last().click();
  await expect(page.getByRole('cell', { name: 'e2e-bastion.nutanix-ce-poc.cloud', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/dns-page.png', fullPage: true });

  // Wait until the server exists, so the cleanup has a server to stop and delete.
  await expect.poll(async () => (await (await page.request.get(`/api/cleanup/plan/${nodeId}`, { headers: auth })).json()).resources.length, { timeout: 60_000 }).toBe(15);
  await page.goto('/cleanup');
  const row = page.getByRole('row', { name: /e2e-clean/ });
  await row.getByRole('checkbox').check({ force: true });
  await page.getByRole('button', { name: 'Clean up' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Delete 15 cloud resource/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('bare metal server nvo-e2e-clean', { exact: false })).toBeVisible();
  await expect(dialog.getByText('vni nvo-e2e-clean-mgmt-vni', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/cleanup-confirm.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Delete' }).click();

  const runs = page.getByTestId('cleanup-runs');
  await expect(runs.getByText('e2e-clean')).toBeVisible();
  await expect(runs.getByText('succeeded')).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: 'test-results/cleanup-done.png', fullPage: true });

  const validation = await (await page.request.get(`/api/cleanup/validate/${nodeId}`, { headers: auth })).json();
  expect(validation).toMatchObject({ cleanup_complete: true, node_status: 'cleaned' });
  const script = await (await page.request.get(`/api/cleanup/script/${nodeId}`, { headers: auth })).text();
  expect(script).toContain('the ledger lists nothing left to delete');
});

test('the orphan sweep lists its targets from a dry run and deletes only after the operator confirms', async ({ page }) => {
  const token = await adminToken(page.request);
  const auth = { authorization: `Bearer ${token}` };
  const provisioned = await page.request.post('/api/config/nodes', { headers: auth, data: { node_config: { node_name: 'e2e-sweep', server_profile: 'bx2d-metal-96x384' } } });
  expect(provisioned.status(), await provisioned.text()).toBeLessThan(300);
  const nodeId = (await provisioned.json()).node_id;
  // The server is created (its ledger row has the cloud id), not just about to be.
  const serverCreated = async () => {
    const { resources } = await (await page.request.get(`/api/cleanup/plan/${nodeId}`, { headers: auth })).json();
    return resources.some((r: { kind: string; cloud_id: string | null }) => r.kind === 'bare_metal_server' && r.cloud_id);
  };
  await expect.poll(serverCreated, { timeout: 60_000 }).toBe(true);
  // We lose track of the node's server: its ledger row says deleted while the cloud still has it.
  await loseTrackOf('bare_metal_server', 'nvo-e2e-sweep');

  await page.goto('/cleanup');
  await page.getByRole('button', { name: 'Sweep orphans…' }).click();
  const dialog = page.getByRole('dialog', { name: /Sweep orphans/ });
  await dialog.getByLabel('Older than (hours)').fill('0');
  const plan = dialog.getByTestId('orphan-sweep-plan');
  await expect(plan.getByText('bare metal server nvo-e2e-sweep')).toBeVisible();
  await page.screenshot({ path: 'test-results/orphan-sweep-confirm.png', fullPage: true });
  // The preview was a dry run: the finding is still open, nothing is being deleted.
  const findings = async () => (await (await page.request.get('/api/cleanup/findings?status=unresolved', { headers: auth })).json()).findings as { name: string; status: string }[];
  expect((await findings()).find((f) => f.name === 'nvo-e2e-sweep')?.status).toBe('open');

  await dialog.getByRole('button', { name: /Sweep \d+ target/ }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await findings()).some((f) => f.name === 'nvo-e2e-sweep'), { timeout: 90_000 }).toBe(false);
});
