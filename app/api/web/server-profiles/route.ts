import { json, route } from '@/lib/http/route';
import { listServerProfiles } from '@/lib/provisioning/catalog';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const GET = route({ auth: 'viewer' }, () => json(listServerProfiles()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
