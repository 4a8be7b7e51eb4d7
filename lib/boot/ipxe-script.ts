/** What GET /boot/config serves: the request parsed, matched to its node, decided, and rendered as an iPXE script. */

import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { nodeMay, nodeStage } from '@/lib/auth/node-access';
import { getConfig } from '@/lib/config';
import { isInstallable } from '@/lib/status/node-statuses';
import { isInstalled, nodeForBootToken, type BootNode } from './boot-node';
import { recordBootFetch } from './fetch-record';
import { chainUrl } from './urls';

/** What identifies a booting server: its node id and/or management IP, and its boot token. */
export interface BootQuery {
  nodeId?: number;
  mgmtIp?: string;
  token?: string;
}

const bootQuerySchema = z.object({
  node_id: z.coerce.number().int().positive('node_id must be a positive integer').optional(),
  mgmt_ip: z.string().refine((v) => isIPv4(v), 'mgmt_ip must be an IPv4 address').optional(),
  token: z.string().max(200, 'token is too long').optional(),
});

export type BootQueryResult = { ok: true; query: BootQuery } | { ok: false; field: string; message: string };

/**
 * Parses a /boot/config query. The Python original's user data (docs/reference/original-detailed.md §1.1) was sometimes written with `@` where `&`
 * belonged (`?mgmt_ip=10.0.0.5@token=...`); such values are split at `@` and the rest read as
 * further parameters, so those servers still boot.
 */
export function parseBootQuery(search: URLSearchParams): BootQueryResult {
  const params: Record<string, string> = {};
  for (const [key, raw] of search) {
    const [value, ...rest] = raw.split('@');
    if (!(key in params)) params[key] = value;
    for (const pair of rest) {
      const eq = pair.indexOf('=');
      if (eq > 0 && !(pair.slice(0, eq) in params)) params[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const parsed = bootQuerySchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0]), message: issue.message };
  }
  const { node_id, mgmt_ip, token } = parsed.data;
  return { ok: true, query: { nodeId: node_id, mgmtIp: mgmt_ip, token: token || undefined } };
}

export type BootDecision =
  | { kind: 'install'; node: BootNode }
  | { kind: 'local_disk'; node: BootNode }
  | { kind: 'not_bootable'; node: BootNode; reason: string }
  | { kind: 'denied'; reason: string };

/** Same words for an unknown node and a wrong token, so the answer cannot enumerate nodes. */
export const DENIED_REASON = 'This server is not registered with the orchestrator, or its boot token is not valid.';

/** Matching: which node is booting, and what it should do (install, boot its disk, or wait). */
export async function decideBoot(query: BootQuery): Promise<BootDecision> {
  const node = await nodeForBootToken(query.token, { nodeId: query.nodeId, mgmtIp: query.mgmtIp });
  if (!node || !nodeMay(nodeStage(node.status), 'boot_config')) return { kind: 'denied', reason: DENIED_REASON };
  if (isInstalled(node)) return { kind: 'local_disk', node };
  if (isInstallable(node.status)) return { kind: 'install', node };
  return {
    kind: 'not_bootable',
    node,
    reason: `Node ${node.name} is ${node.status}; reinitialize it from the orchestrator to install it again.`,
  };
}

export interface IpxeScript {
  decision: BootDecision['kind'] | 'invalid';
  script: string;
}

/**
 * GET /boot/config: match the server to its node, render the script for what it should do, and
 * record the fetch. Always a script (never JSON): iPXE can only show what a script echoes.
 */
export async function serveIpxeScript(search: URLSearchParams, origin: { sourceIp?: string | null } = {}): Promise<IpxeScript> {
  const parsed = parseBootQuery(search);
  if (!parsed.ok) return { decision: 'invalid', script: renderErrorScript(`Bad request: ${parsed.field}: ${parsed.message}`) };
  const config = getConfig();
  const decision = await decideBoot(parsed.query);
  const token = parsed.query.token ?? '';
  switch (decision.kind) {
    case 'denied':
      return { decision: decision.kind, script: renderErrorScript(decision.reason) };
    case 'not_bootable':
      await recordBootFetch({
        nodeId: decision.node.id, status: 'failed', asset: 'boot/config', httpStatus: 200,
        message: `Boot refused: ${decision.reason}`, sourceIp: origin.sourceIp,
      });
      return { decision: decision.kind, script: renderWaitScript(decision.reason, chainUrl(config.publicBaseUrl, decision.node.id, token)) };
    case 'local_disk':
      await recordBootFetch({
        nodeId: decision.node.id, status: 'info', asset: 'boot/config', httpStatus: 200,
        message: 'Network boot of an installed node: told to boot its local disk', sourceIp: origin.sourceIp,
      });
      return { decision: decision.kind, script: renderLocalDiskScript(decision.node) };
    case 'install': {
      const { node } = decision;
      await recordBootFetch({
        nodeId: node.id, status: 'completed', asset: 'boot/config', httpStatus: 200, phaseStarted: 'ipxe_boot', currentPhase: node.phase,
        message: `iPXE boot initiated: script served to node ${node.name}`, sourceIp: origin.sourceIp,
      });
      const script = renderInstallScript({
        baseUrl: config.publicBaseUrl,
        nodeId: node.id,
        nodeName: node.name,
        managementIp: node.managementIp,
        ahvIp: node.ahvIp,
        cvmIp: node.cvmIp,
        token,
        files: { kernel: config.BOOT_KERNEL_FILE, initrd: config.BOOT_INITRD_FILE, squashfs: config.BOOT_SQUASHFS_FILE },
      });
      return { decision: decision.kind, script };
    }
  }
}

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

/**
 * Makes a value safe to place in an iPXE script line: iPXE expands `${...}`, splits on `||`/`&&`,
 * treats `#` as a comment and a newline as the end of the command, so none of those may come
 * from data. Letters, digits and plain punctuation pass.
 */
export function ipxeText(value: string | number | null | undefined, fallback = '-'): string {
  const text = String(value ?? '').replace(/[^A-Za-z0-9 .,:;()/=+_@%?-]/g, '').trim();
  return text || fallback;
}

/** A URL placed in a script: query values are percent-encoded, so only `&` needs keeping. */
export function ipxeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9.,:;/=+_%?&~-]/g, '');
}
