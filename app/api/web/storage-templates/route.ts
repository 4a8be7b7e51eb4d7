import { json, route } from '@/lib/http/route';
import { listStorageTemplates } from '@/lib/provisioning/catalog';

export const GET = route({ auth: 'viewer' }, () => json(listStorageTemplates()));
