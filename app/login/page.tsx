import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { oidcEnabled } from '@/lib/auth/auth-options';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { currentUser } from '@/lib/auth/current-user';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <main className="login-page">
      <div className="cds--tile login-card">
        <p className="cds--type-label-01">IBM Cloud</p>
        <h1 className="cds--type-productive-heading-04" style={{ marginBottom: '1.5rem' }}>
          Nutanix VPC Orchestrator
        </h1>
        <SignInForm callbackUrl={callbackUrl} oidc={oidcEnabled()} initialError={query.error === 'CredentialsSignin' ? undefined : query.error} />
      </div>
    </main>
  );
}
