import { ConflictError, ValidationError } from '@/lib/errors';
import { defaultDeps } from '@/lib/provisioning/context';
import { provisionNodes } from '@/lib/provisioning/provision';
import type { ProvisionRequest } from '@/lib/provisioning/schemas';
import { checkNodeRequest } from '@/lib/provisioning/validate';
import type { CreateClusterRequest } from './schemas';

/** Provisioning's field names → where the same setting sits in a create-cluster body. */
const FIELD: Record<string, string> = {
  'provision.node_name': 'provision.namePrefix',
  'provision.server_profile': 'provision.serverProfile',
  'provision.storage_template': 'provision.storageTemplate',
};

/**
 * Provisions `count` new nodes named `<prefix>-1..n` through the node provisioning workflow and
 * returns their ids; the cluster's formation then waits for them to be deployed.
 */
export async function provisionClusterMembers(req: CreateClusterRequest, requestedBy: string): Promise<number[]> {
  const p = req.provision!;
  const pattern = `${p.namePrefix ?? req.name}-{n}`;
  const { errors } = await checkNodeRequest({ namePattern: pattern, count: p.count, startIndex: 1, serverProfile: p.serverProfile, storageTemplate: p.storageTemplate }, 'provision.');
  if (errors.length) throw new ValidationError('The new members cannot be provisioned', errors.map((e) => ({ field: FIELD[e.field] ?? e.field, message: e.message })));
  const body: ProvisionRequest = {
    node_config: { node_name: pattern, server_profile: p.serverProfile, storage_template: p.storageTemplate },
    cluster_config: { cluster_type: req.type, cluster_name: req.name, cluster_operation: 'create_new' },
    count: p.count,
    start_index: 1,
  };
  const result = await provisionNodes(body, { dryRun: false, requestedBy }, defaultDeps());
  if (result.dry_run) throw new Error('unexpected dry run');
  if (result.rejected.length) {
    throw new ConflictError(`Some new members could not be created: ${result.rejected.map((r) => r.error).join('; ')}`, { provisioned: result.accepted.map((a) => a.node_name) });
  }
  return result.accepted.map((a) => a.node_id);
}
