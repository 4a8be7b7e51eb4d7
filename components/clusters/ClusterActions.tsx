'use client';

import { Button, ButtonSet, Checkbox, InlineNotification, Modal } from '@carbon/react';
import { Renew, TrashCan } from '@carbon/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { RoleGate } from '@/components/auth/RoleGate';
import type { ClusterView } from '@/lib/clusters/views';
import { send, type ApiProblem } from '@/components/common/send';

/** Retry (failed clusters) and delete (with force), for operators. */
export function ClusterActions({ cluster, onChanged }: { cluster: ClusterView; onChanged: () => void }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function retry() {
    setBusy(true);
    const r = await send('POST', `/api/config/clusters/${cluster.id}/retry`);
    setBusy(false);
    setProblem(r.ok ? null : r.problem);
    onChanged();
  }

  async function remove() {
    setBusy(true);
    const r = await send('DELETE', `/api/config/clusters/${cluster.id}${force ? '?force=true' : ''}`);
    setBusy(false);
    setConfirming(false);
    if (r.ok) router.push('/clusters');
    else setProblem(r.problem);
  }

  return (
    <RoleGate min="operator">
      <ButtonSet>
        {cluster.status === 'failed' && (
          <Button kind="primary" renderIcon={Renew} onClick={retry} disabled={busy}>
            Retry formation
          </Button>
        )}
        <Button kind="danger--tertiary" renderIcon={TrashCan} onClick={() => setConfirming(true)} disabled={busy}>
          Delete cluster
        </Button>
      </ButtonSet>
      {problem && <InlineNotification kind="error" title={problem.title} subtitle={problem.detail} onCloseButtonClick={() => setProblem(null)} />}
      <Modal
        open={confirming}
        danger
        modalHeading={`Delete cluster ${cluster.name}?`}
        primaryButtonText="Delete"
        secondaryButtonText="Cancel"
        onRequestClose={() => setConfirming(false)}
        onRequestSubmit={remove}
        primaryButtonDisabled={busy}
      >
        <p>Its DNS records and cluster IPs are released. The member nodes are detached and keep running.</p>
        <Checkbox id="force-delete" labelText="Force: delete even while members are still deploying or the cluster is forming" checked={force} onChange={(_e, { checked }) => setForce(checked)} />
      </Modal>
    </RoleGate>
  );
}
