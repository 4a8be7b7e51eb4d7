'use client';

import { ActionableNotification } from '@carbon/react';

export function SimulationBanner() {
  return (
    <ActionableNotification
      kind="info"
      lowContrast
      inline
      hideCloseButton
      title="Simulation mode"
      subtitle="No IBM Cloud API key is configured: servers, networks and DNS records are simulated."
      style={{ maxWidth: '100%', marginBottom: '1.5rem' }}
      data-testid="simulation-banner"
    />
  );
}
