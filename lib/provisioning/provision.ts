import { db, type Prisma } from '@/lib/db/client';
import { ConflictError, ValidationError } from '@/lib/errors';
import type { WorkflowDeps } from './context';
import { createDeployment } from './deployments';
import { assignNode } from './node-owner';
import { estimatedCompletion } from './estimate';
import { scheduleDeployment } from './jobs';
import { planNodes, type NodePlan } from './plan';
import type { ProvisionRequest } from './schemas';
import { checkNodeRequest, type CheckedNodeRequest } from './validate';

export interface ProvisionedNode {
  node_name: string;
  node_id: number;
  deployment_id: string;
  estimated_completion: string;
  monitoring_endpoint: string;
}

export interface RejectedNode {
  node_name: string;
  error: string;
}

export type ProvisionResult =
  | { dry_run: true; nodes: NodePlan[] }
  | { dry_run: false; accepted: ProvisionedNode[]; rejected: RejectedNode[] };

async function checked(body: ProvisionRequest): Promise<CheckedNodeRequest> {
  const { errors, checked } = await checkNodeRequest({
    namePattern: body.node_config.node_name,
    count: body.count,
    startIndex: body.start_index,
    serverProfile: body.node_config.server_profile,
    storageTemplate: body.node_config.storage_template,
    clusterRole: body.node_config.cluster_role,
  });
  if (checked) return checked;
  if (errors.every((e) => /already exists|is still reserved/.test(e.message))) throw new ConflictError('A node with that name already exists or is still reserved', { errors });
  throw new ValidationError('The node configuration is invalid', errors);
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: string }).code === 'P2002';
}

/**
 * POST /api/config/nodes: validates, then either returns the plan (dry run, nothing created) or
 * creates each node with a provision deployment and queues it. Bulk requests report per node.
 */
export async function provisionNodes(body: ProvisionRequest, opts: { dryRun: boolean; requestedBy?: string }, deps: WorkflowDeps): Promise<ProvisionResult> {
  const request = await checked(body);
  const workloadSubnetId = body.network_config?.workload_subnets?.[0];
  if (opts.dryRun) return { dry_run: true, nodes: await planNodes(deps, request, { workloadSubnetId }) };

  const accepted: ProvisionedNode[] = [];
  const rejected: RejectedNode[] = [];
  for (const name of request.names) {
    try {
      const created = await db.$transaction(async (tx) => {
        const node = await tx.node.create({
          data: {
            name,
            serverProfile: request.profile.name,
            storageTemplate: request.template.name,
            clusterRole: request.clusterRole,
            status: 'provisioning',
            networkConfig: (body.network_config ?? undefined) as Prisma.InputJsonValue | undefined,
            clusterConfig: (body.cluster_config ?? undefined) as Prisma.InputJsonValue | undefined,
            createdBy: opts.requestedBy,
          },
        });
        const deployment = await createDeployment(tx, { kind: 'provision', nodeId: node.id, requestedBy: opts.requestedBy });
        await assignNode(tx, node.id, deployment.id);
        return { node, deployment };
      });
      const plan = await planNodes(deps, { ...request, names: [name] }, { workloadSubnetId, nodeIds: [created.node.id] }).catch(() => null);
      if (plan) await db.deployment.update({ where: { id: created.deployment.id }, data: { plan: plan[0] as unknown as Prisma.InputJsonValue } });
      await scheduleDeployment(created.deployment.id);
      accepted.push({
        node_name: name,
        node_id: created.node.id,
        deployment_id: created.deployment.id,
        estimated_completion: estimatedCompletion(deps.now()),
        monitoring_endpoint: `/api/status/nodes/${created.node.id}`,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      rejected.push({ node_name: name, error: `a node named "${name}" already exists` });
    }
  }
  return { dry_run: false, accepted, rejected };
}
