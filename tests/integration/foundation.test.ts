import { beforeEach, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/health/route';
import { GET as info } from '@/app/api/info/route';
import { GET as unknownApi } from '@/app/api/[...path]/route';
import { db } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { resetDatabase } from '../helpers/db';
import { params, request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

describe('foundation', () => {
  beforeEach(resetDatabase);

  it('reports a healthy database on /health', async () => {
    const res = await health(request('/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up', mode: 'simulation' });
  });

  it('refuses /api/info without identity and answers a viewer', async () => {
    expect((await info(request('/api/info'))).status).toBe(401);
    const { token } = await userWithToken('viewer');
    const res = await info(request('/api/info', { token }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Nutanix VPC Orchestrator', mode: 'simulation' });
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    const res = await unknownApi(request('/api/nope'), params({ path: ['nope'] }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('re-running migrations is a no-op', async () => {
    expect(await migrateDatabase(process.env.DATABASE_URL!)).toBe(0);
  });

  it('enforces one live node per name but allows reuse after cleanup', async () => {
    await db.node.create({ data: { name: 'ntnx-1', serverProfile: 'bx2d-metal-96x384' } });
    await expect(db.node.create({ data: { name: 'ntnx-1', serverProfile: 'bx2d-metal-96x384' } })).rejects.toThrow();
    await db.node.updateMany({ where: { name: 'ntnx-1' }, data: { status: 'cleaned' } });
    await expect(db.node.create({ data: { name: 'ntnx-1', serverProfile: 'bx2d-metal-96x384' } })).resolves.toBeTruthy();
  });

  it('never hands out a live address twice on one subnet', async () => {
    await db.ipAllocation.create({ data: { subnetId: 's1', address: '10.0.0.10', purpose: 'management' } });
    await expect(
      db.ipAllocation.create({ data: { subnetId: 's1', address: '10.0.0.10', purpose: 'ahv' } }),
    ).rejects.toThrow();
  });
});
