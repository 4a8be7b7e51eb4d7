import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { onReset, publish, startBus, stopBus, subscribe, type BusMessage } from '@/lib/bus';

function nextMessage(topic: 'node' | 'token'): Promise<BusMessage> {
  return new Promise((resolve) => {
    const off = subscribe(topic, (m) => {
      off();
      resolve(m);
    });
  });
}

describe('notification bus (PostgreSQL LISTEN/NOTIFY)', () => {
  afterAll(async () => {
    await stopBus();
  });

  it('delivers a published message to subscribers of its topic only', async () => {
    await startBus();
    const tokenHeard: BusMessage[] = [];
    const offToken = subscribe('token', (m) => tokenHeard.push(m));
    const heard = nextMessage('node');
    await publish('node', { nodeId: 7 });
    expect((await heard).data).toEqual({ nodeId: 7 });
    offToken();
    expect(tokenHeard).toEqual([]);
  });

  it('delivers a message published in a transaction only when it commits', async () => {
    await startBus();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const heard: BusMessage[] = [];
    const off = subscribe('node', (m) => heard.push(m));
    await client.query('BEGIN');
    await publish('node', { nodeId: 1 }, client);
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    await publish('node', { nodeId: 2 }, client);
    await client.query('COMMIT');
    await expect.poll(() => heard.map((m) => m.data.nodeId)).toEqual([2]);
    off();
    await client.end();
  });

  it('tells stateful subscribers to reset after the connection is lost and comes back', async () => {
    await startBus();
    let resets = 0;
    const off = onReset(() => resets++);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nvo-bus' AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    // Lost (one reset), then reconnected (another): either way the subscriber heard it.
    await expect.poll(() => resets, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const heard = nextMessage('node');
    await publish('node', { nodeId: 3 });
    expect((await heard).data).toEqual({ nodeId: 3 });
    off();
  });
});
