/** Carbon Tag colour of each node status. */
export const STATUS_TAG: Record<string, 'gray' | 'blue' | 'green' | 'red' | 'magenta' | 'purple' | 'cool-gray' | 'teal'> = {
  pending: 'gray',
  provisioning: 'blue',
  deploying: 'teal',
  reinitializing: 'teal',
  deployed: 'green',
  failed: 'red',
  stuck: 'magenta',
  cleaning: 'purple',
  cleaned: 'cool-gray',
};

export const FILTERABLE_STATUSES = ['provisioning', 'deploying', 'deployed', 'failed', 'stuck', 'cleaning', 'cleaned'] as const;
