import { SimError } from './http';

/** Request-body checks that answer IBM's validation codes with a `target` (docs/reference/ibmcloud-api.md §5.1, §5.2). */

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimError(400, 'bad_request', 'The request body must be a JSON object');
  }
  return value as Body;
}

export function required<T = unknown>(body: Body, field: string, path = field): T {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    throw new SimError(400, 'validation_required_field', `${path} is required`, { name: path, type: 'field' });
  }
  return value as T;
}

/** `{id: "..."}` identity; IBM also accepts crn/href, which the simulator resolves by suffix. */
export function identityId(value: unknown, path: string): string {
  if (typeof value !== 'object' || value === null) {
    throw new SimError(400, 'validation_required_field', `${path} is required`, { name: path, type: 'field' });
  }
  const v = value as { id?: unknown; href?: unknown; crn?: unknown };
  const raw = v.id ?? v.href ?? v.crn;
  if (typeof raw !== 'string' || !raw) {
    throw new SimError(400, 'validation_required_field', `${path}.id is required`, { name: `${path}.id`, type: 'field' });
  }
  return raw.split(/[/:]/).pop()!;
}

/** IBM names: lowercase letters, digits and dashes, starting with a letter, no `ibm-` prefix. */
export function checkName(name: unknown, path = 'name'): string {
  if (typeof name !== 'string' || !/^([a-z]|[a-z][-a-z0-9]*[a-z0-9])$/.test(name) || name.length > 63) {
    throw new SimError(400, 'validation_invalid_name', `${path} must be lowercase letters, digits and dashes (at most 63)`, { name: path, type: 'field', value: name });
  }
  if (name.startsWith('ibm-')) {
    throw new SimError(400, 'validation_invalid_name', `${path} must not start with "ibm-"`, { name: path, type: 'field', value: name });
  }
  return name;
}

export function notUnique(name: string, path = 'name') {
  return new SimError(400, 'validation_unique_failed', `Provided Name (${name}) is not unique`, { name: path, type: 'field', value: name });
}

export function notFound(kind: string, id: string) {
  return new SimError(404, 'not_found', `${kind} not found: ${id}`, { name: 'id', type: 'parameter', value: id });
}

export function optionalBool(body: Body, field: string, fallback: boolean): boolean {
  const v = body[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new SimError(400, 'invalid_request_field', `${field} must be a boolean`, { name: field, type: 'field', value: v });
  return v;
}
