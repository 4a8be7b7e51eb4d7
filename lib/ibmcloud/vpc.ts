import { getQueryParam } from 'ibm-cloud-sdk-core';
import type { VpcApi } from './api';
import { isNameConflict, isNotFound, markRecovered } from './errors';
import { CloudService, type ServiceOptions } from './service';
import type {
  BareMetalServer,
  BareMetalServerInitialization,
  BareMetalServerProfile,
  BareMetalServerPrototype,
  Image,
  ImageFilter,
  ReservedIp,
  ReservedIpPrototype,
  Subnet,
  VirtualNetworkInterface,
  VirtualNetworkInterfacePrototype,
  Vpc,
} from './types';

/** The API date we pin (docs/reference/ibmcloud-api.md §1.6, §2); behaviour is frozen per date. */
export const VPC_API_VERSION = '2026-03-24';
const PAGE_LIMIT = 100;

type Query = Record<string, string | number | undefined>;

/** How long a subnet's CIDR is remembered (it cannot change; the subnet could be deleted). */
const SUBNET_TTL_MS = 5 * 60_000;

/** IBM Cloud VPC API client (docs/reference/ibmcloud-api.md §2-§4). */
export class VpcService extends CloudService implements VpcApi {
  constructor(options: Omit<ServiceOptions, 'name' | 'defaultQs'>) {
    super({ ...options, name: 'vpc', defaultQs: { version: VPC_API_VERSION, generation: 2 } });
  }

  /** Listings in flight, by what they list: a caller asking for the same one joins it. */
  private listings = new Map<string, Promise<unknown[]>>();
  private subnetCidrs = new Map<string, { at: number; cidr: Promise<string> }>();
  /** Each subnet's last answered reserved-IP listing, for callers that accept one a moment old. */
  private recentReservedIps = new Map<string, { at: number; items: ReservedIp[] }>();

  /**
   * Every page of a listing. Callers asking for the same listing while it is in flight share its
   * answer (as if they had asked a moment earlier): a burst of provisions planning addresses on
   * one subnet costs one listing, not one each, against the account's request-rate limit.
   */
  private listAll<T>(operation: string, url: string, key: string, qs: Query = {}, path?: Record<string, string>): Promise<T[]> {
    const id = JSON.stringify([url, qs, path ?? null]);
    let listing = this.listings.get(id) as Promise<T[]> | undefined;
    if (!listing) {
      listing = this.listPages<T>(operation, url, key, qs, path).finally(() => this.listings.delete(id));
      this.listings.set(id, listing);
    }
    return listing.then((items) => [...items]);
  }

  /** Follows `next.href` (opaque `start` token) until the last page (docs/reference/ibmcloud-api.md §2, §8). */
  private async listPages<T>(operation: string, url: string, key: string, qs: Query = {}, path?: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let start: string | undefined;
    do {
      const { result } = await this.call<Record<string, unknown>>(operation, { method: 'GET', url, path, qs: { ...qs, limit: PAGE_LIMIT, start } });
      items.push(...((result[key] as T[]) ?? []));
      const next = result.next as { href?: string } | undefined;
      start = next?.href ? getQueryParam(next.href, 'start') : undefined;
    } while (start);
    return items;
  }

  private async get<T>(operation: string, url: string, path: Record<string, string>): Promise<T> {
    return (await this.call<T>(operation, { method: 'GET', url, path })).result;
  }

  /** DELETE that treats an already-missing resource as done. */
  private async remove(operation: string, url: string, path: Record<string, string>): Promise<boolean> {
    try {
      await this.call(operation, { method: 'DELETE', url, path });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** POST that is idempotent by name: looks up on replay and on a name conflict. */
  private async createByName<T>(operation: string, url: string, body: unknown, find: () => Promise<T | null>, path?: Record<string, string>): Promise<T> {
    try {
      return (await this.call<T>(operation, { method: 'POST', url, path, body, recover: find })).result;
    } catch (err) {
      if (!isNameConflict(err)) throw err;
      const existing = await find();
      if (!existing) throw err;
      return markRecovered(existing);
    }
  }

  getVpc(id: string) {
    return this.get<Vpc>('get vpc', '/vpcs/{id}', { id });
  }

  async getVpcDnsResolvers(vpcId: string) {
    const vpc = await this.getVpc(vpcId);
    return (vpc.dns?.resolver?.servers ?? []).map((s) => s.address);
  }

  getSubnet(id: string) {
    return this.get<Subnet>('get subnet', '/subnets/{id}', { id });
  }

  /** The subnet's CIDR, which never changes: read once every few minutes, not for every address plan. */
  subnetCidr(id: string): Promise<string> {
    const known = this.subnetCidrs.get(id);
    if (known && Date.now() - known.at < SUBNET_TTL_MS) return known.cidr;
    const cidr = this.getSubnet(id).then((s) => s.ipv4_cidr_block);
    this.subnetCidrs.set(id, { at: Date.now(), cidr });
    cidr.catch(() => this.subnetCidrs.delete(id));
    return cidr;
  }

  /**
   * Every reserved IP of the subnet. An address plan may take a listing `maxAgeMs` old (as it
   * may join one in flight): what it needs is others' reservations, which rarely change within
   * seconds, while a burst of provisions would list a large subnet, every page, for each node.
   */
  async listReservedIps(subnetId: string, opts: { maxAgeMs?: number } = {}) {
    const recent = this.recentReservedIps.get(subnetId);
    if (recent && opts.maxAgeMs && Date.now() - recent.at <= opts.maxAgeMs) return [...recent.items];
    const items = await this.listAll<ReservedIp>('list reserved ips', '/subnets/{subnet_id}/reserved_ips', 'reserved_ips', {}, { subnet_id: subnetId });
    this.recentReservedIps.set(subnetId, { at: Date.now(), items: [...items] });
    return items;
  }

  async findReservedIpByName(subnetId: string, name: string) {
    return (await this.listReservedIps(subnetId)).find((ip) => ip.name === name) ?? null;
  }

  getReservedIp(subnetId: string, id: string) {
    return this.get<ReservedIp>('get reserved ip', '/subnets/{subnet_id}/reserved_ips/{id}', { subnet_id: subnetId, id });
  }

  reserveIp(subnetId: string, prototype: ReservedIpPrototype) {
    return this.createByName<ReservedIp>('reserve ip', '/subnets/{subnet_id}/reserved_ips', { auto_delete: false, ...prototype },
      () => this.findReservedIpByName(subnetId, prototype.name), { subnet_id: subnetId });
  }

  releaseIp(subnetId: string, id: string) {
    return this.remove('release ip', '/subnets/{subnet_id}/reserved_ips/{id}', { subnet_id: subnetId, id });
  }

  createVirtualNetworkInterface(prototype: VirtualNetworkInterfacePrototype) {
    return this.createByName<VirtualNetworkInterface>('create vni', '/virtual_network_interfaces', prototype,
      () => this.findVirtualNetworkInterfaceByName(prototype.name));
  }

  getVirtualNetworkInterface(id: string) {
    return this.get<VirtualNetworkInterface>('get vni', '/virtual_network_interfaces/{id}', { id });
  }

  listVirtualNetworkInterfaces() {
    return this.listAll<VirtualNetworkInterface>('list vnis', '/virtual_network_interfaces', 'virtual_network_interfaces');
  }

  async findVirtualNetworkInterfaceByName(name: string) {
    return (await this.listVirtualNetworkInterfaces()).find((v) => v.name === name) ?? null;
  }

  deleteVirtualNetworkInterface(id: string) {
    return this.remove('delete vni', '/virtual_network_interfaces/{id}', { id });
  }

  createBareMetalServer(prototype: BareMetalServerPrototype) {
    return this.createByName<BareMetalServer>('create bare metal server', '/bare_metal_servers', prototype,
      () => this.findBareMetalServerByName(prototype.name));
  }

  getBareMetalServer(id: string) {
    return this.get<BareMetalServer>('get bare metal server', '/bare_metal_servers/{id}', { id });
  }

  listBareMetalServers(filter: { name?: string; vpcId?: string } = {}) {
    return this.listAll<BareMetalServer>('list bare metal servers', '/bare_metal_servers', 'bare_metal_servers',
      { name: filter.name, 'vpc.id': filter.vpcId });
  }

  async findBareMetalServerByName(name: string) {
    return (await this.listBareMetalServers({ name })).find((s) => s.name === name) ?? null;
  }

  async startBareMetalServer(id: string) {
    await this.call('start bare metal server', { method: 'POST', url: '/bare_metal_servers/{id}/start', path: { id } });
  }

  async stopBareMetalServer(id: string, type: 'soft' | 'hard' = 'soft') {
    await this.call('stop bare metal server', { method: 'POST', url: '/bare_metal_servers/{id}/stop', path: { id }, body: { type } });
  }

  deleteBareMetalServer(id: string) {
    return this.remove('delete bare metal server', '/bare_metal_servers/{id}', { id });
  }

  async replaceBareMetalServerInitialization(id: string, initialization: BareMetalServerInitialization) {
    await this.call('replace initialization', { method: 'PUT', url: '/bare_metal_servers/{id}/initialization', path: { id }, body: initialization });
  }

  listBareMetalServerProfiles() {
    return this.listAll<BareMetalServerProfile>('list profiles', '/bare_metal_server/profiles', 'profiles');
  }

  getBareMetalServerProfile(name: string) {
    return this.get<BareMetalServerProfile>('get profile', '/bare_metal_server/profiles/{name}', { name });
  }

  getImage(id: string) {
    return this.get<Image>('get image', '/images/{id}', { id });
  }

  listImages(filter: ImageFilter = {}) {
    return this.listAll<Image>('list images', '/images', 'images', { ...filter });
  }

  async findIpxeImage() {
    const images = await this.listImages({ visibility: 'public', status: 'available', user_data_format: 'ipxe' });
    return images.filter((i) => i.user_data_format === 'ipxe').sort((a, b) => b.name.localeCompare(a.name))[0] ?? null;
  }
}

/** How a server boots: image, SSH key and user data (the iPXE chain URL). */
export interface ServerBootSpec {
  imageId: string;
  sshKeyId: string;
  userData: string;
}

/** A node's bare-metal server in the orchestrator's terms; nodeServerPrototype() turns it into IBM's body. */
export interface NodeServerSpec extends ServerBootSpec {
  name: string;
  profile: string;
  zone: string;
  vpcId: string;
  resourceGroupId: string;
  /** Management VNI: the primary PCI attachment, eth0. */
  primaryVniId: string;
  /** Workload VNI: a second PCI attachment, eth1. */
  secondaryVniId: string;
}

export function serverInitialization(boot: ServerBootSpec): BareMetalServerInitialization {
  return { image: { id: boot.imageId }, keys: [{ id: boot.sshKeyId }], user_data: boot.userData };
}

/** A node server's attachments: the management VNI on eth0 (primary), the workload VNI on eth1. */
function nodeAttachments<T>(primary: T, secondary: T) {
  return [
    { name: 'eth0', interface_type: 'pci' as const, vni: primary },
    { name: 'eth1', interface_type: 'pci' as const, vni: secondary },
  ];
}

export function nodeServerPrototype(spec: NodeServerSpec): BareMetalServerPrototype {
  const [primary, secondary] = nodeAttachments(spec.primaryVniId, spec.secondaryVniId).map(({ vni, ...a }) => ({ ...a, virtual_network_interface: { id: vni } }));
  return {
    name: spec.name,
    profile: { name: spec.profile },
    zone: { name: spec.zone },
    vpc: { id: spec.vpcId },
    resource_group: { id: spec.resourceGroupId },
    initialization: serverInitialization(spec),
    primary_network_attachment: primary,
    network_attachments: [secondary],
  };
}

/** The server nodeServerPrototype() will create, as a dry run shows it (VNIs by name: they do not exist yet). */
export interface NodeServerPlan {
  name: string;
  profile: string;
  zone: string;
  vpc_id: string;
  resource_group_id: string;
  image_id: string;
  ssh_key_ids: string[];
  network_attachments: { name: string; interface_type: 'pci'; vni: string }[];
}

export function nodeServerPlan(
  spec: Omit<NodeServerSpec, 'userData' | 'primaryVniId' | 'secondaryVniId'>,
  vniNames: { primary: string; secondary: string },
): NodeServerPlan {
  return {
    name: spec.name,
    profile: spec.profile,
    zone: spec.zone,
    vpc_id: spec.vpcId,
    resource_group_id: spec.resourceGroupId,
    image_id: spec.imageId,
    ssh_key_ids: [spec.sshKeyId],
    network_attachments: nodeAttachments(vniNames.primary, vniNames.secondary),
  };
}

/** The VNI behind a server's primary attachment (a node server's management VNI). */
export function primaryVniIdOf(server: BareMetalServer): string | undefined {
  return server.primary_network_attachment?.virtual_network_interface?.id;
}

/** A node's virtual network interface in the orchestrator's terms (kept when its server goes). */
export interface NodeVniSpec {
  name: string;
  subnetId: string;
  primaryIpId: string;
  /** Further reserved IPs on the interface (AHV and CVM addresses). */
  extraIpIds: string[];
  securityGroupIds: string[];
  allowIpSpoofing: boolean;
  resourceGroupId: string;
}

export function nodeVniPrototype(spec: NodeVniSpec): VirtualNetworkInterfacePrototype {
  return {
    name: spec.name,
    subnet: { id: spec.subnetId },
    primary_ip: { id: spec.primaryIpId },
    ips: spec.extraIpIds.map((id) => ({ id })),
    security_groups: spec.securityGroupIds.map((id) => ({ id })),
    allow_ip_spoofing: spec.allowIpSpoofing,
    auto_delete: false,
    resource_group: { id: spec.resourceGroupId },
  };
}
