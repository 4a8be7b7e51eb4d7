import { json, route } from '@/lib/http/route';
import { listServerProfiles } from '@/lib/provisioning/catalog';

export const GET = route({ auth: 'viewer' }, () => json(listServerProfiles()));
