'use client';

import { TableCell, TableHead, TableHeader, TableRow, TableSelectAll } from '@carbon/react';

type Props = Record<string, unknown>;

interface Header {
  key: string;
  header: React.ReactNode;
}

/**
 * The head of a Carbon DataTable whose rows operators may select (viewers get no checkboxes),
 * and the row shown when the table is empty.
 */
export function SelectableTableHead({ selectable, headers, getHeaderProps, getSelectionProps }: {
  selectable: boolean;
  headers: Header[];
  getHeaderProps: (args: { header: Header }) => Props;
  getSelectionProps: () => Props;
}) {
  return (
    <TableHead>
      <TableRow>
        {selectable && <TableSelectAll {...(getSelectionProps() as unknown as React.ComponentProps<typeof TableSelectAll>)} />}
        {headers.map((h) => <TableHeader {...(getHeaderProps({ header: h }) as React.ComponentProps<typeof TableHeader>)} key={h.key}>{h.header}</TableHeader>)}
      </TableRow>
    </TableHead>
  );
}

export function EmptyTableRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={columns}>{children}</TableCell>
    </TableRow>
  );
}
