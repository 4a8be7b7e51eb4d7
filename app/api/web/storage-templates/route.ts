import { json, route } from '@/lib/http/route';
import { listStorageTemplates } from '@/lib/provisioning/catalog';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const GET = route({ auth: 'viewer' }, () => json(listStorageTemplates()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
