import { describe, expect, it } from 'vitest';
import { SERVER_PROFILES } from '@/lib/provisioning/profiles';
import { findProfile } from './profiles';

describe('simulated bare-metal profiles', () => {
  it('offer every profile the provision form lets an operator pick', () => {
    const missing = SERVER_PROFILES.map((p) => p.name).filter((name) => !findProfile(name));
    expect(missing).toEqual([]);
  });
});
