import { db, type Prisma } from '@/lib/db/client';
import { NotFoundError } from '@/lib/errors';
import { statusesWhere, statusIs } from '@/lib/status/node-statuses';
import { CLEANUP_STEPS } from './plan';
import { OPEN_DEPLOYMENT_STATUSES } from '@/lib/status/deployment-statuses';

const NEEDS_CLEANUP = statusesWhere('needsCleanup');

const withSteps = { steps: { orderBy: { position: 'asc' } }, node: { select: { id: true, name: true } } } as const;
type CleanupRow = Prisma.DeploymentGetPayload<{ include: typeof withSteps }>;

export interface CleanupRunView {
  deployment_id: string;
  node: { id: number; name: string } | null;
  status: string;
  current_step: string | null;
  progress_percent: number;
  error: string | null;
  requested_by: string | null;
  created_at: string;
  finished_at: string | null;
  resources: unknown;
  steps: { name: string; status: string; attempts: number; last_error: string | null }[];
}

export function toCleanupRunView(d: CleanupRow): CleanupRunView {
  const done = d.steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped').length;
  return {
    deployment_id: d.id,
    node: d.node,
    status: d.status,
    current_step: d.currentStep,
    progress_percent: Math.round((done / Math.max(1, d.steps.length || CLEANUP_STEPS.length)) * 100),
    error: d.error,
    requested_by: d.requestedBy,
    created_at: d.createdAt.toISOString(),
    finished_at: d.finishedAt?.toISOString() ?? null,
    resources: (d.plan as { resources?: unknown } | null)?.resources ?? [],
    steps: d.steps.map((s) => ({ name: s.name, status: s.status, attempts: s.attempts, last_error: s.lastError })),
  };
}

/** Running cleanups first, then the most recent finished ones. */
export async function listCleanupRuns(limit = 20) {
  const [running, recent] = await Promise.all([
    db.deployment.findMany({ where: { kind: 'cleanup', status: { in: OPEN_DEPLOYMENT_STATUSES } }, include: withSteps, orderBy: { createdAt: 'asc' } }),
    db.deployment.findMany({ where: { kind: 'cleanup', status: { notIn: OPEN_DEPLOYMENT_STATUSES } }, include: withSteps, orderBy: { createdAt: 'desc' }, take: limit }),
  ]);
  return { running: running.map(toCleanupRunView), recent: recent.map(toCleanupRunView) };
}

async function nodeStatus(name: string) {
  const node = await db.node.findFirst({ where: { name }, orderBy: { id: 'desc' } });
  if (!node) throw new NotFoundError(`No node is named ${name}`);
  const [live, last] = await Promise.all([
    db.cloudResource.count({ where: { nodeId: node.id, state: { not: 'deleted' } } }),
    db.deployment.findFirst({ where: { nodeId: node.id, kind: 'cleanup' }, include: withSteps, orderBy: { createdAt: 'desc' } }),
  ]);
  return {
    node_name: node.name,
    node_id: node.id,
    current_status: node.status,
    cleanup_needed: statusIs(node.status, 'needsCleanup') && live > 0,
    cleanup_completed: node.status === 'cleaned',
    live_resources: live,
    last_cleanup: last ? toCleanupRunView(last) : null,
  };
}

async function deploymentStatus(id: string) {
  const d = await db.deployment.findUnique({ where: { id }, include: withSteps });
  if (!d) throw new NotFoundError(`Deployment ${id} does not exist`);
  return { kind: d.kind, ...toCleanupRunView(d) };
}

/** GET /api/cleanup/status: one node (by name), one deployment, or the overview. */
export async function getCleanupStatus(query: { node_name?: string; deployment_id?: string }) {
  if (query.node_name) return { ...(await nodeStatus(query.node_name)), timestamp: new Date().toISOString() };
  if (query.deployment_id) return { ...(await deploymentStatus(query.deployment_id)), timestamp: new Date().toISOString() };
  const [byStatus, needed, findings, runs] = await Promise.all([
    db.node.groupBy({ by: ['status'], _count: { _all: true } }),
    db.node.count({ where: { status: { in: NEEDS_CLEANUP }, cloudResources: { some: { state: { not: 'deleted' } } } } }),
    db.driftFinding.groupBy({ by: ['status'], where: { status: { not: 'resolved' } }, _count: { _all: true } }),
    listCleanupRuns(),
  ]);
  const overall = Object.fromEntries(byStatus.map((g) => [g.status, g._count._all]));
  return {
    overall_status: overall,
    cleanup_needed: needed,
    cleanup_completed: overall.cleaned ?? 0,
    findings: Object.fromEntries(findings.map((g) => [g.status, g._count._all])),
    ...runs,
    timestamp: new Date().toISOString(),
  };
}

/** Nodes whose ledger still lists live cloud resources and that no cleanup is working on. */
export async function nodesHoldingResources(limit = 200) {
  const nodes = await db.node.findMany({
    where: { status: { notIn: statusesWhere('retired') }, cloudResources: { some: { state: { not: 'deleted' } } } },
    select: { id: true, name: true, status: true, _count: { select: { cloudResources: { where: { state: { not: 'deleted' } } } } } },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return nodes.map((n) => ({ id: n.id, name: n.name, status: n.status, liveResources: n._count.cloudResources }));
}
