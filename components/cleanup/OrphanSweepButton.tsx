'use client';

import { Button, InlineNotification, ListItem, Modal, NumberInput, UnorderedList } from '@carbon/react';
import { Clean } from '@carbon/icons-react';
import { useRef, useState } from 'react';
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
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState(MAX_AGE_HOURS);
  const [plan, setPlan] = useState<SweepPlan | null>(null);
  const { busy, error, setError, run } = useAction();
  // The preview changes nothing, so it does not refresh the page (that is for after the sweep).
  const latest = useRef(0);
  // Each preview reconciles first: one at a time, and only the newest answer is shown.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const preview = (maxAge: number) => {
    const ticket = ++latest.current;
    setPlan(null);
    setError(null);
    queue.current = queue.current.then(async () => {
      if (ticket !== latest.current) return;
      try {
        const answer = unwrap(await send<SweepPlan>('POST', '/api/cleanup/orphaned', { max_age_hours: maxAge, dry_run: true }));
        if (ticket === latest.current) setPlan(answer);
      } catch (err) {
        if (ticket === latest.current) setError((err as Error).message);
      }
    });
    return queue.current;
  };
  const close = () => {
    setOpen(false);
    setPlan(null);
    setError(null);
  };
  const sweep = async () => {
    if (plan && (await run(async () => unwrap(await send('POST', '/api/cleanup/orphaned', { max_age_hours: plan.max_age_hours, dry_run: false }))))) close();
  };
  const targets = plan ? plan.nodes.length + plan.findings.length : 0;
  return (
    <>
      <Button kind="secondary" renderIcon={Clean} disabled={busy} onClick={() => (setOpen(true), void preview(hours))}>Sweep orphans…</Button>
      <Modal
        danger
        open={open}
        modalHeading="Sweep orphans"
        primaryButtonText={busy ? 'Working…' : `Sweep ${targets} target(s)`}
        primaryButtonDisabled={busy || !plan || targets === 0}
        secondaryButtonText="Cancel"
        onRequestClose={close}
        onRequestSubmit={sweep}
      >
        <p style={{ marginBottom: '1rem' }}>
          A dry run lists the targets first; nothing is deleted until you sweep. Failed nodes are cleaned up from their ledger;
          orphans are resources this installation provably created (our tag or ledger history).
        </p>
        <NumberInput
          id="orphan-sweep-hours"
          label="Older than (hours)"
          min={0}
          max={24 * 365}
          value={hours}
          onChange={(_e, { value }) => {
            const next = Number(value);
            if (!Number.isInteger(next) || next < 0) return;
            setHours(next);
            void preview(next);
          }}
        />
        {plan && (
          <div data-testid="orphan-sweep-plan" style={{ marginTop: '1rem' }}>
            <strong>Failed nodes to clean up</strong>
            <NamedList items={plan.nodes} empty="none" />
            <strong>Orphans to delete</strong>
            <NamedList items={plan.findings} empty="none" finding />
            <strong>Reported only, never touched</strong>
            <NamedList items={plan.reported.stuck_nodes} empty="no stuck nodes" />
            <NamedList items={plan.reported.foreign_findings} empty="no resources named like ours from elsewhere" finding />
          </div>
        )}
        {error && <InlineNotification kind="error" title="Sweep failed" subtitle={error} lowContrast hideCloseButton />}
      </Modal>
    </>
  );
}
