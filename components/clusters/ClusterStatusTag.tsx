'use client';

import { Tag } from '@carbon/react';

const COLOR: Record<string, 'gray' | 'blue' | 'green' | 'red' | 'purple'> = {
  pending: 'gray',
  forming: 'blue',
  ready: 'green',
  failed: 'red',
  deleting: 'purple',
};

export function ClusterStatusTag({ status }: { status: string }) {
  return (
    <Tag type={COLOR[status] ?? 'gray'} size="sm" data-testid="cluster-status">
      {status}
    </Tag>
  );
}
