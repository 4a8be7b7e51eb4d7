import type { ClusterWorkflowDeps } from '@/lib/clusters/workflow/deps';
import type { ClusterFormer, FormationRequest } from '@/lib/clusters/former';
import { advanceClusterDeployment, type AdvanceResult } from '@/lib/clusters/workflow/runner';

/** In-memory VPC reserved IPs and DNS records: just enough cloud for cluster tests. */
export function fakeCloud() {
  let seq = 0;
  const reserved = new Map<string, { id: string; name: string; address: string }>();
  const records = new Map<string, { id: string; name: string; type: string; ttl: number; rdata: Record<string, string> }>();
  const vpc = {
    getSubnet: async (id: string) => ({ id, ipv4_cidr_block: '10.240.0.0/24' }) as never,
    listReservedIps: async () => [...reserved.values()] as never,
    reserveIp: async (_subnet: string, p: { name: string; address?: string }) => {
      const hit = [...reserved.values()].find((r) => r.name === p.name);
      if (hit) return hit as never;
      const r = { id: `rip-${++seq}`, name: p.name, address: p.address! };
      reserved.set(r.id, r);
      return r as never;
    },
    releaseIp: async (_subnet: string, id: string) => reserved.delete(id),
    findReservedIpByName: async (_subnet: string, name: string) => ([...reserved.values()].find((r) => r.name === name) ?? null) as never,
  };
  const dns = {
    createARecord: async (i: { name: string; ip: string }) => {
      const r = { id: `A:${++seq}`, name: `${i.name}.nutanix-ce-poc.cloud`, type: 'A', ttl: 300, rdata: { ip: i.ip } };
      records.set(r.id, r);
      return r as never;
    },
    createPtrRecord: async (i: { ip: string; ptrdname: string }) => {
      const r = { id: `PTR:${++seq}`, name: `${i.ip.split('.').reverse().join('.')}.in-addr.arpa`, type: 'PTR', ttl: 300, rdata: { ptrdname: i.ptrdname } };
      records.set(r.id, r);
      return r as never;
    },
    deleteResourceRecord: async (id: string) => records.delete(id),
    listResourceRecords: async (f: { type?: string; name?: string } = {}) => [...records.values()].filter((r) => (!f.type || r.type === f.type) && (!f.name || r.name === f.name)) as never,
  };
  return { vpc, dns, reserved, records };
}

/** A former that records its requests and fails while `failing` says so. */
export function recordingFormer(failing: (r: FormationRequest) => string | null = () => null) {
  const calls: FormationRequest[] = [];
  const former: ClusterFormer = {
    kind: 'simulated',
    async form(r) {
      calls.push(r);
      const reason = failing(r);
      if (reason) throw Object.assign(new Error(reason), { retryable: false });
      return { output: `formed ${r.clusterName}` };
    },
  };
  return { former, calls };
}

export function testDeps(overrides: Partial<ClusterWorkflowDeps> = {}) {
  const cloud = fakeCloud();
  const { former, calls } = recordingFormer();
  const deps: ClusterWorkflowDeps = {
    former,
    addresses: { vpc: cloud.vpc, settings: { managementSubnetId: 'subnet-mgmt' }, config: { ipRanges: { management: { first: 10, last: 50 }, ahv: { first: 51, last: 100 }, cvm: { first: 101, last: 150 }, workload: { first: 10, last: 200 }, cluster: { first: 200, last: 210 } }, RESOURCE_PREFIX: 'nvo' } },
    dns: { dns: cloud.dns, zoneId: 'zone-1', zoneName: 'nutanix-ce-poc.cloud' },
    defaultDnsServers: async () => ['161.26.0.7'],
    memberTimeoutSeconds: 3600,
    pollSeconds: 0,
    now: () => new Date(),
    ...overrides,
  };
  return { deps, cloud, calls };
}

/** Advances a cluster deployment until it stops waiting, or `maxRounds` runs. */
export async function driveFormation(deploymentId: string, deps: ClusterWorkflowDeps, maxRounds = 20): Promise<AdvanceResult> {
  let result: AdvanceResult = { state: 'missing' };
  for (let i = 0; i < maxRounds; i++) {
    result = await advanceClusterDeployment(deploymentId, deps);
    if (result.state !== 'waiting') return result;
  }
  return result;
}
