'use client';

import { Tile } from '@carbon/react';

const TILES = [
  { key: 'total', label: 'Total nodes' },
  { key: 'deploying', label: 'Deploying' },
  { key: 'deployed', label: 'Deployed' },
  { key: 'failed', label: 'Failed' },
  { key: 'stuck', label: 'Stuck' },
] as const;

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
