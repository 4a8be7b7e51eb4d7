import { createHash } from 'node:crypto';

export interface CallbackIdentity {
  nodeId: number;
  runStart: Date;
  kind: string;
  phase: string;
  status: string;
  /** An id the caller sends with the report; identical retries reuse it. */
  clientId?: string | null;
  /** Without a client id, the body itself identifies the callback. */
  body?: unknown;
}

/**
 * The idempotency key of a callback: node, run (boot token issue time), phase, status and the
 * client's id, or (without one) the rest of the body. A retried identical callback maps to the
 * same key and so to the same timeline event; a new install run gets fresh keys.
 */
export function callbackKey(c: CallbackIdentity): string {
  const discriminator = c.clientId ? `id:${c.clientId}` : `body:${JSON.stringify(c.body ?? null)}`;
  const material = [c.nodeId, c.runStart.getTime(), c.kind, c.phase, c.status, discriminator].join('|');
  return `${c.kind}:${createHash('sha256').update(material).digest('hex').slice(0, 40)}`;
}
