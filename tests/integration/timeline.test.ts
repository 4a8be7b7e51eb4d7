import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { listEvents, recordEvent } from '@/lib/status/timeline';
import { resetDatabase } from '../helpers/db';

describe('timeline', () => {
  beforeEach(resetDatabase);

  it('records a retried event with the same idempotency key once', async () => {
    const node = await db.node.create({ data: { name: 'n1', serverProfile: 'bx2d-metal-96x384' } });
    const event = { nodeId: node.id, phase: 'ipxe_boot', status: 'completed', source: 'node' as const, idempotencyKey: 'k1' };
    expect(await recordEvent(event)).toBe(true);
    expect(await recordEvent(event)).toBe(false);
    expect(await recordEvent({ ...event, idempotencyKey: undefined })).toBe(true);
    expect(await listEvents({ nodeId: node.id })).toHaveLength(2);
  });
});
