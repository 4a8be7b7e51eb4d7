'use client';

import { Button, Pagination, Select, SelectItem, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import { Download } from '@carbon/icons-react';
import { usePathname, useRouter } from 'next/navigation';

export interface DatabasePage {
  table: string;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  total: number;
  limit: number;
  offset: number;
  sort: string;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Admin → Database: pick a table, page and sort it (in the database, through the URL), export it. */
export function DatabaseBrowser({ tables, page }: { tables: { name: string; rows: number }[]; page: DatabasePage }) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (params: { table?: string; sort?: string; offset?: number; limit?: number }) => {
    const next = { table: page.table, sort: page.sort, offset: page.offset, limit: page.limit, ...params };
    router.push(`${pathname}?${new URLSearchParams(Object.entries(next).map(([k, v]) => [k, String(v)]))}`);
  };
  const sortColumn = page.sort.replace(/^-/, '');
  const descending = page.sort.startsWith('-');
  return (
    <>
      <div className="database-toolbar">
        <Select
          id="database-table"
          labelText="Table"
          value={page.table}
          onChange={(e) => go({ table: e.target.value, sort: '', offset: 0 })}
          data-testid="database-table-select"
        >
          {tables.map((t) => <SelectItem key={t.name} value={t.name} text={`${t.name} (${t.rows})`} />)}
        </Select>
        <Button kind="tertiary" size="md" renderIcon={Download} href={`/api/web/database-export?table=${encodeURIComponent(page.table)}`}>
          Export CSV
        </Button>
      </div>
      <TableContainer title={page.table} description={`${page.total} rows · read-only · secret columns are not shown`}>
        <div className="database-scroll">
        <Table size="sm" data-testid="database-table" aria-label={`Rows of ${page.table}`}>
          <TableHead>
            <TableRow>
              {page.columns.map((c) => (
                <TableHeader
                  key={c.name}
                  isSortable={c.type !== 'Json'}
                  isSortHeader={sortColumn === c.name}
                  sortDirection={sortColumn === c.name ? (descending ? 'DESC' : 'ASC') : 'NONE'}
                  onClick={() => go({ sort: sortColumn === c.name && !descending ? `-${c.name}` : c.name, offset: 0 })}
                >
                  {c.name}
                </TableHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {page.rows.map((row, i) => (
              <TableRow key={i}>
                {page.columns.map((c) => <TableCell key={c.name} className="database-cell">{cellText(row[c.name])}</TableCell>)}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </div>
        <Pagination
          page={Math.floor(page.offset / page.limit) + 1}
          pageSize={page.limit}
          pageSizes={[25, 50, 100, 250]}
          totalItems={page.total}
          onChange={({ page: p, pageSize }) => go({ limit: pageSize, offset: (p - 1) * pageSize })}
        />
      </TableContainer>
    </>
  );
}
