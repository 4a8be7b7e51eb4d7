import { db, type Prisma } from '@/lib/db/client';
import { recordFqdn } from '@/lib/dns/naming';
import { CLUSTER_STEPS, STEP_LABELS, type ClusterStepName } from './workflow/steps';

export const clusterInclude = {
  nodes: { orderBy: { id: 'asc' } },
  deployments: { where: { kind: 'cluster' }, orderBy: { createdAt: 'desc' }, take: 1, include: { steps: { orderBy: { position: 'asc' } } } },
  dnsRecords: { orderBy: [{ type: 'asc' }, { name: 'asc' }] },
} satisfies Prisma.ClusterInclude;

export type ClusterRow = Prisma.ClusterGetPayload<{ include: typeof clusterInclude }>;

/** Where each step starts on the 0-100 progress scale; waiting for members is the long part. */
const STEP_START: Record<ClusterStepName, number> = { wait_members: 0, allocate_ips: 40, form_cluster: 50, register_dns: 90 };

export function clusterProgress(c: ClusterRow): number {
  if (c.status === 'ready') return 100;
  const steps = c.deployments[0]?.steps ?? [];
  const current = steps.find((s) => s.status !== 'succeeded' && s.status !== 'skipped');
  if (!current) return steps.length ? 100 : 0;
  const start = STEP_START[current.name as ClusterStepName] ?? 0;
  if (current.name !== 'wait_members' || c.nodes.length === 0) return start;
  const avg = c.nodes.reduce((sum, n) => sum + (n.status === 'deployed' ? 100 : n.progress), 0) / c.nodes.length;
  return Math.round((STEP_START.allocate_ips * avg) / 100);
}

export function toClusterView(c: ClusterRow, zoneName: string) {
  const deployment = c.deployments[0];
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    redundancyFactor: c.redundancyFactor,
    status: c.status,
    failureReason: c.failureReason,
    progress: clusterProgress(c),
    clusterIp: c.clusterIp,
    dataServicesIp: c.dataServicesIp,
    dnsName: recordFqdn(c.name, zoneName),
    dnsServers: c.dnsServers,
    nodeCount: c.nodes.length,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    readyAt: c.readyAt?.toISOString() ?? null,
    members: c.nodes.map((n) => ({ id: n.id, name: n.name, status: n.status, phase: n.phase, progress: n.progress, cvmIp: n.cvmIp, managementIp: n.managementIp })),
    deployment: deployment && {
      id: deployment.id,
      status: deployment.status,
      currentStep: deployment.currentStep,
      error: deployment.error,
      steps: deployment.steps.map((s) => ({
        name: s.name,
        label: STEP_LABELS[s.name as ClusterStepName] ?? s.name,
        status: s.status,
        attempts: s.attempts,
        lastError: s.lastError,
        message: (s.output as { message?: string } | null)?.message ?? null,
        startedAt: s.startedAt?.toISOString() ?? null,
        finishedAt: s.finishedAt?.toISOString() ?? null,
      })),
    },
    dnsRecords: c.dnsRecords.map((r) => ({ name: r.name, type: r.type, rdata: r.rdata })),
  };
}

export type ClusterView = ReturnType<typeof toClusterView>;

export function newDeploymentSteps() {
  return CLUSTER_STEPS.map((name, position) => ({ name, position }));
}

export async function loadClusterRow(id: number) {
  return db.cluster.findUnique({ where: { id }, include: clusterInclude });
}
