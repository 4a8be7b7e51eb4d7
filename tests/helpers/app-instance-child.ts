/**
 * One app instance as its own process for multi-process tests: a real HTTP server in front of
 * every app route handler (tests/helpers/app-http-server.ts, the code `next start` serves), on an
 * ephemeral port it prints as `listening <port>`. It runs no job workers: `npm run worker`
 * processes do. DATABASE_URL and the IBMCLOUD_*_URL variables come from the environment.
 */
import { startAppHttpServer } from './app-http-server';

async function main() {
  const { port } = await startAppHttpServer();
  process.stdout.write(`listening ${port}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
