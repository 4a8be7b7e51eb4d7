import { MethodNotAllowedError } from './errors';
import { route } from './route';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type AnyHandler = (...args: never[]) => unknown;
type Fallback = ReturnType<typeof route>;

const NOT_ALLOWED = Symbol('method-not-allowed');

/**
 * The handlers for the methods a route file does not implement. Next answers those with an empty
 * 405; ours is problem+json with `Allow` (RFC 9110 §15.5.6). Every route file ends with
 * `export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });`
 * (tests/integration/method-not-allowed.test.ts walks app/ and holds every file to it).
 */
export function methodsNotAllowed<I extends Partial<Record<Method, AnyHandler>>>(
  implemented: I,
): Record<Exclude<Method, keyof I>, Fallback> {
  const names = METHODS.filter((m) => m in implemented);
  // Next answers HEAD with GET's handler and OPTIONS by itself.
  const allow = [...names, ...(names.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort().join(', ');
  const handler = route({ auth: 'public' }, (req) => {
    throw new MethodNotAllowedError(req.method, allow);
  });
  Object.defineProperty(handler, NOT_ALLOWED, { value: true });
  const others = METHODS.filter((m) => !(m in implemented));
  return Object.fromEntries(others.map((m) => [m, handler])) as Record<Exclude<Method, keyof I>, Fallback>;
}

/** True for a handler made by methodsNotAllowed (the authorization matrix and OpenAPI skip them). */
export function isMethodNotAllowed(handler: unknown): boolean {
  return typeof handler === 'function' && NOT_ALLOWED in handler;
}
