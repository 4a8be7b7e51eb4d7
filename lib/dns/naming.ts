/**
 * DNS names of the orchestrator's records (original §3.4): `<node>-mgmt`, `<node>-ahv`,
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
