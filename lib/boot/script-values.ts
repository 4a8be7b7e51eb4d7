import type { BootNode } from './boot-node';
import type { NetworkFacts } from './network-facts';
import { bootImageUrl, installerConfigUrl, installerStatusUrl } from './urls';

/** The placeholders installer-side script templates may use. */
export const SCRIPT_PLACEHOLDERS = [
  'node_id',
  'node_name',
  'node_token',
  'management_ip',
  'ahv_ip',
  'cvm_ip',
  'workload_ip',
  'netmask',
  'gateway',
  'dns_servers',
  'base_url',
  'config_url',
  'status_url',
  'scripts_url',
  'squashfs_url',
] as const;

export type ScriptValues = Record<(typeof SCRIPT_PLACEHOLDERS)[number], string | number | null>;

export function scriptValues(node: BootNode, ctx: { baseUrl: string; token: string; network: NetworkFacts; squashfs: string }): ScriptValues {
  return {
    node_id: node.id,
    node_name: node.name,
    node_token: ctx.token,
    management_ip: node.managementIp,
    ahv_ip: node.ahvIp,
    cvm_ip: node.cvmIp,
    workload_ip: node.workloadIp,
    netmask: ctx.network.netmask,
    gateway: ctx.network.gateway,
    dns_servers: ctx.network.dnsServers.join(','),
    base_url: ctx.baseUrl,
    config_url: node.managementIp ? installerConfigUrl(ctx.baseUrl, node.managementIp) : null,
    status_url: installerStatusUrl(ctx.baseUrl),
    scripts_url: `${ctx.baseUrl}/boot/scripts`,
    squashfs_url: bootImageUrl(ctx.baseUrl, ctx.squashfs, ctx.token),
  };
}
