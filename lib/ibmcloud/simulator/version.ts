import { SimError } from './http';

/**
 * Every VPC call needs `version=YYYY-MM-DD` (>= 2019-01-01, not in the future) and
 * `generation=2` (docs/reference/ibmcloud-api.md §2, §8).
 */
export function checkVersionParams(query: URLSearchParams, nowMs: number) {
  const version = query.get('version');
  if (!version) throw new SimError(400, 'missing_version', 'The version query parameter is required', { name: 'version', type: 'parameter' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version) || Number.isNaN(Date.parse(`${version}T00:00:00Z`))) {
    throw new SimError(400, 'invalid_version', 'version must be a date in the format YYYY-MM-DD', { name: 'version', type: 'parameter', value: version });
  }
  const date = Date.parse(`${version}T00:00:00Z`);
  if (date < Date.parse('2019-01-01T00:00:00Z') || date > nowMs) {
    throw new SimError(400, 'invalid_version_range', 'version must be between 2019-01-01 and today', { name: 'version', type: 'parameter', value: version });
  }
  const generation = query.get('generation');
  if (!generation) throw new SimError(400, 'missing_generation_parameter', 'The generation query parameter is required', { name: 'generation', type: 'parameter' });
  if (generation !== '2') {
    throw new SimError(400, 'invalid_generation_parameter', 'generation must be 2', { name: 'generation', type: 'parameter', value: generation });
  }
}
