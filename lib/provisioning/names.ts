import { addressSuffix, type NodeAddressPurpose } from '@/lib/dns/naming';

/**
 * Deterministic cloud resource names of a node. They are the idempotency keys of every create
 * (a resumed step looks its resource up by this name) and let orphan detection recognise what
 * we made: everything starts with RESOURCE_PREFIX.
 */
export function nodeResourceNames(prefix: string, nodeName: string) {
  const base = `${prefix}-${nodeName}`;
  return {
    server: base,
    reservedIp: (purpose: NodeAddressPurpose) => `${base}-${addressSuffix(purpose)}`,
    managementVni: `${base}-mgmt-vni`,
    workloadVni: `${base}-workload-vni`,
    /** Ledger name of a DNS record (DNS records themselves keep the operator-facing names). */
    dnsRecord: (purpose: NodeAddressPurpose, type: 'A' | 'PTR') => `${base}-${addressSuffix(purpose)}-${type.toLowerCase()}`,
  };
}

export type NodeResourceNames = ReturnType<typeof nodeResourceNames>;
