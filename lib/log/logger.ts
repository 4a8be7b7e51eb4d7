import pino, { type Logger } from 'pino';
import { logLevel } from '@/lib/config/runtime';

export type { Logger };

/** Paths pino blanks out wherever they appear, so secrets never reach the logs. */
export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'apiKey', '*.apiKey', 'secret', '*.secret',
  'authorization', '*.authorization', 'headers.authorization', 'headers.cookie', '*.headers.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'passwordHash', '*.passwordHash',
  'tokenHash', '*.tokenHash', 'bootTokenHash', '*.bootTokenHash', 'user_data', '*.user_data',
];

/** Query-string secrets (`token=...`) are cut out of any URL before it is logged. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|api_key|apikey|password)=)[^&#\s]*/gi, '$1[REDACTED]')
    .replace(/\bnv[on]_[A-Za-z0-9_-]{8,}/g, '[REDACTED]');
}

const globalForLog = globalThis as unknown as { logger?: Logger };

/**
 * stdout without a synchronous write per line: lines written while a write is in flight are
 * coalesced into the next one (what is left is flushed at exit), so logging stays off the request path.
 */
function asyncStdout(): pino.DestinationStream {
  const dest = pino.destination({ dest: 1, sync: false });
  process.once('exit', () => {
    try {
      dest.flushSync();
    } catch {
      // not open yet or already closed: nothing to flush
    }
  });
  return dest;
}

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: logLevel(),
      base: { service: 'nutanix-vpc-orchestrator' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? asyncStdout(),
  );
}

export const logger: Logger = (globalForLog.logger ??= createLogger());
