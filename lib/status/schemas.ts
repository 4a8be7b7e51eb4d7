import { isIP } from 'node:net';
import { z } from 'zod';
import { CURSOR_EXCLUSIVE, cursorExcludesOffsetAndSort, pagingFields } from '@/lib/db/paging';
import { DEPLOYMENT_STATUSES } from './deployment-statuses';
import { INSTALL_PHASES, STATUS_ALIASES } from './phases';

const ipAddress = z.string().trim().refine((v) => isIP(v) !== 0, 'must be an IPv4 or IPv6 address');

const phaseStatus = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v in STATUS_ALIASES, `unknown status; expected one of ${Object.keys(STATUS_ALIASES).join(', ')}`)
  .transform((v) => STATUS_ALIASES[v]);

const installPhase = z.enum(INSTALL_PHASES, {
  error: `unknown phase; expected one of ${INSTALL_PHASES.join(', ')}`,
});

const details = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 8192, 'must serialize to at most 8 KiB of JSON');

/** An id the caller may attach so that its retries are recognised (also accepted as Idempotency-Key header). */
const callbackId = z.string().trim().min(1).max(128);

/** POST /api/status/phase: the Python original's body (docs/reference/original-detailed.md §1.4) plus optional progress, details and callback id. */
export const phaseCallbackSchema = z.object({
  server_ip: ipAddress,
  phase: installPhase,
  status: phaseStatus,
  message: z.string().max(2000),
  progress: z.number().min(0).max(100).optional(),
  details: details.optional(),
  callback_id: callbackId.optional(),
  /** With cluster_formation: the CVM's SSH host keys (`ssh-ed25519 AAAA…`), trusted for cluster create. */
  ssh_host_keys: z.array(z.string().max(4096)).min(1).max(8).optional(),
});
export type PhaseCallback = z.output<typeof phaseCallbackSchema>;

/** POST /api/status: the installer's overall state; `failed` fails the node at its current phase. */
export const installerStatusSchema = z.object({
  server_ip: ipAddress,
  status: phaseStatus,
  message: z.string().max(2000),
  phase: installPhase.optional(),
  details: details.optional(),
  callback_id: callbackId.optional(),
});
export type InstallerStatus = z.output<typeof installerStatusSchema>;

/** POST /api/installation/status: the Python original's installer's numbered (or vpc_init's named) phases. */
export const installationStatusSchema = z
  .object({
    management_ip: ipAddress.optional(),
    node_id: z.union([z.number().int().positive(), z.string().trim().regex(/^\d+$/, 'must be a node id')]).optional(),
    phase: z.union([z.number().int(), z.string().trim().min(1).max(64)]),
    message: z.string().max(4000),
    callback_id: callbackId.optional(),
  })
  .refine((b) => b.management_ip !== undefined || b.node_id !== undefined, {
    path: ['management_ip'],
    message: 'management_ip or node_id is required',
  });
export type InstallationStatus = z.output<typeof installationStatusSchema>;

export const nodeIdParams = z.object({ id: z.coerce.number().int().positive('must be a node id') });
export const serverIpParams = z.object({ ip: ipAddress });
export const serverIpQuery = z.object({ server_ip: ipAddress });

export const eventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  node_id: z.coerce.number().int().positive().optional(),
});

export const activityQuery = z.object({ range: z.enum(['24h', '7d', '30d']).default('24h') });

const time = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).transform((v) => new Date(v));

/** GET /api/deployments and the Deployments page: filters, cursor pagination, optional CSV. */
/** Columns of GET /api/deployments that `sort` accepts. */
export const DEPLOYMENT_SORTS = ['created_at', 'kind', 'status', 'finished_at'] as const;

export const deploymentsQuery = z
  .object({
    kind: z.enum(['provision', 'reinitialize', 'cleanup', 'cluster']).optional(),
    status: z.enum(DEPLOYMENT_STATUSES).optional(),
    /** Substring of the node or cluster name. */
    q: z.string().trim().min(1).max(100).optional(),
    node_id: z.coerce.number().int().positive().optional(),
    from: time.optional(),
    to: time.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    ...pagingFields(DEPLOYMENT_SORTS),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(cursorExcludesOffsetAndSort, CURSOR_EXCLUSIVE);
export type DeploymentsQuery = z.output<typeof deploymentsQuery>;
