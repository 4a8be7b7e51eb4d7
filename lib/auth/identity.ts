import type { Role } from './roles';

export type Identity =
  | { kind: 'user'; via: 'session' | 'token' | 'basic'; userId: string; email: string; role: Role; tokenId?: string }
  | { kind: 'node'; nodeId: number }
  /** `rejected`: credentials were presented and refused (counted per address, lib/auth/auth-failures.ts). */
  | { kind: 'anonymous'; rejected?: 'token' | 'node' | 'basic' | 'session' };

/** What a route requires: nobody, a node's own boot token, or a signed-in user with at least a role. */
export type Requirement = 'public' | 'node' | Role;

export function actorLabel(identity: Identity): string {
  switch (identity.kind) {
    case 'user':
      return identity.email;
    case 'node':
      return `node:${identity.nodeId}`;
    default:
      return 'anonymous';
  }
}

export type UserIdentity = Extract<Identity, { kind: 'user' }>;

/** Narrows the identity of a route whose requirement is a role (route() already refused others). */
export function userIdentity(identity: Identity): UserIdentity {
  if (identity.kind !== 'user') throw new Error('route requirement guarantees a user identity');
  return identity;
}
