import { z } from 'zod';

export const nodeIdParamSchema = z.object({ id: z.coerce.number().int('must be a node id').positive('must be a node id') });
export const deploymentIdParamSchema = z.object({ id: z.uuid('must be a deployment id') });
export const ledgerRowIdParamSchema = z.object({ id: z.uuid('must be a ledger row id') });
export const findingIdParamSchema = z.object({ id: z.coerce.number().int().positive('must be a finding id') });

/** GET /api/cleanup/script/{id}: a node id or a deployment id. */
export const scriptIdParamSchema = z.object({
  id: z.union([z.coerce.number().int().positive(), z.uuid()], { error: 'must be a node id or a deployment id' }),
});

const nodeTarget = z.object({ type: z.literal('node'), id: z.coerce.number().int().positive() });
const deploymentTarget = z.object({ type: z.literal('deployment'), id: z.uuid() });
const findingTarget = z.object({ type: z.literal('finding'), id: z.coerce.number().int().positive() });
export const cleanupTargetSchema = z.discriminatedUnion('type', [nodeTarget, deploymentTarget, findingTarget]);
export type CleanupTarget = z.infer<typeof cleanupTargetSchema>;

export const batchCleanupSchema = z.object({
  cleanup_targets: z.array(cleanupTargetSchema).min(1, 'list at least one target').max(200, 'at most 200 targets per batch'),
});

export const orphanSweepSchema = z.object({
  /** Failed nodes and orphans older than this are cleaned up (the Python original's default: 24, docs/reference/original-detailed.md §1.6). */
  max_age_hours: z.number().int().min(0).max(24 * 365).default(24),
  /** Only an explicit `false` deletes anything (the Python original defaulted to a real sweep). */
  dry_run: z.boolean().default(true),
});
export type OrphanSweepInput = z.output<typeof orphanSweepSchema>;

export const cleanupStatusQuerySchema = z.object({
  node_name: z.string().trim().min(1).max(100).optional(),
  deployment_id: z.uuid().optional(),
});

export const FINDING_STATUSES = ['open', 'acknowledged', 'cleaning', 'resolved'] as const;
export const FINDING_KINDS = ['orphan', 'foreign', 'vanished', 'unexpected_state'] as const;

export const findingsQuerySchema = z.object({
  status: z.enum([...FINDING_STATUSES, 'unresolved']).default('unresolved'),
  kind: z.enum(FINDING_KINDS).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type FindingsQuery = z.output<typeof findingsQuerySchema>;
