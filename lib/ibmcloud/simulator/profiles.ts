/**
 * Bare-metal profiles the simulator offers, from the catalogue in docs/reference/ibmcloud-api.md §3.5 (vCPU are
 * hyperthreads; `d` profiles carry local NVMe data drives). Rendered with IBM's polymorphic
 * `{type, value}` profile fields.
 */
interface ProfileSpec {
  name: string;
  vcpu: number;
  memory: number;
  bootGb: number;
  dataDrives: number;
  dataGb: number;
  gbps: number;
}

const SPECS: ProfileSpec[] = [
  { name: 'bx2d-metal-24x96', vcpu: 24, memory: 96, bootGb: 960, dataDrives: 8, dataGb: 3200, gbps: 25 },
  { name: 'bx2d-metal-48x192', vcpu: 48, memory: 192, bootGb: 960, dataDrives: 8, dataGb: 3200, gbps: 50 },
  { name: 'bx2d-metal-96x384', vcpu: 96, memory: 384, bootGb: 960, dataDrives: 8, dataGb: 3200, gbps: 100 },
  { name: 'cx2d-metal-96x192', vcpu: 96, memory: 192, bootGb: 960, dataDrives: 8, dataGb: 3200, gbps: 100 },
  { name: 'bx3d-metal-48x256', vcpu: 48, memory: 256, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
  { name: 'bx3d-metal-64x256', vcpu: 64, memory: 256, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
  { name: 'cx3d-metal-48x128', vcpu: 48, memory: 128, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
  { name: 'cx3d-metal-64x128', vcpu: 64, memory: 128, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
  { name: 'mx3d-metal-16x128', vcpu: 16, memory: 128, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
  { name: 'vx3d-metal-16x256', vcpu: 16, memory: 256, bootGb: 480, dataDrives: 4, dataGb: 7680, gbps: 200 },
];

export function findProfile(name: string) {
  return SPECS.find((p) => p.name === name);
}

export function listProfiles() {
  return SPECS;
}

const fixed = (value: number | string | boolean) => ({ type: 'fixed', value });

export function renderProfile(base: string, p: ProfileSpec) {
  return {
    name: p.name,
    family: p.name.startsWith('cx') ? 'compute' : p.name.startsWith('mx') ? 'memory' : p.name.startsWith('vx') ? 'very-high-memory' : 'balanced',
    href: `${base}/bare_metal_server/profiles/${p.name}`,
    resource_type: 'bare_metal_server_profile',
    bandwidth: { type: 'enum', default: p.gbps * 1000, values: [p.gbps * 1000] },
    console_types: { type: 'enum', values: ['serial', 'vnc'] },
    cpu_architecture: { type: 'fixed', value: 'amd64', default: 'amd64' },
    cpu_core_count: fixed(p.vcpu / 2),
    cpu_socket_count: fixed(2),
    memory: fixed(p.memory),
    disks: [
      { quantity: fixed(1), size: fixed(p.bootGb), supported_interface_types: { default: 'nvme', type: 'enum', values: ['nvme'] } },
      { quantity: fixed(p.dataDrives), size: fixed(p.dataGb), supported_interface_types: { default: 'nvme', type: 'enum', values: ['nvme'] } },
    ],
    network_attachment_count: { type: 'range', min: 1, max: 128 },
    network_interface_count: { type: 'range', min: 1, max: 128 },
    os_architecture: { type: 'enum', default: 'amd64', values: ['amd64'] },
    supported_trusted_platform_module_modes: { type: 'enum', default: 'tpm_2', values: ['disabled', 'tpm_2'] },
    virtual_network_interfaces_supported: fixed(true),
  };
}

/** The hardware a server of this profile reports (cpu, memory, disks). */
export function serverHardware(p: ProfileSpec) {
  return { cores: p.vcpu / 2, memory: p.memory, bootGb: p.bootGb, dataDrives: p.dataDrives, dataGb: p.dataGb };
}
