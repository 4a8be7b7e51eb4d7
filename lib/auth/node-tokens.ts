import { db } from '@/lib/db/client';
import { hashSecret } from './secrets';
import { newSecret } from './secrets';

const CACHE_TTL_MS = 15_000;
const cache = new Map<string, { nodeId: number | null; at: number }>();

/** Issues (or rotates) a node's boot token. The plaintext goes into the server's user data only. */
export async function issueNodeToken(nodeId: number): Promise<string> {
  const token = newSecret('nvn');
  await db.node.update({
    where: { id: nodeId },
    data: { bootTokenHash: hashSecret(token), bootTokenAt: new Date() },
  });
  forgetNodeTokens();
  return token;
}

/**
 * The node a boot token belongs to, or null. Cached briefly so that a boot storm (every node
 * fetching script, config and images at once) does not become a database storm.
 */
export async function nodeIdForToken(token: string | null | undefined): Promise<number | null> {
  if (!token || !token.startsWith('nvn_')) return null;
  const hash = hashSecret(token);
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.nodeId;
  const node = await db.node.findFirst({ where: { bootTokenHash: hash }, select: { id: true } });
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { nodeId: node?.id ?? null, at: Date.now() });
  return node?.id ?? null;
}

/** Called when tokens rotate so this process stops honouring the old one at once. */
export function forgetNodeTokens() {
  cache.clear();
}
