import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { POST as createUser } from '@/app/api/users/route';
import { POST as reinitialize } from '@/app/api/reinitialize/route';
import { resetConfigForTests } from '@/lib/config';
import { resetDatabase } from '../helpers/db';
import { request } from '../helpers/request';
import { userWithToken } from '../helpers/users';

const MiB = 1_048_576;
const padded = (bytes: number) => JSON.stringify({ email: 'big@example.test', name: 'x'.repeat(bytes) });

function streamed(url: string, token: string, text: string) {
  // No Content-Length: the body arrives as a stream (chunked), so only reading can tell its size.
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
      controller.close();
    },
  });
  const init = { method: 'POST', body, duplex: 'half', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
  return new NextRequest(new URL(url, 'http://localhost:3000'), init as ConstructorParameters<typeof NextRequest>[1]);
}

describe('request body size', () => {
  beforeEach(resetDatabase);
  afterEach(() => {
    delete process.env.MAX_REQUEST_BODY_BYTES;
    resetConfigForTests();
  });

  it('answers 413 problem+json past 1 MiB, declared or streamed, and still reads bodies under it', async () => {
    const { token } = await userWithToken('admin');
    const big = padded(MiB + 10);
    const declared = await createUser(request('/api/users', { token, body: big, headers: { 'content-length': String(big.length) } }));
    expect(declared.status).toBe(413);
    expect(declared.headers.get('content-type')).toBe('application/problem+json');
    expect((await declared.json()).detail).toContain('1048576');
    expect((await createUser(streamed('/api/users', token, padded(2 * MiB)))).status).toBe(413);
    expect((await reinitialize(streamed('/api/reinitialize', token, JSON.stringify({ node_id: 1, pad: 'x'.repeat(MiB) })))).status).toBe(413);
    // Under the cap the body is read as before (422 here: name is too long for the schema).
    expect((await createUser(streamed('/api/users', token, padded(1000)))).status).toBe(422);
  });

  it('takes the cap from MAX_REQUEST_BODY_BYTES', async () => {
    process.env.MAX_REQUEST_BODY_BYTES = '2048';
    resetConfigForTests();
    const { token } = await userWithToken('admin');
    expect((await createUser(request('/api/users', { token, body: padded(3000) }))).status).toBe(413);
  });
});
