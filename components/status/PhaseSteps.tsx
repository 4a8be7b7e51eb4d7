'use client';

import { ProgressIndicator, ProgressStep } from '@carbon/react';
import { INSTALL_PHASES, phaseIndex, phaseLabel } from '@/lib/status/phases';

/** The nine install phases as a Carbon progress indicator, the current one highlighted. */
export function PhaseSteps({ phase, phaseStatus, nodeStatus }: { phase: string; phaseStatus: string; nodeStatus: string }) {
  const at = phaseIndex(phase);
  const deployed = nodeStatus === 'deployed';
  return (
    <div className="phase-steps" data-testid="phase-steps">
    <ProgressIndicator currentIndex={Math.max(at, 0)}>
      {INSTALL_PHASES.map((p, i) => {
        const complete = deployed || i < at || (i === at && phaseStatus === 'completed');
        const invalid = i === at && (phaseStatus === 'failed' || nodeStatus === 'failed');
        return (
          <ProgressStep
            key={p}
            label={phaseLabel(p)}
            complete={complete && !invalid}
            current={i === at && !complete}
            invalid={invalid}
            data-phase={p}
            data-state={invalid ? 'invalid' : complete ? 'complete' : i === at ? 'current' : 'incomplete'}
          />
        );
      })}
    </ProgressIndicator>
    </div>
  );
}
