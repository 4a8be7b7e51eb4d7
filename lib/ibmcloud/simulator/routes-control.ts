import { INSTALL_PHASES } from '@/lib/status/phases';
import { crn, type SimContext } from './context';
import { SIM_DEFAULTS } from '../simulation-defaults';
import { dnsZone, IMAGES, KEYS, SECURITY_GROUPS } from './fixtures';
import type { FaultSettings } from './faults';
import { SimError, type Router } from './http';
import { asBody, notFound } from './validate';

/**
 * Not part of IBM's API: the inventory (every simulated resource, so tests can prove nothing
 * leaked) and the control endpoint (fault injection and per-server behaviour at runtime).
 */
export function controlRoutes(router: Router, ctx: SimContext) {
  const tagsOf = (kind: string, id: string) => ctx.state.tags[crn(kind, ctx.settings.region, id)] ?? [];
  router.on('GET', '/inventory', () => {
    const { servers, vnis, reservedIps, dnsRecords } = ctx.state;
    return {
      status: 200,
      body: {
        bare_metal_servers: servers.map((s) => ({ id: s.id, name: s.name, status: s.status, profile: s.profile, node: s.node, behaviour: s.behaviour, tags: tagsOf('bare-metal-server', s.id) })),
        virtual_network_interfaces: vnis.map((v) => ({ id: v.id, name: v.name, subnet_id: v.subnetId, auto_delete: v.autoDelete, target: v.target ?? null, tags: tagsOf('virtual-network-interface', v.id) })),
        reserved_ips: reservedIps.map((r) => ({ id: r.id, name: r.name, address: r.address, subnet_id: r.subnetId, auto_delete: r.autoDelete, bound: Boolean(r.targetVniId) })),
        dns_records: dnsRecords.map((r) => ({ id: r.id, type: r.type, name: r.name, rdata: r.rdata })),
        totals: { bare_metal_servers: servers.length, virtual_network_interfaces: vnis.length, reserved_ips: reservedIps.length, dns_records: dnsRecords.length },
        fixtures: {
          vpc: SIM_DEFAULTS.vpc, subnets: ctx.settings.subnets, security_groups: SECURITY_GROUPS, keys: KEYS,
          images: IMAGES.map(({ id, name, user_data_format }) => ({ id, name, user_data_format })), dns_zone: dnsZone(ctx.settings),
          dns_instance_id: SIM_DEFAULTS.dns.instanceId, resource_group_id: SIM_DEFAULTS.resourceGroupId,
        },
      },
    };
  });

  router.on('GET', '/control/faults', () => ({ status: 200, body: ctx.faults.settings }));

  router.on('PUT', '/control/faults', (req) => {
    const body = asBody(req.body) as Partial<FaultSettings>;
    const rate = (v: unknown, name: string) => {
      if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) throw new SimError(400, 'invalid_value', `${name} must be between 0 and 1`, { name, type: 'field', value: v });
    };
    rate(body.rate429, 'rate429');
    rate(body.rate500, 'rate500');
    const limit = body.rateLimit as Record<string, unknown> | undefined;
    if (limit !== undefined && !(typeof limit === 'object' && limit !== null && [limit.perSecond, limit.burst].every((v) => typeof v === 'number' && v >= 0))) {
      throw new SimError(400, 'invalid_value', 'rateLimit must be { perSecond, burst } with numbers ≥ 0', { name: 'rateLimit', type: 'field', value: limit });
    }
    for (const key of ['failPhase', 'silentPhase'] as const) checkPhase(body[key], key);
    if (body.queue !== undefined && !Array.isArray(body.queue)) throw new SimError(400, 'invalid_value', 'queue must be an array', { name: 'queue', type: 'field' });
    // null clears a phase (JSON has no undefined); an absent key keeps the current one.
    const phase = (value: unknown, current?: string) => (value === null ? undefined : ((value as string | undefined) ?? current));
    const { failPhase, silentPhase } = ctx.faults.settings;
    ctx.faults.update({ ...body, failPhase: phase(body.failPhase, failPhase), silentPhase: phase(body.silentPhase, silentPhase) });
    return { status: 200, body: ctx.faults.settings };
  });

  router.on('PUT', '/control/servers/:name/behaviour', (req) => {
    const server = ctx.state.servers.find((s) => s.name === req.params.name || s.id === req.params.name);
    if (!server) throw notFound('Bare metal server', req.params.name);
    const body = asBody(req.body);
    checkPhase(body.failPhase, 'failPhase');
    checkPhase(body.silentPhase, 'silentPhase');
    server.behaviour = { failPhase: (body.failPhase as string | undefined) ?? undefined, silentPhase: (body.silentPhase as string | undefined) ?? undefined };
    ctx.store.markDirty();
    return { status: 200, body: server.behaviour };
  });

  /** Marks a server failed with a status reason, as a capacity problem would (docs/reference/ibmcloud-api.md §3.4). */
  router.on('POST', '/control/servers/:name/fail', (req) => {
    const server = ctx.state.servers.find((s) => s.name === req.params.name || s.id === req.params.name);
    if (!server) throw notFound('Bare metal server', req.params.name);
    const code = (asBody(req.body).code as string | undefined) ?? 'cannot_start_capacity';
    Object.assign(server, { status: 'failed', plan: [], statusReasons: [{ code, message: `Simulated failure: ${code}` }] });
    ctx.store.markDirty();
    return { status: 200, body: { status: server.status, status_reasons: server.statusReasons } };
  });

  router.on('POST', '/control/reset', () => {
    Object.assign(ctx.state, { servers: [], vnis: [], reservedIps: [], dnsRecords: [], tags: {} });
    ctx.faults.update({ queue: [] });
    ctx.store.markDirty();
    return { status: 204 };
  });
}

function checkPhase(value: unknown, name: string) {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !(INSTALL_PHASES as readonly string[]).includes(value)) {
    throw new SimError(400, 'invalid_value', `${name} must be one of ${INSTALL_PHASES.join(', ')}`, { name, type: 'field', value });
  }
}
