import { onReset, subscribe, type BusTopic } from '@/lib/bus';

/** Topics forwarded to browsers: what the status pages show. */
export const LIVE_TOPICS: BusTopic[] = ['deployment', 'node', 'cluster'];
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the console (GET /api/status/stream): every bus message of the live
 * topics becomes `event: <topic>` with its ids as data; `event: reset` after the bus reconnected
 * (messages may have been missed, refetch everything). A comment line every 15 s keeps proxies
 * from closing an idle stream. Ends when the client goes away.
 */
export function liveEventStream(signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  const close = () => {
    while (cleanups.length) cleanups.pop()!();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      // The first bytes tell EventSource the stream is open; `retry` sets its reconnect delay.
      send('retry: 2000\n: connected\n\n');
      for (const topic of LIVE_TOPICS) {
        cleanups.push(subscribe(topic, (m) => send(`event: ${topic}\ndata: ${JSON.stringify(m.data)}\n\n`)));
      }
      cleanups.push(onReset(() => send('event: reset\ndata: {}\n\n')));
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      cleanups.push(() => clearInterval(heartbeat));
      signal.addEventListener('abort', () => {
        close();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel: close,
  });
}
