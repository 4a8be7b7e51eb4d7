import { z } from 'zod';
import { CURSOR_EXCLUSIVE, cursorExcludesOffsetAndSort, pagingFields } from '@/lib/db/paging';

const time = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).transform((v) => new Date(v));

/** Columns of GET /api/audit that `sort` accepts. */
export const AUDIT_SORTS = ['at', 'action', 'actor', 'target_type'] as const;

/** GET /api/audit and the Audit page: filters, cursor or numbered pages, optional CSV. */
export const auditQuerySchema = z
  .object({
    /** Matches the actor's label (email, node:<id>) by substring, or the actor id exactly. */
    actor: z.string().trim().min(1).max(200).optional(),
    /** An action ("user.update") or a family ending in a dot ("user."). */
    action: z.string().trim().min(1).max(100).optional(),
    targetType: z.string().trim().min(1).max(50).optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    from: time.optional(),
    to: time.optional(),
    /** The id of the last entry of the previous page (entries come newest first). */
    cursor: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    ...pagingFields(AUDIT_SORTS),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(cursorExcludesOffsetAndSort, CURSOR_EXCLUSIVE);

export type AuditQuery = z.output<typeof auditQuerySchema>;
