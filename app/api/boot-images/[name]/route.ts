import { deleteBootImage } from '@/lib/boot/images';
import { route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const DELETE = route<{ name: string }>({ auth: 'admin' }, async (_req, { params, audit }) => {
  const removed = await deleteBootImage(params.name);
  await audit({ action: 'boot_image.delete', targetType: 'boot_image', targetId: removed.name, before: { kind: removed.kind, size: removed.size, sha256: removed.sha256 } });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed({ DELETE });
