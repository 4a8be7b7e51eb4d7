import { db } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { reportPhaseQuietly } from '@/lib/status/callbacks';
import { activeDeploymentId } from '@/lib/status/phase-state';
import type { InstallPhase } from '@/lib/status/phases';
import { recordEvent } from '@/lib/status/timeline';

/** Repeated fetches of one asset within this window (iPXE retry storms) are one timeline event. */
export const FETCH_WINDOW_MS = 60_000;

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
  now?: Date;
}

/**
 * Records one boot-asset fetch in the node's timeline (`boot_asset`, with asset, bytes and HTTP
 * status) and marks the node as seen, so "where did it stop" is visible without a console. A fetch
 * that shows an install phase began is reported through the phase state machine, which ignores it
 * when out of order. Never throws: a failed record must not fail a boot.
 */
export async function recordBootFetch(fetch: BootFetch): Promise<void> {
  const now = fetch.now ?? new Date();
  const window = Math.floor(now.getTime() / FETCH_WINDOW_MS);
  try {
    await db.node.update({ where: { id: fetch.nodeId }, data: { lastSeenAt: now, lastFetch: fetch.asset } });
    await recordEvent({
      nodeId: fetch.nodeId,
      deploymentId: await activeDeploymentId(db, fetch.nodeId),
      phase: 'boot_asset',
      status: fetch.status,
      message: fetch.message,
      source: 'node',
      details: {
        asset: fetch.asset,
        httpStatus: fetch.httpStatus,
        ...(fetch.bytes !== undefined ? { bytes: fetch.bytes } : {}),
        ...(fetch.sourceIp ? { sourceIp: fetch.sourceIp } : {}),
      },
      idempotencyKey: ['boot_asset', fetch.nodeId, fetch.asset, fetch.status, fetch.discriminator ?? '', window].join(':'),
    });
    if (fetch.phaseStarted) {
      await reportPhaseQuietly({ nodeId: fetch.nodeId, phase: fetch.phaseStarted, status: 'started', message: fetch.message });
    }
  } catch (err) {
    logger.warn({ err, nodeId: fetch.nodeId, asset: fetch.asset }, 'could not record a boot fetch');
  }
}
