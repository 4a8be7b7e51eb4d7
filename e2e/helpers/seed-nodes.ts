import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * Inserts already-deployed nodes (with management and CVM IPs) straight into the e2e server's
 * embedded database, so cluster specs do not depend on a full simulated install of every member.
 */
export async function seedDeployedNodes(names: string[]): Promise<number[]> {
  const password = readFileSync(path.resolve('.data/e2e/postgres.password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORT + 20000}/orchestrator` });
  await client.connect();
  try {
    const ids: number[] = [];
    for (const name of names) {
      const host = 60 + ids.length + Math.floor(Math.random() * 30);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO "Node" ("name", "serverProfile", "status", "phase", "progress", "managementIp", "cvmIp", "deployedAt", "updatedAt")
         VALUES ($1, 'cx3d-metal-48x128', 'deployed', 'health_validation', 100, $2, $3, now(), now()) RETURNING "id"`,
        [name, `10.240.0.${host}`, `10.240.0.${host + 100}`],
      );
      ids.push(rows[0].id);
    }
    return ids;
  } finally {
    await client.end();
  }
}
