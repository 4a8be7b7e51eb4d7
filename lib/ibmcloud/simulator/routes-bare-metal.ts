import { createServer, parseInitialization, renderServer } from './bare-metal';
import type { SimContext } from './context';
import { IMAGES, imageRef, renderImage } from './fixtures';
import { SimError, type Router, type SimRequest } from './http';
import { schedule } from './lifecycle';
import { vpcPage } from './paging';
import { findProfile, listProfiles, renderProfile } from './profiles';
import type { SimServer } from './state';
import { asBody, notFound } from './validate';

const vpcBase = (req: SimRequest) => `${req.baseUrl}/v1`;

function invalidState(server: SimServer, action: string) {
  return new SimError(409, 'invalid_state', `Cannot ${action} bare metal server ${server.id} while its status is ${server.status}`);
}

/** Bare metal servers, profiles and images (docs/reference/ibmcloud-api.md §3). */
export function bareMetalRoutes(router: Router, ctx: SimContext) {
  const serverOrThrow = (id: string) => {
    const server = ctx.state.servers.find((s) => s.id === id);
    if (!server) throw notFound('Bare metal server', id);
    return server;
  };
  const changed = (server: SimServer) => {
    ctx.store.markDirty();
    return server;
  };

  router.on('GET', '/v1/bare_metal_servers', (req) => {
    const name = req.query.get('name');
    const vpcId = req.query.get('vpc.id');
    const items = ctx.state.servers.filter((s) => (!name || s.name === name) && (!vpcId || s.vpcId === vpcId));
    return { status: 200, body: vpcPage(req, items, 'bare_metal_servers', `${vpcBase(req)}/bare_metal_servers`, (s) => renderServer(ctx, vpcBase(req), s)) };
  });

  router.on('POST', '/v1/bare_metal_servers', (req) => {
    const server = changed(createServer(ctx, req.body));
    return { status: 201, body: renderServer(ctx, vpcBase(req), server) };
  });

  router.on('GET', '/v1/bare_metal_servers/:id', (req) => ({ status: 200, body: renderServer(ctx, vpcBase(req), serverOrThrow(req.params.id)) }));

  router.on('DELETE', '/v1/bare_metal_servers/:id', (req) => {
    const server = serverOrThrow(req.params.id);
    if (server.status !== 'deleting') schedule(ctx, changed(server), 'delete');
    return { status: 202 };
  });

  router.on('POST', '/v1/bare_metal_servers/:id/start', (req) => {
    const server = serverOrThrow(req.params.id);
    if (server.status !== 'stopped') throw invalidState(server, 'start');
    schedule(ctx, changed(server), 'start');
    return { status: 204 };
  });

  router.on('POST', '/v1/bare_metal_servers/:id/stop', (req) => {
    const server = serverOrThrow(req.params.id);
    const type = asBody(req.body).type;
    if (type === undefined) throw new SimError(400, 'validation_required_field', 'type is required', { name: 'type', type: 'field' });
    if (type !== 'soft' && type !== 'hard') throw new SimError(400, 'validation_enum', 'type must be soft or hard', { name: 'type', type: 'field', value: type });
    if (server.status !== 'running') throw invalidState(server, 'stop');
    schedule(ctx, changed(server), 'stop');
    return { status: 204 };
  });

  router.on('PUT', '/v1/bare_metal_servers/:id/initialization', (req) => {
    const server = serverOrThrow(req.params.id);
    const init = parseInitialization(req.body, 'initialization');
    const reinitializable = server.status === 'stopped' || (server.status === 'failed' && server.statusReasons.some((r) => r.code === 'cannot_reinitialize'));
    if (!reinitializable) throw invalidState(server, 'reinitialize');
    Object.assign(server, { imageId: init.imageId, keyIds: init.keyIds, userData: init.userData });
    // A reinitialized server starts by itself (docs/reference/ibmcloud-api.md §3.6).
    schedule(ctx, changed(server), 'reinitialize');
    const base = vpcBase(req);
    return { status: 200, body: { image: imageRef(base, ctx.settings, init.imageId), keys: init.keyIds.map((id) => ({ id, href: `${base}/keys/${id}` })), user_accounts: [] } };
  });

  router.on('GET', '/v1/bare_metal_server/profiles', (req) => {
    const items = listProfiles().map((p) => renderProfile(vpcBase(req), p));
    return { status: 200, body: vpcPage(req, items, 'profiles', `${vpcBase(req)}/bare_metal_server/profiles`) };
  });

  router.on('GET', '/v1/bare_metal_server/profiles/:name', (req) => {
    const profile = findProfile(req.params.name);
    if (!profile) throw notFound('Bare metal server profile', req.params.name);
    return { status: 200, body: renderProfile(vpcBase(req), profile) };
  });

  router.on('GET', '/v1/images', (req) => {
    const q = req.query;
    // user_data_format may be a comma-joined list (docs/reference/ibmcloud-api.md §2).
    const formats = q.get('user_data_format')?.split(',');
    const items = IMAGES.map((i) => renderImage(vpcBase(req), ctx.settings, i)).filter((i) =>
      (!q.get('name') || i.name === q.get('name')) && (!q.get('visibility') || i.visibility === q.get('visibility')) &&
      (!q.get('status') || i.status === q.get('status')) && (!formats || formats.includes(i.user_data_format)));
    return { status: 200, body: vpcPage(req, items, 'images', `${vpcBase(req)}/images`) };
  });

  router.on('GET', '/v1/images/:id', (req) => {
    const image = IMAGES.find((i) => i.id === req.params.id);
    if (!image) throw notFound('Image', req.params.id);
    return { status: 200, body: renderImage(vpcBase(req), ctx.settings, image) };
  });
}
