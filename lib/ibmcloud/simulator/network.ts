import { randomBytes } from 'node:crypto';
import { crn, newId, nowIso, type SimContext } from './context';
import { findSubnet, SECURITY_GROUPS, securityGroupRef, subnetRef, vpcRef, zoneRef, resourceGroupRef, type FixtureSubnet } from './fixtures';
import { SimError } from './http';
import { inCidr, intToIp, ipToInt, isIpv4, parseCidr, providerAddresses } from './ipv4';
import type { SimReservedIp, SimVni } from './state';
import { checkName, identityId, notFound, notUnique, type Body } from './validate';
import { SIM_DEFAULTS } from '../simulation-defaults';

/** Subnets, reserved IPs and virtual network interfaces (docs/reference/ibmcloud-api.md §4.1-§4.3). */

export function subnetOrThrow(ctx: SimContext, id: string): FixtureSubnet {
  const subnet = findSubnet(ctx.settings, id);
  if (!subnet) throw notFound('Subnet', id);
  return subnet;
}

function userIps(ctx: SimContext, subnetId: string) {
  return ctx.state.reservedIps.filter((ip) => ip.subnetId === subnetId);
}

export function renderSubnet(ctx: SimContext, base: string, subnet: FixtureSubnet) {
  const total = parseCidr(subnet.cidr).size;
  const used = providerAddresses(subnet.cidr).length + userIps(ctx, subnet.id).length;
  return {
    ...subnetRef(base, ctx.settings, subnet),
    created_at: '2026-01-05T09:00:00.000Z',
    ipv4_cidr_block: subnet.cidr,
    ip_version: 'ipv4',
    available_ipv4_address_count: total - used,
    total_ipv4_address_count: total,
    status: 'available',
    vpc: vpcRef(base, ctx.settings),
    zone: zoneRef(base, ctx.settings),
    resource_group: resourceGroupRef(),
    network_acl: { id: 'r006-sim-acl-0001', name: 'nvo-sim-acl', href: `${base}/network_acls/r006-sim-acl-0001` },
  };
}

export function reservedIpRef(base: string, ip: { id: string; subnetId: string; name: string; address: string }) {
  return { id: ip.id, name: ip.name, address: ip.address, href: `${base}/subnets/${ip.subnetId}/reserved_ips/${ip.id}`, resource_type: 'subnet_reserved_ip' };
}

export function renderReservedIp(ctx: SimContext, base: string, ip: SimReservedIp) {
  const vni = ip.targetVniId ? ctx.state.vnis.find((v) => v.id === ip.targetVniId) : undefined;
  return {
    ...reservedIpRef(base, ip),
    auto_delete: ip.autoDelete,
    created_at: ip.createdAt,
    lifecycle_state: 'stable',
    owner: 'user',
    ...(vni ? { target: vniRef(ctx, base, vni) } : {}),
  };
}

/** The provider-owned addresses, listed like IBM lists them. */
export function renderProviderIps(base: string, subnet: FixtureSubnet) {
  const names = ['network', 'gateway', 'ibm-reserved', 'ibm-reserved-future', 'broadcast'];
  return providerAddresses(subnet.cidr).map((address, i) => ({
    ...reservedIpRef(base, { id: `${subnet.id}-provider-${i}`, subnetId: subnet.id, name: `ibm-${names[i]}-address`, address }),
    auto_delete: false,
    created_at: '2026-01-05T09:00:00.000Z',
    lifecycle_state: 'stable',
    owner: 'provider',
  }));
}

/** Reserves an address: the requested one if free, otherwise the lowest free host (docs/reference/ibmcloud-api.md §4.2). */
export function reserveAddress(ctx: SimContext, subnet: FixtureSubnet, input: { name?: unknown; address?: unknown; autoDelete?: boolean }) {
  const taken = new Set([...providerAddresses(subnet.cidr), ...userIps(ctx, subnet.id).map((ip) => ip.address)]);
  const name = input.name === undefined ? `sim-ip-${randomBytes(4).toString('hex')}` : checkName(input.name);
  if (userIps(ctx, subnet.id).some((ip) => ip.name === name)) throw notUnique(name);
  let address: string;
  if (input.address !== undefined) {
    if (!isIpv4(input.address) || !inCidr(input.address, subnet.cidr)) {
      throw new SimError(400, 'validation_invalid_address', `address ${String(input.address)} is not in subnet ${subnet.cidr}`, { name: 'address', type: 'field', value: input.address });
    }
    if (taken.has(input.address)) {
      throw new SimError(409, 'address_is_already_reserved', `The address ${input.address} is already reserved`, { name: 'address', type: 'field', value: input.address });
    }
    address = input.address;
  } else {
    const { network, size } = parseCidr(subnet.cidr);
    const free = Array.from({ length: size }, (_, i) => intToIp(network + i)).find((a) => !taken.has(a));
    if (!free) throw new SimError(400, 'subnet_out_of_ip_addresses', `Subnet ${subnet.id} has no free addresses`);
    address = free;
  }
  const ip: SimReservedIp = { id: newId('0717'), subnetId: subnet.id, name, address, autoDelete: input.autoDelete ?? false, createdAt: nowIso(ctx.now()) };
  ctx.state.reservedIps.push(ip);
  ctx.state.reservedIps.sort((a, b) => ipToInt(a.address) - ipToInt(b.address));
  return ip;
}

export function vniRef(ctx: SimContext, base: string, vni: SimVni) {
  return { id: vni.id, name: vni.name, href: `${base}/virtual_network_interfaces/${vni.id}`, crn: crn('virtual-network-interface', ctx.settings.region, vni.id), resource_type: 'virtual_network_interface' };
}

export function renderVni(ctx: SimContext, base: string, vni: SimVni) {
  const ip = (id: string) => ctx.state.reservedIps.find((r) => r.id === id)!;
  const subnet = findSubnet(ctx.settings, vni.subnetId)!;
  const server = vni.target ? ctx.state.servers.find((s) => s.id === vni.target!.serverId) : undefined;
  return {
    ...vniRef(ctx, base, vni),
    created_at: vni.createdAt,
    allow_ip_spoofing: vni.allowIpSpoofing,
    auto_delete: vni.autoDelete,
    enable_infrastructure_nat: vni.enableInfrastructureNat,
    ips: [vni.primaryIpId, ...vni.ipIds].map((id) => reservedIpRef(base, ip(id))),
    lifecycle_state: 'stable',
    mac_address: vni.macAddress,
    primary_ip: reservedIpRef(base, ip(vni.primaryIpId)),
    protocol_state_filtering_mode: vni.protocolStateFilteringMode,
    resource_group: resourceGroupRef(),
    security_groups: vni.securityGroupIds.map((id) => securityGroupRef(base, ctx.settings, id)),
    subnet: subnetRef(base, ctx.settings, subnet),
    vpc: vpcRef(base, ctx.settings),
    zone: zoneRef(base, ctx.settings),
    ...(server && vni.target
      ? { target: { id: vni.target.attachmentId, name: server.attachments.find((a) => a.id === vni.target!.attachmentId)?.name, href: `${base}/bare_metal_servers/${server.id}/network_attachments/${vni.target.attachmentId}`, resource_type: 'bare_metal_server_network_attachment' } }
      : {}),
  };
}

/** Creates a VNI from a prototype; `inline` ones (inside a server create) default to auto_delete. */
export function createVni(ctx: SimContext, body: Body, path: string, inline: boolean): SimVni {
  const name = body.name === undefined ? `sim-vni-${randomBytes(4).toString('hex')}` : checkName(body.name, `${path}.name`);
  if (ctx.state.vnis.some((v) => v.name === name)) throw notUnique(name, `${path}.name`);
  const primary = body.primary_ip as Body | undefined;
  let subnet: FixtureSubnet;
  let primaryIp: SimReservedIp;
  if (primary && (primary.id || primary.href)) {
    const ipId = identityId(primary, `${path}.primary_ip`);
    const existing = ctx.state.reservedIps.find((r) => r.id === ipId);
    if (!existing) throw notFound('Reserved IP', ipId);
    if (existing.targetVniId) throw new SimError(409, 'reserved_ip_in_use', `Reserved IP ${ipId} is already bound`, { name: `${path}.primary_ip.id`, type: 'field', value: ipId });
    if (body.subnet && identityId(body.subnet, `${path}.subnet`) !== existing.subnetId) {
      throw new SimError(400, 'invalid_request_field', 'primary_ip must be in the given subnet', { name: `${path}.primary_ip`, type: 'field' });
    }
    subnet = subnetOrThrow(ctx, existing.subnetId);
    primaryIp = existing;
  } else {
    if (!body.subnet) throw new SimError(400, 'validation_required_field', `${path}.subnet is required`, { name: `${path}.subnet`, type: 'field' });
    subnet = subnetOrThrow(ctx, identityId(body.subnet, `${path}.subnet`));
    primaryIp = reserveAddress(ctx, subnet, { name: primary?.name ?? name, address: primary?.address, autoDelete: (primary?.auto_delete as boolean | undefined) ?? true });
  }
  const sgIds = ((body.security_groups as unknown[] | undefined) ?? [{ id: SIM_DEFAULTS.securityGroups.management.id }]).map((sg, i) => {
    const id = identityId(sg, `${path}.security_groups[${i}]`);
    if (!SECURITY_GROUPS.some((g) => g.id === id)) throw notFound('Security group', id);
    return id;
  });
  const vni: SimVni = {
    id: newId('0717'), name, subnetId: subnet.id, primaryIpId: primaryIp.id, ipIds: [], securityGroupIds: sgIds,
    allowIpSpoofing: Boolean(body.allow_ip_spoofing), enableInfrastructureNat: body.enable_infrastructure_nat !== false,
    protocolStateFilteringMode: (body.protocol_state_filtering_mode as string | undefined) ?? 'auto',
    autoDelete: (body.auto_delete as boolean | undefined) ?? inline, resourceGroupId: SIM_DEFAULTS.resourceGroupId,
    createdAt: nowIso(ctx.now()), macAddress: `02:00:${randomBytes(4).toString('hex').match(/../g)!.join(':')}`,
  };
  primaryIp.targetVniId = vni.id;
  ctx.state.vnis.push(vni);
  return vni;
}

/** Removes a VNI; its primary IP is released when it was auto_delete, otherwise unbound. */
export function destroyVni(ctx: SimContext, vni: SimVni) {
  ctx.state.vnis = ctx.state.vnis.filter((v) => v.id !== vni.id);
  for (const ipId of [vni.primaryIpId, ...vni.ipIds]) {
    const ip = ctx.state.reservedIps.find((r) => r.id === ipId);
    if (!ip) continue;
    if (ip.autoDelete) ctx.state.reservedIps = ctx.state.reservedIps.filter((r) => r.id !== ipId);
    else delete ip.targetVniId;
  }
}
