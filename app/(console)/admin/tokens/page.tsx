import { TokensTable } from '@/components/admin/TokensTable';
import { RoleRequired } from '@/components/auth/RoleRequired';
import { PageHeader } from '@/components/common/PageHeader';
import { listApiTokens } from '@/lib/auth/api-tokens';
import { userHasRole } from '@/lib/auth/current-user';

export const metadata = { title: 'API tokens' };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export default async function TokensPage() {
  const allowed = await userHasRole('admin');
  const tokens = allowed ? await listApiTokens() : [];
  return (
    <>
      <PageHeader title="API tokens" description="Every user's tokens; create one for yourself or revoke any." />
      {allowed ? (
        <TokensTable tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) }))} />
      ) : (
        <RoleRequired role="admin" />
      )}
    </>
  );
}
