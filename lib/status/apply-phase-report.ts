import { notifyStatement } from '@/lib/bus';
import { BusCache, nodeTag, nodeTokenIssued } from '@/lib/bus/cache';
import { groupCommit } from '@/lib/db/group-commit';
import { pgPool, pgWritePool } from '@/lib/db/pg-pool';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { logger } from '@/lib/log/logger';
import { observePhaseDuration } from '@/lib/metrics/phases';
import { callbackKey } from './idempotency';
import { nodeUpdateForReport } from './node-update';
import type { PhaseStateDetail } from './phase-state';
import { currentExpectedDurations } from './phase-stats';
import { INSTALL_PHASES, isInstallPhase, PHASE_STATUSES, phaseIndex, type InstallPhase, type PhaseStatus } from './phases';
import type { EventSource } from './timeline';
import { assertNodeAcceptsReports, checkPhaseTransition } from './transitions';

export interface PhaseReportInput {
  nodeId: number;
  phase: InstallPhase;
  status: PhaseStatus;
  message?: string;
  /** Progress within the phase, 0-100. */
  progress?: number;
  details?: Record<string, unknown>;
  /** The caller's id for this report; retries reuse it (see idempotency.ts). */
  clientId?: string;
  source?: EventSource;
  /**
   * When the phase really started, for a start the orchestrator observed and records late (a
   * boot fetch): if the node has reported a later phase meanwhile, the start still goes into the
   * timeline at this time, before that phase, and the node stays where it is.
   */
  observedAt?: Date;
}

export interface PhaseReportResult {
  /** false when this was a retry of a report already recorded (nothing changed). */
  recorded: boolean;
  node: { id: number; status: string; phase: string | null; progress: number };
}

/** What a phase report is checked against: the node and its current run's phase state. */
export interface ReportState {
  node: { id: number; name: string; status: string; phase: string | null; progress: number; managementIp: string | null; runStart: Date; version: number };
  deploymentId: string | null;
  phase: PhaseStateDetail;
}

interface StateRow {
  id: number; name: string; status: string; phase: string | null; progress: number; managementIp: string | null; runStart: Date; version: number;
  deploymentId: string | null; lastPhase: string | null; lastStatus: string | null; lastAt: Date | null; lastDetails: { phaseProgress?: unknown } | null;
  phaseStartedAt: Date | null;
}

/**
 * Report states of the nodes reporting now, per process. A node change elsewhere drops its entry
 * (bus); the process that wrote keeps the state it wrote (same version). A stale entry costs a
 * retry, never a wrong answer: the write applies only at the version it was checked against.
 */
const STATES_MAX = 20_000;
const states: BusCache<number, ReportState> = new BusCache<number, ReportState>({
  topic: 'node', tagOf: nodeTag, max: STATES_MAX, versionOf: (s) => s.node.version,
  refresh: {
    read: async (ids) => (await readReportStates(ids)).map((state) => ({ key: state.node.id, value: state, tag: state.node.id })),
    prefetchOf: nodeTokenIssued,
  },
  // Every process learns a report's new state from its `deployment` message, not by reading it.
  carried: { topic: 'deployment', valueOf: (m) => {
    const state = reportStateOf(m.data.reportState);
    return state && { key: state.node.id, value: state, tag: state.node.id };
  } },
});

/** The report state a `deployment` message carries (JSON: its dates as strings), or undefined. */
export function reportStateOf(wire: unknown): ReportState | undefined {
  const s = wire as { node?: ReportState['node']; deploymentId?: string | null; phase?: PhaseStateDetail } | undefined;
  if (!s?.node || typeof s.node.id !== 'number' || typeof s.node.version !== 'number' || !s.phase) return undefined;
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return {
    node: { ...s.node, runStart: new Date(s.node.runStart) },
    deploymentId: s.deploymentId ?? null,
    phase: { ...s.phase, at: date(s.phase.at), phaseStartedAt: date(s.phase.phaseStartedAt) },
  };
}

/**
 * Loads the report state of every node holding a boot token (a boot storm's reporters), and from
 * then on of every node that gets one; kept warm after.
 */
export function warmReportStates(): Promise<void> {
  return states.warm();
}

/** The node's report state: from the cache, or readReportState. */
export async function loadReportState(nodeId: number): Promise<ReportState | null> {
  return states.load(nodeId, () => readReportState(nodeId), (s) => s.node.id);
}

async function readReportState(nodeId: number): Promise<ReportState | null> {
  return (await readReportStates([nodeId]))[0] ?? null;
}

/**
 * Nodes, each with its run's newest install-phase event, that phase's start and its deployment, in
 * one query: these nodes, or (null) every node holding a boot token.
 */
async function readReportStates(nodeIds: number[] | null): Promise<ReportState[]> {
  const { rows } = await pgPool().query<StateRow>({
    name: nodeIds ? 'phase-report-states' : 'phase-report-states-all',
    text: `SELECT n."id", n."name", n."status", n."phase", n."progress", n."managementIp", COALESCE(n."bootTokenAt", n."createdAt") AS "runStart", n."version",
                  (SELECT d."id" FROM "Deployment" d WHERE d."nodeId" = n."id" AND d."kind" IN ('provision', 'reinitialize')
                   ORDER BY d."createdAt" DESC LIMIT 1) AS "deploymentId",
                  l."phase" AS "lastPhase", l."status" AS "lastStatus", l."createdAt" AS "lastAt", l."details" AS "lastDetails",
                  (SELECT s."createdAt" FROM "DeploymentEvent" s
                   WHERE s."nodeId" = n."id" AND s."createdAt" >= COALESCE(n."bootTokenAt", n."createdAt") AND s."phase" = l."phase"
                     AND s."status" IN ('started', 'in_progress')
                   ORDER BY s."createdAt" ASC, s."id" ASC LIMIT 1) AS "phaseStartedAt"
           FROM "Node" n
           LEFT JOIN LATERAL (
             SELECT e."phase", e."status", e."createdAt", e."details" FROM "DeploymentEvent" e
             WHERE e."nodeId" = n."id" AND e."createdAt" >= COALESCE(n."bootTokenAt", n."createdAt")
               AND e."phase" = ANY($2) AND e."status" = ANY($3)
             ORDER BY e."createdAt" DESC, e."id" DESC LIMIT 1) l ON true
           WHERE ${nodeIds ? 'n."id" = ANY($1)' : `n."bootTokenHash" IS NOT NULL AND $1::int[] IS NULL ORDER BY n."id" DESC LIMIT ${STATES_MAX}`}`,
    values: [nodeIds, [...INSTALL_PHASES], [...PHASE_STATUSES]],
  });
  return rows.map(toReportState);
}

function toReportState(r: StateRow): ReportState {
  const phase: PhaseStateDetail = r.lastPhase && isInstallPhase(r.lastPhase)
    ? {
        phase: r.lastPhase,
        status: r.lastStatus as PhaseStatus,
        at: r.lastAt,
        phaseStartedAt: r.phaseStartedAt,
        phaseProgress: typeof r.lastDetails?.phaseProgress === 'number' ? r.lastDetails.phaseProgress : null,
      }
    : { phase: null, status: null, at: null, phaseStartedAt: null, phaseProgress: null };
  return {
    node: { id: r.id, name: r.name, status: r.status, phase: r.phase, progress: r.progress, managementIp: r.managementIp, runStart: r.runStart, version: r.version },
    deploymentId: r.deploymentId,
    phase,
  };
}

async function keyExists(key: string): Promise<boolean> {
  const { rows } = await pgPool().query({ name: 'event-key-exists', text: 'SELECT 1 FROM "DeploymentEvent" WHERE "idempotencyKey" = $1', values: [key] });
  return rows.length > 0;
}

/**
 * The one statement that records a report: if the node is still at the version the checks ran
 * against (locked for the statement), insert the event(s) — none when the report's idempotency
 * key is already there — update the node, and publish `deployment` (the node trigger publishes
 * `node`). Autocommit: once it returns, the report is committed. The version moves with every
 * recorded report, also one that leaves the node's columns as they were: the report state (its
 * phase's status and times) changed, and the `deployment` message carries it at that version.
 */
const WRITE = `
WITH locked AS (
  SELECT "id" FROM "Node" WHERE "id" = $1 AND "version" = $2 FOR NO KEY UPDATE
), ev AS (
  INSERT INTO "DeploymentEvent" ("nodeId", "deploymentId", "phase", "status", "message", "source", "progress", "durationMs", "details", "idempotencyKey", "createdAt")
  SELECT l."id", e."deploymentId", e."phase", e."status", e."message", e."source", e."progress", e."durationMs", e."details", e."key", e."at"::timestamp
  FROM locked l, json_to_recordset($3::json) AS e(ord int, "deploymentId" text, phase text, status text, message text, source text,
                                                  progress int, "durationMs" int, details jsonb, key text, at text)
  WHERE NOT EXISTS (SELECT 1 FROM "DeploymentEvent" x WHERE x."idempotencyKey" = $4)
  ORDER BY e.ord
  ON CONFLICT ("idempotencyKey") DO NOTHING
  RETURNING "idempotencyKey"
), upd AS (
  UPDATE "Node" n SET "version" = n."version" + 1, "phase" = $5, "status" = $6, "statusMessage" = $7, "progress" = $8,
         "lastSeenAt" = COALESCE($9::timestamp, n."lastSeenAt"),
         "failureReason" = CASE WHEN $10::boolean THEN $11 ELSE n."failureReason" END,
         "failedStep" = CASE WHEN $10::boolean THEN $12 ELSE n."failedStep" END,
         "deployedAt" = COALESCE($13::timestamp, n."deployedAt"),
         "updatedAt" = now()
  WHERE n."id" IN (SELECT "id" FROM locked) AND EXISTS (SELECT 1 FROM ev WHERE ev."idempotencyKey" = $4)
  RETURNING n."id", n."status", n."phase", n."progress", n."version"
), note AS (
  SELECT pg_notify($14, $15) FROM upd
)
SELECT (SELECT count(*) FROM locked)::int AS locked, (SELECT count(*) FROM note)::int AS notified,
       upd."id", upd."status", upd."phase", upd."progress", upd."version"
FROM (SELECT 1) one LEFT JOIN upd ON true`;

interface WriteRow { locked: number; id: number | null; status: string | null; phase: string | null; progress: number | null; version: number | null }

/** The report state after a recorded report (what readReportState would now return). */
function nextState(state: ReportState, input: PhaseReportInput, node: { status: string; phase: string | null; progress: number; version: number }, now: Date): ReportState {
  const samePhase = state.phase.phase === input.phase;
  const starts = input.status === 'started' || input.status === 'in_progress';
  return {
    node: { ...state.node, ...node },
    deploymentId: state.deploymentId,
    phase: {
      phase: input.phase,
      status: input.status,
      at: now,
      phaseStartedAt: samePhase && state.phase.phaseStartedAt ? state.phase.phaseStartedAt : starts ? now : null,
      phaseProgress: input.progress ?? null,
    },
  };
}

/**
 * Applies one phase report to a node: ordering rules, idempotency, timeline event(s) and the
 * node's phase, progress, message, status (deploying / failed / deployed) and lastSeenAt.
 * Reads the state in one query, checks it here, and writes with one statement that only applies
 * while the node is unchanged (its `version`); a concurrent change makes it read again. So
 * concurrent reports for a node serialize, and an acknowledged report is committed.
 * Used by POST /api/status/phase, the installer adapter, and orchestrator-side reporters.
 */
export async function applyPhaseReport(input: PhaseReportInput, preloaded?: ReportState | null): Promise<PhaseReportResult> {
  const earlier = inBackground.get(input.nodeId);
  if (earlier) await earlier;
  return applyNow(input, preloaded);
}

/** Reports being applied in the background, per node: the node's next report here waits for them. */
const inBackground = new Map<number, Promise<unknown>>();

/**
 * Applies a report the orchestrator observed (a boot fetch's phase start) without making the
 * caller wait; the node's later reports to this process are applied after it. One to another
 * process may come first: the start then still goes into the timeline at `observedAt`, before it.
 * A conflict means there is nothing to record; other failures are logged.
 */
export function applyPhaseReportInBackground(input: PhaseReportInput): Promise<void> {
  const { nodeId } = input;
  const run = (inBackground.get(nodeId) ?? Promise.resolve())
    .then(() => applyNow(input))
    .then(
      () => undefined,
      (err) => {
        if (!(err instanceof ConflictError)) logger.warn({ err, nodeId, phase: input.phase }, 'could not record an observed phase start');
      },
    );
  inBackground.set(nodeId, run);
  void run.finally(() => {
    if (inBackground.get(nodeId) === run) inBackground.delete(nodeId);
  });
  return run;
}

/** Resolves once every report applied in the background so far is settled. */
export async function backgroundReportsSettled(): Promise<void> {
  await Promise.all([...inBackground.values()]);
}

async function applyNow(input: PhaseReportInput, preloaded?: ReportState | null): Promise<PhaseReportResult> {
  const expected = await currentExpectedDurations();
  let state = preloaded ?? (await loadReportState(input.nodeId));
  for (let attempt = 0; ; attempt++) {
    if (!state) throw new NotFoundError(`Node ${input.nodeId} not found`);
    const { node } = state;
    const now = new Date();
    const idempotencyKey = callbackKey({
      nodeId: node.id, runStart: node.runStart, kind: 'phase', phase: input.phase, status: input.status, clientId: input.clientId,
      body: { message: input.message ?? null, progress: input.progress ?? null, details: input.details ?? null },
    });
    const summary = { id: node.id, status: node.status, phase: node.phase, progress: node.progress };
    try {
      assertNodeAcceptsReports(node.status);
      checkPhaseTransition(state.phase, input);
    } catch (err) {
      // A retry of a report recorded earlier is answered as such, whatever happened since.
      if (err instanceof ConflictError && (await keyExists(idempotencyKey))) return { recorded: false, node: summary };
      if (err instanceof ConflictError && input.observedAt && startedBefore(state.phase, input)) {
        return { recorded: await recordLateStart(state, input, input.observedAt, idempotencyKey), node: summary };
      }
      throw err;
    }
    const source = input.source ?? 'node';
    const implicit = implicitEnd(state.phase, input, now);
    const durationMs = durationOf(state.phase, input, now);
    const update = nodeUpdateForReport(node, input, expected, now);
    const base = { deploymentId: state.deploymentId, source };
    const events = [
      ...(implicit
        ? [{ ord: 1, ...base, phase: implicit.phase, status: 'completed', message: `Ended when ${input.phase} started`, progress: null,
             durationMs: implicit.durationMs ?? null, details: { implicit: true }, key: `${idempotencyKey}:implicit`, at: new Date(now.getTime() - 1).toISOString() }]
        : []),
      { ord: 2, ...base, phase: input.phase, status: input.status, message: input.message ?? null, progress: update.progress ?? node.progress,
        durationMs: durationMs ?? null, details: { ...input.details, ...(input.progress !== undefined ? { phaseProgress: input.progress } : {}) },
        key: idempotencyKey, at: now.toISOString() },
    ];
    const failing = 'failureReason' in update;
    // Deployed or failed is what the node's waiting deployment waits for: it runs at once (lib/provisioning/wake.ts).
    const wake = update.status !== node.status && (update.status === 'deployed' || update.status === 'failed');
    const next = nextState(state, input, { status: update.status as string, phase: input.phase, progress: update.progress ?? node.progress, version: node.version + 1 }, now);
    const note = notifyStatement('deployment', { deploymentId: state.deploymentId, nodeId: node.id, ...(wake && { wake }), reportState: next });
    const { rows } = await groupCommit<WriteRow>({
      name: 'phase-report-write',
      text: WRITE,
      values: [
        node.id, node.version, JSON.stringify(events), idempotencyKey,
        update.phase, update.status, update.statusMessage, update.progress ?? node.progress,
        update.lastSeenAt ? now.toISOString() : null,
        failing, failing ? update.failureReason : null, failing ? update.failedStep : null,
        update.deployedAt ? now.toISOString() : null,
        note.values[0], note.values[1],
      ],
    }, node.id);
    const row = rows[0];
    if (row.locked === 0) {
      // The node changed since the state was read (or is gone): read again and re-check.
      if (attempt >= 20) throw new ConflictError('The node changed too often while this report was applied; retry');
      states.delete(input.nodeId);
      state = await readReportState(input.nodeId);
      continue;
    }
    if (row.id === null) return { recorded: false, node: summary };
    states.set(node.id, next, node.id);
    if (implicit?.durationMs !== undefined) observePhaseDuration(implicit.phase, implicit.durationMs / 1000);
    if (durationMs !== undefined && input.status === 'completed') observePhaseDuration(input.phase, durationMs / 1000);
    logger.info({ nodeId: input.nodeId, phase: input.phase, status: input.status, nodeStatus: row.status }, 'phase report');
    return { recorded: true, node: { id: row.id, status: row.status!, phase: row.phase, progress: row.progress! } };
  }
}

/** A start observed before the phase the node has reported since (so it belongs before it). */
function startedBefore(state: PhaseStateDetail, input: PhaseReportInput): boolean {
  if (input.status !== 'started' || !state.phase || !state.at || !input.observedAt) return false;
  return phaseIndex(input.phase) < phaseIndex(state.phase) && input.observedAt <= state.at;
}

/**
 * Puts a late observed start into the timeline at the time it happened; the node, already in a
 * later phase, is left as it is. Returns false when it was there already.
 */
async function recordLateStart(state: ReportState, input: PhaseReportInput, at: Date, key: string): Promise<boolean> {
  const note = notifyStatement('deployment', { deploymentId: state.deploymentId, nodeId: state.node.id });
  const { rows } = await pgWritePool().query({
    name: 'phase-report-late-start',
    text: `WITH ev AS (
             INSERT INTO "DeploymentEvent" ("nodeId", "deploymentId", "phase", "status", "message", "source", "details", "idempotencyKey", "createdAt")
             VALUES ($1, $2, $3, 'started', $4, $5, '{"late": true}'::jsonb, $6, $7::timestamp)
             ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING 1)
           SELECT pg_notify($8, $9) FROM ev`,
    values: [state.node.id, state.deploymentId, input.phase, input.message ?? null, input.source ?? 'node', key, at.toISOString(), ...note.values],
  });
  return rows.length > 0;
}

/** Time the phase took, for a report that ends a phase that started in this run. */
function durationOf(state: PhaseStateDetail, input: PhaseReportInput, now: Date): number | undefined {
  if (input.status !== 'completed' && input.status !== 'failed') return undefined;
  if (state.phase !== input.phase || !state.phaseStartedAt) return undefined;
  return now.getTime() - state.phaseStartedAt.getTime();
}

/**
 * Starting a later phase while the current one is still running ends the current one: record
 * its completion (marked implicit) so its duration still feeds the phase statistics.
 */
function implicitEnd(state: PhaseStateDetail, input: PhaseReportInput, now: Date): { phase: string; durationMs?: number } | undefined {
  if (!state.phase || state.phase === input.phase) return undefined;
  if (state.status !== 'started' && state.status !== 'in_progress') return undefined;
  if (input.status === 'failed') return undefined;
  return { phase: state.phase, durationMs: state.phaseStartedAt ? now.getTime() - state.phaseStartedAt.getTime() : undefined };
}
