import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseUrl } from '@/lib/config/runtime';
import { logger } from '@/lib/log/logger';

/**
 * The one notification bus between processes and instances: PostgreSQL LISTEN/NOTIFY on a
 * single channel. Caches (node tokens, boot decisions), server-sent events and anything else that
 * must hear "this changed" subscribe here; whoever changes the thing publishes.
 *
 * Delivery is at-most-once and only while connected. A subscriber that keeps state must therefore
 * also handle `reset` (sent locally after every (re)connect, when notifications may have been
 * missed) by dropping that state.
 */
export const BUS_CHANNEL = 'nvo_bus';

export type BusTopic =
  | 'node' // a node changed status, token or anything a boot decision depends on: { nodeId }
  | 'token' // an API token or user changed (revoked, disabled): { userId?, tokenId? }
  | 'deployment' // a deployment or its steps/events changed: { deploymentId, nodeId?, clusterId? }
  | 'cluster'; // a cluster changed: { clusterId }

export type BusMessage = { topic: BusTopic; data: Record<string, unknown>; origin: string };
type Handler = (message: BusMessage) => void;
type ResetHandler = () => void;

/** Identifies this process in messages, so a publisher can tell its own echo if it cares. */
export const BUS_ORIGIN = randomUUID();

/** Anything that can run a query: a pg Pool/Client, or a Prisma transaction via `sqlRunner`. */
export type SqlRunner = { query: (text: string, values: unknown[]) => Promise<unknown> };

type BusState = {
  handlers: Map<BusTopic, Set<Handler>>;
  resetHandlers: Set<ResetHandler>;
  client?: pg.Client;
  connecting?: Promise<void>;
  retryTimer?: NodeJS.Timeout;
  closed: boolean;
};

const globalForBus = globalThis as unknown as { nvoBus?: BusState };
function state(): BusState {
  globalForBus.nvoBus ??= { handlers: new Map(), resetHandlers: new Set(), closed: false };
  return globalForBus.nvoBus;
}

/** The NOTIFY statement for a message; run it inside the transaction that made the change. */
export function notifyStatement(topic: BusTopic, data: Record<string, unknown>): { text: string; values: [string, string] } {
  const payload: BusMessage = { topic, data, origin: BUS_ORIGIN };
  return { text: 'SELECT pg_notify($1, $2)', values: [BUS_CHANNEL, JSON.stringify(payload)] };
}

/**
 * Publishes a message. With `runner` (e.g. the transaction that made the change) the message is
 * delivered only if that transaction commits; without, it goes through the listening connection.
 * Local subscribers hear it through PostgreSQL like everyone else (a round trip of a millisecond).
 */
export async function publish(topic: BusTopic, data: Record<string, unknown>, runner?: SqlRunner): Promise<void> {
  const { text, values } = notifyStatement(topic, data);
  if (runner) {
    await runner.query(text, values);
    return;
  }
  await ensureConnected();
  const client = state().client;
  if (!client) throw new Error('notification bus is not connected');
  await client.query(text, values);
}

/** Hears every message of `topic` from any process. Returns the unsubscribe function. */
export function subscribe(topic: BusTopic, handler: Handler): () => void {
  const s = state();
  let set = s.handlers.get(topic);
  if (!set) s.handlers.set(topic, (set = new Set()));
  set.add(handler);
  void ensureConnected().catch((err) => logger.warn({ err, component: 'bus' }, 'bus connect failed; retrying'));
  return () => set!.delete(handler);
}

/**
 * Resolves true when this process hears a `topic` message that `match`es, false after `timeoutMs`
 * (or at once when the bus is not connected). A writer that waits for the echo of its own change
 * knows PostgreSQL has handed the change to every listening process, not only queued it.
 */
export function hear(topic: BusTopic, match: (message: BusMessage) => boolean, timeoutMs = 1000): Promise<boolean> {
  if (!busConnected()) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const unsubscribe = subscribe(topic, (m) => {
      if (match(m)) done(true);
    });
    function done(result: boolean) {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    }
  });
}

/** Called after every (re)connect: notifications may have been missed, drop derived state. */
export function onReset(handler: ResetHandler): () => void {
  state().resetHandlers.add(handler);
  return () => state().resetHandlers.delete(handler);
}

function dispatch(raw: string | undefined) {
  if (!raw) return;
  let message: BusMessage;
  try {
    message = JSON.parse(raw) as BusMessage;
  } catch {
    return;
  }
  for (const handler of state().handlers.get(message.topic) ?? []) {
    try {
      handler(message);
    } catch (err) {
      logger.error({ err, component: 'bus', topic: message.topic }, 'bus handler failed');
    }
  }
}

function resetAll() {
  for (const handler of state().resetHandlers) {
    try {
      handler();
    } catch (err) {
      logger.error({ err, component: 'bus' }, 'bus reset handler failed');
    }
  }
}

async function ensureConnected(): Promise<void> {
  const s = state();
  if (s.client || s.closed) return;
  s.connecting ??= connect().finally(() => {
    s.connecting = undefined;
  });
  return s.connecting;
}

async function connect(): Promise<void> {
  const s = state();
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: 'nvo-bus' });
  const lost = (err?: unknown) => {
    if (s.client !== client) return;
    s.client = undefined;
    client.removeAllListeners();
    client.end().catch(() => {});
    if (s.closed) return;
    logger.warn({ err, component: 'bus' }, 'bus connection lost; reconnecting');
    resetAll();
    s.retryTimer = setTimeout(() => void ensureConnected().catch(lost), 1000);
    s.retryTimer.unref();
  };
  await client.connect();
  client.on('notification', (n) => dispatch(n.payload));
  client.on('error', lost);
  client.on('end', () => lost());
  await client.query(`LISTEN ${BUS_CHANNEL}`);
  s.client = client;
  // Anything published before this moment was not heard: caches start clean.
  resetAll();
}

/** Drops every subscriber's derived state now, in this process (e.g. after a test empties the database). */
export function resetLocalState(): void {
  resetAll();
}

/** True while the listening connection is up (so subscribers hear every change). */
export function busConnected(): boolean {
  return state().client !== undefined;
}

/** Starts listening now (instead of at the first subscribe), e.g. at server start. */
export async function startBus(): Promise<void> {
  state().closed = false;
  await ensureConnected();
}

export async function stopBus(): Promise<void> {
  const s = state();
  s.closed = true;
  if (s.retryTimer) clearTimeout(s.retryTimer);
  const client = s.client;
  s.client = undefined;
  await client?.end().catch(() => {});
}
