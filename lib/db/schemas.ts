import { z } from 'zod';

/** `?table=&limit=&offset=&sort=` of /api/web/database-table; sort is `column` or `-column`. */
export const databaseTableQuery = z.object({
  table: z.string().min(1).max(64),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.string().max(65).optional(),
});

export const databaseExportQuery = z.object({ table: z.string().min(1).max(64) });
