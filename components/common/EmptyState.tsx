'use client';

import { Tile } from '@carbon/react';

/** Says plainly that a page has nothing to show yet; never fake data. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <Tile data-testid="empty-state">
      <h2 className="cds--type-productive-heading-03">{title}</h2>
      {children && <p className="cds--type-body-long-01" style={{ marginTop: '0.5rem' }}>{children}</p>}
    </Tile>
  );
}
