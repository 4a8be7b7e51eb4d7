import { json, route } from '@/lib/http/route';
import { openApiDocument } from '@/lib/openapi/document';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const GET = route({ auth: 'public' }, () => json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
