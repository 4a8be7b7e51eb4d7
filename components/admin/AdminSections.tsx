'use client';

import { ClickableTile } from '@carbon/react';
import { ADMIN_SECTIONS } from './sections';

export function AdminSections() {
  return (
    <div className="tile-grid">
      {ADMIN_SECTIONS.map((s) => (
        <ClickableTile key={s.href} href={s.href} data-testid={`admin-section-${s.href.split('/').pop()}`}>
          <h2 className="cds--type-productive-heading-03">{s.title}</h2>
          <p className="cds--type-body-long-01" style={{ marginTop: '0.5rem' }}>{s.description}</p>
        </ClickableTile>
      ))}
    </div>
  );
}
