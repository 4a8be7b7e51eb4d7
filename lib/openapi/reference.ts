import { openApiDocument } from './document';
import { API_OPERATIONS } from './operations';

export interface ReferenceEntry {
  method: string;
  path: string;
  tag: string;
  summary: string;
  auth: string;
  deprecated: boolean;
  /** JSON schema of the request body and query, pretty-printed, when there is one. */
  body?: string;
  query?: string;
}

/** The API reference page's data: every operation with its request schemas from the OpenAPI document. */
export function apiReference(): { tag: string; entries: ReferenceEntry[] }[] {
  const paths = openApiDocument().paths ?? {};
  const entries = API_OPERATIONS.map((o): ReferenceEntry => {
    const operation = (paths[o.path] as Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: { in: string; name: string; schema?: unknown; required?: boolean }[] }>)[o.method];
    const body = operation?.requestBody?.content['application/json']?.schema;
    const query = operation?.parameters?.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema }));
    return {
      method: o.method.toUpperCase(),
      path: o.path,
      tag: o.tag,
      summary: o.summary,
      auth: o.auth,
      deprecated: o.deprecated ?? false,
      body: body ? JSON.stringify(body, null, 2) : undefined,
      query: query?.length ? JSON.stringify(query, null, 2) : undefined,
    };
  });
  const tags = [...new Set(entries.map((e) => e.tag))];
  return tags.map((tag) => ({ tag, entries: entries.filter((e) => e.tag === tag) }));
}
