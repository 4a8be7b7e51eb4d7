import { db } from '@/lib/db/client';
import { releaseClusterResources, type DeleteClusterDeps } from '@/lib/clusters/lifecycle';
import { DomainError, type ErrorKind } from '@/lib/errors';
import { startFindingCleanup, type FindingCleanupDeps } from './drift/clean-finding';
import { planSummary, startNodeCleanup, nodesOfDeployment, type StartedCleanup } from './start';
import type { CleanupTarget, OrphanSweepInput } from './schemas';

export interface CleanupDeps extends FindingCleanupDeps {
  /** For a cluster's own resources (cleanup of a cluster deployment). */
  cloud: DeleteClusterDeps;
}

function describeStart(s: StartedCleanup) {
  return { node_id: s.nodeId, node_name: s.nodeName, deployment_id: s.deploymentId, created: s.created, resources: planSummary(s.plan) };
}

/**
 * Cleans every node of a deployment (its node, or its cluster's members); one result per node.
 * A cluster's deployment also releases the cluster's own addresses and DNS records.
 */
export async function cleanupDeployment(deploymentId: string, requestedBy: string, deps: CleanupDeps) {
  const nodeIds = await nodesOfDeployment(deploymentId);
  const results = [];
  for (const nodeId of nodeIds) results.push(await cleanupOne({ type: 'node', id: nodeId }, requestedBy, deps));
  const { clusterId } = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { clusterId: true } });
  const cluster = clusterId !== null ? await releaseClusterResources(clusterId, requestedBy, deps.cloud) : undefined;
  return { deployment_id: deploymentId, nodes: results, ...(cluster ? { cluster } : {}) };
}

export interface TargetResult {
  type: string;
  id: number | string;
  success: boolean;
  /** Started, or why not: the kind of the error this target alone would have answered (lib/http maps it to a status). */
  outcome: 'started' | ErrorKind;
  detail?: string;
  [key: string]: unknown;
}

async function cleanupOne(target: CleanupTarget, requestedBy: string, deps: CleanupDeps): Promise<TargetResult> {
  try {
    if (target.type === 'node') {
      return { ...target, success: true, outcome: 'started', ...describeStart(await startNodeCleanup(target.id, requestedBy, deps.enqueueNode)) };
    }
    if (target.type === 'finding') {
      return { ...target, success: true, outcome: 'started', finding: await startFindingCleanup(target.id, requestedBy, deps) };
    }
    const result = await cleanupDeployment(target.id, requestedBy, deps);
    return { ...target, success: result.nodes.every((n) => n.success), outcome: 'started', nodes: result.nodes };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ...target, success: false, outcome: err.kind, detail: err.message };
  }
}

/** Every target in order; a target's own failure (404, 409) is its result, not the batch's. */
export async function cleanupBatch(targets: CleanupTarget[], requestedBy: string, deps: CleanupDeps) {
  const results: TargetResult[] = [];
  for (const target of targets) results.push(await cleanupOne(target, requestedBy, deps));
  const succeeded = results.filter((r) => r.success).length;
  return { total: results.length, succeeded, failed: results.length - succeeded, results };
}

/**
 * The orphan sweep: failed nodes untouched for `max_age_hours` that the ledger still holds
 * resources for, and open orphan findings (provably ours: our tag or ledger history) at least that
 * old (run a reconciliation first for fresh findings). Stuck nodes and foreign findings (named like
 * ours, not provably ours) are reported, never swept. A dry run unless `dry_run` is false.
 */
export async function sweepOrphans(input: OrphanSweepInput, requestedBy: string, deps: CleanupDeps) {
  const cutoff = new Date(Date.now() - input.max_age_hours * 3_600_000);
  const leftovers = { updatedAt: { lte: cutoff }, cloudResources: { some: { state: { not: 'deleted' } } } };
  const select = { id: true, name: true } as const;
  const old = { OR: [{ cloudCreatedAt: { lte: cutoff } }, { cloudCreatedAt: null, firstSeenAt: { lte: cutoff } }] };
  const [nodes, stuckNodes, findings, foreign] = await Promise.all([
    db.node.findMany({ where: { status: 'failed', ...leftovers }, select, orderBy: { id: 'asc' } }),
    db.node.findMany({ where: { status: 'stuck', ...leftovers }, select, orderBy: { id: 'asc' } }),
    db.driftFinding.findMany({ where: { kind: 'orphan', status: 'open', ...old }, select: { id: true, name: true, resourceKind: true, detail: true }, orderBy: { id: 'asc' } }),
    db.driftFinding.findMany({ where: { kind: 'foreign', status: { in: ['open', 'acknowledged'] } }, select: { id: true, name: true, resourceKind: true, detail: true }, orderBy: { id: 'asc' } }),
  ]);
  const base = { max_age_hours: input.max_age_hours, cutoff: cutoff.toISOString(), dry_run: input.dry_run };
  const report = { nodes, findings, reported: { stuck_nodes: stuckNodes, foreign_findings: foreign } };
  if (input.dry_run) return { ...base, ...report, results: [] as TargetResult[] };
  const targets: CleanupTarget[] = [
    ...nodes.map((n) => ({ type: 'node' as const, id: n.id })),
    ...findings.map((f) => ({ type: 'finding' as const, id: f.id })),
  ];
  const { results } = await cleanupBatch(targets, requestedBy, deps);
  return { ...base, ...report, results };
}
