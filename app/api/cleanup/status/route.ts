import { cleanupStatusQuerySchema } from '@/lib/cleanup/schemas';
import { getCleanupStatus } from '@/lib/cleanup/status';
import { json, parseQuery, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async (req) => json(await getCleanupStatus(parseQuery(req, cleanupStatusQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
