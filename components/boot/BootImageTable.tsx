'use client';

import { DataTable, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, Tag } from '@carbon/react';
import { formatBytes } from '@/lib/boot/format-bytes';
import type { CatalogEntry, ImageState } from '@/lib/boot/image-catalog';
import { RegisterImageButton } from './RegisterImageButton';
import { RemoveImageButton } from './RemoveImageButton';

const STATE_TAG: Record<ImageState, { type: 'green' | 'red' | 'magenta' | 'gray'; text: string }> = {
  ok: { type: 'green', text: 'Ready' },
  missing: { type: 'red', text: 'Missing' },
  changed: { type: 'magenta', text: 'Changed on disk' },
  unregistered: { type: 'gray', text: 'Not registered' },
};

const HEADERS = [
  { key: 'name', header: 'File' },
  { key: 'kind', header: 'Kind' },
  { key: 'state', header: 'State' },
  { key: 'size', header: 'Size' },
  { key: 'sha256', header: 'SHA-256' },
  { key: 'actions', header: '' },
];

function bytes(n: number | null) {
  return n === null ? '—' : formatBytes(n);
}

export function BootImageTable({ images }: { images: CatalogEntry[] }) {
  const rows = images.map((i) => ({ id: i.name, ...i }));
  return (
    <DataTable rows={rows} headers={HEADERS}>
      {({ rows: tableRows, headers, getTableProps, getHeaderProps, getRowProps }) => (
        <TableContainer title="Boot images" description="Files under BOOT_IMAGES_DIR and the catalogue of their sizes and checksums.">
          <Table {...getTableProps()} data-testid="boot-image-table">
            <TableHead>
              <TableRow>
                {headers.map((h) => {
                  const { key, ...props } = getHeaderProps({ header: h });
                  return <TableHeader key={key} {...props}>{h.header}</TableHeader>;
                })}
              </TableRow>
            </TableHead>
            <TableBody>
              {tableRows.map((row) => {
                const image = images.find((i) => i.name === row.id)!;
                const tag = STATE_TAG[image.state];
                const { key, ...props } = getRowProps({ row });
                return (
                  <TableRow key={key} {...props} data-testid={`boot-image-${image.name}`}>
                    <TableCell>{image.name}{image.required && <Tag size="sm" type="blue">required</Tag>}</TableCell>
                    <TableCell>{image.kind ?? '—'}</TableCell>
                    <TableCell><Tag type={tag.type}>{tag.text}</Tag></TableCell>
                    <TableCell>{bytes(image.diskSize ?? image.size)}</TableCell>
                    <TableCell><code title={image.sha256 ?? ''}>{image.sha256 ? `${image.sha256.slice(0, 16)}…` : '—'}</code></TableCell>
                    <TableCell>
                      {image.diskSize !== null && (
                        <RegisterImageButton name={image.name} kind={image.kind} label={image.registered ? 'Re-hash' : 'Register'} />
                      )}
                      {image.registered && <RemoveImageButton name={image.name} />}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </DataTable>
  );
}
