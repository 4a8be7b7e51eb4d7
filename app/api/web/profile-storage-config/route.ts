import { json, parseQuery, route } from '@/lib/http/route';
import { profileStorageConfig } from '@/lib/provisioning/catalog';
import { profileStorageQuerySchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const GET = route({ auth: 'viewer' }, (req) => {
  const { profile, template } = parseQuery(req, profileStorageQuerySchema);
  return json(profileStorageConfig(profile, template));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
