import { nodeIdForToken } from '@/lib/auth/node-tokens';
import { BusCache, nodeTag } from '@/lib/bus/cache';
import type { Prisma } from '@/lib/db/client';
import { pgPool } from '@/lib/db/pg-pool';
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

export type BootNode = Prisma.NodeGetPayload<{ select: typeof BOOT_NODE_SELECT }>;

const COLUMNS = Object.keys(BOOT_NODE_SELECT).map((c) => `"${c}"`).join(', ');

/**
 * What boot decisions read, per node, for the nodes that booted recently: dropped on every process
 * of every instance when the node changes (PostgreSQL publishes it, see lib/auth/node-tokens.ts).
 */
const nodes = new BusCache<number, BootNode>({ topic: 'node', tagOf: nodeTag, max: 50_000 });
/** Nodes known to be installed in their current run (only `true` is kept: it holds until a change). */
const installed = new BusCache<number, true>({ topic: 'node', tagOf: nodeTag, max: 50_000 });

export function loadBootNode(id: number): Promise<BootNode | null> {
  return nodes.load(
    id,
    async () => {
      const { rows } = await pgPool().query<BootNode>({ name: 'boot-node', text: `SELECT ${COLUMNS} FROM "Node" WHERE "id" = $1`, values: [id] });
      return rows[0] ?? null;
    },
    (node) => node.id,
  );
}

/**
 * The node a boot token belongs to, provided it also matches the node id / management IP the
 * request names. Unknown node and wrong token both give null: callers answer them alike.
 */
export async function nodeForBootToken(
  token: string | undefined,
  claims: { nodeId?: number; mgmtIp?: string } = {},
): Promise<BootNode | null> {
  const id = await nodeIdForToken(token);
  if (id === null) return null;
  if (claims.nodeId !== undefined && claims.nodeId !== id) return null;
  const node = await loadBootNode(id);
  if (!node) return null;
  if (claims.mgmtIp !== undefined && claims.mgmtIp !== node.managementIp) return null;
  return node;
}

const AFTER_INSTALL: string[] = [...POST_INSTALL_PHASES];

/**
 * True once the hypervisor is on the node's disk: deployed, or (since the current token was
 * issued) installation reported complete or a post-install phase reported. Such a node must boot
 * its disk on every network boot; serving the installer again would wipe it (the reinstall loop).
 */
export async function isInstalled(node: BootNode): Promise<boolean> {
  if (node.status === 'deployed') return true;
  if (node.phase && AFTER_INSTALL.includes(node.phase)) return true;
  const done = await installed.load(
    node.id,
    async () => {
      const { rows } = await pgPool().query({
        name: 'node-installed',
        text: `SELECT 1 FROM "DeploymentEvent"
               WHERE "nodeId" = $1 AND (("phase" = 'installation' AND "status" = 'completed') OR "phase" = ANY($2))
                 AND ($3::timestamp IS NULL OR "createdAt" >= $3::timestamp)
               LIMIT 1`,
        values: [node.id, AFTER_INSTALL, node.bootTokenAt?.toISOString() ?? null],
      });
      return rows.length > 0 ? true : null;
    },
    () => node.id,
  );
  return done === true;
}
