/**
 * Next.js start-up hook. Unless RUN_WORKERS=false, the web process also runs the background job
 * workers (pg-boss), so a single `npm start` provisions nodes; `npm run worker` adds more.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  if (!getConfig().RUN_WORKERS || !process.env.DATABASE_URL) return;
  const { startWorkers, stopWorkersOnSignals } = await import('./lib/jobs/workers');
  const { logger } = await import('./lib/log/logger');
  try {
    await startWorkers();
    stopWorkersOnSignals();
  } catch (err) {
    logger.error({ err }, 'job workers failed to start; the web app keeps serving');
  }
}
