'use client';

import { Button, DataTable, InlineNotification, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, TableToolbar, TableToolbarContent, Tag } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
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

const HEADERS = ['name', 'owner', 'prefix', 'created', 'expires', 'lastUsed', 'status', 'actions'].map((key) => ({
  key,
  header: { name: 'Name', owner: 'Owner', prefix: 'Starts with', created: 'Created', expires: 'Expires', lastUsed: 'Last used', status: 'Status', actions: '' }[key]!,
}));

const when = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleString() : none);

function status(t: TokenRow): { text: string; type: 'green' | 'red' | 'gray' } {
  if (t.revokedAt) return { text: 'revoked', type: 'red' };
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return { text: 'expired', type: 'gray' };
  return { text: 'active', type: 'green' };
}

export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState('');
  const byId = new Map(tokens.map((t) => [t.id, t]));

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
      <DataTable rows={tokens.map((t) => ({ id: t.id }))} headers={HEADERS}>
        {({ rows, headers, getTableProps, getHeaderProps, getRowProps }) => (
          <TableContainer title="API tokens" description="Automation sends Authorization: Bearer <token> and acts with its owner's role.">
            <TableToolbar>
              <TableToolbarContent>
                <Button renderIcon={Add} onClick={() => setCreating(true)}>Create token</Button>
              </TableToolbarContent>
            </TableToolbar>
            <Table {...getTableProps()}>
              <TableHead>
                <TableRow>{headers.map((h) => <TableHeader {...getHeaderProps({ header: h })} key={h.key}>{h.header}</TableHeader>)}</TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => {
                  const t = byId.get(row.id)!;
                  const s = status(t);
                  return (
                    <TableRow {...getRowProps({ row })} key={t.id}>
                      <TableCell>{t.name}</TableCell>
                      <TableCell>{t.userEmail}</TableCell>
                      <TableCell><code>{t.prefix}…</code></TableCell>
                      <TableCell>{when(t.createdAt, '')}</TableCell>
                      <TableCell>{when(t.expiresAt, 'never')}</TableCell>
                      <TableCell>{when(t.lastUsedAt, 'never')}</TableCell>
                      <TableCell><Tag type={s.type}>{s.text}</Tag></TableCell>
                      <TableCell>{s.text === 'active' && <Button kind="danger--ghost" size="sm" onClick={() => revoke(t)}>Revoke</Button>}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DataTable>
      <CreateTokenModal open={creating} onClose={(created) => { setCreating(false); if (created) router.refresh(); }} />
    </>
  );
}
