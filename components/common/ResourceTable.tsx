'use client';

import {
  DataTable,
  Pagination,
  Table,
  TableBatchAction,
  TableBatchActions,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableSelectAll,
  TableSelectRow,
  TableToolbar,
  TableToolbarContent,
} from '@carbon/react';
import type { ComponentProps, ReactNode } from 'react';
import { PAGE_SIZES, type ListView } from './list-query';

export interface Column<R> {
  key: string;
  header: string;
  /** Server mode: the API's sort name for this column; client mode: any truthy value sorts by `value`. */
  sort?: string | boolean;
  /** The cell; defaults to the row's field `key` as text (— when empty). */
  render?: (row: R) => ReactNode;
  /** What client-side sorting compares; defaults to the row's field `key`. */
  value?: (row: R) => string | number | null;
}

export interface BatchAction<R> {
  label: string;
  icon?: ComponentProps<typeof TableBatchAction>['renderIcon'];
  onClick: (rows: R[]) => void;
}

/** Server-side paging and sorting: the rows are one page of `total`, the view lives in the URL. */
export interface ServerPaging {
  total: number;
  view: ListView;
  /** The API's order when the URL names none (shown on the header). */
  defaultSort: { sort: string; order: 'asc' | 'desc' };
  onChange: (patch: { page?: number; pageSize?: number; sort?: string; order?: 'asc' | 'desc' }) => void;
}

export interface ResourceTableProps<R extends { id: string | number }> {
  ariaLabel: string;
  title?: string;
  description?: ReactNode;
  columns: Column<R>[];
  rows: R[];
  /** Absent: the rows are the whole list, sorted in the browser. */
  paging?: ServerPaging;
  /** Filters, search and buttons at the right of the toolbar. */
  toolbar?: ReactNode;
  /** When given (and `selectable`), rows get checkboxes and these actions appear for the selection. */
  batchActions?: BatchAction<R>[];
  selectable?: boolean;
  /** The last cell of each row (an overflow menu, a button). */
  rowActions?: (row: R) => ReactNode;
  empty?: ReactNode;
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
  testId?: string;
  rowTestId?: (row: R) => string;
}

const text = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));

/**
 * The one Carbon table of the console: toolbar, batch actions on selected rows, sortable headers
 * and pages, either in the browser (small lists) or on the server (paging: the URL holds page,
 * size, sort and filters, and the table shows the true total).
 */
export function ResourceTable<R extends { id: string | number }>(props: ResourceTableProps<R>) {
  const { columns, rows, paging, batchActions = [], rowActions } = props;
  const selectable = Boolean(props.selectable && batchActions.length);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const headers = columns.map((c) => ({ key: c.key, header: c.header }));
  const cells = rows.map((r) => ({
    id: String(r.id),
    ...Object.fromEntries(columns.map((c) => [c.key, c.value ? c.value(r) : ((r as Record<string, unknown>)[c.key] as string | number | null)])),
  }));
  const extraCells = (selectable ? 1 : 0) + (rowActions ? 1 : 0);

  return (
    <DataTable rows={cells} headers={headers} isSortable={!paging} size={props.size} sortRow={paging ? () => 0 : undefined}>
      {({ rows: shown, getHeaderProps, getRowProps, getSelectionProps, getBatchActionProps, getToolbarProps, getTableProps, selectedRows }) => {
        const batch = getBatchActionProps();
        const selected = selectedRows.map((r) => byId.get(r.id)).filter((r): r is R => r !== undefined);
        return (
          <TableContainer title={props.title} description={props.description} data-testid={props.testId}>
            {(props.toolbar || selectable) && (
              <TableToolbar {...getToolbarProps()}>
                {selectable && (
                  <TableBatchActions {...batch}>
                    {batchActions.map((a) => (
                      <TableBatchAction key={a.label} renderIcon={a.icon} onClick={() => a.onClick(selected)} tabIndex={batch.shouldShowBatchActions ? 0 : -1}>
                        {a.label}
                      </TableBatchAction>
                    ))}
                  </TableBatchActions>
                )}
                <TableToolbarContent aria-hidden={batch.shouldShowBatchActions}>{props.toolbar}</TableToolbarContent>
              </TableToolbar>
            )}
            <Table {...getTableProps()} aria-label={props.ariaLabel}>
              <TableHead>
                <TableRow>
                  {selectable && <TableSelectAll {...getSelectionProps()} />}
                  {columns.map((c, i) => {
                    if (paging) return <ServerSortHeader key={c.key} column={c} paging={paging} />;
                    const { key, ...headerProps } = getHeaderProps({ header: headers[i], isSortable: Boolean(c.sort) });
                    return (
                      <TableHeader key={key} {...headerProps}>
                        {c.header}
                      </TableHeader>
                    );
                  })}
                  {rowActions && <TableHeader aria-label="Actions" />}
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns.length + extraCells}>{props.empty ?? 'Nothing to show.'}</TableCell>
                  </TableRow>
                )}
                {shown.map((row) => {
                  // DataTable takes new rows into its state one render late: skip rows already gone.
                  const record = byId.get(row.id);
                  if (!record) return null;
                  const { key, ...rowProps } = getRowProps({ row });
                  return (
                    <TableRow key={key} {...rowProps} data-testid={props.rowTestId?.(record)}>
                      {selectable && <TableSelectRow {...getSelectionProps({ row })} />}
                      {columns.map((c) => (
                        <TableCell key={c.key}>{c.render ? c.render(record) : text((record as Record<string, unknown>)[c.key])}</TableCell>
                      ))}
                      {rowActions && <TableCell className="cds--table-column-menu">{rowActions(record)}</TableCell>}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {paging && (
              <Pagination
                page={paging.view.page}
                pageSize={paging.view.pageSize}
                pageSizes={PAGE_SIZES}
                totalItems={paging.total}
                onChange={({ page, pageSize }) => paging.onChange(pageSize !== paging.view.pageSize ? { page: 1, pageSize } : { page })}
              />
            )}
          </TableContainer>
        );
      }}
    </DataTable>
  );
}

/** A header that sorts on the server: first click sorts ascending, the next toggles. */
function ServerSortHeader<R>({ column, paging }: { column: Column<R>; paging: ServerPaging }) {
  if (typeof column.sort !== 'string') return <TableHeader>{column.header}</TableHeader>;
  const sort = paging.view.sort ?? paging.defaultSort.sort;
  const order = paging.view.order ?? (paging.view.sort ? 'asc' : paging.defaultSort.order);
  const active = sort === column.sort;
  return (
    <TableHeader
      isSortable
      isSortHeader={active}
      sortDirection={active ? (order === 'asc' ? 'ASC' : 'DESC') : 'NONE'}
      onClick={() => paging.onChange({ sort: column.sort as string, order: active && order === 'asc' ? 'desc' : 'asc' })}
      data-testid={`sort-${column.sort}`}
    >
      {column.header}
    </TableHeader>
  );
}
