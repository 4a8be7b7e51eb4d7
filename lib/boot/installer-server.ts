import { isIPv4 } from 'node:net';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { recordBootFetch } from './fetch-record';
import { catalogChecksums } from './image-catalog';
import { nodeForInstall } from './install-access';
import { renderInstallerConfig, type ClusterFacts, type ImageRef } from './installer';
import { networkFacts } from './network-facts';
import { storageLayout } from './storage-layout';
import { bootImageUrl } from './urls';

async function clusterFacts(clusterId: number | null): Promise<ClusterFacts | null> {
  if (clusterId === null) return null;
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    include: { nodes: { select: { id: true, cvmIp: true }, orderBy: { id: 'asc' } } },
  });
  if (!cluster) return null;
  return {
    name: cluster.name,
    type: cluster.type,
    redundancyFactor: cluster.redundancyFactor,
    clusterIp: cluster.clusterIp,
    dataServicesIp: cluster.dataServicesIp,
    memberCvmIps: cluster.nodes.map((n) => n.cvmIp).filter((ip): ip is string => Boolean(ip)),
    firstNodeId: cluster.nodes[0]?.id ?? -1,
  };
}

/**
 * GET /boot/server/{ip}: the installer configuration for the node the token belongs to. The IP
 * in the path must be that node's management IP; another node's IP is 403 like a wrong token.
 */
export async function serveInstallerConfig(args: { nodeId: number; ip: string; token: string; sourceIp?: string | null }) {
  if (!isIPv4(args.ip)) throw new ValidationError('The server IP is invalid', [{ field: 'ip', message: 'must be an IPv4 address' }]);
  const node = await nodeForInstall(args.nodeId);
  if (!node.managementIp || node.managementIp !== args.ip) throw new ForbiddenError('This token does not belong to that server');
  const config = getConfig();
  const names = { installer: config.BOOT_INSTALLER_FILE, ahvIso: config.BOOT_AHV_ISO_FILE, squashfs: config.BOOT_SQUASHFS_FILE };
  const checksums = await catalogChecksums(Object.values(names));
  const image = (name: string): ImageRef => ({
    url: bootImageUrl(config.publicBaseUrl, name, args.token),
    size: checksums.get(name)?.size ?? null,
    sha256: checksums.get(name)?.sha256 ?? null,
  });
  const body = renderInstallerConfig({
    node,
    baseUrl: config.publicBaseUrl,
    dnsZone: config.DNS_ZONE_NAME,
    layout: storageLayout(node.serverProfile, node.storageTemplate),
    network: networkFacts(node.managementIp, node.networkConfig, config.INSTALLER_DNS_SERVERS),
    defaults: { cvmMemoryGb: config.CVM_MEMORY_GB, cvmVcpus: config.CVM_VCPUS },
    images: { installer: image(names.installer), ahvIso: image(names.ahvIso), squashfs: image(names.squashfs) },
    cluster: await clusterFacts(node.clusterId),
  });
  recordBootFetch({
    nodeId: node.id, status: 'completed', asset: 'boot/server', httpStatus: 200, phaseStarted: 'config_download', currentPhase: node.phase,
    message: `Installer configuration delivered to ${node.managementIp}`, sourceIp: args.sourceIp,
  });
  return body;
}
