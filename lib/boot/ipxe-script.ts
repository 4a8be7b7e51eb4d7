import { ipxeText, ipxeUrl } from './ipxe-text';

export interface InstallScriptValues {
  baseUrl: string;
  nodeId: number;
  nodeName: string;
  managementIp: string | null;
  ahvIp: string | null;
  cvmIp: string | null;
  token: string;
  files: { kernel: string; initrd: string; squashfs: string };
}

const DOWNLOAD_ATTEMPTS = 5;

/** The kernel command line the Phoenix initrd (vpc_init) and installer read from /proc/cmdline. */
export function kernelCommandLine(files: InstallScriptValues['files']): string {
  return [
    // UEFI kernels find the initrd by the name iPXE registered it under.
    'initrd=initrd',
    'init=/vpc_init',
    'config_server=${base-url}',
    'node_id=${node-id}',
    'node_token=${node-token}',
    'console=tty1',
    'console=ttyS1,115200n8',
    'intel_iommu=on',
    'iommu=pt',
    'kvm-intel.nested=1',
    'kvm.ignore_msrs=1',
    'kvm-intel.ept=1',
    'vga=791',
    'net.ifnames=0',
    'IMG=squashfs',
    'PXEBOOT=true',
    `LIVEFS_URL=\${base-url}/boot/images/${encodeURIComponent(files.squashfs)}?token=\${node-token}`,
    'AUTOMATED_INSTALL=true',
  ].join(' ');
}

/** One download with bounded retries: iPXE gives up on a single failure otherwise. */
function fetchWithRetry(label: string, command: string, next: string): string {
  return `set attempt:int32 0
:${label}
inc attempt
${command} && goto ${next} ||
iseq \${attempt} ${DOWNLOAD_ATTEMPTS} && goto failed ||
echo ${label} download failed (attempt \${attempt}/${DOWNLOAD_ATTEMPTS}), retrying in 10 s
sleep 10
goto ${label}`;
}

/** Rendering: the install script a provisioned node runs on every network boot until installed. */
export function renderInstallScript(v: InstallScriptValues): string {
  const file = (name: string) => encodeURIComponent(name);
  const image = (name: string) => `\${base-url}/boot/images/${file(name)}?token=\${node-token}`;
  const selfUrl = `\${base-url}/boot/config?node_id=\${node-id}&token=\${node-token}`;
  return `#!ipxe
# Nutanix VPC Orchestrator: network install of node ${ipxeText(v.nodeName)} (id ${v.nodeId})
echo ==============================================================
echo  Nutanix CE network install
echo  Node:          ${ipxeText(v.nodeName)} (id ${v.nodeId})
echo  Management IP: ${ipxeText(v.managementIp)}
echo  AHV IP:        ${ipxeText(v.ahvIp)}
echo  CVM IP:        ${ipxeText(v.cvmIp)}
echo ==============================================================
set base-url ${ipxeUrl(v.baseUrl)}
set node-id ${v.nodeId}
set node-token ${ipxeText(v.token)}

:dhcp
dhcp && goto network_ready ||
echo DHCP failed, retrying in 5 s
sleep 5
goto dhcp
:network_ready
echo Network: \${net0/ip}
sleep 2

${fetchWithRetry('kernel', `kernel --name kernel ${image(v.files.kernel)} ${kernelCommandLine(v.files)}`, 'load_initrd')}

:load_initrd
${fetchWithRetry('initrd', `initrd --name initrd ${image(v.files.initrd)}`, 'boot')}

:boot
echo Booting the Nutanix CE installer
boot || goto failed

:failed
echo ==============================================================
echo  Boot failed: could not load the installer from \${base-url}
echo  Check that the orchestrator is reachable from \${net0/ip}
echo  and that the boot images are registered (Admin, Boot images).
echo ==============================================================
prompt --timeout 60000 Press any key for the iPXE shell, or wait 60 s to retry && shell ||
chain --replace --autofree ${selfUrl} || goto failed
`;
}

/** An installed node boots its own disk: BIOS hands over drive 0x80, UEFI returns to the firmware. */
export function renderLocalDiskScript(node: { id: number; name: string }): string {
  return `#!ipxe
# Nutanix VPC Orchestrator: node ${ipxeText(node.name)} (id ${node.id}) is installed
echo Node ${ipxeText(node.name)} is installed: booting from the local disk
iseq \${platform} efi && goto firmware ||
sanboot --no-describe --drive 0x80 || goto firmware
:firmware
exit
`;
}

/**
 * The node is known but must not install now (failed, cleaning...): say why, then look again
 * every minute so that a fix on the orchestrator side takes effect without a console.
 */
export function renderWaitScript(reason: string, retryUrl: string): string {
  return `#!ipxe
echo ==============================================================
echo  Nutanix VPC Orchestrator: boot refused
echo  ${ipxeText(reason)}
echo ==============================================================
:wait
prompt --timeout 60000 Press any key for the iPXE shell, or wait 60 s to ask again && shell ||
chain --replace --autofree ${ipxeUrl(retryUrl)} || goto wait
`;
}

/**
 * Unknown node or wrong token (answered alike) or a malformed request: explain, offer a shell,
 * then return to the firmware so that a server with an installed disk still boots it.
 */
export function renderErrorScript(reason: string): string {
  return `#!ipxe
echo ==============================================================
echo  Nutanix VPC Orchestrator: boot error
echo  ${ipxeText(reason)}
echo  Check that: 1) the node is registered, 2) its user data holds the
echo  current chain URL (tokens change on reinitialize), 3) this server
echo  can reach the orchestrator and got an IP address.
echo ==============================================================
prompt --timeout 30000 Press any key for the iPXE shell && shell ||
exit
`;
}
