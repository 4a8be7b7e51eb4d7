'use client';

import { Tile } from '@carbon/react';
import { statusLabel } from '@/lib/status/node-statuses';

const TILES = [
  { key: 'total', label: 'Total nodes' },
  ...(['deploying', 'deployed', 'failed', 'stuck'] as const).map((key) => ({ key, label: statusLabel(key) })),
];

export function StatusTiles({ counts }: { counts: Record<string, number> }) {
  return (
    <div className="tile-grid">
      {TILES.map((t) => (
        <Tile key={t.key} data-testid={`tile-${t.key}`}>
          <div className="cds--type-label-01">{t.label}</div>
          <div className="tile-value">{counts[t.key] ?? 0}</div>
        </Tile>
      ))}
    </div>
  );
}
