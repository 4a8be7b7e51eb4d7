import { expect, test } from './helpers/auth';
import { seedDeployedNodes } from './helpers/seed-nodes';

test.describe.configure({ mode: 'serial' });

/** A name unique to this attempt: a retry runs on the same database, where the first attempt's nodes and clusters remain. */
const named = (name: string) => (test.info().retry ? `r${test.info().retry}-${name}` : name);

test('forms a single-node and a three-node cluster from deployed nodes picked in the form', async ({ page }) => {
  await seedDeployedNodes([1, 2, 3, 4].map((n) => named(`e2e-pick-${n}`)));

  await page.goto('/clusters');
  await page.getByRole('link', { name: 'Create cluster' }).click();
  await page.getByLabel('Cluster name').fill(named('e2e-solo'));
  await page.getByText(`${named('e2e-pick-1')} —`).click();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('heading', { name: `Cluster ${named('e2e-solo')}` })).toBeVisible();
  await expect(page.getByTestId('fact-status')).toHaveText('ready', { timeout: 60_000 });
  await expect(page.getByTestId('fact-cluster-ip')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);
  await expect(page.getByTestId('cluster-dns-records')).toContainText(`A ${named('e2e-solo')} →`);
  await expect(page.getByTestId(`member-${named('e2e-pick-1')}`)).toContainText('deployed');

  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill(named('e2e-trio'));
  await page.getByText('Multi node (3+ nodes)').click();
  for (const n of [2, 3, 4]) await page.getByText(`${named(`e2e-pick-${n}`)} —`).click();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('heading', { name: `Cluster ${named('e2e-trio')}` })).toBeVisible();
  await expect(page.getByTestId('fact-status')).toHaveText('ready', { timeout: 60_000 });
  await expect(page.getByTestId('fact-redundancy-factor')).toHaveText('RF2');
  await expect(page.getByTestId('cluster-dns-records')).toContainText(`A ${named('e2e-trio')}-ds →`);
  await page.screenshot({ path: 'test-results/cluster-detail.png', fullPage: true });

  await page.goto('/clusters');
  await expect(page.getByTestId(`cluster-row-${named('e2e-solo')}`)).toContainText('ready');
  await expect(page.getByTestId(`cluster-row-${named('e2e-trio')}`)).toContainText('Multi node (RF2)');
});

test('shows field errors for a cluster that does not fit its type', async ({ page }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill(named('e2e-bad'));
  await page.getByText('Multi node (3+ nodes)').click();
  await page.getByText('Provision new nodes').click();
  await page.getByLabel('Number of new nodes').fill('2');
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByTestId('create-problem')).toContainText('The request body is invalid');
  await expect(page.getByText('a multi_node cluster needs at least 3 members, got 2')).toBeVisible();
});

test('provisions new members from the form: the cluster waits for them to be deployed', async ({ page }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill(named('e2e-fresh'));
  await page.getByText('Provision new nodes').click();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('heading', { name: `Cluster ${named('e2e-fresh')}` })).toBeVisible();
  await expect(page.getByTestId(`member-${named('e2e-fresh')}-1`)).toBeVisible();
  await expect(page.getByTestId('fact-status')).toHaveText('pending');
  await expect(page.getByTestId('cluster-steps')).toContainText(`waiting for 1 of 1 members: ${named('e2e-fresh')}-1`);
});

test('a failed formation shows why, a retry makes it ready, and delete detaches the member', async ({ page }) => {
  await seedDeployedNodes([named('e2e-flaky-node')]);
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill(named('e2e-flaky'));
  await page.getByText(`${named('e2e-flaky-node')} —`).click();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('heading', { name: `Cluster ${named('e2e-flaky')}` })).toBeVisible();
  await expect(page.getByTestId('fact-status')).toHaveText('failed', { timeout: 60_000 });
  await expect(page.getByTestId('failure-reason')).toContainText('Form the cluster failed');
  await page.screenshot({ path: 'test-results/cluster-failed.png', fullPage: true });

  await page.getByRole('button', { name: 'Retry formation' }).click();
  await expect(page.getByTestId('fact-status')).toHaveText('ready', { timeout: 60_000 });
  await expect(page.getByTestId('failure-reason')).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete cluster' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByTestId(`cluster-row-${named('e2e-flaky')}`)).toHaveCount(0);
  await page.goto('/clusters/new');
  await expect(page.getByText(`${named('e2e-flaky-node')} —`)).toBeVisible();
});
