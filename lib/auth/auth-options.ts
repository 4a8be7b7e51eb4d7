import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig, type Config } from '@/lib/config';
import { clientIp } from '@/lib/http/client-ip';
import { logger } from '@/lib/log/logger';
import { activeUserByEmail } from './active-user';
import { oidcProvider } from './oidc-provider';
import { signInWithPassword } from './sign-in';

const HOUR = 3600;

/**
 * next-auth configuration: email + password against User rows, optional OIDC from config, JWT
 * sessions in signed cookies. The JWT carries only the user id: role and disabled state are read
 * fresh on each request (lib/auth/session.ts), so changes apply to live sessions.
 */
export function authOptions(config: Config = getConfig()): NextAuthOptions {
  const oidc = oidcProvider({ issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET });
  return {
    secret: config.authSecret,
    session: { strategy: 'jwt', maxAge: config.SESSION_MAX_AGE_HOURS * HOUR },
    pages: { signIn: '/login', error: '/login' },
    // next-auth's own messages go to pino by code only: their metadata can carry tokens.
    logger: {
      error: (code) => logger.error({ component: 'next-auth', code }, 'next-auth error'),
      warn: (code) => logger.warn({ component: 'next-auth', code }, 'next-auth warning'),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const ip = clientIp(new Headers(req.headers as Record<string, string>));
          const user = await signInWithPassword(credentials.email, credentials.password, ip);
          return user ? { id: user.userId, email: user.email, name: user.name } : null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      // OIDC identities map onto existing, enabled users by email: an admin creates the user
      // (and its role) first; nobody gets in just by having an account at the identity provider.
      async signIn({ user, account }) {
        if (account?.provider === 'credentials') return true;
        return Boolean(user.email && (await activeUserByEmail(user.email)));
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const uid = account.provider === 'credentials' ? user.id : (await activeUserByEmail(user.email ?? ''))?.userId;
          token.uid = uid;
          // When this session signed in; unlike iat it survives refreshes (lib/auth/session.ts).
          token.authAt = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid } };
      },
    },
  };
}

export function oidcEnabled(config: Config = getConfig()): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
}
