import net from 'node:net';

export interface Download {
  status: number;
  /** Body bytes received. */
  bytes: number;
  /** Content-Length the server announced (-1 when it sent none). */
  length: number;
  /**
   * The body came with chunked framing (`bytes` then counts the framing too, a few bytes per
   * chunk), and `terminated` says whether it ended with the last chunk.
   */
  chunked: boolean;
  terminated: boolean;
  ms: number;
}

/**
 * One GET over its own connection that throws the body away as cheaply as Node can: the socket
 * reads into one reused 1 MiB buffer (net's `onread`), so there is no allocation, stream or
 * parser work per chunk and the client costs far less than either server it measures. Resolves
 * when Content-Length body bytes arrived or the server closed the connection (Connection: close).
 */
export function download(port: number, pathname: string, headers: Record<string, string> = {}): Promise<Download> {
  const started = performance.now();
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  return new Promise((resolve, reject) => {
    let head: Buffer | null = Buffer.alloc(0);
    let status = 0;
    let length = -1;
    let chunked = false;
    let tail = '';
    let bytes = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ status, bytes, length, chunked, terminated: chunked && tail.endsWith('\r\n0\r\n\r\n'), ms: performance.now() - started });
    };
    const socket = net.connect({
      host: '127.0.0.1',
      port,
      onread: {
        buffer,
        callback(n: number, buf: Uint8Array) {
          if (head) {
            head = Buffer.concat([head, buf.subarray(0, n)]);
            const end = head.indexOf('\r\n\r\n');
            if (end < 0) return true;
            const lines = head.subarray(0, end).toString('latin1').split('\r\n');
            status = Number(lines[0].split(' ')[1]);
            const cl = lines.find((l) => /^content-length:/i.test(l));
            length = cl ? Number(cl.slice(cl.indexOf(':') + 1)) : -1;
            chunked = lines.some((l) => /^transfer-encoding:\s*chunked/i.test(l));
            bytes = head.length - end - 4;
            if (chunked) tail = head.subarray(Math.max(end + 4, head.length - 16)).toString('latin1');
            head = null;
          } else {
            bytes += n;
            if (chunked) tail = (tail + Buffer.from(buf.buffer, buf.byteOffset + Math.max(0, n - 16), Math.min(n, 16)).toString('latin1')).slice(-16);
          }
          if (length >= 0 && bytes >= length) finish();
          return true;
        },
      },
    });
    socket.on('connect', () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${extra}\r\n`);
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
  });
}
