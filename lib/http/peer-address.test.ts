import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_HEADER, stampPeerAddress } from './peer-address';

describe('stampPeerAddress', () => {
  let seen: { headers: IncomingHttpHeaders; raw: string[] } | undefined;
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    seen = { headers: req.headers, raw: req.rawHeaders };
    res.end();
  });
  let port = 0;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  async function send(headers: Record<string, string | string[]>) {
    const req = request({ host: '127.0.0.1', port, headers });
    req.end();
    const [res] = await once(req, 'response');
    res.resume();
    await once(res, 'end');
    return seen!;
  }

  it('sets the TCP peer address when the client sent none', async () => {
    const { headers, raw } = await send({});
    expect(headers[PEER_HEADER]).toBe('127.0.0.1');
    expect(raw.filter((_, i) => i % 2 === 0 && raw[i].toLowerCase() === PEER_HEADER)).toHaveLength(1);
  });

  it('replaces every client-sent copy, whatever its case', async () => {
    const { headers, raw } = await send({ 'X-Nvo-Peer-Addr': ['6.6.6.6', '7.7.7.7'] });
    expect(headers[PEER_HEADER]).toBe('127.0.0.1');
    const values = raw.flatMap((v, i) => (i % 2 === 0 && v.toLowerCase() === PEER_HEADER ? [raw[i + 1]] : []));
    expect(values).toEqual(['127.0.0.1']);
  });
});
