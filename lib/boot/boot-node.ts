import { assertNodeMay, nodeStage } from '@/lib/auth/node-access';
import { nodeIdForToken, nodeTokenCache } from '@/lib/auth/node-tokens';
import { BusCache, nodeTag, nodeTokenIssued } from '@/lib/bus/cache';
import type { Prisma } from '@/lib/db/client';
import { pgPool } from '@/lib/db/pg-pool';
import { ForbiddenError } from '@/lib/errors';
import { reportStateOf, type ReportState } from '@/lib/status/apply-phase-report';
import { POST_INSTALL_PHASES } from '@/lib/status/phases';

export const BOOT_NODE_SELECT = {
  id: true,
  name: true,
  status: true,
  phase: true,
  serverProfile: true,
  storageTemplate: true,
  clusterRole: true,
  managementIp: true,
  ahvIp: true,
  cvmIp: true,
  workloadIp: true,
  bootTokenAt: true,
  networkConfig: true,
  nutanixConfig: true,
  clusterId: true,
} as const;

/** A node as boot decisions read it; `installedEvent`: installation reported complete in this run. */
export type BootNode = Prisma.NodeGetPayload<{ select: typeof BOOT_NODE_SELECT }> & { installedEvent: boolean };

const AFTER_INSTALL: string[] = [...POST_INSTALL_PHASES];

// One row per node with everything a boot decision needs, "installed yet" included: since the
// current token was issued, installation reported complete or a post-install phase reported.
// Those reports also change the node (phase, progress), so the cached row is dropped with them.
const BOOT_NODE_SQL = `SELECT ${Object.keys(BOOT_NODE_SELECT).map((c) => `n."${c}"`).join(', ')}, n."version",
  EXISTS (SELECT 1 FROM "DeploymentEvent" e
          WHERE e."nodeId" = n."id" AND ((e."phase" = 'installation' AND e."status" = 'completed') OR e."phase" = ANY($2))
            AND (n."bootTokenAt" IS NULL OR e."createdAt" >= n."bootTokenAt")) AS "installedEvent"
  FROM "Node" n`;

type BootNodeRow = BootNode & { version: number };

/**
 * What boot decisions read, per node, for the nodes that booted recently: dropped on every process
 * of every instance when the node changes (PostgreSQL publishes it, see lib/auth/node-tokens.ts).
 */
const WARM_MAX = 50_000;
const nodes: BusCache<number, BootNodeRow> = new BusCache<number, BootNodeRow>({
  topic: 'node', tagOf: nodeTag, max: WARM_MAX, versionOf: (n) => n.version,
  refresh: { read: (ids) => readBootNodes(ids), prefetchOf: nodeTokenIssued },
  // A phase report's message carries the node's new state: patched in place, not read again. Any
  // other `deployment` message about a node may be an "installation completed" (installedEvent).
  carried: {
    topic: 'deployment',
    valueOf: (m, held) => {
      const id = m.data.nodeId;
      if (typeof id !== 'number') return undefined;
      const state = reportStateOf(m.data.reportState);
      const row = held(id);
      // Read after the report committed (its message came late): the row already has it.
      if (row && state && row.version >= state.node.version) return undefined;
      const after = afterReport(row, state);
      return after ? { key: id, value: after, tag: id } : { drop: id };
    },
  },
});

/** A cached boot row after the phase report `state` results from, if it was read at the version the report was applied to. */
function afterReport(held: BootNodeRow | undefined, state: ReportState | undefined): BootNodeRow | undefined {
  if (!held || !state || held.id !== state.node.id || held.version !== state.node.version - 1) return undefined;
  const { phase, status } = state.phase;
  const installs = (phase === 'installation' && status === 'completed') || (phase !== null && AFTER_INSTALL.includes(phase));
  return { ...held, status: state.node.status, phase: state.node.phase, version: state.node.version, installedEvent: held.installedEvent || installs };
}
/**
 * Starts keeping the boot cache warm; resolves when every node holding a boot token is in. A node
 * that gets a token later (provisioned, reinitialized) is read in the next refresh batch: it is
 * about to boot.
 */
export function warmBootCache(): Promise<void> {
  return nodes.warm();
}

/** Boot rows (with their token hashes, which warm the token cache too) of these nodes, or of every node holding a token. */
async function readBootNodes(ids: number[] | null) {
  const tokensSince = nodeTokenCache.mark();
  const { rows } = await pgPool().query<BootNodeRow & { bootTokenHash: string }>({
    name: 'boot-nodes-warm',
    text: `${BOOT_NODE_SQL.replace('n."version",', 'n."version", n."bootTokenHash",')}
           WHERE n."bootTokenHash" IS NOT NULL AND ($1::int[] IS NULL OR n."id" = ANY($1)) ORDER BY n."id" DESC LIMIT ${WARM_MAX}`,
    values: [ids, AFTER_INSTALL],
  });
  return rows.map(({ bootTokenHash, ...row }) => {
    nodeTokenCache.fill(bootTokenHash, row.id, row.version, tokensSince);
    return { key: row.id, value: row, tag: row.id };
  });
}

async function queryBootNode(where: 'id' | 'token', value: number | string): Promise<BootNodeRow | null> {
  const { rows } = await pgPool().query<BootNodeRow>({
    name: `boot-node-by-${where}`,
    text: `${BOOT_NODE_SQL} WHERE ${where === 'id' ? 'n."id"' : 'n."bootTokenHash"'} = $1 LIMIT 1`,
    values: [value, AFTER_INSTALL],
  });
  return rows[0] ?? null;
}

export function loadBootNode(id: number): Promise<BootNode | null> {
  return nodes.load(id, () => queryBootNode('id', id), (node) => node.id);
}

/**
 * The node a boot token belongs to, provided it also matches the node id / management IP the
 * request names. Unknown node and wrong token both give null: callers answer them alike. A token
 * not cached yet (a node's first request) costs one query: token, node and "installed yet" at once.
 */
export async function nodeForBootToken(
  token: string | undefined,
  claims: { nodeId?: number; mgmtIp?: string } = {},
): Promise<BootNode | null> {
  const since = nodes.mark();
  let fetched: BootNodeRow | null = null;
  const id = await nodeIdForToken(token, async (hash) => {
    fetched = await queryBootNode('token', hash);
    return fetched && { nodeId: fetched.id, version: fetched.version };
  });
  if (id === null) return null;
  if (claims.nodeId !== undefined && claims.nodeId !== id) return null;
  const prefetched = fetched as BootNodeRow | null;
  const node = prefetched?.id === id
    ? await nodes.load(id, async () => prefetched, (n) => n.id, since)
    : await loadBootNode(id);
  if (!node) return null;
  if (claims.mgmtIp !== undefined && claims.mgmtIp !== node.managementIp) return null;
  return node;
}

/**
 * True once the hypervisor is on the node's disk: deployed, or (since the current token was
 * issued) installation reported complete or a post-install phase reported. Such a node must boot
 * its disk on every network boot; serving the installer again would wipe it (the reinstall loop).
 */
export function isInstalled(node: BootNode): boolean {
  if (node.status === 'deployed') return true;
  if (node.phase && AFTER_INSTALL.includes(node.phase)) return true;
  return node.installedEvent;
}

/**
 * The node behind a boot token, if it may still use the install endpoints (installer config,
 * images, scripts; lib/auth/node-access.ts). Once installed (or failed, cleaned...) its token no
 * longer opens them: only a reinitialize, which rotates the token and resets the node, does.
 */
export async function nodeForInstall(nodeId: number): Promise<BootNode> {
  const node = await loadBootNode(nodeId);
  if (!node) throw new ForbiddenError('A valid node token is required');
  assertNodeMay(node, nodeStage(node.status, isInstalled(node)), 'install_files');
  return node;
}
