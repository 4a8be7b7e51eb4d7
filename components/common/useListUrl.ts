'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { filtersFrom, listView } from './list-query';

/**
 * A list's view and filters read from the URL, and `update` to change them: a filter or sort
 * change goes back to page 1; a patch that changes nothing is ignored. The table re-renders from
 * its own copy of the query and replaces the URL through the History API, so a change costs one
 * API call (SWR) and no server render; a navigation (router.push) resets the copy.
 */
export function useListUrl(filterKeys: readonly string[], defaultPageSize = 25) {
  const routed = useSearchParams().toString();
  const pathname = usePathname();
  const [query, setQuery] = useState(routed);
  useEffect(() => setQuery(routed), [routed]);
  const update = useCallback(
    (patch: Record<string, string | number | undefined>) => {
      setQuery((current) => {
        const params = new URLSearchParams(current);
        const unchanged = Object.entries(patch).every(([key, value]) => (params.get(key) ?? '') === (value === undefined ? '' : String(value)));
        if (unchanged) return current;
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') params.delete(key);
          else params.set(key, String(value));
        }
        if (!('page' in patch)) params.delete('page');
        const next = params.toString();
        window.history.replaceState(window.history.state, '', next ? `${pathname}?${next}` : pathname);
        return next;
      });
    },
    [pathname],
  );
  const params = new URLSearchParams(query);
  return { view: listView(params, defaultPageSize), filters: filtersFrom(params, filterKeys), update };
}
