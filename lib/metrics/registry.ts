import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { collectDatabaseGauges } from './db-gauges';

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nvo_' });
  const opts = { registers: [registry] };
  return {
    registry,
    httpDuration: new Histogram({
      ...opts,
      name: 'nvo_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    phaseDuration: new Histogram({
      ...opts,
      name: 'nvo_phase_duration_seconds',
      help: 'Duration of completed install phases',
      labelNames: ['phase'] as const,
      buckets: [5, 15, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600],
    }),
    bootRequests: new Counter({
      ...opts,
      name: 'nvo_boot_requests_total',
      help: 'Boot requests (script, installer config, images, scripts) by kind and HTTP status',
      labelNames: ['kind', 'status'] as const,
    }),
    cloudCalls: new Counter({
      ...opts,
      name: 'nvo_cloud_api_calls_total',
      help: 'IBM Cloud API calls by service, operation and status',
      labelNames: ['service', 'operation', 'status'] as const,
    }),
    cloudErrors: new Counter({
      ...opts,
      name: 'nvo_cloud_api_errors_total',
      help: 'IBM Cloud API calls that failed (HTTP status >= 400 or a network error)',
      labelNames: ['service', 'operation', 'status'] as const,
    }),
    nodes: new Gauge({ ...opts, name: 'nvo_nodes', help: 'Nodes by status', labelNames: ['status'] as const }),
    deployments: new Gauge({
      ...opts,
      name: 'nvo_deployments',
      help: 'Deployments (workflow runs) by kind and status',
      labelNames: ['kind', 'status'] as const,
    }),
    queueDepth: new Gauge({
      ...opts,
      name: 'nvo_job_queue_depth',
      help: 'Jobs waiting (created or retry) per pg-boss queue',
      labelNames: ['queue'] as const,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { nvoMetrics?: Metrics };

/** The process-wide metrics (one registry even when Next bundles this module more than once). */
export function metrics(): Metrics {
  globalForMetrics.nvoMetrics ??= createMetrics();
  return globalForMetrics.nvoMetrics;
}

/** Prometheus text exposition, with the database-backed gauges refreshed first. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  await collectDatabaseGauges(m);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
