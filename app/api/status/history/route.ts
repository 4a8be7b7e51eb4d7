import { json, parseQuery, route } from '@/lib/http/route';
import { nodeHistoryByIp } from '@/lib/status/history';
import { serverIpQuery } from '@/lib/status/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** GET /api/status/history?server_ip=… (the Python original's lookup by address, docs/reference/original-detailed.md §1.4). */
export const GET = route({ auth: 'viewer' }, async (req) => json(await nodeHistoryByIp(parseQuery(req, serverIpQuery).server_ip)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
