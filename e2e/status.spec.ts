import type { APIRequestContext } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { expect, test } from './helpers/auth';
import { waitUntilBooted } from './helpers/booted-node';

/**
 * The dashboard and a node page follow a node's install live (SWR polling), with no reload.
 * The node is provisioned through the API in simulation mode; its virtual node is told to go
 * silent at foundation_start, and the test then reports the remaining phases itself with the
 * node's own token (read from the chain URL admins can see), pausing so the pages can be seen
 * to move.
 */

async function adminToken(request: APIRequestContext): Promise<string> {
  const basic = Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString('base64');
  const res = await request.post('/api/tokens', { headers: { authorization: `Basic ${basic}` }, data: { name: 'e2e status' } });
  expect(res.status()).toBe(201);
  return (await res.json()).token;
}

async function simulatorControl(request: APIRequestContext, auth: Record<string, string>): Promise<string> {
  const info = await (await request.get('/api/info', { headers: auth })).json();
  expect(info.simulator?.inventoryUrl, 'the e2e server runs in simulation mode').toBeTruthy();
  return info.simulator.inventoryUrl.replace(/\/inventory$/, '/control');
}

async function tileValue(page: import('@playwright/test').Page, key: string) {
  return Number(await page.getByTestId(`tile-${key}`).locator('.tile-value').textContent());
}

test('the dashboard and a node page update while a node installs, without reloading', async ({ page, browser }) => {
  const auth = { authorization: `Bearer ${await adminToken(page.request)}` };
  const control = await simulatorControl(page.request, auth);
  await page.request.put(`${control}/faults`, { data: { silentPhase: 'foundation_start' } });
  try {
    await page.goto('/');
    const totalBefore = await tileValue(page, 'total');
    const deployedBefore = await tileValue(page, 'deployed');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const name = `e2e-status-${Date.now().toString(36)}`;
    const created = await page.request.post('/api/config/nodes', {
      headers: auth,
      data: { node_config: { node_name: name, server_profile: 'bx2d-metal-96x384', cluster_role: 'compute-storage', storage_template: 'nutanix_default' } },
    });
    expect(created.status(), await created.text()).toBe(202);
    const { node_id: nodeId } = await created.json();

    // The dashboard counts the new node and shows its events, by polling.
    await expect(page.getByTestId('tile-total').locator('.tile-value')).toHaveText(String(totalBefore + 1));
    await expect(page.getByTestId('recent-events')).toContainText(name);

    // The node page, in a second tab, follows the same install.
    const nodePage = await browser.newPage({ storageState: await page.context().storageState() });
    await nodePage.goto(`/nodes/${nodeId}`);
    await expect(nodePage.getByTestId('phase-indicator')).toBeVisible();
    await nodePage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const progressBar = nodePage.getByRole('progressbar').first();

    // Wait for the server to be up and the node to have booted (ipxe_boot/config_download come from /boot).
    const { nodeToken, serverIp } = await waitUntilBooted(page.request, auth, nodeId);

    const report = async (phase: string, status: string) => {
      const res = await page.request.post('/api/status/phase', {
        headers: { authorization: `Bearer ${nodeToken}` },
        data: { server_ip: serverIp, phase, status, message: `${phase} ${status} (e2e)` },
      });
      expect(res.status(), await res.text()).toBe(200);
    };

    await report('foundation_start', 'started');
    await report('foundation_start', 'completed');
    await report('installation', 'started');
    await expect(nodePage.getByTestId('node-status')).toHaveText(/deploying/i);
    await expect.poll(async () => Number(await progressBar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
    const midProgress = Number(await progressBar.getAttribute('aria-valuenow'));
    expect(midProgress).toBeLessThan(100);
    await nodePage.getByRole('tab', { name: 'Timeline' }).click();
    await expect(nodePage.getByTestId('timeline')).toContainText('installation started (e2e)');

    await report('installation', 'completed');
    await report('health_validation', 'started');
    await report('health_validation', 'completed');

    await expect(nodePage.getByTestId('node-status')).toHaveText(/deployed/i);
    await expect(progressBar).toHaveAttribute('aria-valuenow', '100');
    await expect(nodePage.getByTestId('timeline')).toContainText('health_validation completed (e2e)');
    await expect(page.getByTestId('tile-deployed').locator('.tile-value')).toHaveText(String(deployedBefore + 1));
    await expect(page.getByTestId('recent-events')).toContainText('health_validation completed (e2e)');

    // Neither page was reloaded: the marker set on the loaded documents is still there.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await nodePage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await nodePage.screenshot({ path: 'test-results/status-node-page.png', fullPage: true });
    await page.screenshot({ path: 'test-results/status-dashboard.png', fullPage: true });
    await nodePage.close();
  } finally {
    await page.request.put(`${control}/faults`, { data: { silentPhase: null } });
  }
});
