/**
 * How a list page keeps its state in the URL: `page` (1-based), `pageSize`, `sort`, `order` and the
 * page's own filters under the list API's parameter names. Shared by the server page (first render)
 * and the client table (SWR key), so both ask the API the same question.
 */
export interface ListView {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export const PAGE_SIZES = [10, 25, 50, 100];

/**
 * The URL filters of each server-paged list, named as its API's query parameters. Here (not in
 * the client tables) because the server pages read them too, and a server component cannot read
 * a value exported from a 'use client' module.
 */
export const LIST_FILTERS = {
  nodes: ['status', 'search'],
  deployments: ['kind', 'status', 'q'],
  audit: ['actor', 'action', 'targetType', 'targetId', 'from', 'to'],
  dns: ['q', 'owner', 'type'],
} as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function param(params: Params, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  return Array.isArray(value) ? value[0] : value || undefined;
}

/** The page, size and sort the URL asks for, within what the list allows. */
export function listView(params: Params, defaultPageSize = 25): ListView {
  const page = Math.max(1, Math.floor(Number(param(params, 'page')) || 1));
  const size = Number(param(params, 'pageSize'));
  const order = param(params, 'order');
  return {
    page,
    pageSize: PAGE_SIZES.includes(size) ? size : defaultPageSize,
    sort: param(params, 'sort'),
    order: order === 'asc' || order === 'desc' ? order : undefined,
  };
}

/** The list API's query string for a view and the filters (empty values left out). */
export function apiQuery(view: ListView, filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  q.set('limit', String(view.pageSize));
  q.set('offset', String((view.page - 1) * view.pageSize));
  if (view.sort) q.set('sort', view.sort);
  if (view.order) q.set('order', view.order);
  return q.toString();
}

/** The values of `keys` in the URL, for a page's filters. */
export function filtersFrom(params: Params, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, param(params, k)]));
}
