import { z } from 'zod';

/** The deepest offset a list accepts (1,000,000 rows); keyset cursors have no limit. */
export const MAX_OFFSET = 1_000_000;

/**
 * The paging fields every list API takes besides its filters: `offset` (rows to skip, for numbered
 * pages), `sort` (one of the list's sortable columns) and `order`. The list's own `limit` and keyset
 * `cursor` stay as they were; a cursor continues the default order only, so it excludes the others.
 */
export function pagingFields<const K extends readonly [string, ...string[]]>(sortable: K) {
  return {
    offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
    sort: z.enum(sortable).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  };
}

export type SortOrder = 'asc' | 'desc';

/** A cursor continues the default order from the last row seen: it cannot be combined with sort or offset. */
export function cursorExcludesOffsetAndSort(q: { cursor?: unknown; offset?: number; sort?: string; order?: string }): boolean {
  return q.cursor === undefined || (q.offset === undefined && q.sort === undefined && q.order === undefined);
}

export const CURSOR_EXCLUSIVE = { message: 'a cursor continues the default order: do not combine it with offset, sort or order', path: ['cursor'] };

/** The paging facts a list answer carries next to its rows. */
export interface PageFacts {
  /** Every row matching the filters, on all pages. */
  total: number;
  offset: number;
  limit: number;
  sort: string;
  order: SortOrder;
}

/**
 * Prisma orderBy for `sort`/`order` over a column map (API name → model field), always ending with
 * the unique `tiebreak` field in the same direction so that pages never overlap or skip a row.
 */
export function orderByFor<F extends string>(columns: Record<string, F>, sort: string, order: SortOrder, tiebreak: F): Record<F, SortOrder>[] {
  const field = columns[sort];
  const first = { [field]: order } as Record<F, SortOrder>;
  return field === tiebreak ? [first] : [first, { [tiebreak]: order } as Record<F, SortOrder>];
}
