import { getConfig } from '@/lib/config';
import { chainUrl } from './chain-url';
import { decideBoot, type BootDecision } from './boot-decision';
import { parseBootQuery } from './boot-request';
import { recordBootFetch } from './fetch-record';
import { renderErrorScript, renderInstallScript, renderLocalDiskScript, renderWaitScript } from './ipxe-script';

export interface BootScript {
  decision: BootDecision['kind'] | 'invalid';
  script: string;
}

/**
 * GET /boot/config: match the server to its node, render the script for what it should do, and
 * record the fetch. Always a script (never JSON): iPXE can only show what a script echoes.
 */
export async function serveBootScript(search: URLSearchParams, origin: { sourceIp?: string | null } = {}): Promise<BootScript> {
  const parsed = parseBootQuery(search);
  if (!parsed.ok) return { decision: 'invalid', script: renderErrorScript(`Bad request: ${parsed.field}: ${parsed.message}`) };
  const config = getConfig();
  const decision = await decideBoot(parsed.query);
  const token = parsed.query.token ?? '';
  switch (decision.kind) {
    case 'denied':
      return { decision: decision.kind, script: renderErrorScript(decision.reason) };
    case 'not_bootable':
      recordBootFetch({
        nodeId: decision.node.id, status: 'failed', asset: 'boot/config', httpStatus: 200,
        message: `Boot refused: ${decision.reason}`, sourceIp: origin.sourceIp,
      });
      return { decision: decision.kind, script: renderWaitScript(decision.reason, chainUrl(config.publicBaseUrl, decision.node.id, token)) };
    case 'local_disk':
      recordBootFetch({
        nodeId: decision.node.id, status: 'info', asset: 'boot/config', httpStatus: 200,
        message: 'Network boot of an installed node: told to boot its local disk', sourceIp: origin.sourceIp,
      });
      return { decision: decision.kind, script: renderLocalDiskScript(decision.node) };
    case 'install': {
      const { node } = decision;
      recordBootFetch({
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
