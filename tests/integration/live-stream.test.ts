import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as streamApi } from '@/app/api/status/stream/route';
import { startBus, stopBus } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/status/timeline';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

/** Reads server-sent events from a response body until one matches. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, buffer: { text: string }, match: (event: string, data: string) => boolean) {
  const decoder = new TextDecoder();
  for (;;) {
    const blocks = buffer.text.split('\n\n');
    buffer.text = blocks.pop()!;
    for (const block of blocks) {
      const event = block.match(/^event: (.*)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (event && data !== undefined && match(event, data)) return { event, data: JSON.parse(data) };
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer.text += decoder.decode(value, { stream: true });
  }
}

describe('GET /api/status/stream (server-sent events)', () => {
  beforeEach(resetDatabase);
  afterAll(stopBus);

  it('is for signed-in users only', async () => {
    expect((await streamApi(request('/api/status/stream'))).status).toBe(401);
  });

  it('announces a timeline event of a node as it is written', async () => {
    await startBus();
    const { token } = await userWithToken('viewer');
    const node = await db.node.create({ data: { name: 'live-1', serverProfile: 'bx2d-metal-96x384' } });
    const abort = new AbortController();
    const req = request('/api/status/stream', { token });
    const res = await streamApi(new (req.constructor as typeof Request)(req, { signal: abort.signal }) as typeof req);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    const buffer = { text: '' };
    const { value } = await reader.read();
    buffer.text += new TextDecoder().decode(value);
    // Subscribed: a timeline event for the node arrives as a `deployment` event naming it.
    const started = performance.now();
    await recordEvent({ nodeId: node.id, phase: 'installation', status: 'started', source: 'node', message: 'live' });
    const heard = await nextEvent(reader, buffer, (event) => event === 'deployment');
    expect(heard.data).toMatchObject({ nodeId: node.id });
    expect(performance.now() - started).toBeLessThan(1000);
    abort.abort();
    await reader.cancel();
  });
});
