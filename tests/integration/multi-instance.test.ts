import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueNodeToken, tokenChangeHeard } from '@/lib/auth/node-tokens';
import { publish, startBus, stopBus, subscribe } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { isInstalled, loadBootNode } from '@/lib/boot/boot-node';
import { loadReportState } from '@/lib/status/apply-phase-report';
import { startAppInstance, type AppInstance } from '../helpers/app-instance';
import { bootableNode } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { statementsDuring } from '../helpers/statements';

/**
 * Two instances on one database: this test process is instance A, a child process running the
 * same route handlers is instance B (its own caches, its own bus connection).
 */
describe('caches across instances', () => {
  let b: AppInstance;
  beforeAll(async () => {
    await startBus(); // instance A hears the bus like any instance (a token change waits for its echo)
    b = await startAppInstance({ PUBLIC_BASE_URL: 'http://10.0.2.100' });
  });
  afterAll(async () => {
    await b?.kill('SIGTERM');
    await stopBus();
  });
  beforeEach(resetDatabase);

  const bootDecision = async (nodeId: number, token: string) =>
    (await fetch(`${b.base}/boot/config?node_id=${nodeId}&token=${token}`)).headers.get('x-boot-decision');

  /**
   * What B answers once it has processed the change. A's change returns after A heard its own
   * echo, so B has been sent it; B reads it from its own socket, which under load can be a few
   * milliseconds after a request that A sent at once. Bounded: a stale answer for longer fails.
   */
  async function onceHeard<T>(ask: () => Promise<T>, wanted: T, withinMs = 500): Promise<T> {
    const deadline = Date.now() + withinMs;
    let answer = await ask();
    while (answer !== wanted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      answer = await ask();
    }
    return answer;
  }

  it('a token rotated on instance A stops working on instance B as soon as B hears the bus', async () => {
    const { node, token } = await bootableNode();
    expect(await bootDecision(node.id, token)).toBe('install');
    expect(await bootDecision(node.id, token)).toBe('install'); // now from B's cache
    const rotated = await issueNodeToken(node.id);
    expect(await onceHeard(() => bootDecision(node.id, token), 'denied')).toBe('denied');
    expect(await bootDecision(node.id, rotated)).toBe('install');
  });

  it('a node cleaned up on instance A (token hash cleared) is refused on instance B as soon as B hears the bus', async () => {
    const { node, token } = await bootableNode();
    const report = (phase: string) =>
      fetch(`${b.base}/api/status/phase`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ server_ip: node.managementIp, phase, status: 'started', message: phase }),
      });
    expect((await report('ipxe_boot')).status).toBe(200);
    // As the cleanup's last step does it (lib/cleanup/finalize.ts): clear the token, then wait for its echo.
    const heard = tokenChangeHeard(node.id);
    await db.node.update({ where: { id: node.id }, data: { status: 'cleaned', phase: 'cleanup', bootTokenHash: null } });
    expect(await heard).toBe(true);
    expect(await onceHeard(async () => (await report('config_download')).status, 403)).toBe(403);
    expect(await bootDecision(node.id, token)).toBe('denied');
  });

  /** Counts the report-state and boot-row reads this process (instance A) sends while `fn` runs. */
  async function nodeStateReads(fn: () => Promise<void>): Promise<number> {
    return (await statementsDuring(fn)).filter((q) => /^(phase-report-states|boot-node)/.test(q.name ?? '')).length;
  }

  it("a report made on instance B reaches instance A's report state with its bus message, without a database read", async () => {
    const { node, token } = await bootableNode();
    const report = (body: Record<string, unknown>) =>
      fetch(`${b.base}/api/status/phase`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ server_ip: node.managementIp, phase: 'foundation_start', message: 'same words', ...body }),
      });
    expect((await report({ status: 'started' })).status).toBe(200);
    await onceHeard(async () => (await loadReportState(node.id))?.phase.status, 'started');
    const newest = async () => (await db.deploymentEvent.findFirstOrThrow({ where: { nodeId: node.id }, orderBy: { id: 'desc' } })).createdAt.getTime();
    const reads = await nodeStateReads(async () => {
      expect((await report({ status: 'in_progress', progress: 40, callback_id: 'a' })).status).toBe(200);
      expect(await onceHeard(async () => (await loadReportState(node.id))?.phase.status, 'in_progress')).toBe('in_progress');
      await new Promise((r) => setTimeout(r, 300)); // past any refresh batch (100 ms) the first report could start
      // The same words and progress again (another report, by its id): the node's columns stay as
      // they were, its report state does not (the newest report's time).
      expect((await report({ status: 'in_progress', progress: 40, callback_id: 'b' })).status).toBe(200);
      const at = await newest();
      expect(await onceHeard(async () => (await loadReportState(node.id))?.phase.at?.getTime(), at)).toBe(at);
      await new Promise((r) => setTimeout(r, 400)); // a refresh batch (100 ms) would have read by now
    });
    expect(reads).toBe(0);
  });

  it("a report's message heard after instance A read the node at that report's version keeps A's boot row, without a database read", async () => {
    // The order a loaded instance sees: the report commits, A reads the node (new version), then
    // the report's message arrives. A's row already has the report in it: nothing to drop or read.
    const { node } = await bootableNode({ phase: 'installation' });
    expect((await loadBootNode(node.id))?.phase).toBe('installation');
    const state = (await loadReportState(node.id))!;
    const heard = new Promise<void>((resolve) => {
      const off = subscribe('deployment', (m) => {
        if (m.data.nodeId === node.id) (off(), resolve());
      });
    });
    const reads = await nodeStateReads(async () => {
      await publish('deployment', { deploymentId: state.deploymentId, nodeId: node.id, reportState: state });
      await heard;
      await new Promise((r) => setTimeout(r, 300)); // a refresh batch (100 ms) would have read by now
    });
    expect(reads).toBe(0);
  });

  it("an installation completed on instance B reaches instance A's boot row with its bus message, without a database read", async () => {
    const { node, token } = await bootableNode({ phase: 'installation' });
    const report = (status: string) =>
      fetch(`${b.base}/api/status/phase`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ server_ip: node.managementIp, phase: 'installation', status, message: `installation ${status}` }),
      });
    expect((await report('started')).status).toBe(200);
    expect(await onceHeard(async () => (await loadBootNode(node.id))?.phase, 'installation')).toBe('installation');
    await new Promise((r) => setTimeout(r, 300));
    const reads = await nodeStateReads(async () => {
      expect((await report('completed')).status).toBe(200);
      expect(await onceHeard(async () => isInstalled((await loadBootNode(node.id))!), true)).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
    });
    expect(reads).toBe(0);
  });
});
