import { crn, newId, nowIso, type SimContext } from './context';
import { IMAGES, imageRef, KEYS, resourceGroupRef, subnetRef, vpcRef, zoneRef } from './fixtures';
import { SimError } from './http';
import { schedule } from './lifecycle';
import { createVni, reservedIpRef } from './network';
import { findProfile, renderProfile, serverHardware } from './profiles';
import { findSubnet } from './fixtures';
import type { SimAttachment, SimServer } from './state';
import { SIM_DEFAULTS } from '../simulation-defaults';
import { asBody, checkName, identityId, notFound, notUnique, required, type Body } from './validate';

/** Quota for bare metal servers per account (docs/reference/ibmcloud-api.md §3.5). */
export const BARE_METAL_QUOTA = 25;
const USER_DATA_LIMIT = 64 * 1024;

/** Validates `initialization` {image, keys, user_data} (docs/reference/ibmcloud-api.md §3.2, §3.6). */
export function parseInitialization(value: unknown, path = 'initialization') {
  const init = asBody(value);
  const imageId = identityId(required(init, 'image', `${path}.image`), `${path}.image`);
  if (!IMAGES.some((i) => i.id === imageId)) throw notFound('Image', imageId);
  const keys = required<unknown[]>(init, 'keys', `${path}.keys`);
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new SimError(400, 'validation_required_field', `${path}.keys must list at least one key`, { name: `${path}.keys`, type: 'field' });
  }
  const keyIds = keys.map((k, i) => {
    const id = identityId(k, `${path}.keys[${i}]`);
    if (!KEYS.some((key) => key.id === id)) throw notFound('Key', id);
    return id;
  });
  const userData = init.user_data;
  if (userData !== undefined && (typeof userData !== 'string' || Buffer.byteLength(userData) > USER_DATA_LIMIT)) {
    throw new SimError(400, 'invalid_request_field', `${path}.user_data must be a string of at most 64 KiB`, { name: `${path}.user_data`, type: 'field' });
  }
  return { imageId, keyIds, userData: userData as string | undefined };
}

function attachment(ctx: SimContext, body: Body, path: string, type: 'primary' | 'secondary'): SimAttachment {
  const interfaceType = (body.interface_type as string | undefined) ?? 'pci';
  if (interfaceType !== 'pci' && interfaceType !== 'vlan') {
    throw new SimError(400, 'validation_enum', `${path}.interface_type must be pci or vlan`, { name: `${path}.interface_type`, type: 'field', value: interfaceType });
  }
  if (type === 'primary' && interfaceType !== 'pci') {
    throw new SimError(400, 'validation_enum', `${path}.interface_type must be pci`, { name: `${path}.interface_type`, type: 'field', value: interfaceType });
  }
  const vniBody = asBody(required(body, 'virtual_network_interface', `${path}.virtual_network_interface`));
  let vniId: string;
  if (vniBody.id || vniBody.href || vniBody.crn) {
    vniId = identityId(vniBody, `${path}.virtual_network_interface`);
    const vni = ctx.state.vnis.find((v) => v.id === vniId);
    if (!vni) throw notFound('Virtual network interface', vniId);
    if (vni.target) throw new SimError(409, 'virtual_network_interface_in_use', `Virtual network interface ${vniId} already has a target`);
  } else {
    vniId = createVni(ctx, vniBody, `${path}.virtual_network_interface`, true).id;
  }
  const name = body.name === undefined ? `${type === 'primary' ? 'eth0' : newId('att').slice(0, 12)}` : checkName(body.name, `${path}.name`);
  return {
    id: newId('0717-att'), name, interfaceType, type, vniId, createdAt: nowIso(ctx.now()),
    ...(interfaceType === 'pci' ? { allowedVlans: (body.allowed_vlans as number[] | undefined) ?? [] } : { vlan: body.vlan as number, allowToFloat: Boolean(body.allow_to_float) }),
  };
}

/** Validates a BareMetalServerPrototype (network-attachment style, docs/reference/ibmcloud-api.md §3.2 A) and creates it. */
export function createServer(ctx: SimContext, raw: unknown): SimServer {
  const body = asBody(raw);
  const name = checkName(required(body, 'name'));
  if (ctx.state.servers.some((s) => s.name === name)) throw notUnique(name);
  const profileName = (asBody(required(body, 'profile')).name as string | undefined) ?? '';
  if (!findProfile(profileName)) throw notFound('Bare metal server profile', profileName);
  const zone = asBody(required(body, 'zone')).name;
  if (zone !== ctx.settings.zone) {
    throw new SimError(400, 'invalid_value', `zone ${String(zone)} is not a zone of this VPC`, { name: 'zone.name', type: 'field', value: zone });
  }
  if (body.vpc && identityId(body.vpc, 'vpc') !== SIM_DEFAULTS.vpc.id) throw notFound('VPC', identityId(body.vpc, 'vpc'));
  const init = parseInitialization(required(body, 'initialization'));
  if (body.primary_network_interface) {
    throw new SimError(400, 'validation_only_one', 'The simulator supports network attachments only', { name: 'primary_network_interface', type: 'field' });
  }
  const quota = ctx.settings.bareMetalQuota;
  if (ctx.faults.settings.quotaErrors || ctx.state.servers.length >= quota) {
    throw new SimError(403, 'bare_metal_server_quota_exceeded', `Quota exceeded: at most ${quota} bare metal servers per account`);
  }
  // Build attachments last: they create VNIs and reserve IPs, which must not leak on a validation error.
  const snapshot = { vnis: [...ctx.state.vnis], ips: ctx.state.reservedIps.map((ip) => ({ ...ip })) };
  let attachments: SimAttachment[];
  try {
    const primary = attachment(ctx, asBody(required(body, 'primary_network_attachment')), 'primary_network_attachment', 'primary');
    const extra = ((body.network_attachments as unknown[] | undefined) ?? []).map((a, i) => attachment(ctx, asBody(a), `network_attachments[${i}]`, 'secondary'));
    attachments = [primary, ...extra];
  } catch (err) {
    ctx.state.vnis = snapshot.vnis;
    ctx.state.reservedIps = snapshot.ips;
    throw err;
  }
  const server: SimServer = {
    id: newId('0717'), name, profile: profileName, zone: ctx.settings.zone, vpcId: SIM_DEFAULTS.vpc.id,
    resourceGroupId: SIM_DEFAULTS.resourceGroupId, createdAt: nowIso(ctx.now()), status: 'pending', statusReasons: [], plan: [],
    imageId: init.imageId, keyIds: init.keyIds, userData: init.userData, enableSecureBoot: Boolean(body.enable_secure_boot),
    attachments, behaviour: {}, node: { bootId: 0, state: 'waiting', lastPhase: -1 },
  };
  for (const a of attachments) ctx.state.vnis.find((v) => v.id === a.vniId)!.target = { serverId: server.id, attachmentId: a.id };
  schedule(ctx, server, 'create');
  ctx.state.servers.push(server);
  return server;
}

function renderAttachment(ctx: SimContext, base: string, server: SimServer, a: SimAttachment) {
  const vni = ctx.state.vnis.find((v) => v.id === a.vniId)!;
  const ip = ctx.state.reservedIps.find((r) => r.id === vni.primaryIpId)!;
  return {
    id: a.id, name: a.name, href: `${base}/bare_metal_servers/${server.id}/network_attachments/${a.id}`, created_at: a.createdAt,
    interface_type: a.interfaceType, lifecycle_state: 'stable', port_speed: 100000, type: a.type,
    primary_ip: reservedIpRef(base, ip), subnet: subnetRef(base, ctx.settings, findSubnet(ctx.settings, vni.subnetId)!),
    virtual_network_interface: { id: vni.id, name: vni.name, href: `${base}/virtual_network_interfaces/${vni.id}`, crn: crn('virtual-network-interface', ctx.settings.region, vni.id), resource_type: 'virtual_network_interface' },
    resource_type: 'bare_metal_server_network_attachment',
    ...(a.interfaceType === 'pci' ? { allowed_vlans: a.allowedVlans ?? [] } : { vlan: a.vlan, allow_to_float: a.allowToFloat }),
  };
}

/** A BareMetalServer as IBM returns it (docs/reference/ibmcloud-api.md §3.3). */
export function renderServer(ctx: SimContext, base: string, server: SimServer) {
  const profile = findProfile(server.profile)!;
  const hw = serverHardware(profile);
  const attachments = server.attachments.map((a) => renderAttachment(ctx, base, server, a));
  const disks = [
    { id: `${server.id}-disk-0`, name: 'boot', interface_type: 'nvme', size: hw.bootGb, resource_type: 'bare_metal_server_disk' },
    ...Array.from({ length: hw.dataDrives }, (_, i) => ({ id: `${server.id}-disk-${i + 1}`, name: `data-${i + 1}`, interface_type: 'nvme', size: hw.dataGb, resource_type: 'bare_metal_server_disk' })),
  ];
  return {
    id: server.id, crn: crn('bare-metal-server', ctx.settings.region, server.id), href: `${base}/bare_metal_servers/${server.id}`,
    name: server.name, created_at: server.createdAt, resource_type: 'bare_metal_server',
    status: server.status, status_reasons: server.statusReasons,
    lifecycle_state: server.status === 'deleting' ? 'deleting' : server.status === 'pending' ? 'pending' : 'stable', lifecycle_reasons: [],
    health_state: server.status === 'failed' ? 'faulted' : 'ok', health_reasons: [],
    bandwidth: renderProfile(base, profile).bandwidth.default,
    boot_target: { id: disks[0].id, name: 'boot', href: `${base}/bare_metal_servers/${server.id}/disks/${disks[0].id}`, resource_type: 'bare_metal_server_disk' },
    cpu: { architecture: 'amd64', core_count: hw.cores, socket_count: 2, threads_per_core: 2 },
    memory: hw.memory, disks, enable_secure_boot: server.enableSecureBoot, firmware: { update: 'none' },
    primary_network_attachment: attachments[0], network_attachments: attachments,
    profile: { name: profile.name, href: `${base}/bare_metal_server/profiles/${profile.name}`, resource_type: 'bare_metal_server_profile' },
    image: imageRef(base, ctx.settings, server.imageId),
    resource_group: resourceGroupRef(), vpc: vpcRef(base, ctx.settings), zone: zoneRef(base, ctx.settings),
    trusted_platform_module: { enabled: true, mode: 'tpm_2', supported_modes: ['disabled', 'tpm_2'] },
  };
}
