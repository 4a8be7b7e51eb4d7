/**
 * Wire types of the IBM Cloud VPC and DNS Services subset the orchestrator uses. Field names are
 * IBM's (snake_case) because they are facts of the protocol (reference/ibmcloud-api.md §2-§6);
 * nothing outside lib/ibmcloud should build these bodies by hand except through the client.
 * Enums that IBM says "may expand" are typed as known values plus `string`.
 */

/** Accepts the listed literals but tolerates values IBM adds later (docs/reference/ibmcloud-api.md §3.4). */
export type Open<T extends string> = T | (string & {});

/** Identity by id (the form we always send; IBM also accepts crn/href). */
export interface IdRef {
  id: string;
}

export interface NameRef {
  name: string;
}

/** What IBM returns when one resource points at another. */
export interface ResourceRef {
  id: string;
  href: string;
  crn?: string;
  name?: string;
  resource_type?: string;
}

export interface ZoneRef {
  name: string;
  href: string;
}

export type LifecycleState = Open<'deleting' | 'failed' | 'pending' | 'stable' | 'suspended' | 'updating' | 'waiting'>;

// ---- VPC, subnets, reserved IPs (docs/reference/ibmcloud-api.md §4.2, §4.3) -----------------------------------------

export interface Vpc {
  id: string;
  crn: string;
  href: string;
  name: string;
  status: Open<'available' | 'deleting' | 'failed' | 'pending'>;
  /** VPC DNS resolvers (IBM defaults 161.26.0.10/.11). */
  dns: { resolver: { type: Open<'system' | 'delegated' | 'manual'>; servers: { address: string }[] } };
  resource_type: 'vpc';
}

export interface Subnet {
  id: string;
  crn: string;
  href: string;
  name: string;
  created_at: string;
  ipv4_cidr_block: string;
  ip_version: 'ipv4';
  available_ipv4_address_count: number;
  total_ipv4_address_count: number;
  status: Open<'available' | 'deleting' | 'failed' | 'pending'>;
  vpc: ResourceRef;
  zone: ZoneRef;
  resource_group?: ResourceRef;
  resource_type: 'subnet';
}

export interface ReservedIp {
  id: string;
  href: string;
  name: string;
  /** `0.0.0.0` until IBM selects one. */
  address: string;
  auto_delete: boolean;
  created_at: string;
  lifecycle_state: LifecycleState;
  owner: Open<'user' | 'provider'>;
  resource_type: 'subnet_reserved_ip';
  target?: ResourceRef;
}

/** POST /subnets/{id}/reserved_ips body. `name` is unique per subnet: the idempotency key. */
export interface ReservedIpPrototype {
  name: string;
  address?: string;
  auto_delete?: boolean;
  target?: IdRef;
}

// ---- Virtual network interfaces (docs/reference/ibmcloud-api.md §4.1) -------------------------------------------------

export type ProtocolStateFilteringMode = Open<'auto' | 'enabled' | 'disabled'>;

export interface VirtualNetworkInterface {
  id: string;
  crn: string;
  href: string;
  name: string;
  created_at: string;
  allow_ip_spoofing: boolean;
  auto_delete: boolean;
  enable_infrastructure_nat: boolean;
  ips: ResourceRef[];
  lifecycle_state: LifecycleState;
  mac_address?: string;
  primary_ip: ResourceRef & { address: string };
  protocol_state_filtering_mode: ProtocolStateFilteringMode;
  resource_group?: ResourceRef;
  resource_type: 'virtual_network_interface';
  security_groups: ResourceRef[];
  subnet: ResourceRef;
  target?: ResourceRef;
  vpc: ResourceRef;
  zone: ZoneRef;
}

/** POST /virtual_network_interfaces body. `name` is unique per VPC: the idempotency key. */
export interface VirtualNetworkInterfacePrototype {
  name: string;
  subnet?: IdRef;
  /** An existing reserved IP (identity) or a new one to reserve. */
  primary_ip?: IdRef | { address?: string; auto_delete?: boolean; name?: string };
  ips?: IdRef[];
  security_groups?: IdRef[];
  allow_ip_spoofing?: boolean;
  enable_infrastructure_nat?: boolean;
  protocol_state_filtering_mode?: ProtocolStateFilteringMode;
  auto_delete?: boolean;
  resource_group?: IdRef;
}

// ---- Bare-metal servers (docs/reference/ibmcloud-api.md §3) ----------------------------------------------------------

/** `stopping` is gone from API dates >= 2024-04-30 but still seen; unknown values must be tolerated. */
export type BareMetalServerStatus = Open<
  'deleting' | 'failed' | 'maintenance' | 'pending' | 'reinitializing' | 'restarting' | 'running' | 'starting' | 'stopped' | 'stopping'
>;

export interface StatusReason {
  code: string;
  message: string;
  more_info?: string;
}

export interface BareMetalServerInitialization {
  image: IdRef;
  /** The API requires at least one key even for the iPXE image (docs/reference/ibmcloud-api.md §3.6). */
  keys: IdRef[];
  /** A single URL of an iPXE script, or a script starting with `#!ipxe` (<= 64 KB). */
  user_data?: string;
}

export interface NetworkAttachmentPrototype {
  name?: string;
  interface_type: 'pci' | 'vlan';
  allowed_vlans?: number[];
  vlan?: number;
  allow_to_float?: boolean;
  virtual_network_interface: IdRef | VirtualNetworkInterfacePrototype;
}

/** POST /bare_metal_servers body, network-attachment style (docs/reference/ibmcloud-api.md §3.2 A, §3.7). */
export interface BareMetalServerPrototype {
  /** Unique per region: the idempotency key. */
  name: string;
  profile: NameRef;
  zone: NameRef;
  vpc?: IdRef;
  resource_group?: IdRef;
  initialization: BareMetalServerInitialization;
  primary_network_attachment: NetworkAttachmentPrototype & { interface_type: 'pci' };
  network_attachments?: NetworkAttachmentPrototype[];
  enable_secure_boot?: boolean;
  bandwidth?: number;
}

export interface BareMetalServerNetworkAttachment {
  id: string;
  href: string;
  name: string;
  created_at: string;
  interface_type: Open<'pci' | 'vlan'>;
  lifecycle_state: LifecycleState;
  primary_ip: ResourceRef & { address: string };
  subnet: ResourceRef;
  type: Open<'primary' | 'secondary'>;
  virtual_network_interface: ResourceRef;
  allowed_vlans?: number[];
  vlan?: number;
  allow_to_float?: boolean;
  resource_type: 'bare_metal_server_network_attachment';
}

export interface BareMetalServer {
  id: string;
  crn: string;
  href: string;
  name: string;
  created_at: string;
  resource_type: 'bare_metal_server';
  status: BareMetalServerStatus;
  status_reasons: StatusReason[];
  lifecycle_state: LifecycleState;
  health_state?: Open<'ok' | 'degraded' | 'faulted' | 'inapplicable'>;
  profile: { name: string; href: string; resource_type: 'bare_metal_server_profile' };
  zone: ZoneRef;
  vpc: ResourceRef;
  resource_group?: ResourceRef;
  cpu?: { architecture: string; core_count: number; socket_count: number; threads_per_core: number };
  memory?: number;
  disks?: { id: string; name: string; interface_type: string; size: number }[];
  primary_network_attachment?: BareMetalServerNetworkAttachment;
  network_attachments?: BareMetalServerNetworkAttachment[];
  enable_secure_boot?: boolean;
}

export interface BareMetalServerProfile {
  name: string;
  family: string;
  href: string;
  resource_type: 'bare_metal_server_profile';
  cpu_architecture: { type: 'fixed'; value: string };
  cpu_core_count: { type: string; value?: number };
  cpu_socket_count: { type: string; value?: number };
  memory: { type: string; value?: number };
  disks: { quantity: { type: string; value?: number }; size: { type: string; value?: number }; supported_interface_types: { default: string; type: 'enum'; values: string[] } }[];
  bandwidth: { type: string; value?: number; default?: number; values?: number[] };
  network_attachment_count?: { type: string; max?: number; min?: number };
  virtual_network_interfaces_supported?: { type: 'fixed'; value: boolean };
}

// ---- Images (docs/reference/ibmcloud-api.md §3.6) --------------------------------------------------------------------

export type UserDataFormat = Open<'cloud_init' | 'esxi_kickstart' | 'ipxe'>;

export interface Image {
  id: string;
  crn: string;
  href: string;
  name: string;
  status: Open<'available' | 'deleting' | 'deprecated' | 'failed' | 'obsolete' | 'pending' | 'unusable'>;
  visibility: Open<'public' | 'private'>;
  user_data_format: UserDataFormat;
  operating_system?: { name: string; architecture: string; display_name?: string };
  resource_type: 'image';
}

export interface ImageFilter {
  name?: string;
  visibility?: 'public' | 'private';
  status?: string;
  user_data_format?: string;
}

// ---- DNS Services (docs/reference/ibmcloud-api.md §6) ----------------------------------------------------------------

export type DnsRecordType = Open<'A' | 'AAAA' | 'CNAME' | 'MX' | 'SRV' | 'TXT' | 'PTR'>;

export interface DnsResourceRecord {
  /** Prefixed by type: `A:<uuid>`, `PTR:<uuid>`. */
  id: string;
  created_on: string;
  modified_on: string;
  /** Always the FQDN in responses; a PTR's name is `<reversed ip>.in-addr.arpa`. */
  name: string;
  type: DnsRecordType;
  ttl: number;
  rdata: { ip?: string; ptrdname?: string; cname?: string; text?: string; [key: string]: unknown };
}

export interface CreateRecordOptions {
  /** The caller has just looked for the record itself: create without looking first. */
  lookedUp?: boolean;
}

export interface DnsRecordFilter {
  type?: 'A' | 'PTR' | (string & {});
  name?: string;
}

// ---- Settings --------------------------------------------------------------------------------

/** The cloud ids the orchestrator works with: from config, or the simulator's defaults. */
export interface CloudSettings {
  mode: 'simulation' | 'cloud';
  region: string;
  zone: string;
  vpcId: string;
  resourceGroupId: string;
  managementSubnetId: string;
  workloadSubnetId: string;
  managementSecurityGroupId: string;
  workloadSecurityGroupId: string;
  intraNodeSecurityGroupId: string;
  sshKeyId: string;
  ipxeImageId: string;
  dnsInstanceId: string;
  dnsZoneId: string;
  dnsZoneName: string;
}

export interface CloudEndpoints {
  iamUrl: string;
  vpcUrl: string;
  dnsUrl: string;
  /** Global Tagging API (`/v3/tags...`). */
  taggingUrl: string;
  /** Global Search API (`/v3/resources/search`). */
  searchUrl: string;
}

// ---- Global Tagging and Global Search (user tags on servers and VNIs) ----------------------------

/** A resource Global Search found by tag. `id` is the last CRN segment (the VPC id). */
export interface TaggedResource {
  crn: string;
  id: string;
  name: string;
  /** The CRN resource type: `bare-metal-server`, `virtual-network-interface`, ... */
  type: string;
  tags: string[];
}
