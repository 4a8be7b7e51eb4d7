import type { z } from 'zod';
import type { Requirement } from '@/lib/auth/identity';
import { auditQuerySchema } from '@/lib/audit/schemas';
import { registerBootImageSchema } from '@/lib/boot/schemas';
import { createTokenSchema, createUserSchema, updateUserSchema } from '@/lib/auth/schemas';
import { batchCleanupSchema, cleanupStatusQuerySchema, findingsQuerySchema, orphanSweepSchema } from '@/lib/cleanup/schemas';
import { createClusterRequest, deleteClusterQuery } from '@/lib/clusters/schemas';
import { databaseExportQuery, databaseTableQuery } from '@/lib/db/schemas';
import { createDnsRecordSchema, listDnsRecordsQuerySchema } from '@/lib/dns/schemas';
import {
  dryRunQuerySchema, listNodesQuerySchema, profileQuerySchema, profileStorageQuerySchema,
  provisionRequestSchema, reinitializeSchema, validateNodeConfigSchema,
} from '@/lib/provisioning/schemas';
import {
  activityQuery, deploymentsQuery, eventsQuery, installationStatusSchema, installerStatusSchema, phaseCallbackSchema, serverIpQuery,
} from '@/lib/status/schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';

/** One documented API operation. The OpenAPI test checks this list against app/**\/route.ts. */
export interface ApiOperation {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  auth: Requirement;
  body?: z.ZodType;
  query?: z.ZodType;
  deprecated?: boolean;
  /** Response media type when not JSON. */
  produces?: string;
}

const op = (method: HttpMethod, path: string, tag: string, auth: Requirement, summary: string, extra: Partial<ApiOperation> = {}): ApiOperation =>
  ({ method, path, tag, auth, summary, ...extra });

export const API_OPERATIONS: ApiOperation[] = [
  op('get', '/health', 'System', 'public', 'Liveness and readiness: database state, version, mode'),
  op('get', '/api/info', 'System', 'viewer', 'Version, mode, region, and the simulator endpoints in simulation mode'),
  op('get', '/api/metrics', 'System', 'public', 'Prometheus metrics (METRICS_TOKEN, METRICS_ALLOW or an admin)', { produces: 'text/plain' }),
  op('get', '/api/openapi.json', 'System', 'public', 'This OpenAPI document'),

  op('post', '/api/tokens', 'Identity', 'viewer', 'Create an API token (session or HTTP Basic); the token is shown once', { body: createTokenSchema }),
  op('get', '/api/tokens', 'Identity', 'viewer', 'List API tokens (own; admins see all)'),
  op('delete', '/api/tokens/{id}', 'Identity', 'viewer', 'Revoke an API token'),
  op('get', '/api/users', 'Identity', 'admin', 'List users'),
  op('post', '/api/users', 'Identity', 'admin', 'Create a user with a role', { body: createUserSchema }),
  op('get', '/api/users/{id}', 'Identity', 'admin', 'One user'),
  op('patch', '/api/users/{id}', 'Identity', 'admin', 'Change role, name, password or disable', { body: updateUserSchema }),
  op('delete', '/api/users/{id}', 'Identity', 'admin', 'Delete a user'),
  op('get', '/api/audit', 'Identity', 'operator', 'Audit log: filters; numbered pages (offset, limit, sort, order) or a keyset cursor (newest first); CSV with format=csv. Answers carry total (every match), offset, limit, sort and order.', { query: auditQuerySchema }),

  op('post', '/api/config/nodes', 'Provisioning', 'operator', 'Provision one node or N nodes by name pattern; dry_run=true returns the plan', { body: provisionRequestSchema, query: dryRunQuerySchema }),
  op('get', '/api/config/nodes', 'Provisioning', 'viewer', 'List nodes: status filter, search by name or IP; numbered pages (offset, limit, sort, order) or a keyset cursor (newest first). Answers carry total (every match), offset, limit, sort and order.', { query: listNodesQuerySchema }),
  op('get', '/api/config/nodes/{id}', 'Provisioning', 'viewer', 'A node with IPs, cloud ids and its current deployment'),
  op('get', '/api/config/nodes/{id}/chain-url', 'Provisioning', 'admin', "The node's chain URL (carries its boot token); every read is audited"),
  op('post', '/api/reinitialize', 'Provisioning', 'operator', 'Reinstall a node by node_id or mgmt_ip (query or body); rotates its boot token', { body: reinitializeSchema }),
  op('post', '/api/config/nodes/{id}/reinitialize', 'Provisioning', 'operator', 'Deprecated alias of POST /api/reinitialize', { deprecated: true }),
  op('get', '/api/web/database-tables', 'Database', 'admin', "The app's own tables (Prisma models, named as in the schema) with row counts"),
  op('get', '/api/web/database-schema', 'Database', 'admin', 'Columns and types of every viewable table; secret columns are left out'),
  op('get', '/api/web/database-table', 'Database', 'admin', 'One page of a table, sorted by a column (sort=name or sort=-name); 400 for an unknown table', { query: databaseTableQuery }),
  op('get', '/api/web/database-export', 'Database', 'admin', 'A whole table as CSV, streamed', { query: databaseExportQuery, produces: 'text/csv' }),
  op('get', '/api/web/server-profiles', 'Provisioning', 'viewer', 'Bare-metal profiles known to the orchestrator'),
  op('get', '/api/web/storage-templates', 'Provisioning', 'viewer', 'Storage templates'),
  op('get', '/api/web/profile-details', 'Provisioning', 'viewer', 'One profile with its drives', { query: profileQuerySchema }),
  op('get', '/api/web/profile-storage-config', 'Provisioning', 'viewer', 'Storage layout of a profile with a template', { query: profileStorageQuerySchema }),
  op('post', '/api/web/validate-node-config', 'Provisioning', 'viewer', 'Validate a node configuration without provisioning', { body: validateNodeConfigSchema }),

  op('post', '/api/config/clusters', 'Clusters', 'operator', 'Form a cluster from nodes, or provision N new nodes for it', { body: createClusterRequest }),
  op('get', '/api/config/clusters', 'Clusters', 'viewer', 'List clusters'),
  op('get', '/api/config/clusters/{id}', 'Clusters', 'viewer', 'A cluster with its members'),
  op('delete', '/api/config/clusters/{id}', 'Clusters', 'operator', 'Delete a cluster (force=true while members deploy)', { query: deleteClusterQuery }),
  op('post', '/api/config/clusters/{id}/retry', 'Clusters', 'operator', 'Retry a failed formation'),
  op('get', '/api/config/clusters/{id}/events', 'Clusters', 'viewer', 'Timeline of a cluster'),

  op('get', '/api/dns/records', 'DNS', 'viewer', 'Tracked A and PTR records of the zone with their owner (node, cluster, manual); numbered pages (offset, limit up to 1000, the default; sort, order). Answers carry total (every match), offset, limit, sort and order.', { query: listDnsRecordsQuerySchema }),
  op('post', '/api/dns/records', 'DNS', 'operator', 'Create a manual A or PTR record in the zone', { body: createDnsRecordSchema }),
  op('get', '/api/dns/records/{name}', 'DNS', 'viewer', 'The tracked record a name means (relative name, FQDN, address or in-addr.arpa name)'),
  op('delete', '/api/dns/records/{name}', 'DNS', 'operator', 'Delete a manual record (node and cluster records go with their owner)'),

  op('post', '/api/cleanup/node/{id}', 'Cleanup', 'operator', 'Start the durable, ledger-driven cleanup of a node'),
  op('post', '/api/cleanup/resources/{id}/release', 'Cleanup', 'admin', 'Release a ledger row whose resource is confirmed gone from the cloud (409 while it exists); frees a reserved name'),
  op('post', '/api/cleanup/deployment/{id}', 'Cleanup', 'operator', "Clean up a deployment's node (or its cluster's members)"),
  op('post', '/api/cleanup/batch', 'Cleanup', 'operator', 'Clean up nodes, deployments and drift findings; per-target results (207 when some fail)', { body: batchCleanupSchema }),
  op('post', '/api/cleanup/orphaned', 'Cleanup', 'operator', 'Reconcile, then list (default) or, with dry_run=false, clean failed nodes and provably-our orphans older than max_age_hours; stuck nodes and foreign resources are only reported (the Python orchestrator this replaces swept by default, by name)', { body: orphanSweepSchema }),
  op('get', '/api/cleanup/status', 'Cleanup', 'viewer', 'Running and recent cleanups, counts; or one node (node_name) or deployment', { query: cleanupStatusQuerySchema }),
  op('get', '/api/cleanup/validate/{id}', 'Cleanup', 'viewer', 'Re-read the cloud for everything a node had: what is still there'),
  op('get', '/api/cleanup/script/{id}', 'Cleanup', 'viewer', 'Bash script (ibmcloud CLI) deleting exactly what the ledger lists, for a node or deployment id', { produces: 'text/x-shellscript' }),
  op('get', '/api/cleanup/plan/{id}', 'Cleanup', 'viewer', 'What a cleanup of the node would delete now'),
  op('get', '/api/cleanup/findings', 'Cleanup', 'viewer', 'Drift findings with age and cost hint; CSV with format=csv', { query: findingsQuerySchema }),
  op('post', '/api/cleanup/findings/{id}/acknowledge', 'Cleanup', 'operator', 'Acknowledge a drift finding'),
  op('post', '/api/cleanup/findings/{id}/cleanup', 'Cleanup', 'operator', 'Clean up what a drift finding names'),
  op('post', '/api/cleanup/reconcile', 'Cleanup', 'operator', 'Run the cloud-vs-ledger drift reconciliation now'),

  op('post', '/api/status/phase', 'Status', 'node', 'Installer phase callback (node token)', { body: phaseCallbackSchema }),
  op('post', '/api/status', 'Status', 'node', 'Overall installer status (node token)', { body: installerStatusSchema }),
  op('post', '/api/installation/status', 'Status', 'node', "The installer's numbered phases 1-8 and log lines (node token)", { body: installationStatusSchema }),
  op('get', '/api/status/stream', 'Status', 'viewer', 'Live updates as server-sent events: event deployment|node|cluster with ids as data, reset after a reconnect', { produces: 'text/event-stream' }),
  op('get', '/api/status/nodes/{id}', 'Status', 'viewer', 'Deployment status of a node: phase, progress, ETA, timeout'),
  op('get', '/api/status/deployment/{ip}', 'Status', 'viewer', 'Deployment status by server IP'),
  op('get', '/api/status/history', 'Status', 'viewer', 'Timeline by server IP', { query: serverIpQuery }),
  op('get', '/api/status/history/{id}', 'Status', 'viewer', 'Timeline of a node'),
  op('get', '/api/status/summary', 'Status', 'viewer', 'Counts by status and phase, success rate, phase durations, stuck nodes'),
  op('get', '/api/status/events', 'Status', 'viewer', 'Recent timeline events', { query: eventsQuery }),
  op('get', '/api/status/activity', 'Status', 'viewer', 'Deployments over time', { query: activityQuery }),
  op('get', '/api/deployments', 'Status', 'viewer', 'Every workflow run: filters; numbered pages (offset, limit, sort, order) or a keyset cursor (newest first); CSV with format=csv. Answers carry total (every match), offset, limit, sort and order.', { query: deploymentsQuery }),

  op('get', '/api/boot-images', 'Boot', 'admin', 'Boot image catalog, with which files are missing on disk'),
  op('post', '/api/boot-images', 'Boot', 'admin', 'Register a boot image (size and SHA-256 checked against the file)', { body: registerBootImageSchema }),
  op('delete', '/api/boot-images/{name}', 'Boot', 'admin', 'Remove a boot image from the catalog'),
  op('get', '/boot/config', 'Boot', 'node', 'iPXE script for a node (node_id or mgmt_ip, and its token)', { produces: 'text/plain' }),
  op('get', '/boot/server/{ip}', 'Boot', 'node', 'Installer configuration of the node with this management IP'),
  op('get', '/boot/images/{file}', 'Boot', 'node', 'Boot image, streamed, with Range and ETag', { produces: 'application/octet-stream' }),
  op('head', '/boot/images/{file}', 'Boot', 'node', 'Boot image headers (size, ETag)', { produces: 'application/octet-stream' }),
  op('get', '/boot/scripts/{name}', 'Boot', 'node', 'Installer-side script rendered with the node\'s values', { produces: 'text/plain' }),
];
