'use client';

import { Button } from '@carbon/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Drops a catalogue entry (DELETE /api/boot-images/{name}); the file stays on disk. */
export function RemoveImageButton({ name }: { name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function remove() {
    if (!window.confirm(`Remove ${name} from the catalogue? The file stays in the images folder.`)) return;
    setBusy(true);
    await fetch(`/api/boot-images/${encodeURIComponent(name)}`, { method: 'DELETE' });
    setBusy(false);
    router.refresh();
  }
  return <Button kind="danger--ghost" size="sm" disabled={busy} onClick={remove}>Remove</Button>;
}
