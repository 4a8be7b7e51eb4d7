'use client';

import { Tag } from '@carbon/react';
import { deploymentTag } from '@/lib/status/deployment-statuses';
import { statusTag, type StatusTagColour } from '@/lib/status/node-statuses';

/** Timeline event statuses (lib/status/phases.ts PHASE_STATUSES, plus info and timeout). */
const EVENT_COLOURS: Record<string, StatusTagColour | 'cyan' | 'warm-gray'> = {
  started: 'cyan',
  in_progress: 'blue',
  completed: 'green',
  failed: 'red',
  timeout: 'magenta',
  info: 'warm-gray',
};

/** A timeline event, deployment or node status as a coloured Carbon tag (node colours from lib/status/node-statuses.ts). */
export function StatusTag({ status }: { status: string }) {
  const colour = Object.hasOwn(EVENT_COLOURS, status) ? EVENT_COLOURS[status] : (deploymentTag(status) ?? statusTag(status));
  return (
    <Tag type={colour} size="sm" data-status={status}>
      {status.replace(/_/g, ' ')}
    </Tag>
  );
}
