import { json, parseBody, route } from '@/lib/http/route';
import { validateNodeConfig } from '@/lib/provisioning/preview';
import { validateNodeConfigSchema } from '@/lib/provisioning/schemas';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const POST = route({ auth: 'viewer' }, async (req) => {
  const body = await parseBody(req, validateNodeConfigSchema);
  return json(await validateNodeConfig(body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
