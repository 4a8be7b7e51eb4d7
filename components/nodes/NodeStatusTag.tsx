'use client';

import { Tag } from '@carbon/react';
import { STATUS_TAG } from './node-status';

export function NodeStatusTag({ status }: { status: string }) {
  return (
    <Tag type={STATUS_TAG[status] ?? 'gray'} size="sm" data-testid="node-status">
      {status}
    </Tag>
  );
}
