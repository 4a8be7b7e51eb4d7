'use client';

import { InlineNotification, Modal, UnorderedList, ListItem } from '@carbon/react';

export interface DeletionItem {
  label: string;
  resources: { kind: string; name: string; cloud_id?: string | null }[];
}

/**
 * The confirmation before a destructive batch: every resource that will be deleted, by target.
 * Nothing is hidden behind a count.
 */
export function ConfirmCleanupModal({
  open, items, busy, error, onCancel, onConfirm,
}: { open: boolean; items: DeletionItem[]; busy: boolean; error: string | null; onCancel: () => void; onConfirm: () => void }) {
  const total = items.reduce((n, i) => n + i.resources.length, 0);
  return (
    <Modal
      danger
      open={open}
      modalHeading={`Delete ${total} cloud resource(s)?`}
      primaryButtonText={busy ? 'Starting…' : 'Delete'}
      primaryButtonDisabled={busy}
      secondaryButtonText="Cancel"
      onRequestClose={onCancel}
      onRequestSubmit={onConfirm}
    >
      <p style={{ marginBottom: '1rem' }}>These resources are deleted from IBM Cloud. Node history is kept.</p>
      {items.map((item) => (
        <div key={item.label} style={{ marginBottom: '1rem' }} data-testid="confirm-target">
          <strong>{item.label}</strong>
          <UnorderedList>
            {item.resources.length === 0 && <ListItem>nothing left in the ledger</ListItem>}
            {item.resources.map((r) => (
              <ListItem key={`${r.kind}:${r.name}`}>{r.kind.replace(/_/g, ' ')} {r.name}{r.cloud_id ? ` (${r.cloud_id})` : ''}</ListItem>
            ))}
          </UnorderedList>
        </div>
      ))}
      {error && <InlineNotification kind="error" title="Not started" subtitle={error} lowContrast hideCloseButton />}
    </Modal>
  );
}
