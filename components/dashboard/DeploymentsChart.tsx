'use client';

import { LineChart, ScaleTypes } from '@carbon/charts-react';
import '@carbon/charts-react/styles.css';
import { useTheme } from '@/components/shell/ThemeRoot';
import type { ActivityBucket } from '@/lib/status/activity';
import { THEMES } from '@/lib/ui/theme';

/** Install deployments started / succeeded / failed per hour over the last 24 hours. */
export function DeploymentsChart({ buckets }: { buckets: ActivityBucket[] }) {
  const { theme } = useTheme();
  const data = buckets.flatMap((b) => [
    { group: 'Started', date: b.bucket, value: b.started },
    { group: 'Succeeded', date: b.bucket, value: b.succeeded },
    { group: 'Failed', date: b.bucket, value: b.failed },
  ]);
  return (
    <div data-testid="chart-deployments">
      <LineChart
        data={data}
        options={{
          title: 'Deployments, last 24 hours',
          axes: {
            bottom: { mapsTo: 'date', scaleType: ScaleTypes.TIME },
            left: { mapsTo: 'value', title: 'Deployments', scaleType: ScaleTypes.LINEAR },
          },
          curve: 'curveMonotoneX',
          height: '300px',
          theme: THEMES[theme],
          toolbar: { enabled: false },
        }}
      />
    </div>
  );
}
