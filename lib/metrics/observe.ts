import { metrics } from './registry';

/** Counts one boot request. kind: config | server | image | script | other; status: the HTTP status. */
export function countBootRequest(kind: string, status: number | string) {
  metrics().bootRequests.inc({ kind, status: String(status) });
}

/**
 * Counts one IBM Cloud API call. status: the HTTP status, or a word such as 'network_error' /
 * 'timeout' when there was no response. Statuses >= 400 and words count as errors too.
 */
export function observeCloudCall(service: string, operation: string, status: number | string) {
  const labels = { service, operation, status: String(status) };
  const m = metrics();
  m.cloudCalls.inc(labels);
  const failed = typeof status === 'number' ? status >= 400 : !/^\d+$/.test(status) || Number(status) >= 400;
  if (failed) m.cloudErrors.inc(labels);
}
