/**
 * `npm start`: the one command that runs the app. Parses the configuration, starts an embedded
 * PostgreSQL when DATABASE_URL is unset, migrates, creates the first admin, starts the IBM Cloud
 * simulator in simulation mode, then serves Next.js on PORT and waits until /health is green.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { prepareRuntime } from './runtime';

const dev = process.argv.includes('--dev');
// In the Docker image the Next standalone server (server.js) replaces `next start`.
const standalone = process.argv.includes('--standalone');

function serverCommand(port: number, host: string): string[] {
  if (standalone) return [path.resolve('server.js')];
  const nextBin = path.resolve('node_modules/next/dist/bin/next');
  return [nextBin, dev ? 'dev' : 'start', '-p', String(port), '-H', host];
}

async function main() {
  const started = Date.now();
  const runtime = await prepareRuntime({ simulator: true });
  const { config, log } = runtime;
  const child = spawn(process.execPath, serverCommand(config.PORT, config.HOST), {
    stdio: 'inherit',
    env: { ...process.env, ...runtime.env, PORT: String(config.PORT), HOSTNAME: config.HOST },
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
    await runtime.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 1));

  const healthUrl = `http://127.0.0.1:${config.PORT}/health`;
  for (let i = 0; i < 600 && !stopping; i++) {
    const ok = await fetch(healthUrl).then((r) => r.ok, () => false);
    if (ok) {
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${config.publicBaseUrl} (${config.mode} mode)`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
