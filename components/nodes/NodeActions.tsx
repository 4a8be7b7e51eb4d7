'use client';

import { Button, InlineNotification, Modal } from '@carbon/react';
import { Renew, TrashCan } from '@carbon/icons-react';
import { useState } from 'react';
import { RoleGate } from '@/components/auth/RoleGate';
import { send } from '@/components/common/send';

type Action = 'reinitialize' | 'cleanup';

const CONFIRM: Record<Action, { title: string; body: string; url: (id: number) => string }> = {
  reinitialize: {
    title: 'Reinitialize this node?',
    body: 'The server is stopped, gets a new boot token and network-boots the installer again. Data on the node is lost.',
    url: () => '/api/reinitialize',
  },
  cleanup: {
    title: 'Clean up this node?',
    body: 'The bare-metal server, its network interfaces, DNS records and reserved IPs are deleted.',
    url: (id) => `/api/cleanup/node/${id}`,
  },
};

/** Reinitialize and clean-up buttons of the node page (operators only), each with a confirmation. */
export function NodeActions({ nodeId, onDone }: { nodeId: number; onDone: () => void }) {
  const [pending, setPending] = useState<Action | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(action: Action) {
    const res = await send<{ message?: string }>('POST', CONFIRM[action].url(nodeId), action === 'reinitialize' ? { node_id: nodeId } : undefined);
    setResult(res.ok ? { ok: true, text: res.data?.message ?? `HTTP ${res.status}` } : { ok: false, text: res.problem.detail });
    setPending(null);
    onDone();
  }

  return (
    <RoleGate min="operator">
      <div className="node-actions">
        <Button kind="tertiary" size="md" renderIcon={Renew} onClick={() => setPending('reinitialize')}>
          Reinitialize
        </Button>
        <Button kind="danger--tertiary" size="md" renderIcon={TrashCan} onClick={() => setPending('cleanup')}>
          Clean up
        </Button>
      </div>
      {result && (
        <InlineNotification kind={result.ok ? 'success' : 'error'} title={result.ok ? 'Started' : 'Refused'} subtitle={result.text} onClose={() => setResult(null)} lowContrast />
      )}
      {pending && (
        <Modal
          open
          danger={pending === 'cleanup'}
          modalHeading={CONFIRM[pending].title}
          primaryButtonText={pending === 'cleanup' ? 'Clean up' : 'Reinitialize'}
          secondaryButtonText="Cancel"
          onRequestClose={() => setPending(null)}
          onRequestSubmit={() => run(pending)}
        >
          <p>{CONFIRM[pending].body}</p>
        </Modal>
      )}
    </RoleGate>
  );
}
