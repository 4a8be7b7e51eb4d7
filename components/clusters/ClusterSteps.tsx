'use client';

import { ProgressIndicator, ProgressStep } from '@carbon/react';
import type { ClusterView } from '@/lib/clusters/views';
import { formatClock } from '@/components/common/format';

type Step = NonNullable<ClusterView['deployment']>['steps'][number];

function secondaryLabel(s: Step) {
  if (s.status === 'failed') return s.lastError ?? 'failed';
  if (s.status === 'running') return s.message ?? (s.attempts > 1 ? `attempt ${s.attempts}` : 'in progress');
  if (s.finishedAt) return `done ${formatClock(s.finishedAt)}`;
  return undefined;
}

/** The formation's steps: done, running (with what it waits for), failed (with why). */
export function ClusterSteps({ steps }: { steps: Step[] }) {
  const current = Math.max(0, steps.findIndex((s) => s.status !== 'succeeded'));
  return (
    <ProgressIndicator vertical currentIndex={current} spaceEqually={false} data-testid="cluster-steps">
      {steps.map((s) => (
        <ProgressStep
          key={s.name}
          label={s.label}
          secondaryLabel={secondaryLabel(s)}
          complete={s.status === 'succeeded'}
          invalid={s.status === 'failed'}
          description={`${s.label}: ${s.status}`}
        />
      ))}
    </ProgressIndicator>
  );
}
