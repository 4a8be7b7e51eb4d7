import { db } from './client';

/** True when a trivial query succeeds within `timeoutMs`. */
export async function databaseIsUp(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database check timed out')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const RECENT_MS = 1000;
let recent: { at: number; up: Promise<boolean> } | undefined;

/**
 * databaseIsUp, asked at most once a second per process (concurrent callers share the answer):
 * a load balancer or monitor polling /health must not cost a query each.
 */
export function databaseRecentlyUp(): Promise<boolean> {
  const now = Date.now();
  if (!recent || now - recent.at >= RECENT_MS) recent = { at: now, up: databaseIsUp() };
  return recent.up;
}
