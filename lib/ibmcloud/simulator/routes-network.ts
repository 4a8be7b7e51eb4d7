import type { SimContext } from './context';
import { renderVpc } from './fixtures';
import { SimError, type Router, type SimRequest } from './http';
import { createVni, destroyVni, renderProviderIps, renderReservedIp, renderSubnet, renderVni, reserveAddress, subnetOrThrow } from './network';
import { vpcPage } from './paging';
import { SIM_DEFAULTS } from '../simulation-defaults';
import { asBody, notFound, optionalBool } from './validate';

const vpcBase = (req: SimRequest) => `${req.baseUrl}/v1`;

/** VPCs, subnets, reserved IPs and VNIs (docs/reference/ibmcloud-api.md §4). */
export function networkRoutes(router: Router, ctx: SimContext) {
  router.on('GET', '/v1/vpcs/:id', (req) => {
    if (req.params.id !== SIM_DEFAULTS.vpc.id) throw notFound('VPC', req.params.id);
    return { status: 200, body: renderVpc(vpcBase(req), ctx.settings) };
  });

  router.on('GET', '/v1/subnets', (req) => {
    const items = ctx.settings.subnets.map((s) => renderSubnet(ctx, vpcBase(req), s));
    return { status: 200, body: vpcPage(req, items, 'subnets', `${vpcBase(req)}/subnets`) };
  });

  router.on('GET', '/v1/subnets/:id', (req) => ({ status: 200, body: renderSubnet(ctx, vpcBase(req), subnetOrThrow(ctx, req.params.id)) }));

  router.on('GET', '/v1/subnets/:subnet_id/reserved_ips', (req) => {
    const subnet = subnetOrThrow(ctx, req.params.subnet_id);
    const base = vpcBase(req);
    const user = ctx.state.reservedIps.filter((ip) => ip.subnetId === subnet.id);
    const items = [...renderProviderIps(base, subnet), ...user].sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
    const render = (ip: (typeof items)[number]) => ('subnetId' in ip ? renderReservedIp(ctx, base, ip) : ip);
    return { status: 200, body: vpcPage(req, items, 'reserved_ips', `${base}/subnets/${subnet.id}/reserved_ips`, render) };
  });

  router.on('POST', '/v1/subnets/:subnet_id/reserved_ips', (req) => {
    const subnet = subnetOrThrow(ctx, req.params.subnet_id);
    const body = asBody(req.body);
    const autoDelete = optionalBool(body, 'auto_delete', false);
    if (autoDelete && !body.target) {
      throw new SimError(400, 'invalid_request_field', 'auto_delete must be false for an unbound reserved IP', { name: 'auto_delete', type: 'field', value: true });
    }
    const ip = reserveAddress(ctx, subnet, { name: body.name, address: body.address, autoDelete });
    ctx.store.markDirty();
    return { status: 201, body: renderReservedIp(ctx, vpcBase(req), ip) };
  });

  router.on('GET', '/v1/subnets/:subnet_id/reserved_ips/:id', (req) => {
    const ip = ctx.state.reservedIps.find((r) => r.id === req.params.id && r.subnetId === req.params.subnet_id);
    if (!ip) throw notFound('Reserved IP', req.params.id);
    return { status: 200, body: renderReservedIp(ctx, vpcBase(req), ip) };
  });

  router.on('DELETE', '/v1/subnets/:subnet_id/reserved_ips/:id', (req) => {
    subnetOrThrow(ctx, req.params.subnet_id);
    if (req.params.id.includes('-provider-')) {
      throw new SimError(403, 'reserved_ip_owned_by_provider', 'Provider-owned reserved IPs cannot be deleted');
    }
    const ip = ctx.state.reservedIps.find((r) => r.id === req.params.id && r.subnetId === req.params.subnet_id);
    if (!ip) throw notFound('Reserved IP', req.params.id);
    if (ip.targetVniId) throw new SimError(409, 'reserved_ip_in_use', `Reserved IP ${ip.id} is bound to a virtual network interface`);
    ctx.state.reservedIps = ctx.state.reservedIps.filter((r) => r.id !== ip.id);
    ctx.store.markDirty();
    return { status: 204 };
  });

  router.on('GET', '/v1/virtual_network_interfaces', (req) => {
    const newestFirst = [...ctx.state.vnis].reverse();
    return { status: 200, body: vpcPage(req, newestFirst, 'virtual_network_interfaces', `${vpcBase(req)}/virtual_network_interfaces`, (v) => renderVni(ctx, vpcBase(req), v)) };
  });

  router.on('POST', '/v1/virtual_network_interfaces', (req) => {
    const vni = createVni(ctx, asBody(req.body), 'virtual_network_interface', false);
    ctx.store.markDirty();
    return { status: 201, body: renderVni(ctx, vpcBase(req), vni) };
  });

  router.on('GET', '/v1/virtual_network_interfaces/:id', (req) => {
    const vni = ctx.state.vnis.find((v) => v.id === req.params.id);
    if (!vni) throw notFound('Virtual network interface', req.params.id);
    return { status: 200, body: renderVni(ctx, vpcBase(req), vni) };
  });

  router.on('DELETE', '/v1/virtual_network_interfaces/:id', (req) => {
    const vni = ctx.state.vnis.find((v) => v.id === req.params.id);
    if (!vni) throw notFound('Virtual network interface', req.params.id);
    if (vni.target) {
      throw new SimError(409, 'virtual_network_interface_in_use', `Virtual network interface ${vni.id} is attached to a bare metal server`);
    }
    const body = renderVni(ctx, vpcBase(req), vni);
    destroyVni(ctx, vni);
    ctx.store.markDirty();
    return { status: 202, body: { ...body, lifecycle_state: 'deleting' } };
  });
}
