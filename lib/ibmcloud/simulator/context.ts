import { randomUUID } from 'node:crypto';
import type { Faults } from './faults';
import type { FixtureSubnet } from './fixtures';
import type { SimState, StateStore } from './state';

export interface SimSettings {
  region: string;
  zone: string;
  dnsZoneName: string;
  /** Simulated seconds per real second. */
  timeScale: number;
  autoboot: boolean;
  subnets: FixtureSubnet[];
  /** Bare-metal servers the account may hold (SIM_BARE_METAL_QUOTA). */
  bareMetalQuota: number;
}

/** Everything a simulator route needs: state, settings, faults and a clock. */
export interface SimContext {
  store: StateStore;
  state: SimState;
  settings: SimSettings;
  faults: Faults;
  now(): number;
  /** Real milliseconds that `simSeconds` of simulated time take. */
  realMs(simSeconds: number): number;
  /** Applies due lifecycle transitions; called before every request and on each tick. */
  advance(): void;
}

/** IBM-like ids: a zone/region prefix and a uuid-ish tail. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function nowIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function crn(kind: string, region: string, id: string): string {
  return `crn:v1:bluemix:public:is:${region}:a/sim::${kind}:${id}`;
}
