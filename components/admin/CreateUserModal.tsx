'use client';

import { InlineNotification, Modal, PasswordInput, Select, SelectItem, Stack, TextInput } from '@carbon/react';
import { useState } from 'react';
import { send, unwrap } from '@/components/common/send';
import { ROLES, type Role } from '@/lib/auth/roles';

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [form, setForm] = useState({ email: '', name: '', role: 'viewer' as Role, password: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit() {
    setBusy(true);
    setError('');
    try {
      unwrap(await send('POST', '/api/users', { email: form.email, role: form.role, name: form.name || undefined, password: form.password || undefined }));
      setForm({ email: '', name: '', role: 'viewer', password: '' });
      onCreated();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} modalHeading="Add user" primaryButtonText={busy ? 'Adding…' : 'Add user'} secondaryButtonText="Cancel" primaryButtonDisabled={busy || !form.email} onRequestClose={onClose} onRequestSubmit={submit}>
      <Stack gap={5}>
        {error && <InlineNotification kind="error" lowContrast hideCloseButton title="Not added" subtitle={error} />}
        <TextInput id="new-user-email" labelText="Email" type="email" value={form.email} onChange={set('email')} />
        <TextInput id="new-user-name" labelText="Name (optional)" value={form.name} onChange={set('name')} />
        <Select id="new-user-role" labelText="Role" value={form.role} onChange={set('role')}>
          {ROLES.map((r) => <SelectItem key={r} value={r} text={r} />)}
        </Select>
        <PasswordInput id="new-user-password" labelText="Password (at least 12 characters; leave empty for single sign-on only)" value={form.password} onChange={set('password')} />
      </Stack>
    </Modal>
  );
}
