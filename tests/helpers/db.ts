import { flushBootFetches } from '@/lib/boot/fetch-record';
import { resetLocalState } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { resetLocalBuckets } from '@/lib/http/rate-limit';
import { forgetExpectedDurations } from '@/lib/status/phase-stats';

const DEADLOCK = '40P01';

/** Empties every application table (keeps the migration history). Call in beforeEach. */
export async function resetDatabase() {
  // Boot-fetch telemetry still queued from the previous test goes in before the tables empty.
  await flushBootFetches();
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'Installation')`;
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(', ');
  await truncate(list);
  // Per-process caches and counters describe the rows just removed.
  resetLocalState();
  resetLocalBuckets();
  forgetExpectedDurations();
}

/**
 * TRUNCATE locks the tables one by one, so a statement spanning two of them that the previous
 * test left running (a download finishing after its test, then its telemetry batch) can deadlock
 * with it; PostgreSQL cancels one side, and the truncate simply goes again once that statement is done.
 */
async function truncate(list: string, attempts = 5): Promise<void> {
  try {
    await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
  } catch (err) {
    if (attempts <= 1 || !String((err as { message?: string }).message).includes(DEADLOCK)) throw err;
    await flushBootFetches();
    await truncate(list, attempts - 1);
  }
}
