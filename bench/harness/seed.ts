import { createHash } from 'node:crypto';
import pg from 'pg';

/** What a benchmark needs to call as a node: its id, management address and boot token. */
export interface SeededNode {
  id: number;
  managementIp: string;
  token: string;
}

/** The boot token of the i-th seeded node (the same formula as the SQL in seedNodes). */
export function benchToken(i: number): string {
  return `nvn_bench${i}_${createHash('md5').update(String(i)).digest('hex')}`;
}

/**
 * Seeds `count` deploying nodes, each with a boot token (hash stored like issueNodeToken does,
 * token issued now) and its provision deployment, in a few set-based statements. The deployments
 * are finished ones: reports and timelines name them, but the engine has nothing to run. Running
 * ones without steps were picked up by the resume sweep at server start, and the measurement ran
 * beside 10,000 empty deployment runs (a node claim and release each); the provisions bench
 * measures deployment runs.
 */
export async function seedNodes(url: string, count = 10_000): Promise<SeededNode[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const rows = await client.query<{ id: number; i: number; managementIp: string }>(
      `INSERT INTO "Node" ("name", "serverProfile", "storageTemplate", "status", "phase", "managementIp", "ahvIp", "cvmIp",
                           "workloadIp", "bootTokenHash", "bootTokenAt", "createdAt", "updatedAt")
       SELECT 'bench-' || g, 'bx2d-metal-96x384', 'nutanix_reserved', 'deploying', NULL,
              '10.' || ((g >> 16) & 255) || '.' || ((g >> 8) & 255) || '.' || (g & 255),
              '10.' || (100 + ((g >> 16) & 255)) || '.' || ((g >> 8) & 255) || '.' || (g & 255),
              '10.' || (200 + ((g >> 16) & 255)) || '.' || ((g >> 8) & 255) || '.' || (g & 255),
              NULL,
              encode(sha256(convert_to('nvn_bench' || g || '_' || md5(g::text), 'UTF8')), 'hex'),
              now(), now() - interval '1 hour', now()
       FROM generate_series(1, $1::int) AS g
       RETURNING "id", substring("name" from 7)::int AS i, "managementIp"`,
      [count],
    );
    await client.query(
      `INSERT INTO "Deployment" ("id", "kind", "status", "nodeId", "createdAt", "updatedAt", "startedAt")
       SELECT gen_random_uuid(), 'provision', 'succeeded', "id", now() - interval '1 hour', now(), now() - interval '1 hour'
       FROM "Node" WHERE "name" LIKE 'bench-%'`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return rows.rows
      .map((r) => ({ id: r.id, managementIp: r.managementIp, token: benchToken(r.i) }))
      .sort((a, b) => a.id - b.id);
  } finally {
    await client.end();
  }
}

/**
 * Seeds `count` timeline events spread over the seeded nodes and their deployments, dated over
 * the last 30 days but before each node's current run (so they are history: they change no boot
 * decision or phase state). Inserted in batches of 100,000.
 */
export async function seedEvents(url: string, count = 1_000_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const nodes = await client.query<{ min: number; max: number }>(`SELECT min(id) AS min, max(id) AS max FROM "Node"`);
    const { min, max } = nodes.rows[0];
    if (min === null) throw new Error('seed nodes first');
    const batch = 100_000;
    for (let offset = 0; offset < count; offset += batch) {
      await client.query(
        `INSERT INTO "DeploymentEvent" ("deploymentId", "nodeId", "phase", "status", "message", "source", "progress", "createdAt")
         SELECT d."id", n."id",
                (ARRAY['ipxe_boot','config_download','foundation_start','storage_discovery','image_download','installation','boot_asset'])[1 + g % 7],
                (ARRAY['started','in_progress','completed','info'])[1 + (g / 7) % 4],
                'bench history event ' || g, 'node', (g % 100),
                n."bootTokenAt" - interval '2 hours' - (g % 2592000) * interval '1 second'
         FROM generate_series($1::int, $2::int) AS g
         JOIN "Node" n ON n."id" = $3::int + (g % ($4::int - $3::int + 1))
         LEFT JOIN "Deployment" d ON d."nodeId" = n."id"`,
        [offset + 1, Math.min(offset + batch, count), min, max],
      );
    }
    await client.query('ANALYZE "DeploymentEvent"');
  } finally {
    await client.end();
  }
}
