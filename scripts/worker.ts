/**
 * `npm run worker`: a process that only runs background jobs (node workflows, schedules). Start
 * any number beside the web app (which may then set RUN_WORKERS=false); they share the work
 * through pg-boss on the same PostgreSQL.
 */
import { startWorkers, stopWorkersOnSignals } from '@/lib/jobs/workers';
import { prepareRuntime } from './runtime';

async function main() {
  const runtime = await prepareRuntime();
  Object.assign(process.env, runtime.env);
  await startWorkers();
  runtime.log('worker ready');
  stopWorkersOnSignals(() => runtime.stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
