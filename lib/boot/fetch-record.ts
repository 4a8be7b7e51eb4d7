import { pgWritePool } from '@/lib/db/pg-pool';
import { logger } from '@/lib/log/logger';
import { backgroundReportsSettled } from '@/lib/status/apply-phase-report';
import { reportPhaseStartInBackground } from '@/lib/status/callbacks';
import { phaseIndex, type InstallPhase } from '@/lib/status/phases';

/** Repeated fetches of one asset within this window (iPXE retry storms) are one timeline event. */
export const FETCH_WINDOW_MS = 60_000;
/** Boot-fetch telemetry is written in batches, at most this long after the fetch. */
export const FETCH_FLUSH_MS = 500;

export interface BootFetch {
  nodeId: number;
  status: 'completed' | 'failed' | 'info';
  /** `boot/config`, `boot/server`, an image name or `scripts/<name>`. */
  asset: string;
  message: string;
  httpStatus: number;
  bytes?: number;
  sourceIp?: string | null;
  /** Distinguishes fetches of one asset in one window (e.g. the start of a Range). */
  discriminator?: string;
  /** The install phase this fetch shows has started (ipxe_boot, config_download). */
  phaseStarted?: InstallPhase;
  /** The node's phase when it fetched (a phase already reached is not reported again). */
  currentPhase?: string | null;
  now?: Date;
}

interface PendingEvent {
  nodeId: number;
  status: string;
  message: string;
  details: Record<string, unknown>;
  key: string;
  at: string;
}

const pending = { events: new Map<string, PendingEvent>(), seen: new Map<number, { at: string; asset: string }>() };
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

/**
 * Records one boot-asset fetch in the node's timeline (`boot_asset`, with asset, bytes and HTTP
 * status) and marks the node as seen, so "where did it stop" is visible without a console. The
 * event and "seen" are queued and written in one batch at most FETCH_FLUSH_MS later (off the
 * request path; a boot storm becomes a few statements a second). A fetch that shows an install
 * phase began reports that start through the phase state machine, the first time only (when the
 * node has not reached that phase yet), also off the request path: the node's next report to this
 * process waits for it, and one to another process that comes first does not push it out of the
 * timeline (it is placed at the fetch's time, before that report). Never throws: a failed record
 * must not fail a boot.
 */
export async function recordBootFetch(fetch: BootFetch): Promise<void> {
  const now = fetch.now ?? new Date();
  const window = Math.floor(now.getTime() / FETCH_WINDOW_MS);
  const key = ['boot_asset', fetch.nodeId, fetch.asset, fetch.status, fetch.discriminator ?? '', window].join(':');
  const at = now.toISOString();
  if (!pending.events.has(key)) {
    pending.events.set(key, {
      nodeId: fetch.nodeId,
      status: fetch.status,
      message: fetch.message,
      details: {
        asset: fetch.asset,
        httpStatus: fetch.httpStatus,
        ...(fetch.bytes !== undefined ? { bytes: fetch.bytes } : {}),
        ...(fetch.sourceIp ? { sourceIp: fetch.sourceIp } : {}),
      },
      key,
      at,
    });
  }
  pending.seen.set(fetch.nodeId, { at, asset: fetch.asset });
  timer ??= setTimeout(() => void flushQueued(), FETCH_FLUSH_MS);
  timer.unref?.();
  if (fetch.phaseStarted && !phaseReached(fetch.currentPhase, fetch.phaseStarted)) {
    void reportPhaseStartInBackground({ nodeId: fetch.nodeId, phase: fetch.phaseStarted, message: fetch.message, observedAt: now });
  }
}

function phaseReached(current: string | null | undefined, phase: InstallPhase): boolean {
  return current !== undefined && current !== null && phaseIndex(current) >= phaseIndex(phase);
}

/**
 * Writes the queued boot fetches now (two statements); resolves when they, and the phase starts
 * fetches reported, are in the database.
 */
export async function flushBootFetches(): Promise<void> {
  await backgroundReportsSettled();
  await flushQueued();
  // A "seen" skipped for a row held by a report that has committed since goes with another batch.
  for (let again = 0; again < 5 && pending.seen.size > 0; again++) await flushQueued();
}

function flushQueued(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const events = [...pending.events.values()];
  const seen = [...pending.seen].map(([nodeId, s]) => ({ nodeId, ...s }));
  pending.events.clear();
  pending.seen.clear();
  flushing = flushing.then(() => (events.length || seen.length ? writeBatch(events, seen) : undefined));
  return flushing;
}

/** Puts a "seen" the last batch could not write back in the queue, unless a newer one is there. */
function requeueSeen(nodeId: number, seen: { at: string; asset: string }) {
  if (!pending.seen.has(nodeId)) pending.seen.set(nodeId, seen);
  timer ??= setTimeout(() => void flushQueued(), FETCH_FLUSH_MS);
  timer.unref?.();
}

async function writeBatch(events: PendingEvent[], seen: { nodeId: number; at: string; asset: string }[]) {
  try {
    const pool = pgWritePool();
    // A node row another writer holds (its phase report, in a shared commit) is skipped and
    // tried again with the next batch: waiting for it would hold every other row of this batch
    // locked meanwhile, and the reports behind them would queue up (seconds, in a boot storm).
    const { rows: skipped } = await pool.query<{ nodeId: number; at: string; asset: string }>({
      name: 'boot-fetch-seen',
      text: `WITH s AS (SELECT * FROM json_to_recordset($1::json) AS s("nodeId" int, at text, asset text)),
                  free AS (SELECT n."id" FROM "Node" n WHERE n."id" IN (SELECT "nodeId" FROM s) ORDER BY n."id" FOR NO KEY UPDATE SKIP LOCKED),
                  upd AS (UPDATE "Node" n SET "lastSeenAt" = s.at::timestamp, "lastFetch" = s.asset FROM s
                          WHERE n."id" = s."nodeId" AND n."id" IN (SELECT "id" FROM free)
                            AND (n."lastSeenAt" IS NULL OR n."lastSeenAt" < s.at::timestamp))
             SELECT s."nodeId", s.at, s.asset FROM s JOIN "Node" n ON n."id" = s."nodeId" WHERE n."id" NOT IN (SELECT "id" FROM free)`,
      values: [JSON.stringify(seen)],
    });
    for (const s of skipped) requeueSeen(s.nodeId, { at: s.at, asset: s.asset });
    await pool.query({
      name: 'boot-fetch-events',
      text: `INSERT INTO "DeploymentEvent" ("nodeId", "deploymentId", "phase", "status", "message", "source", "details", "idempotencyKey", "createdAt")
             SELECT e."nodeId",
                    (SELECT d."id" FROM "Deployment" d WHERE d."nodeId" = e."nodeId" AND d."kind" IN ('provision', 'reinitialize')
                     ORDER BY d."createdAt" DESC LIMIT 1),
                    'boot_asset', e.status, e.message, 'node', e.details, e.key, e.at::timestamp
             FROM json_to_recordset($1::json) AS e("nodeId" int, status text, message text, details jsonb, key text, at text)
             WHERE EXISTS (SELECT 1 FROM "Node" n WHERE n."id" = e."nodeId")
             ON CONFLICT ("idempotencyKey") DO NOTHING`,
      values: [JSON.stringify(events)],
    });
  } catch (err) {
    logger.warn({ err, events: events.length }, 'could not record boot fetches');
  }
}
