import { db } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { recordEvent } from '@/lib/status/timeline';

/** Repeated fetches of one asset within this window (iPXE retry storms) are one timeline event. */
export const FETCH_WINDOW_MS = 60_000;

export interface BootFetch {
  nodeId: number;
  /** `ipxe_boot`, `config_download` or `boot_asset`. */
  phase: string;
  status: 'started' | 'in_progress' | 'completed' | 'failed' | 'info';
  asset: string;
  message: string;
  httpStatus: number;
  bytes?: number;
  sourceIp?: string | null;
  /** Distinguishes fetches of one asset in one window (e.g. the start of a Range). */
  discriminator?: string;
  /** Moves node.phase forward (ipxe_boot, config_download); assets leave it alone. */
  setPhase?: boolean;
  now?: Date;
}

async function activeDeploymentId(nodeId: number): Promise<string | undefined> {
  const deployment = await db.deployment.findFirst({
    where: { nodeId, status: { in: ['pending', 'running'] } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  return deployment?.id;
}

/**
 * Records one boot-asset fetch in the node's timeline and marks the node as seen, so that "where
 * did it stop" is visible without a console. Never throws: a failed record must not fail a boot.
 */
export async function recordBootFetch(fetch: BootFetch): Promise<void> {
  const now = fetch.now ?? new Date();
  const window = Math.floor(now.getTime() / FETCH_WINDOW_MS);
  try {
    await db.node.update({
      where: { id: fetch.nodeId },
      data: { lastSeenAt: now, lastFetch: fetch.asset, ...(fetch.setPhase ? { phase: fetch.phase } : {}) },
    });
    await recordEvent({
      nodeId: fetch.nodeId,
      deploymentId: await activeDeploymentId(fetch.nodeId),
      phase: fetch.phase,
      status: fetch.status,
      message: fetch.message,
      source: 'node',
      details: {
        asset: fetch.asset,
        httpStatus: fetch.httpStatus,
        ...(fetch.bytes !== undefined ? { bytes: fetch.bytes } : {}),
        ...(fetch.sourceIp ? { sourceIp: fetch.sourceIp } : {}),
      },
      idempotencyKey: [fetch.phase, fetch.nodeId, fetch.asset, fetch.status, fetch.discriminator ?? '', window].join(':'),
    });
  } catch (err) {
    logger.warn({ err, nodeId: fetch.nodeId, asset: fetch.asset }, 'could not record a boot fetch');
  }
}
