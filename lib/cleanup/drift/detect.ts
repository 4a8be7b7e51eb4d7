import type { CloudItem } from './inventory';

export interface KnownLedgerEntry {
  id: string;
  kind: string;
  name: string;
  cloudId: string | null;
  state: string;
  nodeId: number | null;
  nodeStatus: string | null;
  createdAt: Date;
  /** DNS entries: the record name DNS Services reports (their ledger name is ours, not DNS's). */
  recordName?: string;
}

export interface KnownDnsRecord {
  /** As DNS Services reports it (FQDN or in-addr.arpa). */
  name: string;
  type: string;
  cloudId: string | null;
}

export interface FindingDraft {
  fingerprint: string;
  kind: 'orphan' | 'foreign' | 'vanished' | 'unexpected_state';
  resourceKind: string;
  name: string;
  cloudId: string | null;
  subnetId: string | null;
  detail: string;
  profile: string | null;
  cloudResourceId: string | null;
  nodeId: number | null;
  cloudCreatedAt: Date | null;
}

const LEDGER_KINDS = new Set(['bare_metal_server', 'vni', 'reserved_ip', 'dns_record']);

function date(value?: string) {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** What a server's state should not be, given its node's status. */
function unexpectedState(status: string, nodeStatus: string | null): string | null {
  if (status === 'failed') return 'the server is in state failed';
  if ((status === 'stopped' || status === 'maintenance') && nodeStatus === 'deployed') return `the server is ${status} but its node is deployed`;
  if (status === 'running' && (nodeStatus === 'failed' || nodeStatus === 'cleaned')) return `the server is running (and billing) but its node is ${nodeStatus}`;
  return null;
}

/**
 * Did we create it? It carries our installation tag, or the ledger's history (deleted rows too)
 * has its cloud id, or a row whose create answer was lost (no cloud id) has its kind and name.
 */
function provablyOurs(item: CloudItem, historyIds: Set<string>, lostCreates: Set<string>): boolean {
  return item.tagged || historyIds.has(item.id) || lostCreates.has(`${item.kind}:${item.name.toLowerCase()}`);
}

/**
 * Compares the cloud with what we know. Orphans: cloud objects no live ledger entry or tracked DNS
 * record knows but that are provably ours (tag or ledger history): the sweep may delete them.
 * Foreign: named like ours, but neither tagged nor in the history: reported, never deleted. Vanished: ledger entries marked created (before the inventory
 * was read) whose object is no longer in the cloud. Unexpected state: our servers in a state their
 * node's status does not explain. Pure: the same inputs always give the same findings.
 */
export function detectDrift(items: CloudItem[], ledger: KnownLedgerEntry[], dns: KnownDnsRecord[], inventoryAt: Date): FindingDraft[] {
  const live = ledger.filter((e) => e.state !== 'deleted' && LEDGER_KINDS.has(e.kind));
  const byCloudId = new Map(live.filter((e) => e.cloudId).map((e) => [e.cloudId!, e]));
  const byName = new Map(live.map((e) => [`${e.kind}:${(e.recordName ?? e.name).toLowerCase()}`, e]));
  const dnsIds = new Set(dns.map((d) => d.cloudId).filter(Boolean));
  const dnsNames = new Set(dns.map((d) => `${d.type}:${d.name.toLowerCase()}`));
  const historyIds = new Set(ledger.map((e) => e.cloudId).filter((id): id is string => Boolean(id)));
  const lostCreates = new Set(ledger.filter((e) => !e.cloudId).map((e) => `${e.kind}:${(e.recordName ?? e.name).toLowerCase()}`));
  const findings: FindingDraft[] = [];
  const base = (i: CloudItem) => ({
    resourceKind: i.kind, name: i.name, cloudId: i.id, subnetId: i.subnetId ?? null, profile: i.profile ?? null, cloudCreatedAt: date(i.createdAt),
  });

  for (const item of items) {
    const entry = byCloudId.get(item.id) ?? byName.get(`${item.kind}:${item.name.toLowerCase()}`);
    const trackedDns = item.kind === 'dns_record' && (dnsIds.has(item.id) || dnsNames.has(`${item.recordType}:${item.name}`));
    if (!entry && !trackedDns) {
      if (!item.namedLikeOurs && !item.tagged) continue;
      const what = item.kind === 'dns_record' ? `${item.recordType} record → ${item.address}` : item.kind.replace(/_/g, ' ');
      if (provablyOurs(item, historyIds, lostCreates)) {
        const why = item.tagged ? 'carries our installation tag' : 'the ledger history shows we created it';
        findings.push({ ...base(item), fingerprint: `orphan:${item.kind}:${item.id}`, kind: 'orphan', detail: `${what} not in the live ledger; ${why}`, cloudResourceId: null, nodeId: null });
      } else {
        const detail = `${what} named like ours, but neither tagged by this installation nor in the ledger history: reported, never deleted`;
        findings.push({ ...base(item), fingerprint: `foreign:${item.kind}:${item.id}`, kind: 'foreign', detail, cloudResourceId: null, nodeId: null });
      }
      continue;
    }
    if (entry && item.kind === 'bare_metal_server' && item.status) {
      const why = unexpectedState(item.status, entry.nodeStatus);
      if (why) {
        findings.push({ ...base(item), fingerprint: `state:${item.id}:${item.status}`, kind: 'unexpected_state', detail: why, cloudResourceId: entry.id, nodeId: entry.nodeId });
      }
    }
  }

  const present = new Set(items.map((i) => i.id));
  const presentNames = new Set(items.map((i) => `${i.kind}:${i.name.toLowerCase()}`));
  for (const e of live) {
    if (e.state !== 'created' || e.createdAt >= inventoryAt || e.nodeStatus === 'cleaning') continue;
    const there = e.cloudId ? present.has(e.cloudId) : presentNames.has(`${e.kind}:${(e.recordName ?? e.name).toLowerCase()}`);
    if (there) continue;
    findings.push({
      fingerprint: `vanished:${e.id}`, kind: 'vanished', resourceKind: e.kind, name: e.name, cloudId: e.cloudId, subnetId: null,
      detail: 'the ledger says created, but the cloud no longer has it', profile: null, cloudResourceId: e.id, nodeId: e.nodeId, cloudCreatedAt: null,
    });
  }
  return findings;
}
