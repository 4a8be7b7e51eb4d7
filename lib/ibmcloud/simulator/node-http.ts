import { redactUrl as redact } from '@/lib/log/logger';

/**
 * HTTP as a virtual node does it: every request carries the node token, 5xx and network errors
 * are retried a few times with backoff (like a firmware retry loop), and a 4xx halts the node.
 */
export class NodeHalted extends Error {}

const RETRIES = 4;
const TIMEOUT_MS = 15_000;

export class NodeHttp {
  token?: string;

  constructor(private readonly signal: AbortSignal, private readonly fetchImpl: typeof fetch) {}

  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) return reject(this.signal.reason);
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    headers.set('user-agent', 'iPXE/1.21.1 (nvo-virtual-node)');
    let lastError = '';
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await this.sleep(Math.min(8000, 250 * 2 ** attempt));
      try {
        const res = await this.fetchImpl(url, { ...init, headers, signal: AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)]), redirect: 'follow' });
        if (res.status >= 500) {
          lastError = `${init.method ?? 'GET'} ${redact(url)} answered ${res.status}`;
          await res.body?.cancel();
          continue;
        }
        if (res.status >= 400) {
          await res.body?.cancel();
          throw new NodeHalted(`${init.method ?? 'GET'} ${redact(url)} answered ${res.status}`);
        }
        return res;
      } catch (err) {
        if (err instanceof NodeHalted || this.signal.aborted) throw err;
        lastError = `${init.method ?? 'GET'} ${redact(url)} failed: ${(err as Error).message}`;
      }
    }
    throw new NodeHalted(`${lastError} (gave up after ${RETRIES + 1} attempts)`);
  }

  async getText(url: string): Promise<string> {
    return (await this.request(url, { method: 'GET' })).text();
  }

  async getJson(url: string): Promise<unknown> {
    const res = await this.request(url, { method: 'GET', headers: { accept: 'application/json' } });
    try {
      return await res.json();
    } catch {
      throw new NodeHalted(`${redact(url)} did not answer JSON`);
    }
  }

  /**
   * Proves an image is there the cheap way: a ranged GET of its first 64 KiB (recorded by the
   * boot routes like any download), falling back to HEAD where ranges are refused.
   */
  async probe(url: string): Promise<void> {
    try {
      const res = await this.request(url, { method: 'GET', headers: { range: 'bytes=0-65535' } });
      await res.body?.cancel();
    } catch (err) {
      if (!(err instanceof NodeHalted) || !/answered 416/.test(err.message)) throw err;
      await this.request(url, { method: 'HEAD' });
    }
  }

  async postJson(url: string, body: unknown): Promise<void> {
    const res = await this.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.body?.cancel();
  }
}
