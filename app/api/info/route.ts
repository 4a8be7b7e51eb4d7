import { json, route } from '@/lib/http/route';
import { appInfo } from '@/lib/system/info';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, () => json(appInfo()));
