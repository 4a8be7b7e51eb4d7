'use client';

import { Button, CodeSnippet, InlineNotification, Modal } from '@carbon/react';
import { View } from '@carbon/icons-react';
import { useState } from 'react';
import { RoleGate } from '@/components/auth/RoleGate';
import { fetchJson } from '@/components/common/fetch-json';

/**
 * "Show chain URL" on the node page (admins): fetched on demand, never polled, because the URL
 * carries the node's boot token and each read is audited.
 */
export function ChainUrlButton({ nodeId }: { nodeId: number }) {
  const [shown, setShown] = useState<{ url: string | null } | { error: string } | null>(null);

  async function show() {
    try {
      const { chain_url } = await fetchJson<{ chain_url: string | null }>(`/api/config/nodes/${nodeId}/chain-url`);
      setShown({ url: chain_url });
    } catch (err) {
      setShown({ error: (err as Error).message });
    }
  }

  return (
    <RoleGate min="admin">
      <Button kind="ghost" size="md" renderIcon={View} onClick={() => void show()} data-testid="show-chain-url">
        Show chain URL
      </Button>
      {shown && (
        <Modal open passiveModal modalHeading="Chain URL" onRequestClose={() => setShown(null)}>
          {'error' in shown ? (
            <InlineNotification kind="error" title="Not available" subtitle={shown.error} hideCloseButton lowContrast />
          ) : shown.url ? (
            <>
              <p>Carries this node&apos;s boot token; this read was recorded in the audit log.</p>
              <CodeSnippet type="multi" feedback="Copied" data-testid="chain-url">{shown.url}</CodeSnippet>
            </>
          ) : (
            <p>Not available: the boot token was sealed under another AUTH_SECRET, or none was issued yet.</p>
          )}
        </Modal>
      )}
    </RoleGate>
  );
}
