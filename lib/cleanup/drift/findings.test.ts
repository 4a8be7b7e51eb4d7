import { describe, expect, it } from 'vitest';
import { findingsCsv, type FindingView } from './findings';
import { costHint } from '../pricing';

describe('findings export and cost', () => {
  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    const f = { id: 1, kind: 'orphan', name: '=HYPERLINK("x")', detail: 'a, "b"' } as unknown as FindingView;
    const [header, row] = findingsCsv([f]).split('\r\n');
    expect(header.startsWith('id,kind,resource_kind,name')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"a, ""b"""');
  });

  it('prices a server by profile and accrues by age; other kinds cost nothing', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-01-01T10:00:00Z');
    expect(costHint('bare_metal_server', 'bx2d-metal-96x384', since, now)).toEqual({ hourly_usd: 7.9, accrued_usd: 79 });
    expect(costHint('vni', null, since, now)).toEqual({ hourly_usd: 0, accrued_usd: 0 });
  });
});
