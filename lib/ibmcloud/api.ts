import type {
  BareMetalServer,
  BareMetalServerInitialization,
  BareMetalServerProfile,
  BareMetalServerPrototype,
  CreateRecordOptions,
  DnsRecordFilter,
  DnsResourceRecord,
  Image,
  ImageFilter,
  ReservedIp,
  ReservedIpPrototype,
  Subnet,
  TaggedResource,
  VirtualNetworkInterface,
  VirtualNetworkInterfacePrototype,
  Vpc,
} from './types';

/**
 * What the orchestrator may ask of IBM Cloud. Identical in simulation and cloud mode.
 *
 * Conventions:
 * - `get*` throws `CloudNotFoundError` (kind 'not_found') when the resource is gone.
 * - `find*ByName` returns `null` when nothing has that name; call it before a create.
 * - `create*`/`reserveIp` are idempotent by `name`: a replayed or conflicting create returns the
 *   existing resource with that name instead of failing (docs/reference/ibmcloud-api.md §1.5, §5.3).
 * - `delete*`/`releaseIp` return `true` when they deleted, `false` when it was already gone.
 * - Every error is a `CloudError` (lib/ibmcloud/errors.ts); retryable ones were already retried.
 */
export interface VpcApi {
  getVpc(id: string): Promise<Vpc>;
  /** The VPC's DNS resolver addresses (docs/reference/ibmcloud-api.md §4.3). */
  getVpcDnsResolvers(vpcId: string): Promise<string[]>;

  getSubnet(id: string): Promise<Subnet>;
  subnetCidr(id: string): Promise<string>;
  /** `maxAgeMs`: a listing of the subnet that answered at most this long ago will do (address plans). */
  listReservedIps(subnetId: string, opts?: { maxAgeMs?: number }): Promise<ReservedIp[]>;
  findReservedIpByName(subnetId: string, name: string): Promise<ReservedIp | null>;
  getReservedIp(subnetId: string, id: string): Promise<ReservedIp>;
  reserveIp(subnetId: string, prototype: ReservedIpPrototype): Promise<ReservedIp>;
  releaseIp(subnetId: string, id: string): Promise<boolean>;

  createVirtualNetworkInterface(prototype: VirtualNetworkInterfacePrototype): Promise<VirtualNetworkInterface>;
  getVirtualNetworkInterface(id: string): Promise<VirtualNetworkInterface>;
  listVirtualNetworkInterfaces(): Promise<VirtualNetworkInterface[]>;
  findVirtualNetworkInterfaceByName(name: string): Promise<VirtualNetworkInterface | null>;
  deleteVirtualNetworkInterface(id: string): Promise<boolean>;

  createBareMetalServer(prototype: BareMetalServerPrototype): Promise<BareMetalServer>;
  getBareMetalServer(id: string): Promise<BareMetalServer>;
  listBareMetalServers(filter?: { name?: string; vpcId?: string }): Promise<BareMetalServer[]>;
  findBareMetalServerByName(name: string): Promise<BareMetalServer | null>;
  startBareMetalServer(id: string): Promise<void>;
  stopBareMetalServer(id: string, type?: 'soft' | 'hard'): Promise<void>;
  deleteBareMetalServer(id: string): Promise<boolean>;
  /** Reinitialize: server must be stopped; it starts by itself afterwards (docs/reference/ibmcloud-api.md §3.6). */
  replaceBareMetalServerInitialization(id: string, initialization: BareMetalServerInitialization): Promise<void>;

  listBareMetalServerProfiles(): Promise<BareMetalServerProfile[]>;
  getBareMetalServerProfile(name: string): Promise<BareMetalServerProfile>;

  getImage(id: string): Promise<Image>;
  listImages(filter?: ImageFilter): Promise<Image[]>;
  /** The public iPXE image (`user_data_format=ipxe`, available), newest name first (docs/reference/ibmcloud-api.md §3.6). */
  findIpxeImage(): Promise<Image | null>;
}

/** DNS Services resource records in the one private zone the client is bound to (docs/reference/ibmcloud-api.md §6). */
export interface DnsApi {
  readonly instanceId: string;
  readonly zoneId: string;
  listResourceRecords(filter?: DnsRecordFilter): Promise<DnsResourceRecord[]>;
  getResourceRecord(id: string): Promise<DnsResourceRecord>;
  /** Idempotent: returns the existing A record when `name` already points at `ip`. */
  createARecord(input: { name: string; ip: string; ttl?: number }, opts?: CreateRecordOptions): Promise<DnsResourceRecord>;
  /** Idempotent; `ptrdname` must be the FQDN of an existing A record in the zone (docs/reference/ibmcloud-api.md §6.3). */
  createPtrRecord(input: { ip: string; ptrdname: string; ttl?: number }, opts?: CreateRecordOptions): Promise<DnsResourceRecord>;
  deleteResourceRecord(id: string): Promise<boolean>;
}

/** User tags (Global Tagging API) and resources by tag (Global Search API). Servers and VNIs take tags; reserved IPs and DNS records do not. */
export interface TagsApi {
  /** Idempotent: a tag already attached stays attached. */
  attachTags(crns: string[], tagNames: string[]): Promise<void>;
  listTags(crn: string): Promise<string[]>;
  searchByTag(tag: string): Promise<TaggedResource[]>;
}

export interface CloudClient {
  readonly vpc: VpcApi;
  readonly dns: DnsApi;
  readonly tags: TagsApi;
}
