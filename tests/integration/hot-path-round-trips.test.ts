import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as phase } from '@/app/api/status/phase/route';
import { GET as bootConfig } from '@/app/boot/config/route';
import { warmBootCache } from '@/lib/boot/boot-node';
import { flushBootFetches } from '@/lib/boot/fetch-record';
import { nodeIdForToken } from '@/lib/auth/node-tokens';
import { busConnected, startBus, stopBus } from '@/lib/bus';
import { warmReportStates } from '@/lib/status/apply-phase-report';
import { reportPhaseQuietly } from '@/lib/status/callbacks';
import { currentExpectedDurations } from '@/lib/status/phase-stats';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';

/**
 * The regression guard of README "Performance": how many database round trips one boot script and
 * one phase callback cost. Every query any pg client sends (Prisma's adapter included) is counted.
 */
let queries = 0;
const original = pg.Client.prototype.query;

async function roundTrips(fn: () => Promise<unknown>): Promise<number> {
  // Let notifications of earlier writes arrive first: the bus is how caches hear about changes.
  await new Promise((r) => setTimeout(r, 150));
  // Boot-fetch telemetry is written in batches off the request path: not part of a request.
  await flushBootFetches();
  queries = 0;
  if (process.env.SHOW_QUERIES) console.log('Q ---- measured:');
  await fn();
  return queries;
}

describe('database round trips of the hot paths', () => {
  beforeAll(async () => {
    useBootEnvironment('http://10.0.2.100');
    await startBus();
    expect(busConnected()).toBe(true);
    await Promise.all([warmBootCache(), warmReportStates()]);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++;
      if (process.env.SHOW_QUERIES) console.log("Q", String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 90));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await stopBus();
  });
  beforeEach(resetDatabase);
  afterEach(() => void (queries = 0));

  it('GET /boot/config: a node\'s first fetch costs at most its ipxe_boot report (one statement, written off the request path; the node was loaded when it got its token), later fetches none', async () => {
    const { node, token } = await bootableNode();
    await currentExpectedDurations(); // a statistic each process refreshes every 30 s
    const fetch = (decision = 'install') => async () => {
      const res = await bootConfig(request(`/boot/config?node_id=${node.id}&token=${token}`));
      expect(res.headers.get('x-boot-decision')).toBe(decision);
      await res.text();
    };
    expect(await roundTrips(fetch())).toBeLessThanOrEqual(1);
    // The ipxe_boot report goes out with the telemetry batch, which changes the node and drops its
    // cached copy everywhere when the notification comes back; the cache reads it again in its next
    // refresh batch (lib/bus/cache.ts), off the request path.
    await flushBootFetches();
    await new Promise((r) => setTimeout(r, 1000)); // a 100 ms batch, with room for a loaded machine
    expect(await roundTrips(fetch())).toBe(0);
    expect(await roundTrips(fetch())).toBe(0);
    expect(await roundTrips(fetch())).toBe(0);
  });

  it('GET /boot/config: the cached "not installed yet" goes with the installer\'s report', async () => {
    const { node, token } = await bootableNode({ phase: 'installation' });
    // Through the state machine, as the installer reports it (a raw insert would not reach the
    // report-state cache, which the bus keeps coherent only with changes made the app's way).
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'installation', status: 'started', message: 'installing' })).not.toBeNull();
    const fetch = (decision: string) => async () => {
      const res = await bootConfig(request(`/boot/config?node_id=${node.id}&token=${token}`));
      expect(res.headers.get('x-boot-decision')).toBe(decision);
      await res.text();
    };
    await roundTrips(fetch('install'));
    expect(await roundTrips(fetch('install'))).toBe(0);
    expect(await reportPhaseQuietly({ nodeId: node.id, phase: 'installation', status: 'completed', message: 'installing' })).not.toBeNull();
    // Heard through the bus (milliseconds; allow a loaded machine), then served without the database.
    const deadline = Date.now() + 3000;
    let decision: string | null = 'install';
    while (decision !== 'local_disk' && Date.now() < deadline) {
      decision = (await bootConfig(request(`/boot/config?node_id=${node.id}&token=${token}`))).headers.get('x-boot-decision');
      if (decision !== 'local_disk') await new Promise((r) => setTimeout(r, 25));
    }
    expect(decision).toBe('local_disk');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await roundTrips(fetch('local_disk'))).toBe(0);
  });

  it('POST /api/status/phase: one statement once the node reports; its first report also looks up token and state', async () => {
    const { node, token } = await bootableNode();
    await currentExpectedDurations(); // a statistic each process refreshes every 30 s
    const report = (status: string, progress?: number) => async () => {
      const res = await phase(request('/api/status/phase', {
        token, body: { server_ip: node.managementIp, phase: 'foundation_start', status, message: `m ${status} ${progress}`, progress },
      }));
      expect(res.status).toBe(200);
      expect((await res.json()).recorded).toBe(true);
    };
    expect(await roundTrips(report('started'))).toBeLessThanOrEqual(3);
    expect(await roundTrips(report('in_progress', 10))).toBeLessThanOrEqual(1);
    expect(await roundTrips(report('in_progress', 20))).toBeLessThanOrEqual(1);
  });

  it('a spray of unknown tokens does not evict the tokens of real nodes (issue 14 item 3)', async () => {
    const { node, token } = await bootableNode();
    expect(await nodeIdForToken(token)).toBe(node.id);
    for (let i = 0; i < 10_050; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => nodeIdForToken(`nvn_spray_${i + j}`)));
    }
    expect(await roundTrips(async () => expect(await nodeIdForToken(token)).toBe(node.id))).toBe(0);
  });
});
