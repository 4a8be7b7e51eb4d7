import { json, route } from '@/lib/http/route';
import { statusSummary } from '@/lib/status/summary';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async () => json(await statusSummary()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
