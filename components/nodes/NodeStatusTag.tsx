'use client';

import { Tag } from '@carbon/react';
import { statusTag } from '@/lib/status/node-statuses';

export function NodeStatusTag({ status }: { status: string }) {
  return (
    <Tag type={statusTag(status)} size="sm" data-testid="node-status">
      {status}
    </Tag>
  );
}
