import { nextAuthHandler } from '@/lib/auth/next-auth-handler';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

const handler = nextAuthHandler();

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET: handler, POST: handler });
