'use client';

import { Button, InlineNotification, Modal, Select, SelectItem, TextInput } from '@carbon/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { BOOT_IMAGE_KINDS } from '@/lib/boot/schemas';

/** Registers (or re-hashes) a file already in BOOT_IMAGES_DIR through POST /api/boot-images. */
export function RegisterImageButton({ name, kind, label = 'Register' }: { name: string; kind: string | null; label?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState(kind ?? 'other');
  const [sha256, setSha256] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await fetch('/api/boot-images', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, kind: selected, ...(sha256 ? { sha256 } : {}) }),
    });
    setBusy(false);
    if (!res.ok) {
      const problem = await res.json().catch(() => ({}));
      setError(problem.errors?.[0]?.message ?? problem.detail ?? `HTTP ${res.status}`);
      return;
    }
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button kind="ghost" size="sm" onClick={() => setOpen(true)}>{label}</Button>
      <Modal
        open={open}
        modalHeading={`Register ${name}`}
        primaryButtonText={busy ? 'Hashing…' : 'Register'}
        primaryButtonDisabled={busy}
        secondaryButtonText="Cancel"
        onRequestClose={() => setOpen(false)}
        onRequestSubmit={submit}
      >
        <p className="cds--type-body-long-01">The file's size and SHA-256 are computed on the server; large files take a while.</p>
        <Select id="boot-image-kind" labelText="Kind" value={selected} onChange={(e) => setSelected(e.target.value)}>
          {BOOT_IMAGE_KINDS.map((k) => <SelectItem key={k} value={k} text={k} />)}
        </Select>
        <TextInput id="boot-image-sha" labelText="Expected SHA-256 (optional)" value={sha256} onChange={(e) => setSha256(e.target.value.trim())} />
        {error && <InlineNotification kind="error" title="Not registered" subtitle={error} lowContrast hideCloseButton />}
      </Modal>
    </>
  );
}
