/**
 * The teardown of one node, computed from its ledger (CloudResource rows not yet deleted) and its
 * tracked DNS records. Order (DESIGN "Cleanup residue"): stop and delete the server, wait until it
 * is gone (it holds the VNIs), delete the VNIs (they hold the reserved IPs), release the reserved
 * IPs, delete DNS records (PTR before A), then mark the node cleaned, keeping its history.
 */
export const CLEANUP_STEPS = [
  'stop_server',
  'delete_server',
  'wait_server_gone',
  'delete_vnis',
  'release_reserved_ips',
  'delete_dns_records',
  'finalize',
] as const;
export type CleanupStepName = (typeof CLEANUP_STEPS)[number];

export type ResourceKind = 'bare_metal_server' | 'vni' | 'reserved_ip' | 'dns_record';

export interface LedgerEntry {
  id: string;
  kind: string;
  name: string;
  cloudId: string | null;
  state: string;
  subnetId: string | null;
  address: string | null;
  details?: unknown;
}

export interface TrackedDnsRecord {
  id: number;
  name: string;
  type: string;
  rdata: string;
  cloudId: string | null;
}

export interface PlannedDeletion {
  kind: ResourceKind;
  name: string;
  cloudId: string | null;
  subnetId: string | null;
  address: string | null;
  /** The ledger entry that tracks it (null for a DNS record only the DnsRecord table knows). */
  ledgerId: string | null;
  /** DNS only: A or PTR. */
  recordType?: string;
  /** DNS only: the name DNS Services reports (FQDN or in-addr.arpa), to find a record without id. */
  recordName?: string;
  /** DNS only, for a record only tracked (no ledger row): the rdata it must have to be ours. */
  rdata?: string;
  dnsRecordId?: number;
}

export interface CleanupPlan {
  servers: PlannedDeletion[];
  vnis: PlannedDeletion[];
  reservedIps: PlannedDeletion[];
  /** PTR records first. */
  dnsRecords: PlannedDeletion[];
}

function fromLedger(e: LedgerEntry, kind: ResourceKind): PlannedDeletion {
  return { kind, name: e.name, cloudId: e.cloudId, subnetId: e.subnetId, address: e.address, ledgerId: e.id };
}

/** The record name DNS Services reports, which provisioning keeps in the entry's details. */
export function dnsRecordNameOf(e: { name: string; details?: unknown }): string {
  const recordName = ((e.details ?? {}) as { recordName?: unknown }).recordName;
  return typeof recordName === 'string' ? recordName.toLowerCase() : e.name.toLowerCase();
}

/** A DNS ledger entry's type: from its details, its IBM id (`PTR:<uuid>`) or its name. */
export function dnsTypeOf(e: { name: string; cloudId: string | null; details?: unknown }): string {
  const details = (e.details ?? {}) as { type?: unknown; recordType?: unknown };
  const declared = details.type ?? details.recordType;
  if (typeof declared === 'string') return declared.toUpperCase();
  const prefix = e.cloudId?.split(':')[0];
  if (prefix === 'A' || prefix === 'PTR') return prefix;
  return /(\.in-addr\.arpa\.?|-ptr)$/i.test(e.name) ? 'PTR' : 'A';
}

/**
 * @param dnsRecords tracked DnsRecord rows of the node; `recordName` is their name as DNS
 *   Services reports it (see cloudRecordName), for rows no ledger entry covers.
 */
export function planCleanup(ledger: LedgerEntry[], dnsRecords: (TrackedDnsRecord & { recordName?: string })[] = []): CleanupPlan {
  const live = ledger.filter((e) => e.state !== 'deleted');
  const ofKind = (kind: ResourceKind) => live.filter((e) => e.kind === kind).map((e) => fromLedger(e, kind));
  const dns = ofKind('dns_record').map((d) => {
    const e = live.find((x) => x.id === d.ledgerId)!;
    return { ...d, recordType: dnsTypeOf(e), recordName: dnsRecordNameOf(e) };
  });
  for (const r of dnsRecords) {
    const recordName = (r.recordName ?? r.name).toLowerCase();
    const same = dns.find((d) => (r.cloudId && d.cloudId === r.cloudId) || (d.recordName === recordName && d.recordType === r.type));
    if (same) same.dnsRecordId = r.id;
    else dns.push({ kind: 'dns_record', name: r.name, cloudId: r.cloudId, subnetId: null, address: null, ledgerId: null, recordType: r.type, recordName, rdata: r.rdata, dnsRecordId: r.id });
  }
  return {
    servers: ofKind('bare_metal_server'),
    vnis: ofKind('vni'),
    reservedIps: ofKind('reserved_ip'),
    dnsRecords: [...dns.filter((d) => d.recordType === 'PTR'), ...dns.filter((d) => d.recordType !== 'PTR')],
  };
}

export function planSize(plan: CleanupPlan): number {
  return plan.servers.length + plan.vnis.length + plan.reservedIps.length + plan.dnsRecords.length;
}

/** Every planned deletion in teardown order (servers, VNIs, reserved IPs, DNS records). */
export function planItems(plan: CleanupPlan): PlannedDeletion[] {
  return [...plan.servers, ...plan.vnis, ...plan.reservedIps, ...plan.dnsRecords];
}
