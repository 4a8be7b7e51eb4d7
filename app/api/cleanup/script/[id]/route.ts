import { getConfig } from '@/lib/config';
import { cleanupScriptFor } from '@/lib/cleanup/script-source';
import { scriptIdParamSchema } from '@/lib/cleanup/schemas';
import { route } from '@/lib/http/route';
import { cloudSettings } from '@/lib/ibmcloud';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'viewer' }, async (_req, { params }) => {
  const { id } = scriptIdParamSchema.parse(params);
  const s = cloudSettings(getConfig());
  const script = await cleanupScriptFor(id, { region: s.region, dnsInstanceId: s.dnsInstanceId, dnsZoneId: s.dnsZoneId });
  return new Response(script.text, {
    headers: { 'content-type': 'text/x-shellscript; charset=utf-8', 'content-disposition': `attachment; filename="${script.filename}"` },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
