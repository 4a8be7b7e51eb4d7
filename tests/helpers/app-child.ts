/**
 * Another app instance for multi-instance and crash tests: the app's route handlers behind a real
 * HTTP server (tests/helpers/app-http-server.ts) in its own process, with its own caches and its
 * own bus connection, on the test database (DATABASE_URL from the environment). Prints
 * `{"port":N}` once it listens and hears the bus; the test ends it (SIGTERM or SIGKILL).
 */
import { startBus } from '@/lib/bus';
import { startAppHttpServer } from './app-http-server';

async function main() {
  await startBus();
  const app = await startAppHttpServer();
  process.stdout.write(`${JSON.stringify({ port: app.port })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
