'use client';

import { ProgressBar, ProgressIndicator, ProgressStep } from '@carbon/react';
import { INSTALL_PHASES, phaseIndex, phaseLabel } from '@/lib/status/phases';
import { formatRemaining } from '@/components/common/format';

export interface NodeStatusView {
  current_phase: string;
  phase_status: string;
  progress_percent: number;
  estimated_remaining_seconds: number;
  node_status: string;
  timed_out: boolean;
  message: string;
}

/** The install phases as a Carbon ProgressIndicator, with a progress bar and ETA underneath. */
export function PhaseProgress({ status, nodeStatus }: { status: NodeStatusView | undefined; nodeStatus: string }) {
  const deployed = nodeStatus === 'deployed';
  const at = deployed ? INSTALL_PHASES.length : Math.max(0, phaseIndex(status?.current_phase ?? ''));
  const failedHere = nodeStatus === 'failed' && status && phaseIndex(status.current_phase) >= 0;
  const percent = deployed ? 100 : (status?.progress_percent ?? 0);
  const barStatus = nodeStatus === 'failed' ? 'error' : deployed ? 'finished' : 'active';
  const helper = deployed
    ? 'Deployed'
    : nodeStatus === 'failed'
      ? 'Failed'
      : nodeStatus === 'stuck' || status?.timed_out
        ? `Stuck in ${phaseLabel(status?.current_phase ?? 'ipxe_boot')}: no report within its timeout`
        : `${percent}% · remaining ${formatRemaining(status?.estimated_remaining_seconds ?? 0)}`;
  return (
    <div className="node-progress">
      <ProgressIndicator currentIndex={Math.min(at, INSTALL_PHASES.length - 1)} spaceEqually data-testid="phase-indicator">
        {INSTALL_PHASES.map((phase, i) => (
          <ProgressStep
            key={phase}
            label={phaseLabel(phase)}
            complete={deployed || i < at || (i === at && status?.phase_status === 'completed')}
            invalid={Boolean(failedHere) && i === at}
            secondaryLabel={i === at && !deployed ? status?.phase_status : undefined}
          />
        ))}
      </ProgressIndicator>
      <ProgressBar label="Installation" value={percent} max={100} status={barStatus} helperText={helper} />
    </div>
  );
}
