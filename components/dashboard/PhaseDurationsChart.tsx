'use client';

import { GroupedBarChart, ScaleTypes } from '@carbon/charts-react';
import '@carbon/charts-react/styles.css';
import { useTheme } from '@/components/shell/ThemeRoot';
import type { StatusSummary } from '@/lib/status/summary';
import { phaseLabel } from '@/lib/status/phases';
import { THEMES } from '@/lib/ui/theme';

/** Mean and 95th percentile duration of each install phase, measured from completed phases. */
export function PhaseDurationsChart({ durations }: { durations: StatusSummary['phase_durations'] }) {
  const { theme } = useTheme();
  const data = durations.flatMap((d) => [
    { group: 'Mean', key: phaseLabel(d.phase), value: d.mean_seconds },
    { group: 'p95', key: phaseLabel(d.phase), value: d.p95_seconds },
  ]);
  return (
    <div data-testid="chart-phase-durations">
      <GroupedBarChart
        data={data}
        options={{
          title: 'Phase durations (seconds)',
          axes: {
            left: { mapsTo: 'value', title: 'Seconds', scaleType: ScaleTypes.LINEAR },
            bottom: { mapsTo: 'key', scaleType: ScaleTypes.LABELS },
          },
          data: { loading: false },
          height: '300px',
          theme: THEMES[theme],
          toolbar: { enabled: false },
        }}
      />
    </div>
  );
}
