import { MalformedError, ValidationError, zodFieldErrors } from '@/lib/errors';
import { reinitializeSchema } from './schemas';

/** node_id / mgmt_ip from the query parameters, else from the JSON body text (which may be empty). */
export function reinitializeTarget(query: Record<string, string>, text: string) {
  let body: Record<string, unknown> = {};
  if (text.trim()) {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed;
      else throw new Error('not an object');
    } catch {
      throw new MalformedError('The request body is not a JSON object', [{ field: '(body)', message: 'invalid JSON' }]);
    }
  }
  const fromQuery = query.node_id !== undefined || query.mgmt_ip !== undefined;
  const source = fromQuery ? { node_id: query.node_id, mgmt_ip: query.mgmt_ip } : { node_id: body.node_id, mgmt_ip: body.mgmt_ip };
  const parsed = reinitializeSchema.safeParse(source);
  if (!parsed.success) throw new ValidationError('Give node_id or mgmt_ip', zodFieldErrors(parsed.error));
  return parsed.data;
}
