import type { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { profileSummary } from './profiles';
import type { validateNodeConfigSchema } from './schemas';
import { storageConfig } from './storage-templates';
import { checkNodeRequest } from './validate';
import { estimatedInstallSeconds } from './estimate';

/**
 * POST /api/web/validate-node-config: the form's inline check. Invalid → 422 with field errors;
 * valid → the preview the Python original showed (docs/reference/original-detailed.md §1.8) (profile summary, storage layout, role, estimate).
 */
export async function validateNodeConfig(input: z.output<typeof validateNodeConfigSchema>) {
  const { errors, checked } = await checkNodeRequest(
    {
      namePattern: input.node_name,
      count: input.count,
      startIndex: input.start_index,
      serverProfile: input.server_profile,
      storageTemplate: input.storage_template,
      clusterRole: input.cluster_role,
    },
    '',
  );
  if (!checked) throw new ValidationError('The node configuration is invalid', errors);
  return {
    valid: true,
    preview: {
      node_names: checked.names,
      server_profile: checked.profile.name,
      cluster_role: checked.clusterRole,
      cluster_operation: input.cluster_operation ?? 'create_new',
      storage_config: storageConfig(checked.profile, checked.template),
      profile_summary: profileSummary(checked.profile),
      estimated_deployment_seconds: estimatedInstallSeconds(),
    },
  };
}
