import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect, test } from './helpers/auth';
import { seedDeployedNodes } from './helpers/seed-nodes';

/** An axe scan of every console page in both themes: no serious or critical violations. */

const PORT = Number(process.env.E2E_PORT ?? 3100);

async function seedCluster(name: string): Promise<number> {
  const password = readFileSync(path.resolve('.data/e2e/postgres.password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORT + 20000}/orchestrator` });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Cluster" ("name", "type", "status", "updatedAt") VALUES ($1, 'single_node', 'ready', now()) RETURNING "id"`,
      [name],
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}

test('every console page in both themes has no serious or critical accessibility violations', async ({ page }) => {
  // 34 scans took 2.1-2.9 min on a shared 2-core machine; the limit leaves room for a loaded one.
  test.setTimeout(300_000);
  const [nodeId] = await seedDeployedNodes([`e2e-axe-${Date.now().toString(36)}`]);
  const clusterId = await seedCluster(`e2e-axe-${Date.now().toString(36)}`);
  const pages = [
    '/', '/nodes', '/nodes/new', `/nodes/${nodeId}`, '/clusters', '/clusters/new', `/clusters/${clusterId}`, '/deployments', '/dns',
    '/cleanup', '/audit', '/admin', '/admin/users', '/admin/tokens', '/admin/boot-images', '/admin/database', '/api-docs',
  ];
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.context().addCookies([{ name: 'nvo-theme', value: theme, url: `http://127.0.0.1:${PORT}` }]);
    for (const url of pages) {
      await page.goto(url);
      await expect(page.locator('[data-theme-name]').first()).toHaveAttribute('data-theme-name', theme);
      // (no networkidle: the live pages keep their event stream open)
      await page.locator('h1').first().waitFor();
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${theme} ${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});
