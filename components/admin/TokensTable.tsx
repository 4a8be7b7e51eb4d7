'use client';

import { Button, InlineNotification, Tag } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatTime } from '@/components/common/format';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { send, unwrap } from '@/components/common/send';
import { CreateTokenModal } from './CreateTokenModal';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  userEmail: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function status(t: TokenRow): { text: string; type: 'green' | 'red' | 'gray' } {
  if (t.revokedAt) return { text: 'revoked', type: 'red' };
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return { text: 'expired', type: 'gray' };
  return { text: 'active', type: 'green' };
}

const COLUMNS: Column<TokenRow>[] = [
  { key: 'name', header: 'Name', sort: true },
  { key: 'userEmail', header: 'Owner', sort: true },
  { key: 'prefix', header: 'Starts with', render: (t) => <code>{t.prefix}…</code> },
  { key: 'createdAt', header: 'Created', sort: true, render: (t) => formatTime(t.createdAt, '') },
  { key: 'expiresAt', header: 'Expires', render: (t) => formatTime(t.expiresAt, 'never') },
  { key: 'lastUsedAt', header: 'Last used', render: (t) => formatTime(t.lastUsedAt, 'never') },
  { key: 'status', header: 'Status', value: (t) => status(t).text, sort: true, render: (t) => <Tag type={status(t).type}>{status(t).text}</Tag> },
];

export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState('');

  async function revoke(t: TokenRow) {
    if (!window.confirm(`Revoke token "${t.name}" of ${t.userEmail}?`)) return;
    try {
      unwrap(await send('DELETE', `/api/tokens/${t.id}`));
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <>
      {error && <InlineNotification kind="error" lowContrast title="Not revoked" subtitle={error} onCloseButtonClick={() => setError('')} />}
      <ResourceTable
        ariaLabel="API tokens"
        title="API tokens"
        description="Automation sends Authorization: Bearer <token> and acts with its owner's role."
        columns={COLUMNS}
        rows={tokens}
        empty="No API tokens."
        toolbar={<Button renderIcon={Add} onClick={() => setCreating(true)}>Create token</Button>}
        rowActions={(t) => status(t).text === 'active' && <Button kind="danger--ghost" size="sm" onClick={() => revoke(t)}>Revoke</Button>}
      />
      <CreateTokenModal open={creating} onClose={(created) => { setCreating(false); if (created) router.refresh(); }} />
    </>
  );
}
