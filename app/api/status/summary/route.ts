import { json, route } from '@/lib/http/route';
import { statusSummary } from '@/lib/status/summary';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, async () => json(await statusSummary()));
