import { viewerSchema } from '@/lib/db/viewer';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Columns and types of every viewable table (secret columns left out). */
export const GET = route({ auth: 'admin' }, () => json(viewerSchema()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
