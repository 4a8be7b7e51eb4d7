'use client';

import { Button, InlineNotification, ListItem, Modal, UnorderedList } from '@carbon/react';
import { Clean } from '@carbon/icons-react';
import { useState } from 'react';
import { send, unwrap } from '@/components/common/send';
import { useAction } from '@/components/common/useAction';

interface Named {
  id: number;
  name: string;
  resourceKind?: string;
  detail?: string | null;
}

interface SweepPlan {
  max_age_hours: number;
  nodes: Named[];
  findings: Named[];
  reported: { stuck_nodes: Named[]; foreign_findings: Named[] };
}

const MAX_AGE_HOURS = 24;

function NamedList({ items, empty, finding }: { items: Named[]; empty: string; finding?: boolean }) {
  return (
    <UnorderedList>
      {items.length === 0 && <ListItem>{empty}</ListItem>}
      {items.map((i) => (
        <ListItem key={i.id}>{finding ? `${(i.resourceKind ?? '').replace(/_/g, ' ')} ${i.name}` : `node ${i.name} (#${i.id})`}</ListItem>
      ))}
    </UnorderedList>
  );
}

/**
 * The orphan sweep: asks the API for a dry run first, shows every target (and what is only
 * reported: stuck nodes, resources named like ours that we did not create), and sweeps only after
 * the operator confirms, by sending `dry_run: false`.
 */
export function OrphanSweepButton() {
  const [plan, setPlan] = useState<SweepPlan | null>(null);
  const { busy, error, setError, run } = useAction();
  const preview = () => run(async () => setPlan(unwrap(await send<SweepPlan>('POST', '/api/cleanup/orphaned', { max_age_hours: MAX_AGE_HOURS, dry_run: true }))));
  const sweep = async () => {
    if (await run(async () => unwrap(await send('POST', '/api/cleanup/orphaned', { max_age_hours: MAX_AGE_HOURS, dry_run: false })))) setPlan(null);
  };
  const targets = plan ? plan.nodes.length + plan.findings.length : 0;
  return (
    <>
      <Button kind="secondary" renderIcon={Clean} disabled={busy} onClick={preview}>Sweep orphans…</Button>
      {!plan && error && <InlineNotification kind="error" title="Sweep preview failed" subtitle={error} lowContrast onCloseButtonClick={() => setError(null)} />}
      <Modal
        danger
        open={plan !== null}
        modalHeading={`Sweep ${targets} target(s) older than ${plan?.max_age_hours ?? MAX_AGE_HOURS} h?`}
        primaryButtonText={busy ? 'Starting…' : 'Sweep'}
        primaryButtonDisabled={busy || targets === 0}
        secondaryButtonText="Cancel"
        onRequestClose={() => setPlan(null)}
        onRequestSubmit={sweep}
      >
        {plan && (
          <div data-testid="orphan-sweep-plan">
            <p style={{ marginBottom: '1rem' }}>Failed nodes are cleaned up from their ledger; orphans are resources this installation provably created (our tag or ledger history).</p>
            <strong>Failed nodes to clean up</strong>
            <NamedList items={plan.nodes} empty="none" />
            <strong>Orphans to delete</strong>
            <NamedList items={plan.findings} empty="none" finding />
            <strong>Reported only, never touched</strong>
            <NamedList items={[...plan.reported.stuck_nodes]} empty="no stuck nodes" />
            <NamedList items={plan.reported.foreign_findings} empty="no resources named like ours from elsewhere" finding />
            {error && <InlineNotification kind="error" title="Not started" subtitle={error} lowContrast hideCloseButton />}
          </div>
        )}
      </Modal>
    </>
  );
}
