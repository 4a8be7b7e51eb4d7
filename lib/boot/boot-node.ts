import { nodeIdForToken } from '@/lib/auth/node-tokens';
import { db } from '@/lib/db/client';

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

export type BootNode = NonNullable<Awaited<ReturnType<typeof loadBootNode>>>;

export function loadBootNode(id: number) {
  return db.node.findUnique({ where: { id }, select: BOOT_NODE_SELECT });
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

/** Phases the node reports only after the installer rebooted it into AHV from its own disk. */
const AFTER_INSTALL = ['cluster_formation', 'dns_registration', 'health_validation'];

/**
 * True once the hypervisor is on the node's disk: deployed, or (since the current token was
 * issued) installation reported complete or a post-install phase reported. Such a node must boot
 * its disk on every network boot; serving the installer again would wipe it (the reinstall loop).
 */
export async function isInstalled(node: BootNode): Promise<boolean> {
  if (node.status === 'deployed') return true;
  if (node.phase && AFTER_INSTALL.includes(node.phase)) return true;
  const done = await db.deploymentEvent.findFirst({
    where: {
      nodeId: node.id,
      OR: [{ phase: 'installation', status: 'completed' }, { phase: { in: AFTER_INSTALL } }],
      ...(node.bootTokenAt ? { createdAt: { gte: node.bootTokenAt } } : {}),
    },
    select: { id: true },
  });
  return done !== null;
}

/** Statuses in which a node that is not yet installed may be served the installer. */
export const INSTALLABLE_STATUSES = ['pending', 'provisioning', 'deploying', 'stuck'] as const;

export function isInstallable(status: string): boolean {
  return (INSTALLABLE_STATUSES as readonly string[]).includes(status);
}
