/**
 * Every node status and what it means: the one table boot, reports, clusters, cleanup,
 * provisioning and the console read. Each list of statuses elsewhere is derived from it.
 * How nodes move between statuses: lib/status/README.md.
 */
export type StatusTagColour = 'gray' | 'blue' | 'green' | 'red' | 'magenta' | 'purple' | 'cool-gray' | 'teal';

export interface NodeStatusMeaning {
  label: string;
  /** Carbon Tag colour in the console. */
  tag: StatusTagColour;
  /** Boot may serve the installer (until the hypervisor is on disk) and phase reports are accepted. */
  installable: boolean;
  /** An install is under way and not stalled: deleting its cluster needs force; it may be picked for a new cluster. */
  installing: boolean;
  /** An install started and has not ended: the dashboard's active installs. */
  inFlight: boolean;
  /** May be, or stay, a cluster member. */
  usable: boolean;
  /** Terminal: cleanup took it over; its token is dead, it cannot be reinitialized. */
  retired: boolean;
  /** May have left cloud resources behind that a cleanup should release. */
  needsCleanup: boolean;
  /** A new node may take its name (the partial unique index Node_live_name_key agrees). */
  releasesName: boolean;
  /** Written only by the Python system this app replaces (docs/reference/original-detailed.md §2.9); not counted. */
  legacy: boolean;
  /** Offered in the nodes list's status filter. */
  filterable: boolean;
}

const no = {
  installable: false, installing: false, inFlight: false, usable: false, retired: false,
  needsCleanup: false, releasesName: false, legacy: false, filterable: true,
};

export const NODE_STATUS_TABLE = {
  /** The column default; a provision creates its nodes `provisioning`. */
  pending: { ...no, label: 'Pending', tag: 'gray', installable: true, installing: true, usable: true, filterable: false },
  provisioning: { ...no, label: 'Provisioning', tag: 'blue', installable: true, installing: true, inFlight: true, usable: true },
  deploying: { ...no, label: 'Deploying', tag: 'teal', installable: true, installing: true, inFlight: true, usable: true },
  deployed: { ...no, label: 'Deployed', tag: 'green', usable: true },
  failed: { ...no, label: 'Failed', tag: 'red', needsCleanup: true, releasesName: true },
  stuck: { ...no, label: 'Stuck', tag: 'magenta', installable: true, inFlight: true, usable: true, needsCleanup: true },
  reinitializing: { ...no, label: 'Reinitializing', tag: 'teal', usable: true, legacy: true, filterable: false },
  cleaning: { ...no, label: 'Cleaning', tag: 'purple', retired: true },
  cleaned: { ...no, label: 'Cleaned', tag: 'cool-gray', retired: true, releasesName: true },
} as const satisfies Record<string, NodeStatusMeaning>;

export type NodeStatus = keyof typeof NODE_STATUS_TABLE;
type Flag = { [K in keyof NodeStatusMeaning]: NodeStatusMeaning[K] extends boolean ? K : never }[keyof NodeStatusMeaning];

/** Every status, in lifecycle order. */
export const ALL_NODE_STATUSES = Object.keys(NODE_STATUS_TABLE) as [NodeStatus, ...NodeStatus[]];

function meaningOf(status: string): NodeStatusMeaning | undefined {
  return Object.hasOwn(NODE_STATUS_TABLE, status) ? NODE_STATUS_TABLE[status as NodeStatus] : undefined;
}

/** The statuses with `flag` set. */
export function statusesWhere(flag: Flag): NodeStatus[] {
  return ALL_NODE_STATUSES.filter((s) => NODE_STATUS_TABLE[s][flag]);
}

/** The statuses without `flag` (for `notIn` queries). */
export function statusesWhereNot(flag: Flag): NodeStatus[] {
  return ALL_NODE_STATUSES.filter((s) => !NODE_STATUS_TABLE[s][flag]);
}

/** Whether `status` has `flag`; unknown statuses have none. */
export function statusIs(status: string, flag: Flag): boolean {
  return meaningOf(status)?.[flag] ?? false;
}

export const isInstallable = (status: string) => statusIs(status, 'installable');

/** Statuses the dashboard counts and the metrics export (every one this app writes). */
export const COUNTED_NODE_STATUSES = statusesWhereNot('legacy');

export function statusLabel(status: string): string {
  return meaningOf(status)?.label ?? status;
}

export function statusTag(status: string): StatusTagColour {
  return meaningOf(status)?.tag ?? 'gray';
}
