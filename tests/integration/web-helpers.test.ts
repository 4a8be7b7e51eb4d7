import { beforeEach, describe, expect, it } from 'vitest';
import { GET as profileDetails } from '@/app/api/web/profile-details/route';
import { GET as profileStorage } from '@/app/api/web/profile-storage-config/route';
import { GET as serverProfiles } from '@/app/api/web/server-profiles/route';
import { GET as storageTemplates } from '@/app/api/web/storage-templates/route';
import { POST as validateNodeConfig } from '@/app/api/web/validate-node-config/route';
import { db } from '@/lib/db/client';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

describe('/api/web profile helpers', () => {
  let token: string;
  beforeEach(async () => {
    await resetDatabase();
    ({ token } = await userWithToken('viewer'));
  });

  it('lists the known profiles sorted by generation and cores, with real capacities', async () => {
    const res = await serverProfiles(request('/api/web/server-profiles', { token }));
    const { profiles } = await res.json();
    expect(profiles[0]).toMatchObject({ name: 'bx2d-metal-24x96', cpu_cores: 12, storage_capacity: '25.6TB', generation: 'gen2' });
    expect(profiles.find((p: { name: string }) => p.name === 'cx3d-metal-48x128').storage_capacity).toBe('30.72TB');
  });

  it('lists the storage templates', async () => {
    const { templates } = await (await storageTemplates(request('/api/web/storage-templates', { token }))).json();
    expect(templates.map((t: { name: string }) => t.name)).toEqual(['nutanix_default', 'nutanix_reserved', 'nutanix_performance']);
  });

  it('describes a profile, and answers 404 problem for an unknown one and 422 without the parameter', async () => {
    const ok = await profileDetails(request('/api/web/profile-details?profile=mx3d-metal-16x128', { token }));
    expect(await ok.json()).toMatchObject({ compute: { cpu_cores: 8, memory_gb: 128 }, nutanix: { recommended_role: 'storage' } });
    const missing = await profileDetails(request('/api/web/profile-details?profile=nope', { token }));
    expect(missing.status).toBe(404);
    const bad = await profileDetails(request('/api/web/profile-details', { token }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('query.profile');
  });

  it('maps a profile through a template onto NVMe devices', async () => {
    const res = await profileStorage(request('/api/web/profile-storage-config?profile=bx2d-metal-96x384&template=nutanix_performance', { token }));
    const body = await res.json();
    expect(body).toMatchObject({ boot_device: '/dev/nvme0n1', drives_used: 6, drives_reserved: 2, total_drives: 9 });
    expect(body.data_drives).toEqual(['/dev/nvme1n1', '/dev/nvme2n1', '/dev/nvme3n1', '/dev/nvme4n1', '/dev/nvme5n1', '/dev/nvme6n1']);
  });

  it('validates a node configuration with field errors, and previews a valid one', async () => {
    await db.node.create({ data: { name: 'taken', serverProfile: 'cx3d-metal-48x128', status: 'deployed' } });
    const invalid = await validateNodeConfig(
      request('/api/web/validate-node-config', { token, body: { node_name: 'taken', server_profile: 'zz-metal-1x1' } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field)).toEqual(['server_profile']);

    const duplicate = await validateNodeConfig(
      request('/api/web/validate-node-config', { token, body: { node_name: 'taken', server_profile: 'cx3d-metal-48x128' } }),
    );
    expect((await duplicate.json()).errors).toEqual([{ field: 'node_name', message: 'a node named "taken" already exists' }]);

    const badName = await validateNodeConfig(
      request('/api/web/validate-node-config', { token, body: { node_name: 'Bad_Name', server_profile: 'cx3d-metal-48x128' } }),
    );
    expect((await badName.json()).errors[0].field).toBe('node_name');

    const ok = await validateNodeConfig(
      request('/api/web/validate-node-config', {
        token,
        body: { node_name: 'ntnx-{n}', count: 3, server_profile: 'cx3d-metal-48x128', storage_template: 'nutanix_reserved' },
      }),
    );
    expect(ok.status).toBe(200);
    const { preview } = await ok.json();
    expect(preview.node_names).toEqual(['ntnx-1', 'ntnx-2', 'ntnx-3']);
    expect(preview.storage_config.drives_used).toBe(3);
    expect(preview.cluster_role).toBe('compute-storage');
  });
});
