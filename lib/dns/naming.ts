/**
 * DNS names of the orchestrator's records (docs/reference/original-detailed.md §3.4): `<node>-mgmt`, `<node>-ahv`,
 * `<node>-cvm`, `<node>-workload` A records in the private zone, each with a PTR (name = the
 * address, rdata = the A record's FQDN). Provisioning creates them; DNS pages and teardown reuse
 * these names.
 */
import { reverseName } from '@/lib/ibmcloud/dns';

export type NodeAddressPurpose = 'management' | 'ahv' | 'cvm' | 'workload';

export const NODE_ADDRESS_PURPOSES: readonly NodeAddressPurpose[] = ['management', 'ahv', 'cvm', 'workload'];

const SUFFIX: Record<NodeAddressPurpose, string> = { management: 'mgmt', ahv: 'ahv', cvm: 'cvm', workload: 'workload' };

export function addressSuffix(purpose: NodeAddressPurpose): string {
  return SUFFIX[purpose];
}

/** Relative name of a node's A record, e.g. `ntnx-1-mgmt`. */
export function nodeRecordName(nodeName: string, purpose: NodeAddressPurpose): string {
  return `${nodeName}-${SUFFIX[purpose]}`;
}

export function recordFqdn(name: string, zoneName: string): string {
  return `${name}.${zoneName}`;
}

export { reverseName };

export interface PlannedDnsRecord {
  purpose: NodeAddressPurpose;
  type: 'A' | 'PTR';
  /** A: the relative name; PTR: the address (as the DNS API takes it). */
  name: string;
  /** A: the address; PTR: the FQDN of its A record. */
  rdata: string;
  fqdn: string;
}

/** Every record of a node, A before its PTR (the PTR needs its A record to exist first). */
export function nodeDnsRecords(
  nodeName: string,
  addresses: Partial<Record<NodeAddressPurpose, string>>,
  zoneName: string,
): PlannedDnsRecord[] {
  const out: PlannedDnsRecord[] = [];
  for (const purpose of NODE_ADDRESS_PURPOSES) {
    const ip = addresses[purpose];
    if (!ip) continue;
    const name = nodeRecordName(nodeName, purpose);
    const fqdn = recordFqdn(name, zoneName);
    out.push({ purpose, type: 'A', name, rdata: ip, fqdn });
    out.push({ purpose, type: 'PTR', name: ip, rdata: fqdn, fqdn: reverseName(ip) });
  }
  return out;
}

// ---- Reading names back (DNS API paths, cleanup, drift) ----------------------------------------
// A tracked DnsRecord row is named as the DNS API takes it: the relative name for A, the address
// for PTR. DNS Services answers with FQDNs and stores a PTR as `<reversed ip>.in-addr.arpa`
// (docs/reference/ibmcloud-api.md §6.3); these helpers convert between the two forms.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function clusterRecordName(clusterName: string): string {
  return clusterName;
}

function trimDot(name: string) {
  return name.toLowerCase().replace(/\.$/, '');
}

/** `www.zone` → `www`; names outside the zone are returned unchanged (lowercased). */
export function relativeName(name: string, zoneName: string): string {
  const n = trimDot(name);
  const zone = trimDot(zoneName);
  return n.endsWith(`.${zone}`) ? n.slice(0, -zone.length - 1) : n;
}

/** The inverse of reverseName; null for anything that is not an IPv4 in-addr.arpa name. */
export function ipFromPtrName(name: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return null;
  const ip = [m[4], m[3], m[2], m[1]].join('.');
  return isIpv4(ip) ? ip : null;
}

/**
 * The tracked-row name a user-supplied name means: a relative name or an FQDN in the zone → the
 * relative name (an A record); an address or an in-addr.arpa name → the address (a PTR record).
 */
export function trackedRecordName(name: string, zoneName: string): { name: string; type: 'A' | 'PTR' } {
  const n = trimDot(name);
  if (isIpv4(n)) return { name: n, type: 'PTR' };
  const ip = ipFromPtrName(n);
  if (ip) return { name: ip, type: 'PTR' };
  return { name: relativeName(n, zoneName), type: 'A' };
}

/** The name DNS Services reports for a tracked row (FQDN for A, in-addr.arpa for PTR). */
export function cloudRecordName(row: { name: string; type: string }, zoneName: string): string {
  if (row.type === 'PTR') return isIpv4(row.name) ? reverseName(row.name) : trimDot(row.name);
  const n = trimDot(row.name);
  return n.endsWith(`.${trimDot(zoneName)}`) ? n : recordFqdn(n, trimDot(zoneName));
}
