import { crn, type SimContext } from './context';
import { SimError, type Router } from './http';
import { asBody, required } from './validate';

/** User tags: 1-128 of letters, digits, spaces, `_ . - :`; stored lowercased (IBM docs, tagging). */
const TAG = /^[a-z0-9 _.:-]{1,128}$/;

/**
 * The Global Tagging API (`/tagging/v3/tags...`) and the Global Search API
 * (`/search/v3/resources/search`) for the resources the simulator keeps: servers and VNIs.
 * Tags are kept per CRN; search returns only resources that still exist.
 */
export function taggingRoutes(router: Router, ctx: SimContext) {
  const live = () => [
    ...ctx.state.servers.map((s) => ({ crn: crn('bare-metal-server', ctx.settings.region, s.id), name: s.name })),
    ...ctx.state.vnis.map((v) => ({ crn: crn('virtual-network-interface', ctx.settings.region, v.id), name: v.name })),
  ];
  const tagsOf = (resource: string) => ctx.state.tags[resource] ?? [];
  const checkType = (value: string | null) => {
    if (value && value !== 'user') throw new SimError(400, 'invalid_value', 'the simulator supports tag_type=user only', { name: 'tag_type', type: 'parameter', value });
  };

  router.on('POST', '/tagging/v3/tags/attach', (req) => {
    checkType(req.query.get('tag_type'));
    const body = asBody(req.body);
    const resources = required<{ resource_id?: unknown }[]>(body, 'resources');
    const names = (body.tag_names ?? (body.tag_name ? [body.tag_name] : undefined)) as unknown;
    if (!Array.isArray(resources) || !Array.isArray(names) || names.length === 0) {
      throw new SimError(400, 'invalid_value', 'resources and tag_names must be non-empty arrays', { name: 'tag_names', type: 'field' });
    }
    const tags = names.map((n) => String(n).trim().toLowerCase());
    const bad = tags.find((t) => !TAG.test(t));
    if (bad !== undefined) throw new SimError(400, 'invalid_value', `invalid tag name ${bad}`, { name: 'tag_names', type: 'field', value: bad });
    const known = new Set(live().map((r) => r.crn));
    const results = resources.map((r) => {
      const id = String(r?.resource_id ?? '');
      if (!known.has(id)) return { resource_id: id, is_error: true };
      ctx.state.tags[id] = [...new Set([...tagsOf(id), ...tags])];
      return { resource_id: id, is_error: false };
    });
    ctx.store.markDirty();
    return { status: 200, body: { results } };
  });

  router.on('GET', '/tagging/v3/tags', (req) => {
    checkType(req.query.get('tag_type'));
    const attached = req.query.get('attached_to');
    const names = attached ? tagsOf(attached) : [...new Set(Object.values(ctx.state.tags).flat())];
    const offset = Number(req.query.get('offset') ?? 0);
    const limit = Math.min(Number(req.query.get('limit') ?? 100), 1000);
    const items = [...names].sort().slice(offset, offset + limit).map((name) => ({ name }));
    return { status: 200, body: { total_count: names.length, offset, limit, items } };
  });

  router.on('POST', '/search/v3/resources/search', (req) => {
    const query = required<string>(asBody(req.body), 'query');
    const wanted = [...String(query).matchAll(/tags:(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => (m[1] ?? m[2]).replace(/\\"/g, '"').toLowerCase());
    if (wanted.length === 0) throw new SimError(400, 'invalid_value', 'the simulator understands tags:<tag> queries only', { name: 'query', type: 'field', value: query });
    const limit = Math.min(Number(req.query.get('limit') ?? 10), 1000);
    const cursor = asBody(req.body).search_cursor;
    const offset = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64url').toString()) || 0 : 0;
    const matches = live().filter((r) => wanted.every((t) => tagsOf(r.crn).includes(t)));
    const items = matches.slice(offset, offset + limit).map((r) => ({ ...r, tags: tagsOf(r.crn) }));
    return { status: 200, body: { items, limit, search_cursor: Buffer.from(String(offset + items.length)).toString('base64url') } };
  });
}
