'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { filtersFrom, listView } from './list-query';

/**
 * A list's view and filters read from the URL, and `update` to change them: a filter or sort
 * change goes back to page 1. The URL is replaced through the History API, which Next keeps in
 * step with useSearchParams without asking the server to render the page again (SWR refetches).
 */
export function useListUrl(filterKeys: readonly string[], defaultPageSize = 25) {
  const params = useSearchParams();
  const pathname = usePathname();
  const update = useCallback(
    (patch: Record<string, string | number | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      if (!('page' in patch)) next.delete('page');
      const query = next.toString();
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [params, pathname],
  );
  return { view: listView(params, defaultPageSize), filters: filtersFrom(params, filterKeys), update };
}
