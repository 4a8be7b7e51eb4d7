/**
 * `npm start`: the one command that runs the app. Parses the configuration, starts an embedded
 * PostgreSQL when DATABASE_URL is unset, migrates, creates the first admin, starts the IBM Cloud
 * simulator in simulation mode, then runs WEB_CONCURRENCY server processes (scripts/server.ts,
 * Node's cluster module) on PORT and waits until /health is green. Job workers run in the first
 * server process only; pg-boss shares the work with other instances through PostgreSQL.
 * SIGTERM/SIGINT stop the servers, then the simulator and the embedded database.
 */
import cluster, { type Worker } from 'node:cluster';
import { cpus } from 'node:os';
import path from 'node:path';
import { prepareRuntime } from './runtime';

const dev = process.argv.includes('--dev');
// In the Docker image the standalone build (with its own required-server-files.json) is served.
const standalone = process.argv.includes('--standalone');
// `npm start -- --cpu-prof --cpu-prof-dir=DIR` profiles the server processes (bench/profile.ts).
const profiling = process.argv.filter((a) => a.startsWith('--cpu-prof'));

async function main() {
  const started = Date.now();
  const runtime = await prepareRuntime({ simulator: true, web: true });
  const { config, log } = runtime;
  // Development compiles on demand: one process; production: one per core unless configured.
  const processes = dev ? 1 : config.WEB_CONCURRENCY || cpus().length;
  cluster.setupPrimary({
    exec: path.resolve('scripts/server.ts'),
    execArgv: [...process.execArgv, ...profiling],
    args: [...(dev ? ['--dev'] : []), ...(standalone ? ['--standalone'] : [])],
  });
  const baseEnv = { ...runtime.env, PORT: String(config.PORT), HOSTNAME: config.HOST, NODE_ENV: dev ? 'development' : 'production' };
  // Slot 0 runs the job workers (when RUN_WORKERS allows); the others serve requests only.
  const slots = new Map<Worker, number>();
  let stopping = false;
  const fork = (slot: number) => {
    const worker = cluster.fork({ ...baseEnv, RUN_WORKERS: slot === 0 ? String(config.RUN_WORKERS) : 'false', WEB_SLOT: String(slot) });
    slots.set(worker, slot);
  };
  for (let slot = 0; slot < processes; slot++) fork(slot);

  let restarts = 0;
  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker) ?? 0;
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) void finish(0);
      return;
    }
    log(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    // A crash loop (e.g. no build) is not retried forever.
    if (++restarts > 5 * processes) return void stop(1);
    setTimeout(() => !stopping && fork(slot), 1000);
  });

  let exitCode = 0;
  const finish = async (code: number) => {
    await runtime.stop();
    process.exit(code || exitCode);
  };
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (slots.size === 0) return void finish(code);
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    // Whatever has not gone after 10 s is killed, so nothing outlives the launcher.
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill('SIGKILL');
    }, 10_000).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const healthUrl = `http://127.0.0.1:${config.PORT}/health`;
  for (let i = 0; i < 600 && !stopping; i++) {
    const ok = await fetch(healthUrl).then((r) => r.ok, () => false);
    if (ok) {
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${config.publicBaseUrl} (${config.mode} mode, ${processes} server process${processes > 1 ? 'es' : ''})`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
