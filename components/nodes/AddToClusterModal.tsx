'use client';

import { Modal, TextInput } from '@carbon/react';
import { useState } from 'react';
import type { NodeSummary } from '@/lib/provisioning/queries';

/** Asks for the name of the cluster the selected nodes form (single-node for one, multi-node for more). */
export function AddToClusterModal({ nodes, onClose, onSubmit }: { nodes: Pick<NodeSummary, 'node_name'>[]; onClose: () => void; onSubmit: (name: string) => void }) {
  const [name, setName] = useState('');
  const kind = nodes.length === 1 ? 'a single-node cluster' : `a multi-node cluster of ${nodes.length} nodes`;
  return (
    <Modal
      open
      modalHeading="Add to cluster"
      primaryButtonText="Create cluster"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!name.trim()}
      onRequestClose={onClose}
      onRequestSubmit={() => onSubmit(name.trim())}
    >
      <p style={{ marginBottom: '1rem' }}>
        {nodes.map((n) => n.node_name).join(', ')} will form {kind}; formation starts once every member is deployed.
      </p>
      <TextInput id="bulk-cluster-name" labelText="Cluster name" value={name} onChange={(e) => setName(e.target.value)} data-modal-primary-focus />
    </Modal>
  );
}
