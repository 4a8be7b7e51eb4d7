import { actorLabel } from '@/lib/auth/identity';
import { listBootImages, registerBootImage } from '@/lib/boot/images';
import { registerBootImageSchema } from '@/lib/boot/schemas';
import { json, parseBody, route } from '@/lib/http/route';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'admin' }, async () => json({ images: await listBootImages() }));

export const POST = route({ auth: 'admin' }, async (req, { identity, audit }) => {
  const body = await parseBody(req, registerBootImageSchema);
  const image = await registerBootImage(body, actorLabel(identity));
  await audit({ action: 'boot_image.register', targetType: 'boot_image', targetId: image.name, after: { kind: image.kind, size: image.size, sha256: image.sha256 } });
  return json(image, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
