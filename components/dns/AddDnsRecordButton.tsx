'use client';

import { Button, InlineNotification, Modal, NumberInput, Select, SelectItem, Stack, TextInput } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { useState } from 'react';
import { send, unwrap } from '@/components/common/send';
import { useAction } from '@/components/common/useAction';

/** Operator action: a manual A or PTR record in the zone (POST /api/dns/records). */
export function AddDnsRecordButton({ zoneName, onAdded }: { zoneName: string; onAdded?: () => void }) {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<'A' | 'PTR'>('A');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [ttl, setTtl] = useState(300);
  const { busy, error, run } = useAction();

  async function submit() {
    if (await run(async () => unwrap(await send('POST', '/api/dns/records', { record_name: name, record_type: type, value, ttl })))) {
      setOpen(false);
      setName('');
      setValue('');
      onAdded?.();
    }
  }

  return (
    <>
      <Button renderIcon={Add} onClick={() => setOpen(true)}>Add record</Button>
      <Modal
        open={open}
        modalHeading="Add a DNS record"
        primaryButtonText={busy ? 'Adding…' : 'Add record'}
        primaryButtonDisabled={busy || !name || !value}
        secondaryButtonText="Cancel"
        onRequestClose={() => setOpen(false)}
        onRequestSubmit={submit}
      >
        <Stack gap={5}>
          <Select id="dns-type" labelText="Type" value={type} onChange={(e) => setType(e.target.value as 'A' | 'PTR')}>
            <SelectItem value="A" text="A (name → address)" />
            <SelectItem value="PTR" text="PTR (address → name)" />
          </Select>
          <TextInput
            id="dns-name"
            labelText={type === 'A' ? 'Name' : 'Address'}
            helperText={type === 'A' ? `Relative to ${zoneName}` : 'The IPv4 address the PTR maps'}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextInput
            id="dns-value"
            labelText={type === 'A' ? 'Address' : 'Points at'}
            helperText={type === 'A' ? 'IPv4 address' : 'An existing A record name'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <NumberInput id="dns-ttl" label="TTL (seconds)" min={60} max={43200} value={ttl} onChange={(_e, { value: v }) => setTtl(Number(v))} />
          {error && <InlineNotification kind="error" title="Not added" subtitle={error} lowContrast hideCloseButton />}
        </Stack>
      </Modal>
    </>
  );
}
