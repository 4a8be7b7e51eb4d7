import { describe, expect, it } from 'vitest';
import { ConflictError } from '@/lib/errors';
import { assertNodeAcceptsReports, checkPhaseTransition } from './transitions';

describe('checkPhaseTransition', () => {
  const at = (phase: 'config_download' | null, status: 'started' | 'completed' | null = 'started') => ({ phase, status });

  it('lets a fresh node start, progress or fail its first phase but not complete it', () => {
    expect(() => checkPhaseTransition(at(null, null), { phase: 'ipxe_boot', status: 'started' })).not.toThrow();
    expect(() => checkPhaseTransition(at(null, null), { phase: 'ipxe_boot', status: 'failed' })).not.toThrow();
    expect(() => checkPhaseTransition(at(null, null), { phase: 'ipxe_boot', status: 'completed' })).toThrow(ConflictError);
  });

  it('refuses any report for a phase earlier than the current one', () => {
    for (const status of ['started', 'in_progress', 'completed', 'failed'] as const) {
      expect(() => checkPhaseTransition(at('config_download'), { phase: 'ipxe_boot', status })).toThrow(/comes before/);
    }
  });

  it('allows restating and finishing the running phase, and nothing once it completed', () => {
    expect(() => checkPhaseTransition(at('config_download'), { phase: 'config_download', status: 'in_progress' })).not.toThrow();
    expect(() => checkPhaseTransition(at('config_download'), { phase: 'config_download', status: 'completed' })).not.toThrow();
    expect(() => checkPhaseTransition(at('config_download', 'completed'), { phase: 'config_download', status: 'started' })).toThrow(/already completed/);
  });

  it('allows skipping ahead to start or fail a later phase', () => {
    expect(() => checkPhaseTransition(at('config_download'), { phase: 'installation', status: 'started' })).not.toThrow();
    expect(() => checkPhaseTransition(at('config_download'), { phase: 'installation', status: 'failed' })).not.toThrow();
    expect(() => checkPhaseTransition(at('config_download'), { phase: 'installation', status: 'completed' })).toThrow(/before it has started/);
  });
});

describe('assertNodeAcceptsReports', () => {
  it('accepts installing and stuck nodes and refuses deployed, failed and cleaned ones', () => {
    for (const s of ['pending', 'provisioning', 'deploying', 'stuck']) expect(() => assertNodeAcceptsReports(s)).not.toThrow();
    for (const s of ['deployed', 'failed', 'cleaning', 'cleaned']) expect(() => assertNodeAcceptsReports(s)).toThrow(ConflictError);
  });
});
