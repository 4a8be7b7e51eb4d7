'use client';

import { DataTable, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, Tag } from '@carbon/react';

export interface AuditRow {
  id: number;
  at: string;
  actorType: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  sourceIp: string | null;
  before: unknown;
  after: unknown;
}

const HEADERS = [
  { key: 'at', header: 'Time' },
  { key: 'actor', header: 'Actor' },
  { key: 'action', header: 'Action' },
  { key: 'target', header: 'Target' },
  { key: 'outcome', header: 'Outcome' },
  { key: 'sourceIp', header: 'Source IP' },
  { key: 'change', header: 'Change' },
];

const compact = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  const rows = entries.map((e) => ({
    id: String(e.id),
    at: new Date(e.at).toLocaleString(),
    actor: `${e.actorLabel ?? '—'} (${e.actorType})`,
    action: e.action,
    target: e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '',
    outcome: e.outcome,
    sourceIp: e.sourceIp ?? '',
    change: [compact(e.before), compact(e.after)].filter(Boolean).join(' → '),
  }));
  return (
    <DataTable rows={rows} headers={HEADERS} size="md">
      {({ rows: tableRows, headers, getTableProps, getHeaderProps, getRowProps }) => (
        <TableContainer>
          <Table {...getTableProps()} data-testid="audit-table">
            <TableHead>
              <TableRow>{headers.map((h) => <TableHeader {...getHeaderProps({ header: h })} key={h.key}>{h.header}</TableHeader>)}</TableRow>
            </TableHead>
            <TableBody>
              {tableRows.map((row) => (
                <TableRow {...getRowProps({ row })} key={row.id}>
                  {row.cells.map((cell) => (
                    <TableCell key={cell.id}>
                      {cell.info.header === 'outcome' ? <Tag type={cell.value === 'success' ? 'green' : 'red'}>{cell.value}</Tag> : cell.info.header === 'change' ? <code className="audit-change">{cell.value}</code> : cell.value}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </DataTable>
  );
}
