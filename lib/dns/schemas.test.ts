import { describe, expect, it } from 'vitest';
import { createDnsRecordSchema } from './schemas';

describe('DNS record request schema', () => {
  it("accepts the documented spelling and what the Python original's code read, {name, rdata}", () => {
    expect(createDnsRecordSchema.parse({ record_name: 'a', record_type: 'A', value: '10.0.0.1' })).toEqual({ record_name: 'a', record_type: 'A', value: '10.0.0.1', ttl: 300 });
    expect(createDnsRecordSchema.parse({ name: 'a', type: 'A', rdata: '10.0.0.1', ttl: 600 })).toMatchObject({ record_name: 'a', value: '10.0.0.1', ttl: 600 });
  });

  it('names the field that is wrong for each record type', () => {
    const fields = (body: object) => createDnsRecordSchema.safeParse(body).error?.issues.map((i) => i.path.join('.'));
    expect(fields({ record_name: '10.0.0.1', record_type: 'A', value: '10.0.0.1' })).toEqual(['record_name']);
    expect(fields({ record_name: 'host', record_type: 'PTR', value: 'host' })).toEqual(['record_name']);
    expect(fields({ record_name: '10.0.0.1', record_type: 'PTR', value: '10.0.0.2' })).toEqual(['value']);
    expect(fields({ record_name: 'bad name!', record_type: 'A', value: '10.0.0.1' })).toEqual(['record_name']);
    expect(createDnsRecordSchema.safeParse({ record_name: '10.0.0.1', record_type: 'PTR', value: 'host' }).success).toBe(true);
  });
});
