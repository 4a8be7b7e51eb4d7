import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { startAppInstance } from '../helpers/app-instance';
import { bootableNode } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';

/**
 * Phase callbacks are acknowledged only once committed: kill the serving process in the middle of
 * a run of callbacks and every callback it answered 2xx must be in the database.
 */
describe('phase callbacks across a crash', () => {
  beforeEach(resetDatabase);

  it('finds every acknowledged callback in the database after the server is killed mid-run', async () => {
    const nodes = await Promise.all(Array.from({ length: 16 }, () => bootableNode()));
    const server = await startAppInstance();
    const acknowledged: string[] = [];
    let cut = 0;
    let stop = false;
    const run = async ({ node, token }: (typeof nodes)[number]) => {
      for (let i = 0; !stop && i < 10_000; i++) {
        const message = `cb-${node.id}-${i}`;
        const body = i === 0
          ? { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'started', message }
          : { server_ip: node.managementIp, phase: 'ipxe_boot', status: 'in_progress', progress: i % 100, message };
        try {
          const res = await fetch(`${server.base}/api/status/phase`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (res.ok) acknowledged.push(message);
          await res.arrayBuffer();
        } catch {
          cut++;
          return;
        }
      }
    };
    const loops = nodes.map(run);
    // Kill once callbacks flow, while many are in flight.
    await expect.poll(() => acknowledged.length, { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(100);
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    if (process.env.SHOW_QUERIES) console.log("ACK", acknowledged.length, "CUT", cut);
    expect(cut).toBeGreaterThan(0);
    const stored = await db.deploymentEvent.findMany({ where: { message: { in: acknowledged } }, select: { message: true } });
    expect(new Set(stored.map((e) => e.message))).toEqual(new Set(acknowledged));
  });
});
