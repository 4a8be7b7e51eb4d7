import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCloudClient } from '@/lib/ibmcloud/client';
import { CloudError } from '@/lib/ibmcloud/errors';
import { SIM_DEFAULTS, simZoneId } from '@/lib/ibmcloud/simulation-defaults';
import type { RecordedRequest } from '@/lib/ibmcloud/simulator/server';
import { startTestCloud, type TestCloud } from '../helpers/simulator';

/**
 * The simulator's per-API request-rate limit (429 rate_limit_exceeded with Retry-After,
 * docs/reference/ibmcloud-api.md §5.4) and the client's promise never to send a retry before
 * the Retry-After it was given (§5.3), checked on the request times the simulator recorded.
 */
const MGMT = SIM_DEFAULTS.managementSubnet.id;
const DNS_RECORDS = `/dns/v1/instances/${SIM_DEFAULTS.dns.instanceId}/dnszones/${simZoneId('nutanix-ce-poc.cloud')}/resource_records`;
const OFF = { perSecond: 0, burst: 1 };

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
beforeEach(async () => {
  await cloud.json('/control/reset', { method: 'POST' });
  await cloud.setFaults({ rate429: 0, rate500: 0, queue: [], rateLimit: OFF });
});

const recorded = async () => (await cloud.json('/control/requests')).body.requests as RecordedRequest[];
const retryAfterMs = (r: RecordedRequest) => (/^\d+$/.test(r.retryAfter!) ? Number(r.retryAfter) * 1000 : Date.parse(r.retryAfter!) - r.answeredAt);

/** Every answer that carried a Retry-After, paired with the next request for the same URL. */
function retriesAfterRetryAfter(requests: RecordedRequest[], since: number) {
  const mine = requests.filter((r) => r.at >= since);
  const key = (r: RecordedRequest) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`;
  return mine.flatMap((r, i) => {
    if (r.retryAfter === null) return [];
    const next = mine.slice(i + 1).find((n) => key(n) === key(r));
    return [{ answered: r, next, earliest: r.answeredAt + retryAfterMs(r) }];
  });
}

async function bearer(): Promise<string> {
  const res = await fetch(`${cloud.sim.iamUrl}/identity/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: SIM_DEFAULTS.apiKey }),
  });
  return `Bearer ${(await res.json()).access_token}`;
}

describe('simulator rate limit per API', () => {
  it('answers 429 rate_limit_exceeded with Retry-After in IBM shape above the rate, per API, and counts it', async () => {
    const authorization = await bearer();
    const before = (await cloud.json('/control/rate-limit')).body.apis;
    await cloud.setFaults({ rateLimit: { perSecond: 1, burst: 2 } });
    const vpc = () => fetch(`${cloud.sim.vpcUrl}/subnets/${MGMT}?version=2025-01-01&generation=2`, { headers: { authorization } });
    expect((await vpc()).status).toBe(200);
    expect((await vpc()).status).toBe(200);
    const limited = await vpc();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({
      errors: [{ code: 'rate_limit_exceeded', message: 'Too many requests within a short time', more_info: expect.stringContaining('rate_limit_exceeded') }],
      trace: expect.any(String),
      status_code: 429,
    });
    // DNS has its own bucket: the VPC's exhaustion does not touch it.
    expect((await fetch(`${cloud.sim.url}${DNS_RECORDS}`, { headers: { authorization } })).status).toBe(200);
    // IAM too, answering in its own error shape.
    await bearer();
    await bearer();
    const iam = await fetch(`${cloud.sim.iamUrl}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' });
    expect(iam.status).toBe(429);
    expect(iam.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await iam.json()).toMatchObject({ errorCode: 'rate_limit_exceeded', context: { requestId: expect.any(String) } });

    const after = (await cloud.json('/control/rate-limit')).body;
    expect(after).toMatchObject({ perSecond: 1, burst: 2 });
    expect(after.apis.vpc.limited - before.vpc.limited).toBe(1);
    expect(after.apis.vpc.requests - before.vpc.requests).toBe(3);
    expect(after.apis.dns.limited - before.dns.limited).toBe(0);
    expect(after.apis.iam.limited - before.iam.limited).toBe(1);
  });

  it('accepts requests again once the bucket has refilled', async () => {
    const authorization = await bearer();
    await cloud.setFaults({ rateLimit: { perSecond: 2, burst: 1 } });
    const vpc = () => fetch(`${cloud.sim.vpcUrl}/subnets/${MGMT}?version=2025-01-01&generation=2`, { headers: { authorization } });
    expect((await vpc()).status).toBe(200);
    const limited = await vpc();
    expect(limited.status).toBe(429);
    await new Promise((r) => setTimeout(r, Number(limited.headers.get('retry-after')) * 1000));
    expect((await vpc()).status).toBe(200);
  });

  it('rejects a malformed rateLimit on the control endpoint', async () => {
    const res = await cloud.setFaults({ rateLimit: { perSecond: -1, burst: 1 } });
    expect(res.status).toBe(400);
  });
});

describe('client retries honour Retry-After (docs/reference/ibmcloud-api.md §5.3)', () => {
  it('sends no retry of a 429 or 503 before its Retry-After, in seconds or as an HTTP date', async () => {
    // An HTTP date has whole seconds: two to three seconds from now.
    const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
    await cloud.setFaults({
      queue: [
        { status: 429, retryAfter: 2, pathIncludes: '/subnets/' },
        { status: 503, retryAfter: 1, pathIncludes: '/subnets/' },
        { status: 429, retryAfter: date.toUTCString(), pathIncludes: '/subnets/' },
      ],
    });
    const since = Date.now();
    expect((await cloud.client.vpc.getSubnet(MGMT)).id).toBe(MGMT);
    const pairs = retriesAfterRetryAfter(await recorded(), since);
    expect(pairs.map((p) => [p.answered.status, p.answered.retryAfter])).toEqual([[429, '2'], [503, '1'], [429, date.toUTCString()]]);
    for (const { next, earliest } of pairs) {
      expect(next).toBeDefined();
      expect(next!.at).toBeGreaterThanOrEqual(earliest);
    }
    expect(pairs[2].next!.at).toBeGreaterThanOrEqual(date.getTime());
  });

  it('does not retry early when Retry-After is longer than it will wait: it gives up with the hint instead', async () => {
    const client = createCloudClient(cloud.config, { retry: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 1000 } });
    await cloud.setFaults({ queue: [{ status: 429, retryAfter: 2, pathIncludes: '/subnets/' }] });
    const since = Date.now();
    const result = await client.vpc.getSubnet(MGMT).catch((e) => e);
    const pairs = retriesAfterRetryAfter(await recorded(), since);
    expect(pairs).toHaveLength(1);
    if (pairs[0].next) expect(pairs[0].next.at).toBeGreaterThanOrEqual(pairs[0].earliest);
    expect(result).toBeInstanceOf(CloudError);
    expect(result).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000 });
  });

  it('under the simulator rate limit, concurrent calls all succeed and none is retried before its Retry-After', async () => {
    const ips = [];
    for (let i = 0; i < 15; i++) ips.push(await cloud.client.vpc.reserveIp(MGMT, { name: `limited-${i}` }));
    await cloud.setFaults({ rateLimit: { perSecond: 5, burst: 5 } });
    const before = (await cloud.json('/control/rate-limit')).body.apis.vpc.limited;
    const since = Date.now();
    const got = await Promise.all(ips.map((ip) => cloud.client.vpc.getReservedIp(MGMT, ip.id)));
    expect(got.map((ip) => ip.id)).toEqual(ips.map((ip) => ip.id));
    const limited = (await cloud.json('/control/rate-limit')).body.apis.vpc.limited - before;
    expect(limited).toBeGreaterThanOrEqual(10);
    const pairs = retriesAfterRetryAfter(await recorded(), since);
    expect(pairs).toHaveLength(limited);
    for (const { next, earliest } of pairs) {
      expect(next).toBeDefined();
      expect(next!.at).toBeGreaterThanOrEqual(earliest);
    }
  });
});
