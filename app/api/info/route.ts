import { json, route } from '@/lib/http/route';
import { appInfo } from '@/lib/system/info';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'viewer' }, () => json(appInfo()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
