import { json, parseBody, route } from '@/lib/http/route';
import { validateNodeConfig } from '@/lib/provisioning/preview';
import { validateNodeConfigSchema } from '@/lib/provisioning/schemas';

export const POST = route({ auth: 'viewer' }, async (req) => {
  const body = await parseBody(req, validateNodeConfigSchema);
  return json(await validateNodeConfig(body));
});
