import type { Provider } from 'next-auth/providers/index';

export interface OidcSettings {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
}

/** A generic OpenID Connect provider, present only when issuer, client id and secret are all set. */
export function oidcProvider({ issuer, clientId, clientSecret }: OidcSettings): Provider | null {
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: 'oidc',
    name: 'Single sign-on',
    type: 'oauth',
    wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile: { sub: string; email?: string; name?: string }) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  };
}
