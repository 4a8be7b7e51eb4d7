'use client';

import { Tag } from '@carbon/react';
import { TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { useHasRole } from '@/components/auth/RoleProvider';
import { ConfirmCleanupModal, type DeletionItem } from './ConfirmCleanupModal';
import { fetchJson } from '@/components/common/fetch-json';
import { send, unwrap } from '@/components/common/send';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { useAction } from '@/components/common/useAction';
import { statusTag } from '@/lib/status/node-statuses';

export interface CleanableNode {
  id: number;
  name: string;
  status: string;
  liveResources: number;
}

const COLUMNS: Column<CleanableNode>[] = [
  { key: 'name', header: 'Node', sort: true },
  { key: 'status', header: 'Status', sort: true, render: (n) => <Tag type={statusTag(n.status)} size="sm">{n.status}</Tag> },
  { key: 'liveResources', header: 'Cloud resources in the ledger', sort: true },
];

/** Nodes that still hold cloud resources; operators select some and clean them up after confirming. */
export function NodeCleanupTable({ nodes }: { nodes: CleanableNode[] }) {
  const operator = useHasRole('operator');
  const [items, setItems] = useState<(DeletionItem & { id: number })[] | null>(null);
  const { busy, error, setError, run } = useAction();

  async function confirm(selected: CleanableNode[]) {
    setError(null);
    const plans = await Promise.all(selected.map((n) => fetchJson<{ resources: DeletionItem['resources'] }>(`/api/cleanup/plan/${n.id}`)));
    setItems(selected.map((n, i) => ({ id: n.id, label: `Node ${n.name}`, resources: plans[i].resources })));
  }

  async function start() {
    const targets = (items ?? []).map((i) => ({ type: 'node', id: i.id }));
    if (await run(async () => unwrap(await send('POST', '/api/cleanup/batch', { cleanup_targets: targets })))) setItems(null);
  }

  return (
    <>
      <ResourceTable
        ariaLabel="Nodes holding cloud resources"
        title="Nodes holding cloud resources"
        description="Select nodes to tear down: server, VNIs, reserved IPs and DNS records, in that order."
        columns={COLUMNS}
        rows={nodes}
        selectable={operator}
        batchActions={[{ label: 'Clean up', icon: TrashCan, onClick: (selected) => confirm(selected) }]}
        empty="No node holds cloud resources."
      />
      <ConfirmCleanupModal open={items !== null} items={items ?? []} busy={busy} error={error} onCancel={() => setItems(null)} onConfirm={start} />
    </>
  );
}
