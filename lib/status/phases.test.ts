import { describe, expect, it } from 'vitest';
import { nextInstallPhase, phaseLabel } from './phases';

describe('phases', () => {
  it('labels phases for people, keeping acronyms', () => {
    expect(phaseLabel('ipxe_boot')).toBe('iPXE boot');
    expect(phaseLabel('image_download')).toBe('Image download');
    expect(phaseLabel('dns_registration')).toBe('DNS registration');
  });

  it('knows the phase after each one and that none follows health_validation', () => {
    expect(nextInstallPhase('ipxe_boot')).toBe('config_download');
    expect(nextInstallPhase('health_validation')).toBeNull();
  });
});
