'use client';

import { Tag } from '@carbon/react';
import { clusterTag } from '@/lib/clusters/rules';

export function ClusterStatusTag({ status }: { status: string }) {
  return (
    <Tag type={clusterTag(status)} size="sm" data-testid="cluster-status">
      {status}
    </Tag>
  );
}
