'use client';

import { Tag } from '@carbon/react';

type TagType = 'red' | 'magenta' | 'blue' | 'green' | 'gray' | 'cyan' | 'purple' | 'warm-gray';

const COLORS: Record<string, TagType> = {
  deployed: 'green',
  succeeded: 'green',
  completed: 'green',
  failed: 'red',
  stuck: 'magenta',
  timeout: 'magenta',
  deploying: 'blue',
  running: 'blue',
  in_progress: 'blue',
  started: 'cyan',
  provisioning: 'cyan',
  compensating: 'purple',
  cleaning: 'purple',
  info: 'warm-gray',
};

/** A node, deployment or event status as a coloured Carbon tag. */
export function StatusTag({ status }: { status: string }) {
  return (
    <Tag type={COLORS[status] ?? 'gray'} size="sm" data-status={status}>
      {status.replace(/_/g, ' ')}
    </Tag>
  );
}
