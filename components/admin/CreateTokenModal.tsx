'use client';

import { CodeSnippet, InlineNotification, Modal, NumberInput, Stack, TextInput } from '@carbon/react';
import { useState } from 'react';
import { send, unwrap } from '@/components/common/send';

/** Creates a token for the signed-in user and shows its plaintext once. */
export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [token, setToken] = useState('');
  const [error, setError] = useState('');

  async function submit() {
    setError('');
    try {
      const created = unwrap(await send<{ token: string }>('POST', '/api/tokens', { name: name || 'api', expiresInDays: days }));
      setToken(created.token);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  function close() {
    const created = Boolean(token);
    setToken('');
    setName('');
    onClose(created);
  }

  if (token) {
    return (
      <Modal open={open} passiveModal modalHeading="Copy your new token now" onRequestClose={close}>
        <p className="cds--type-body-long-01" style={{ marginBottom: '1rem' }}>It is shown only this once; only its hash is stored. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        <CodeSnippet type="single" feedback="Copied" data-testid="new-token">{token}</CodeSnippet>
      </Modal>
    );
  }
  return (
    <Modal open={open} modalHeading="Create API token" primaryButtonText="Create" secondaryButtonText="Cancel" onRequestClose={close} onRequestSubmit={submit}>
      <Stack gap={5}>
        {error && <InlineNotification kind="error" lowContrast hideCloseButton title="Not created" subtitle={error} />}
        <TextInput id="token-name" labelText="Name" placeholder="e.g. terraform" value={name} onChange={(e) => setName(e.target.value)} />
        <NumberInput id="token-days" label="Expires after (days)" min={1} max={3650} value={days} onChange={(_e, { value }) => setDays(Number(value))} />
      </Stack>
    </Modal>
  );
}
