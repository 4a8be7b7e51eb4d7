/**
 * One server process (a cluster worker of scripts/start.ts, or the only process in development):
 * Next behind lib/server/app-server.ts on PORT. The launcher passes everything in the environment.
 */
import { FAST_ROUTES } from '@/app/fast-lane';
import { warmBootCache } from '@/lib/boot/boot-node';
import { startAppServer } from '@/lib/server/app-server';
import { warmReportStates } from '@/lib/status/apply-phase-report';

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOSTNAME ?? '0.0.0.0';
  const app = await startAppServer({
    port,
    host,
    dev: process.argv.includes('--dev'),
    standalone: process.argv.includes('--standalone'),
    fastRoutes: FAST_ROUTES,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Finish what is in flight, then go; a stuck connection does not hold the process.
    setTimeout(() => process.exit(0), 5000).unref();
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A boot storm right after a restart finds every booting node's token, boot decision and
  // report state in memory (kept warm after, lib/bus/cache.ts).
  await Promise.all([warmBootCache(), warmReportStates()]);
  process.send?.({ ready: true });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
