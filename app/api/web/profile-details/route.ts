import { json, parseQuery, route } from '@/lib/http/route';
import { profileDetails } from '@/lib/provisioning/catalog';
import { profileQuerySchema } from '@/lib/provisioning/schemas';

export const GET = route({ auth: 'viewer' }, (req) => {
  const { profile } = parseQuery(req, profileQuerySchema);
  return json(profileDetails(profile));
});
