import type { DnsApi } from './api';
import { isNotFound, markRecovered } from './errors';
import { CloudService, type ServiceOptions } from './service';
import type { CreateRecordOptions, DnsRecordFilter, DnsResourceRecord } from './types';

const PAGE_LIMIT = 100;
const DEFAULT_TTL = 900;
const RECORDS = '/instances/{instance_id}/dnszones/{dnszone_id}/resource_records';

/** `10.240.0.7` -> `7.0.240.10.in-addr.arpa`, the name IBM stores a PTR under (docs/reference/ibmcloud-api.md §6.3). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** What an A or PTR record points at: the address, or (PTR) the host name; '' for other types. */
export function recordValue(r: DnsResourceRecord): string {
  return String((r.type === 'PTR' ? r.rdata.ptrdname : r.rdata.ip) ?? '');
}

/** Relative names get the zone appended, as the service does (docs/reference/ibmcloud-api.md §6.3). */
export function fqdn(name: string, zoneName: string): string {
  const bare = name.replace(/\.$/, '');
  return bare === zoneName || bare.endsWith(`.${zoneName}`) ? bare : `${bare}.${zoneName}`;
}

export interface DnsServiceOptions extends Omit<ServiceOptions, 'name' | 'defaultQs'> {
  instanceId: string;
  zoneId: string;
  zoneName: string;
}

/** IBM Cloud DNS Services resource records in one zone (docs/reference/ibmcloud-api.md §6). No `version` parameter. */
export class DnsService extends CloudService implements DnsApi {
  readonly instanceId: string;
  readonly zoneId: string;
  readonly zoneName: string;

  constructor(options: DnsServiceOptions) {
    super({ ...options, name: 'dns' });
    this.instanceId = options.instanceId;
    this.zoneId = options.zoneId;
    this.zoneName = options.zoneName;
  }

  private get zonePath() {
    return { instance_id: this.instanceId, dnszone_id: this.zoneId };
  }

  /** Offset pagination until `offset + count >= total_count` (docs/reference/ibmcloud-api.md §6.4). */
  async listResourceRecords(filter: DnsRecordFilter = {}): Promise<DnsResourceRecord[]> {
    const records: DnsResourceRecord[] = [];
    for (let offset = 0; ; ) {
      const { result } = await this.call<{ resource_records?: DnsResourceRecord[]; count?: number; total_count?: number }>(
        'list resource records',
        { method: 'GET', url: RECORDS, path: this.zonePath, qs: { offset, limit: PAGE_LIMIT, type: filter.type, name: filter.name } },
      );
      const page = result.resource_records ?? [];
      records.push(...page);
      offset += page.length;
      if (page.length === 0 || offset >= (result.total_count ?? 0)) return records;
    }
  }

  async getResourceRecord(id: string) {
    const path = { ...this.zonePath, record_id: id };
    return (await this.call<DnsResourceRecord>('get resource record', { method: 'GET', url: `${RECORDS}/{record_id}`, path })).result;
  }

  private async findRecord(type: 'A' | 'PTR', name: string, matches: (r: DnsResourceRecord) => boolean) {
    const records = await this.listResourceRecords({ type, name });
    return records.find((r) => r.type === type && r.name === name && matches(r)) ?? null;
  }

  /**
   * Create answers 200, not 201 (docs/reference/ibmcloud-api.md §6.2). Looked up first: the API allows duplicates,
   * unless the caller has just looked itself (`lookedUp`, the ledger); a lost answer is still looked up before a re-send.
   */
  private async createRecord(type: 'A' | 'PTR', body: Record<string, unknown>, find: () => Promise<DnsResourceRecord | null>, opts: CreateRecordOptions) {
    const existing = opts.lookedUp ? null : await find();
    if (existing) return markRecovered(existing);
    const { result } = await this.call<DnsResourceRecord>(`create ${type} record`, {
      method: 'POST', url: RECORDS, path: this.zonePath, body: { type, ...body }, recover: find,
    });
    return result;
  }

  createARecord({ name, ip, ttl = DEFAULT_TTL }: { name: string; ip: string; ttl?: number }, opts: CreateRecordOptions = {}) {
    const full = fqdn(name, this.zoneName);
    return this.createRecord('A', { name: full, rdata: { ip }, ttl }, () => this.findRecord('A', full, (r) => r.rdata.ip === ip), opts);
  }

  createPtrRecord({ ip, ptrdname, ttl = DEFAULT_TTL }: { ip: string; ptrdname: string; ttl?: number }, opts: CreateRecordOptions = {}) {
    const target = fqdn(ptrdname, this.zoneName);
    return this.createRecord('PTR', { name: ip, rdata: { ptrdname: target }, ttl },
      () => this.findRecord('PTR', reverseName(ip), (r) => r.rdata.ptrdname === target), opts);
  }

  async deleteResourceRecord(id: string) {
    try {
      await this.call('delete resource record', { method: 'DELETE', url: `${RECORDS}/{record_id}`, path: { ...this.zonePath, record_id: id } });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}
