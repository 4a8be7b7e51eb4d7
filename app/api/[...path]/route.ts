import { NotFoundError } from '@/lib/errors';
import { route } from '@/lib/http/route';

// Unknown API paths answer a problem+json 404 instead of the HTML not-found page.
const notFound = route({ auth: 'public' }, (req) => {
  throw new NotFoundError(`No API route ${req.nextUrl.pathname}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
