import { hear } from '@/lib/bus';
import { BusCache, nodeTag } from '@/lib/bus/cache';
import { db } from '@/lib/db/client';
import { pgPool } from '@/lib/db/pg-pool';
import { hashSecret, newSecret } from './secrets';

/**
 * Boot token hash → node id, per process, for the nodes that booted recently. Kept coherent by the
 * bus: rotating or clearing a node's token (or any change of the node) is published by
 * PostgreSQL itself (prisma/migrations/20261203120000_node_bus_notify), so every process of every
 * instance forgets the old token at once. Unknown tokens are never cached and evict nothing.
 */
const cache = new BusCache<string, { nodeId: number; version: number }>({
  topic: 'node',
  // Phase reports change a node all the time; only a change of its token (or its deletion) matters here.
  tagOf: (m) => (m.data.tokenChanged === false ? undefined : nodeTag(m)),
  // A message about a change the cached look-up already saw (same or older version) drops nothing.
  versionOf: (v) => v.version,
  max: 50_000,
});

/**
 * Resolves when this process hears that the node's token changed (false after a second, or at once
 * without the bus). Start listening before the change, await after it: by then PostgreSQL has
 * handed the change to every listening process, so no other instance keeps honouring the old token.
 */
export function tokenChangeHeard(nodeId: number): Promise<boolean> {
  return hear('node', (m) => m.data.nodeId === nodeId && m.data.tokenChanged === true);
}

/** Issues (or rotates) a node's boot token. The plaintext goes into the server's user data only. */
export async function issueNodeToken(nodeId: number): Promise<string> {
  const token = newSecret('nvn');
  const echoed = tokenChangeHeard(nodeId);
  await db.node.update({
    where: { id: nodeId },
    data: { bootTokenHash: hashSecret(token), bootTokenAt: new Date() },
  });
  // This process stops honouring the old token before the bus message comes back.
  cache.invalidate(nodeId);
  // Returned once every other process has been sent the change: a caller that hands out the new
  // token (or tells an operator "rotated") is not racing the other instances' caches.
  await echoed;
  return token;
}

/**
 * The node a boot token belongs to, or null. A boot storm (every node fetching script, config and
 * images at once) is served from the cache instead of becoming a database storm.
 */
export async function nodeIdForToken(
  token: string | null | undefined,
  /** Looks the hash up when it is not cached (the boot path reads the whole node in that query). */
  lookUp: (hash: string) => Promise<{ nodeId: number; version: number } | null> = nodeByTokenHash,
): Promise<number | null> {
  if (!token || !token.startsWith('nvn_')) return null;
  const hash = hashSecret(token);
  const found = await cache.load(hash, () => lookUp(hash), (v) => v.nodeId);
  return found?.nodeId ?? null;
}

async function nodeByTokenHash(hash: string): Promise<{ nodeId: number; version: number } | null> {
  const { rows } = await pgPool().query<{ id: number; version: number }>({
    name: 'node-for-token',
    text: 'SELECT "id", "version" FROM "Node" WHERE "bootTokenHash" = $1 LIMIT 1',
    values: [hash],
  });
  return rows[0] ? { nodeId: rows[0].id, version: rows[0].version } : null;
}

/** For warming from a query that read token hashes with their nodes (lib/boot/boot-node.ts). */
export const nodeTokenCache = {
  mark: () => cache.mark(),
  fill: (hash: string, nodeId: number, version: number, since: number) => cache.fill(hash, { nodeId, version }, nodeId, since),
};

/** Drops this process's cached tokens for a node (the bus tells the other processes). */
export function forgetNodeToken(nodeId: number) {
  cache.invalidate(nodeId);
}
