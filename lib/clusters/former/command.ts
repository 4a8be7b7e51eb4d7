import type { FormationRequest } from './types';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

function ip(value: string): string {
  if (!IPV4.test(value)) throw new Error(`not an IPv4 address: ${JSON.stringify(value)}`);
  return value;
}

/**
 * The Nutanix CE cluster-create command line, run on the first CVM as `nutanix`. Every value is
 * checked against a strict pattern first, so nothing reaching the remote shell needs quoting.
 * (CE: `cluster -s <cvm_ips> --redundancy_factor=1 create` for one node; RF2/RF3 for 3+ nodes.)
 */
export function clusterCreateCommand(req: FormationRequest): string {
  if (!NAME.test(req.clusterName)) throw new Error(`not a valid cluster name: ${JSON.stringify(req.clusterName)}`);
  if (req.cvmIps.length === 0) throw new Error('no CVM addresses');
  const parts = [
    '/usr/local/nutanix/cluster/bin/cluster',
    `-s ${req.cvmIps.map(ip).join(',')}`,
    `--cluster_name=${req.clusterName}`,
    `--redundancy_factor=${Number(req.redundancyFactor)}`,
    `--cluster_external_ip=${ip(req.clusterIp)}`,
  ];
  if (req.dnsServers.length) parts.push(`--dns_servers=${req.dnsServers.map(ip).join(',')}`);
  parts.push('create');
  return parts.join(' ');
}

/** Sets the data-services IP once the cluster is up (needed by Volumes and Files). */
export function dataServicesIpCommand(req: FormationRequest): string {
  return `/home/nutanix/prism/cli/ncli cluster edit-params external-data-services-ip-address=${ip(req.dataServicesIp)}`;
}
