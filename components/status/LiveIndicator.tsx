'use client';

import { Tag } from '@carbon/react';
import type { LiveMode } from './live';

/** Says whether the page is pushed updates (server-sent events) or is polling for them. */
export function LiveIndicator({ mode }: { mode: LiveMode }) {
  return mode === 'live' ? (
    <Tag type="green" size="sm" data-testid="live-indicator" title="Updates arrive as they happen (server-sent events)">Live</Tag>
  ) : (
    <Tag type="gray" size="sm" data-testid="live-indicator" title="The live stream is not connected; refreshing every few seconds">Polling</Tag>
  );
}
