import PgBoss from 'pg-boss';
import { databaseUrl } from '@/lib/config/runtime';
import { logger } from '@/lib/log/logger';

/**
 * The one pg-boss instance of this process, on the application's PostgreSQL (schema `pgboss`).
 * Areas register their queues with `registerWorker`; `startJobEngine` (web process via
 * instrumentation.ts, or `npm run worker`) starts polling them. Any number of processes may run
 * workers: pg-boss hands each job to one of them with row locks.
 */

export interface WorkerOptions {
  /** Jobs this process runs at once for this queue (one polling loop each). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** The handler is abandoned (and the job retried) after this long. */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  /** 'short' keeps at most one queued (not yet started) job per singletonKey. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
}

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<unknown>;

interface Registration {
  handler: JobHandler<never>;
  opts: WorkerOptions;
}

interface EngineState {
  boss?: PgBoss;
  starting?: Promise<PgBoss>;
  working: boolean;
  registrations: Map<string, Registration>;
  queuesCreated: Set<string>;
  schedules: { queue: string; cron: string; data: object }[];
}

const g = globalThis as unknown as { jobEngine?: EngineState };
const state: EngineState = (g.jobEngine ??= {
  working: false,
  registrations: new Map(),
  queuesCreated: new Set(),
  schedules: [],
});

const log = logger.child({ component: 'jobs' });

/** Connects pg-boss (creating its schema on first use) without starting any worker. */
export async function getBoss(): Promise<PgBoss> {
  if (state.boss) return state.boss;
  state.starting ??= (async () => {
    const boss = new PgBoss({
      connectionString: databaseUrl(),
      schema: 'pgboss',
      max: 3,
      application_name: 'nvo-jobs',
    });
    boss.on('error', (err) => log.error({ err }, 'job engine error'));
    await boss.start();
    state.boss = boss;
    return boss;
  })();
  try {
    return await state.starting;
  } finally {
    state.starting = undefined;
  }
}

/**
 * pg-boss creates a queue's partition with DDL, which deadlocks (or conflicts) with another
 * process creating queues at the same moment (instances, server processes starting together).
 * The loser's transaction is rolled back whole: it tries again and finds the queue.
 */
const LOST_RACE = new Set(['40P01', '40001', '23505', '42P07']);

async function ensureQueue(boss: PgBoss, queue: string, opts: WorkerOptions = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureQueueOnce(boss, queue, opts);
    } catch (err) {
      if (attempt >= 5 || !LOST_RACE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function ensureQueueOnce(boss: PgBoss, queue: string, opts: WorkerOptions) {
  if (state.queuesCreated.has(queue)) return;
  const existing = await boss.getQueue(queue);
  const settings = {
    name: queue,
    policy: opts.policy ?? 'standard',
    retryLimit: opts.retryLimit ?? 3,
    retryDelay: opts.retryDelay ?? 5,
    retryBackoff: opts.retryBackoff ?? true,
    expireInSeconds: opts.expireInSeconds ?? 900,
  };
  if (!existing) await boss.createQueue(queue, settings);
  else await boss.updateQueue(queue, settings);
  state.queuesCreated.add(queue);
}

async function startPolling(boss: PgBoss, queue: string, reg: Registration) {
  await ensureQueue(boss, queue, reg.opts);
  const loops = reg.opts.concurrency ?? 1;
  for (let i = 0; i < loops; i++) {
    await boss.work<object>(
      queue,
      { batchSize: 1, pollingIntervalSeconds: reg.opts.pollingIntervalSeconds ?? 1 },
      async ([job]) => {
        try {
          return await reg.handler(job.data as never, { id: job.id, name: job.name });
        } catch (err) {
          log.warn({ err, queue, jobId: job.id }, 'job failed');
          throw err;
        }
      },
    );
  }
}

/** Declares the handler of a queue. Takes effect at once when workers already run here. */
export async function registerWorker<T>(queue: string, handler: JobHandler<T>, opts: WorkerOptions = {}) {
  const reg = { handler: handler as JobHandler<never>, opts };
  const already = state.registrations.has(queue);
  state.registrations.set(queue, reg);
  if (state.working && state.boss && !already) await startPolling(state.boss, queue, reg);
}

export interface EnqueueOptions {
  singletonKey?: string;
  /** Delay before the job may run, in seconds (or an absolute date). */
  startAfter?: number | Date;
  retryLimit?: number;
}

/** Queues a job; returns its id, or null when a job with the same singletonKey is already queued. */
export async function enqueue(queue: string, data: object, opts: EnqueueOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  await ensureQueue(boss, queue, state.registrations.get(queue)?.opts);
  return boss.send(queue, data, opts);
}

/** Runs `queue` on a cron schedule (UTC), once across all processes. */
export async function scheduleCron(queue: string, cron: string, data: object = {}) {
  state.schedules.push({ queue, cron, data });
  if (state.working && state.boss) {
    await ensureQueue(state.boss, queue, state.registrations.get(queue)?.opts);
    await state.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }
}

/** Starts polling every registered queue in this process (idempotent). */
export async function startJobEngine() {
  const boss = await getBoss();
  if (state.working) return;
  state.working = true;
  for (const [queue, reg] of state.registrations) await startPolling(boss, queue, reg);
  for (const s of state.schedules) {
    await ensureQueue(boss, s.queue, state.registrations.get(s.queue)?.opts);
    await boss.schedule(s.queue, s.cron, s.data, { tz: 'UTC' });
  }
  log.info({ queues: [...state.registrations.keys()] }, 'job workers started');
}

export function jobEngineRunning() {
  return state.working;
}

/** Graceful stop: lets running handlers finish (up to timeoutMs), then closes the pool. */
export async function stopJobEngine(timeoutMs = 20_000) {
  const boss = state.boss;
  if (!boss) return;
  state.boss = undefined;
  state.working = false;
  state.queuesCreated.clear();
  await boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
}
