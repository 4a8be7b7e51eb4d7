import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { applyPhaseReport } from '@/lib/status/apply-phase-report';
import { detectStuckNodes } from '@/lib/status/stuck';
import { resetDatabase } from '../helpers/db';
import { installingNode } from '../helpers/status-nodes';

const TIMEOUTS = {
  ipxe_boot: 300, config_download: 120, foundation_start: 180, storage_discovery: 300, image_download: 900,
  installation: 1200, cluster_formation: 600, dns_registration: 120, health_validation: 300,
};
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('detectStuckNodes', () => {
  beforeEach(resetDatabase);

  it('marks a node whose phase outlived its timeout, saying which phase, last call and last fetch', async () => {
    const { node } = await installingNode();
    await applyPhaseReport({ nodeId: node.id, phase: 'image_download', status: 'started', message: 'downloading' });
    await db.node.update({ where: { id: node.id }, data: { lastFetch: 'squashfs.img (206, 1048576 bytes)' } });
    expect(await detectStuckNodes(later(899), TIMEOUTS)).toEqual([]);
    const [stuck] = await detectStuckNodes(later(901), TIMEOUTS);
    expect(stuck).toMatchObject({ nodeId: node.id, phase: 'image_download', timeoutSeconds: 900, lastFetch: 'squashfs.img (206, 1048576 bytes)' });
    expect(stuck.reason).toMatch(/^Phase image_download exceeded its 900 s timeout .*the node last called at .*last fetched squashfs\.img/);
    const after = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(after).toMatchObject({ status: 'stuck', statusMessage: stuck.reason });
    const event = await db.deploymentEvent.findFirstOrThrow({ where: { nodeId: node.id, phase: 'stuck' } });
    expect(event).toMatchObject({ status: 'timeout', source: 'system' });
    expect(event.details).toMatchObject({ timedOutPhase: 'image_download', timeoutSeconds: 900 });
  });

  it('times the next phase from the completion of the previous one', async () => {
    const { node } = await installingNode();
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'started' });
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'completed' });
    expect(await detectStuckNodes(later(119), TIMEOUTS)).toEqual([]);
    expect((await detectStuckNodes(later(121), TIMEOUTS)).map((s) => s.phase)).toEqual(['config_download']);
  });

  it('does not mark a node twice, ignores finished and not-yet-booted nodes, and lets a stuck node recover', async () => {
    const { node } = await installingNode();
    const { node: fresh } = await installingNode();
    const { node: done } = await installingNode({ status: 'deployed' });
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'started' });
    expect(await detectStuckNodes(later(400), TIMEOUTS)).toHaveLength(1);
    expect(await detectStuckNodes(later(500), TIMEOUTS)).toHaveLength(0);
    expect(await db.deploymentEvent.count({ where: { phase: 'stuck' } })).toBe(1);
    expect((await db.node.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe('deploying');
    expect((await db.node.findUniqueOrThrow({ where: { id: done.id } })).status).toBe('deployed');
    await applyPhaseReport({ nodeId: node.id, phase: 'ipxe_boot', status: 'in_progress', message: 'slow dhcp' });
    expect((await db.node.findUniqueOrThrow({ where: { id: node.id } })).status).toBe('deploying');
  });
});
