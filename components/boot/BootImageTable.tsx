'use client';

import { Tag } from '@carbon/react';
import { ResourceTable, type Column } from '@/components/common/ResourceTable';
import { formatBytes } from '@/lib/boot/format-bytes';
import type { CatalogEntry, ImageState } from '@/lib/boot/images';
import { RegisterImageButton } from './RegisterImageButton';
import { RemoveImageButton } from './RemoveImageButton';

const STATE_TAG: Record<ImageState, { type: 'green' | 'red' | 'magenta' | 'gray'; text: string }> = {
  ok: { type: 'green', text: 'Ready' },
  missing: { type: 'red', text: 'Missing' },
  changed: { type: 'magenta', text: 'Changed on disk' },
  unregistered: { type: 'gray', text: 'Not registered' },
};

function bytes(n: number | null) {
  return n === null ? '—' : formatBytes(n);
}

const COLUMNS: Column<CatalogEntry & { id: string }>[] = [
  { key: 'name', header: 'File', sort: true, render: (i) => <>{i.name}{i.required && <Tag size="sm" type="blue">required</Tag>}</> },
  { key: 'kind', header: 'Kind', sort: true },
  { key: 'state', header: 'State', sort: true, render: (i) => <Tag type={STATE_TAG[i.state].type}>{STATE_TAG[i.state].text}</Tag> },
  { key: 'size', header: 'Size', value: (i) => i.diskSize ?? i.size, sort: true, render: (i) => bytes(i.diskSize ?? i.size) },
  { key: 'sha256', header: 'SHA-256', render: (i) => <code title={i.sha256 ?? ''}>{i.sha256 ? `${i.sha256.slice(0, 16)}…` : '—'}</code> },
];

export function BootImageTable({ images }: { images: CatalogEntry[] }) {
  return (
    <ResourceTable
      ariaLabel="Boot images"
      title="Boot images"
      description="Files under BOOT_IMAGES_DIR and the catalogue of their sizes and checksums."
      testId="boot-image-table"
      columns={COLUMNS}
      rows={images.map((i) => ({ ...i, id: i.name }))}
      rowTestId={(i) => `boot-image-${i.name}`}
      empty="No boot images."
      rowActions={(image) => (
        <>
          {image.diskSize !== null && <RegisterImageButton name={image.name} kind={image.kind} label={image.registered ? 'Re-hash' : 'Register'} />}
          {image.registered && <RemoveImageButton name={image.name} />}
        </>
      )}
    />
  );
}
