import { flushBootFetches } from '@/lib/boot/fetch-record';
import { resetLocalState } from '@/lib/bus';
import { db } from '@/lib/db/client';
import { resetLocalBuckets } from '@/lib/http/rate-limit';
import { forgetExpectedDurations } from '@/lib/status/phase-stats';

/** Empties every application table (keeps the migration history). Call in beforeEach. */
export async function resetDatabase() {
  // Boot-fetch telemetry still queued from the previous test goes in before the tables empty.
  await flushBootFetches();
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'Installation')`;
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(', ');
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
  // Per-process caches and counters describe the rows just removed.
  resetLocalState();
  resetLocalBuckets();
  forgetExpectedDurations();
}
