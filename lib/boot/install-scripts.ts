import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import { recordBootFetch } from './fetch-record';
import { nodeForInstall } from './install-access';
import { networkFacts } from './network-facts';
import { renderScriptTemplate } from './script-template';
import { scriptValues } from './script-values';

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
export async function serveBootScriptFile(args: { nodeId: number; name: string; token: string; sourceIp?: string | null }) {
  const config = getConfig();
  const node = await nodeForInstall(args.nodeId);
  const template = await readTemplate(config.bootScriptsDir, args.name);
  const network = networkFacts(node.managementIp ?? '0.0.0.0', node.networkConfig, config.INSTALLER_DNS_SERVERS);
  const text = renderScriptTemplate(
    template,
    scriptValues(node, { baseUrl: config.publicBaseUrl, token: args.token, network, squashfs: config.BOOT_SQUASHFS_FILE }),
  );
  recordBootFetch({
    nodeId: node.id, status: 'completed', asset: `scripts/${args.name}`, httpStatus: 200,
    bytes: Buffer.byteLength(text), message: `Installer script ${args.name} served`, sourceIp: args.sourceIp,
  });
  return text;
}
