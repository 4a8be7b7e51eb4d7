import { databaseTableQuery } from '@/lib/db/schemas';
import { viewTable } from '@/lib/db/viewer';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { json, parseQuery, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** One page of a table, sorted by a column (`sort=name` or `sort=-name`); read-only. */
export const GET = route({ auth: 'admin' }, async (req) => json(await viewTable(parseQuery(req, databaseTableQuery))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
