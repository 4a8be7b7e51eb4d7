/**
 * `npm run worker`: a process that only runs background jobs (node workflows, schedules). Start
 * any number beside the web app (which may then set RUN_WORKERS=false); they share the work
 * through pg-boss on the same PostgreSQL. In simulation mode the simulator lives in the web
 * launcher: give it a fixed SIM_PORT and the worker finds it there.
 */
import { startWorkers, stopWorkersOnSignals } from '@/lib/jobs/workers';
import { prepareRuntime } from './runtime';

function pointAtSimulator() {
  if (process.env.IBMCLOUD_API_KEY || process.env.IBMCLOUD_VPC_URL) return;
  const port = Number(process.env.SIM_PORT ?? 0);
  if (!port) {
    console.error('Simulation mode: set SIM_PORT (the same for `npm start` and `npm run worker`) or IBMCLOUD_*_URL so the worker reaches the simulator.');
    process.exit(2);
  }
  const url = `http://127.0.0.1:${port}`;
  Object.assign(process.env, { IBMCLOUD_IAM_URL: url, IBMCLOUD_VPC_URL: `${url}/v1`, IBMCLOUD_DNS_URL: `${url}/dns/v1`, IBMCLOUD_TAGGING_URL: `${url}/tagging`, IBMCLOUD_SEARCH_URL: `${url}/search` });
}

async function main() {
  pointAtSimulator();
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
