import { listViewerTables } from '@/lib/db/viewer';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The app's own tables (Prisma models) with their row counts: Admin → Database. */
export const GET = route({ auth: 'admin' }, async () => json(await listViewerTables()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
