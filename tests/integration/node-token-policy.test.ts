import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as bootConfig } from '@/app/boot/config/route';
import { GET as bootScript } from '@/app/boot/scripts/[name]/route';
import { GET as installerConfig } from '@/app/boot/server/[ip]/route';
import { POST as installation } from '@/app/api/installation/status/route';
import { POST as phase } from '@/app/api/status/phase/route';
import { POST as overall } from '@/app/api/status/route';
import { NODE_ACCESS, type NodeAction, type NodeStage } from '@/lib/auth/node-access';
import { flushBootFetches } from '@/lib/boot/fetch-record';
import { db } from '@/lib/db/client';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';

async function everything(node: { id: number; managementIp: string | null }, token: string) {
  const ip = node.managementIp!;
  const config = await bootConfig(request(`/boot/config?node_id=${node.id}&token=${token}`));
  const text = await config.text();
  // Refused by the token policy (403), or let through to the handler (whatever it then answers).
  const status = async (res: Response | Promise<Response>) => ((await res).status === 403 ? 'refused' : 'passes');
  return {
    boot_config: text.includes('booting from the local disk') ? 'local disk' : text.includes('not registered with the orchestrator') ? 'denied' : text.includes('kernel ') ? 'install' : 'wait',
    installer_config: await status(installerConfig(request(`/boot/server/${ip}?token=${token}`), params({ ip }))),
    script: await status(bootScript(request(`/boot/scripts/foundation-init.sh?token=${token}`), params({ name: 'foundation-init.sh' }))),
    install_phase: await status(phase(request('/api/status/phase', { token, body: { server_ip: ip, phase: 'installation', status: 'in_progress', message: 'x' } }))),
    post_install_phase: await status(phase(request('/api/status/phase', { token, body: { server_ip: ip, phase: 'health_validation', status: 'in_progress', message: 'x' } }))),
    heartbeat: await status(overall(request('/api/status', { token, body: { server_ip: ip, status: 'in_progress', message: 'alive' } }))),
    installer_log: await status(installation(request('/api/installation/status', { token, body: { management_ip: ip, phase: -1, message: 'log' } }))),
  };
}

describe('what a node token may do, by node stage (lib/auth/node-access.ts)', () => {
  beforeAll(() => useBootEnvironment('http://10.0.2.100'));
  beforeEach(resetDatabase);

  it('while installing: everything', async () => {
    const { node, token } = await bootableNode({ status: 'deploying' });
    expect(await everything(node, token)).toEqual({
      boot_config: 'install', installer_config: 'passes', script: 'passes', install_phase: 'passes', post_install_phase: 'passes', heartbeat: 'passes', installer_log: 'passes',
    });
  });

  it('once deployed: /boot/config (boot the local disk), post-install phases and heartbeats only', async () => {
    const { node, token } = await bootableNode({ status: 'deployed', phase: 'health_validation' });
    expect(await everything(node, token)).toEqual({
      boot_config: 'local disk', installer_config: 'refused', script: 'refused', install_phase: 'refused', post_install_phase: 'passes', heartbeat: 'passes', installer_log: 'refused',
    });
  });

  it('being cleaned up: dead everywhere; once cleaned its hash is gone too', async () => {
    const { node, token } = await bootableNode({ status: 'cleaning' });
    const answers = await everything(node, token);
    expect(answers.boot_config).toBe('denied');
    expect(new Set(Object.values(answers).slice(1))).toEqual(new Set(['refused']));
    const cleaned = await bootableNode({ status: 'cleaned' });
    await db.node.update({ where: { id: cleaned.node.id }, data: { bootTokenHash: null } });
    const after = await everything(cleaned.node, cleaned.token);
    expect(after.boot_config).toBe('denied');
    expect(new Set(Object.values(after).slice(1))).toEqual(new Set(['refused']));
    await flushBootFetches();
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(path.resolve('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- node-access table -->'), readme.indexOf('<!-- /node-access table -->'));
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    const actions = section.split('\n').find((l) => l.startsWith('| Stage'))!.split('|').slice(2, -1).map((c) => c.trim().replace(/`/g, ''));
    const table = Object.fromEntries(rows.map((row) => {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      const stage = cells[0].match(/`(\w+)`/)![1] as NodeStage;
      return [stage, actions.filter((_, i) => cells[i + 1] === 'yes') as NodeAction[]];
    }));
    expect(table).toEqual(Object.fromEntries(Object.entries(NODE_ACCESS).map(([k, v]) => [k, [...v]])));
  });
});
