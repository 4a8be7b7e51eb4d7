import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { ConflictError } from '@/lib/errors';
import type { Deployment, DeploymentStep } from '@/lib/db/generated/client';
import { applyPhaseReport } from '@/lib/status/apply-phase-report';
import { INSTALL_PHASES } from '@/lib/status/phases';
import { resetDatabase } from '../helpers/db';
import { startTestCloud, type TestCloud } from '../helpers/simulator';
import { userWithToken } from '../helpers/users';

/**
 * Two app instances (tests/helpers/app-instance-child.ts: the app's route handlers behind a real
 * HTTP server, each its own process) and two `npm run worker` processes share one PostgreSQL and
 * one simulator (IBMCLOUD_*_URL). This process sends the API calls, in a seeded, fixed plan, and
 * plays the nodes (their phase reports go straight to the database, as the status route would
 * write them).
 */

const root = path.resolve(import.meta.dirname, '../..');
const NODES = 20;
const SEED = 12;

type Plan = 'deploy' | 'cleanup_early' | 'reinit' | 'reinit_then_cleanup' | 'fail_then_reinit' | 'cleanup_then_reinit';
const FINAL: Record<Plan, string> = {
  deploy: 'deployed',
  cleanup_early: 'cleaned',
  reinit: 'deployed',
  reinit_then_cleanup: 'cleaned',
  fail_then_reinit: 'failed',
  cleanup_then_reinit: 'cleaned',
};

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seededPlans(): Plan[] {
  const counts: [Plan, number][] = [['deploy', 4], ['cleanup_early', 4], ['reinit', 3], ['reinit_then_cleanup', 3], ['fail_then_reinit', 3], ['cleanup_then_reinit', 3]];
  const plans = counts.flatMap(([plan, n]) => Array<Plan>(n).fill(plan));
  const rand = mulberry32(SEED);
  for (let i = plans.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plans[i], plans[j]] = [plans[j], plans[i]];
  }
  return plans;
}

let cloud: TestCloud;
let dataDir: string;
const children: ChildProcess[] = [];
/** The children's error output, shown when the test fails. */
let output = '';

function launch(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stderr?.on('data', (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000)));
  children.push(child);
  return child;
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`app instance exited (${code}) before listening`)));
  });
}

async function stopAll() {
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000).unref();
  })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stepStatus = (d: (Deployment & { steps: DeploymentStep[] }) | undefined, name: string) => d?.steps.find((s) => s.name === name)?.status;

/** What the node's installer reports: every phase, or a failure at its first; it stops when refused (409). */
async function playNode(nodeId: number, fail: boolean) {
  try {
    for (const phase of INSTALL_PHASES) {
      await applyPhaseReport({ nodeId, phase, status: 'started', source: 'node' });
      if (fail) return await applyPhaseReport({ nodeId, phase, status: 'failed', message: 'no boot device', source: 'node' });
      await applyPhaseReport({ nodeId, phase, status: 'completed', source: 'node' });
    }
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
}

describe('two app instances and two workers on one database and one simulator', () => {
  beforeAll(async () => {
    await resetDatabase();
    cloud = await startTestCloud({ timeScale: 3000, autoboot: false });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'nvo-multi-'));
  });
  afterAll(async () => {
    await stopAll();
    await cloud?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs 20 provisions with cleanups and reinitializes fired in a seeded order; every node ends with one owner and the cloud equals the ledger', async () => {
    const env = {
      IBMCLOUD_IAM_URL: cloud.sim.iamUrl,
      IBMCLOUD_VPC_URL: cloud.sim.vpcUrl,
      IBMCLOUD_DNS_URL: cloud.sim.dnsUrl,
      AUTH_SECRET: 'multi-process-test-secret-0123456789abcdef',
      NEXTAUTH_SECRET: 'multi-process-test-secret-0123456789abcdef',
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      DATA_DIR: dataDir,
      WEB_CONCURRENCY: '1',
      WORKER_CONCURRENCY: '8',
      CLEANUP_WAIT_TIMEOUT: '60',
      RATE_LIMIT_API_PER_MINUTE: '100000',
      LOG_LEVEL: 'error',
    };
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const apps = [0, 1].map(() => launch(tsx, [path.join(root, 'tests/helpers/app-instance-child.ts')], { ...env, RUN_WORKERS: 'false' }));
    for (let i = 0; i < 2; i++) launch('npm', ['run', 'worker'], env);
    const ports = await Promise.all(apps.map(listeningPort));
    const { token } = await userWithToken('operator');
    const baseline = await cloudIds();

    const api = async (instance: number, pathname: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${ports[instance % 2]}${pathname}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    };

    const plans = seededPlans();
    const nodes: { id: number; plan: Plan; fired: Set<string>; played: Set<string> }[] = [];
    for (let i = 0; i < NODES; i++) {
      const res = await api(i, '/api/config/nodes', { node_config: { node_name: `mp${i + 1}`, server_profile: 'bx2d-metal-96x384' } });
      expect(res.status, `${JSON.stringify(res.body)}\n${output}`).toBe(202);
      nodes.push({ id: res.body.node_id, plan: plans[i], fired: new Set(), played: new Set() });
    }

    const unexpected: string[] = [];
    const call = async (i: number, what: 'cleanup' | 'reinit', expected: number) => {
      const node = nodes[i];
      node.fired.add(what);
      const res = what === 'cleanup' ? await api(i + 1, `/api/cleanup/node/${node.id}`, {}) : await api(i, '/api/reinitialize', { node_id: node.id });
      if (res.status !== expected) unexpected.push(`node ${node.id} (${node.plan}) ${what}: ${res.status} ${JSON.stringify(res.body?.detail ?? res.body)}`);
    };

    const deadline = Date.now() + 210_000;
    for (;;) {
      let settled = 0;
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i];
        const [node, deployments] = await Promise.all([
          db.node.findUniqueOrThrow({ where: { id: n.id } }),
          db.deployment.findMany({ where: { nodeId: n.id }, include: { steps: true }, orderBy: { createdAt: 'asc' } }),
        ]);
        const provision = deployments.find((d) => d.kind === 'provision');
        const reinit = deployments.findLast((d) => d.kind === 'reinitialize');
        const open = deployments.filter((d) => ['pending', 'running', 'compensating'].includes(d.status));
        if (node.status === FINAL[n.plan] && open.length === 0) {
          settled++;
          continue;
        }
        const atBoot = stepStatus(provision, 'wait_boot') === 'running' && provision?.status === 'running';
        switch (n.plan) {
          case 'cleanup_early':
            if (!n.fired.has('cleanup') && stepStatus(provision, 'allocate_ips') !== 'pending') await call(i, 'cleanup', 202);
            break;
          case 'reinit':
            if (!n.fired.has('reinit') && atBoot) await call(i, 'reinit', 202);
            break;
          case 'reinit_then_cleanup':
            if (!n.fired.has('reinit') && atBoot) await call(i, 'reinit', 202);
            else if (n.fired.has('reinit') && !n.fired.has('cleanup') && reinit?.status === 'running') await call(i, 'cleanup', 202);
            break;
          case 'cleanup_then_reinit':
            if (!n.fired.has('cleanup') && atBoot) {
              await call(i, 'cleanup', 202);
              await call(i, 'reinit', 409);
            }
            break;
        }
        // The node itself: it boots and installs when its deployment waits for it.
        const playable = n.plan === 'reinit' || n.plan === 'reinit_then_cleanup' ? reinit : n.plan === 'cleanup_then_reinit' ? undefined : provision;
        if (playable && playable.status === 'running' && stepStatus(playable, 'wait_boot') === 'running' && !n.played.has(playable.id)) {
          n.played.add(playable.id);
          await playNode(n.id, n.plan === 'fail_then_reinit');
          // Its rollback starts at a worker's next poll and lasts a few polls: reinitialize it then.
          if (n.plan === 'fail_then_reinit' && (await reached(playable.id, 'compensating'))) await call(i, 'reinit', 409);
        }
      }
      if (settled === nodes.length || Date.now() > deadline) break;
      await sleep(150);
    }

    const final = await db.node.findMany({ where: { id: { in: nodes.map((n) => n.id) } }, orderBy: { id: 'asc' } });
    expect(final.map((n) => `${n.name}:${n.status}`)).toEqual(nodes.map((n, i) => `mp${i + 1}:${FINAL[n.plan]}`));
    expect(nodes.filter((n) => n.plan === 'fail_then_reinit' && !n.fired.has('reinit'))).toEqual([]);
    for (const node of final) {
      const open = await db.deployment.findMany({ where: { nodeId: node.id, status: { in: ['pending', 'running', 'compensating'] } } });
      expect(open.length).toBeLessThanOrEqual(1);
      expect(node.activeDeploymentId).toBe(open[0]?.id ?? null);
    }
    const live = await db.cloudResource.findMany({ where: { state: { not: 'deleted' } } });
    expect(live.filter((r) => !r.cloudId)).toEqual([]);
    expect((await cloudIds()).filter((id) => !baseline.includes(id))).toEqual(live.map((r) => r.cloudId).sort());
    expect(unexpected).toEqual([]);
  }, 290_000);
});

async function reached(deploymentId: string, status: string, timeoutMs = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
    const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    if (d.status === status) return true;
    if (['succeeded', 'failed', 'cancelled'].includes(d.status)) return false;
  }
  return false;
}

async function cloudIds(): Promise<string[]> {
  const inv = await cloud.inventory();
  return [...inv.bare_metal_servers, ...inv.virtual_network_interfaces, ...inv.reserved_ips, ...inv.dns_records].map((r: { id: string }) => r.id).sort();
}
