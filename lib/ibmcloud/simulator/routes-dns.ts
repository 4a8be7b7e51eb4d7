import { randomUUID } from 'node:crypto';
import { nowIso, type SimContext } from './context';
import { SIM_DEFAULTS } from '../simulation-defaults';
import { dnsZone } from './fixtures';
import { SimError, type Router, type SimRequest } from './http';
import { isIpv4 } from './ipv4';
import { dnsPage } from './paging';
import type { SimDnsRecord } from './state';
import { asBody, notFound, required } from './validate';

const TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'SRV', 'TXT', 'PTR'];

/** DNS Services records in the one simulated zone (docs/reference/ibmcloud-api.md §6). No version parameter. */
export function dnsRoutes(router: Router, ctx: SimContext) {
  const zoneBase = (req: SimRequest) => `${req.baseUrl}/dns/v1/instances/${req.params.instance_id}/dnszones`;
  const checkZone = (req: SimRequest) => {
    if (req.params.instance_id !== SIM_DEFAULTS.dns.instanceId) throw notFound('DNS instance', req.params.instance_id);
    if (req.params.dnszone_id && req.params.dnszone_id !== dnsZone(ctx.settings).id) throw notFound('DNS zone', req.params.dnszone_id);
  };
  const fqdn = (name: string) => {
    const zone = ctx.settings.dnsZoneName;
    const bare = name.replace(/\.$/, '');
    return bare === zone || bare.endsWith(`.${zone}`) ? bare : `${bare}.${zone}`;
  };
  const render = (r: SimDnsRecord) => ({ id: r.id, created_on: r.createdOn, modified_on: r.modifiedOn, name: r.name, type: r.type, ttl: r.ttl, rdata: r.rdata });

  router.on('GET', '/dns/v1/instances/:instance_id/dnszones', (req) => {
    checkZone(req);
    return { status: 200, body: dnsPage(req, [dnsZone(ctx.settings)], 'dnszones', zoneBase(req)) };
  });

  router.on('GET', '/dns/v1/instances/:instance_id/dnszones/:dnszone_id', (req) => {
    checkZone(req);
    return { status: 200, body: dnsZone(ctx.settings) };
  });

  router.on('GET', '/dns/v1/instances/:instance_id/dnszones/:dnszone_id/resource_records', (req) => {
    checkZone(req);
    const type = req.query.get('type');
    const name = req.query.get('name');
    const items = ctx.state.dnsRecords
      .filter((r) => (!type || r.type === type) && (!name || r.name === fqdn(name) || r.name === name))
      .map(render);
    return { status: 200, body: dnsPage(req, items, 'resource_records', `${zoneBase(req)}/${req.params.dnszone_id}/resource_records`) };
  });

  router.on('POST', '/dns/v1/instances/:instance_id/dnszones/:dnszone_id/resource_records', (req) => {
    checkZone(req);
    const body = asBody(req.body);
    const type = required<string>(body, 'type');
    if (!TYPES.includes(type)) throw new SimError(400, 'invalid_value', `type must be one of ${TYPES.join(', ')}`, { name: 'type', type: 'field', value: type });
    const rawName = required<string>(body, 'name');
    const rdata = asBody(required(body, 'rdata'));
    const ttl = body.ttl === undefined ? 60 : Number(body.ttl);
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > 43200) throw new SimError(400, 'invalid_value', 'ttl must be between 60 and 43200', { name: 'ttl', type: 'field', value: body.ttl });
    let name: string;
    if (type === 'PTR') {
      // PTR: name is the IP, ptrdname an existing A record not already linked (docs/reference/ibmcloud-api.md §6.3).
      if (!isIpv4(rawName)) throw new SimError(400, 'invalid_value', 'A PTR record name must be an IPv4 address', { name: 'name', type: 'field', value: rawName });
      const target = fqdn(String(rdata.ptrdname ?? ''));
      if (!ctx.state.dnsRecords.some((r) => r.type === 'A' && r.name === target && r.rdata.ip === rawName)) {
        throw new SimError(400, 'invalid_value', `rdata.ptrdname ${target} is not an A record for ${rawName} in this zone`, { name: 'rdata.ptrdname', type: 'field', value: rdata.ptrdname });
      }
      name = `${rawName.split('.').reverse().join('.')}.in-addr.arpa`;
      if (ctx.state.dnsRecords.some((r) => r.type === 'PTR' && r.name === name)) {
        throw new SimError(409, 'duplicate_error', `A PTR record for ${rawName} already exists`, { name: 'name', type: 'field', value: rawName });
      }
    } else {
      name = fqdn(rawName);
      if (type === 'A' && !isIpv4(rdata.ip)) throw new SimError(400, 'invalid_value', 'rdata.ip must be an IPv4 address', { name: 'rdata.ip', type: 'field', value: rdata.ip });
    }
    const now = nowIso(ctx.now());
    const record: SimDnsRecord = { id: `${type}:${randomUUID()}`, type, name, ttl, rdata: type === 'PTR' ? { ptrdname: fqdn(String(rdata.ptrdname)) } : rdata, createdOn: now, modifiedOn: now };
    ctx.state.dnsRecords.push(record);
    ctx.store.markDirty();
    return { status: 200, body: render(record) }; // create answers 200, not 201 (docs/reference/ibmcloud-api.md §6.2)
  });

  router.on('GET', '/dns/v1/instances/:instance_id/dnszones/:dnszone_id/resource_records/:record_id', (req) => {
    checkZone(req);
    const record = ctx.state.dnsRecords.find((r) => r.id === req.params.record_id);
    if (!record) throw notFound('Resource record', req.params.record_id);
    return { status: 200, body: render(record) };
  });

  router.on('DELETE', '/dns/v1/instances/:instance_id/dnszones/:dnszone_id/resource_records/:record_id', (req) => {
    checkZone(req);
    const record = ctx.state.dnsRecords.find((r) => r.id === req.params.record_id);
    if (!record) throw notFound('Resource record', req.params.record_id);
    // Delete the PTR before its A record (docs/reference/ibmcloud-api.md §6.3).
    if (record.type === 'A' && ctx.state.dnsRecords.some((r) => r.type === 'PTR' && r.rdata.ptrdname === record.name && r.name.startsWith(String(record.rdata.ip).split('.').reverse().join('.')))) {
      throw new SimError(409, 'record_in_use', `A record ${record.name} still has a PTR record; delete the PTR first`);
    }
    ctx.state.dnsRecords = ctx.state.dnsRecords.filter((r) => r.id !== record.id);
    ctx.store.markDirty();
    return { status: 204 };
  });
}
