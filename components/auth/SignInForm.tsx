'use client';

import { Button, InlineNotification, PasswordInput, Stack, TextInput } from '@carbon/react';
import { HydratedForm } from '@/components/common/HydratedForm';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { credentialsSignIn } from './credentials-sign-in';

const ERRORS: Record<string, string> = {
  AccessDenied: 'Your account is not allowed to sign in here. Ask an admin to add it.',
  OAuthSignin: 'Single sign-on failed to start.',
  OAuthCallback: 'Single sign-on failed.',
  SessionRequired: 'Please sign in.',
};

export function SignInForm({ callbackUrl, oidc, initialError }: { callbackUrl: string; oidc: boolean; initialError?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(initialError ? (ERRORS[initialError] ?? 'Sign-in failed.') : '');

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    const result = await credentialsSignIn(email, password, callbackUrl).catch(() => ({ ok: false as const, message: 'The server could not be reached.' }));
    if (result.ok) {
      window.location.assign(callbackUrl);
      return;
    }
    setError(result.message);
    setBusy(false);
  }

  return (
    <HydratedForm onSubmit={submit} aria-label="Sign in">
      <Stack gap={6}>
        {error && <InlineNotification kind="error" lowContrast hideCloseButton title="Sign-in failed" subtitle={error} data-testid="sign-in-error" />}
        <TextInput id="email" labelText="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordInput id="password" labelText="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
        {oidc && (
          <Button kind="tertiary" type="button" onClick={() => signIn('oidc', { callbackUrl })}>
            Sign in with single sign-on
          </Button>
        )}
      </Stack>
    </HydratedForm>
  );
}
