import { json, parseQuery, route } from '@/lib/http/route';
import { profileDetails } from '@/lib/provisioning/catalog';
import { profileQuerySchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const GET = route({ auth: 'viewer' }, (req) => {
  const { profile } = parseQuery(req, profileQuerySchema);
  return json(profileDetails(profile));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
