import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const PORT = Number(process.env.E2E_PORT ?? 3100);

/** A client of the e2e server's embedded database (its password is in the data directory). */
async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(path.resolve('.data/e2e/postgres.password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORT + 20000}/orchestrator` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Marks a live ledger row deleted while its cloud resource stays: a resource we lost track of. */
export async function loseTrackOf(kind: string, name: string): Promise<void> {
  await withDatabase((client) =>
    client.query(`UPDATE "CloudResource" SET "state" = 'deleted', "deletedAt" = now() WHERE "kind" = $1 AND "name" = $2 AND "state" <> 'deleted'`, [kind, name]),
  );
}

/**
 * Inserts `count` nodes named `<prefix>-001`... in one statement (status `deployed`, or `failed`
 * for the numbers in `failed`), without management IPs, so list specs can page through many.
 */
export async function seedNodeSet(prefix: string, count: number, failed: number[] = []): Promise<void> {
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "Node" ("name", "serverProfile", "status", "phase", "progress", "deployedAt", "updatedAt")
       SELECT $1 || '-' || lpad(g::text, 3, '0'), 'cx3d-metal-48x128', CASE WHEN g = ANY($3::int[]) THEN 'failed' ELSE 'deployed' END,
              'health_validation', 100, now(), now()
       FROM generate_series(1, $2::int) g`,
      [prefix, count, failed],
    ),
  );
}

/**
 * Inserts already-deployed nodes (with management and CVM IPs) straight into the e2e server's
 * embedded database, so cluster specs do not depend on a full simulated install of every member.
 */
export async function seedDeployedNodes(names: string[]): Promise<number[]> {
  return withDatabase(async (client) => {
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
  });
}
