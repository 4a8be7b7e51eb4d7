import { serveIpxeScript } from '@/lib/boot/ipxe-script';
import { route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

// Public on purpose: the token is checked inside so that even a refusal is an iPXE script the
// firmware can show (a 403 would only print "Permission denied" on the console).
export const GET = route({ auth: 'public' }, async (req, { sourceIp }) => {
  const { script, decision } = await serveIpxeScript(req.nextUrl.searchParams, { sourceIp });
  return new Response(script, {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-boot-decision': decision },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
