/** What GET /boot/scripts/{name} serves: installer-side script templates, `{{name}}` placeholders filled with a node's values. */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import { nodeForInstall, type BootNode } from './boot-node';
import { recordBootFetch } from './fetch-record';
import { networkFacts, type NetworkFacts } from './installer';
import { bootImageUrl, installerConfigUrl, installerStatusUrl } from './urls';

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

export class UnknownPlaceholderError extends Error {
  constructor(readonly names: string[]) {
    super(`Unknown template placeholders: ${names.join(', ')}`);
  }
}

/**
 * Values land inside single-quoted shell strings, so anything that could close the quote or
 * start an expansion is removed; real values (names, IPs, URLs, tokens) never contain it.
 */
export function shellSafe(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[^A-Za-z0-9._:/?=&%@,+~-]/g, '');
}

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Fills every placeholder; a placeholder without a value is a template bug, reported as such. */
export function renderScriptTemplate(template: string, values: Record<string, string | number | null | undefined>): string {
  const unknown = placeholdersOf(template).filter((name) => !(name in values));
  if (unknown.length) throw new UnknownPlaceholderError(unknown);
  return template.replace(PLACEHOLDER, (_, name: string) => shellSafe(values[name]));
}

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

const SCRIPT_NAME = /^[a-z0-9][a-z0-9_-]{0,80}\.(sh|py)$/;

async function readTemplate(dir: string, name: string): Promise<string> {
  if (!SCRIPT_NAME.test(name)) throw new NotFoundError(`No installer script named ${JSON.stringify(name.slice(0, 100))}`);
  try {
    return await readFile(path.join(path.resolve(dir), name), 'utf8');
  } catch {
    throw new NotFoundError(`No installer script named ${name}`);
  }
}

/** GET /boot/scripts/{name}: an installer-side script rendered with the node's own values. */
export async function serveInstallScript(args: { nodeId: number; name: string; token: string; sourceIp?: string | null }) {
  const config = getConfig();
  const node = await nodeForInstall(args.nodeId);
  const template = await readTemplate(config.bootScriptsDir, args.name);
  const network = networkFacts(node.managementIp ?? '0.0.0.0', node.networkConfig, config.INSTALLER_DNS_SERVERS);
  const text = renderScriptTemplate(
    template,
    scriptValues(node, { baseUrl: config.publicBaseUrl, token: args.token, network, squashfs: config.BOOT_SQUASHFS_FILE }),
  );
  await recordBootFetch({
    nodeId: node.id, status: 'completed', asset: `scripts/${args.name}`, httpStatus: 200,
    bytes: Buffer.byteLength(text), message: `Installer script ${args.name} served`, sourceIp: args.sourceIp,
  });
  return text;
}
