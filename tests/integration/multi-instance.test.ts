import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueNodeToken, tokenChangeHeard } from '@/lib/auth/node-tokens';
import { startBus, stopBus } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { startAppInstance, type AppInstance } from '../helpers/app-instance';
import { bootableNode } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';

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
});
