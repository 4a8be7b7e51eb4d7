import pg from 'pg';

/**
 * Samples what the server's database sessions are doing (pg_stat_activity, every 10 ms) while a
 * bench level runs, to tell a database-bound hot path from a CPU-bound one: each sample counts
 * the sessions running a statement (by its start; on a saturated machine this includes waiting
 * for a core), waiting inside PostgreSQL (by wait event) or idle in a transaction (the client has
 * yet to send its next statement). Enabled with BENCH_PG_WAITS=1; the counts go into the report
 * beside the level's row.
 */
export function sampleDatabaseWaits(url: string): { stop: () => Promise<Record<string, number>> } {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-waits' });
  const counts: Record<string, number> = {};
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT CASE WHEN state = 'active' AND wait_event IS NULL THEN 'running: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70)
                     WHEN state = 'active' THEN wait_event_type || ':' || wait_event
                     ELSE state END AS what, count(*)::int AS n
         FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')
         GROUP BY 1`,
      );
      counts.samples = (counts.samples ?? 0) + 1;
      for (const r of rows) counts[r.what] = (counts[r.what] ?? 0) + r.n;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return counts;
    },
  };
}
