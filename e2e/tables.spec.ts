import { expect, test } from './helpers/auth';
import { seedNodeSet } from './helpers/seed-nodes';

test.use({ role: 'operator' });

// 60 nodes of one run: 57 deployed, 3 failed (numbers 2, 4, 6).
const PREFIX = `pg${Date.now().toString(36)}`;

test.beforeAll(async () => {
  await seedNodeSet(PREFIX, 60, [2, 4, 6]);
});

test('the Nodes table pages, sorts and filters on the server and keeps it all in the URL', async ({ page }) => {
  await page.goto(`/nodes?search=${PREFIX}&pageSize=25`);
  const table = page.getByTestId('nodes-table');
  await expect(table).toContainText('60 node(s)');
  await expect(table.locator('tbody tr')).toHaveCount(25);

  await page.getByTestId('sort-node_name').click();
  await expect(page).toHaveURL(/sort=node_name/);
  await expect(table.locator('tbody tr').first()).toContainText(`${PREFIX}-001`);

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(table.locator('tbody tr').first()).toContainText(`${PREFIX}-026`);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr').last()).toContainText(`${PREFIX}-060`);

  // A reload (or a shared link) shows the same page, sort and filter, rendered by the server.
  await page.reload();
  await expect(table).toContainText('60 node(s)');
  await expect(table.locator('tbody tr').first()).toContainText(`${PREFIX}-051`);

  await page.getByTestId('sort-node_name').click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(table.locator('tbody tr').first()).toContainText(`${PREFIX}-060`);

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'failed' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(table).toContainText('3 node(s)');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/nodes-filtered.png', fullPage: true });
});

test('bulk actions report each node: Add to cluster refuses with the reason per node, then queues', async ({ page }) => {
  await page.goto(`/nodes?search=${PREFIX}-00&sort=node_name&order=asc`);
  const table = page.getByTestId('nodes-table');
  await expect(table).toContainText('9 node(s)');
  const select = async (n: number) => table.locator('tbody tr', { hasText: `${PREFIX}-00${n}` }).locator('label').first().click();
  for (const n of [1, 2, 3]) await select(n);
  await page.getByRole('button', { name: 'Add to cluster' }).click();
  await page.getByLabel('Cluster name').fill(`${PREFIX}-c1`);
  await page.getByRole('button', { name: 'Create cluster' }).click();

  const results = page.getByTestId('bulk-results');
  await expect(results).toContainText('Add to cluster: 0 queued, 3 refused');
  await expect(results.locator('tbody tr')).toHaveCount(3);
  await expect(results.locator('tbody tr', { hasText: `${PREFIX}-002` })).toContainText(`node ${PREFIX}-002 is failed and cannot join a cluster`);
  await expect(results.locator('tbody tr', { hasText: `${PREFIX}-001` })).toContainText('refused');
  await page.screenshot({ path: 'test-results/nodes-bulk-refused.png', fullPage: true });

  await page.reload();
  for (const n of [1, 3, 5]) await select(n);
  await page.getByRole('button', { name: 'Add to cluster' }).click();
  await page.getByLabel('Cluster name').fill(`${PREFIX}-c2`);
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(results).toContainText('Add to cluster: 3 queued, 0 refused');
  for (const n of [1, 3, 5]) await expect(results.locator('tbody tr', { hasText: `${PREFIX}-00${n}` })).toContainText(`member of cluster ${PREFIX}-c2`);
  await page.screenshot({ path: 'test-results/nodes-bulk-queued.png', fullPage: true });
});
