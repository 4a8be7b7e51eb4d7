import { resolveAuthSecret } from '@/lib/auth/auth-secret';
import { ensureAdminUser } from '@/lib/auth/bootstrap-admin';
import { ConfigError, loadConfig, reloadConfig } from '@/lib/config';
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabase } from '@/lib/db/database-url';
import { migrateDatabase } from '@/lib/db/migrate';
import { launchSimulator } from '@/lib/ibmcloud/simulator/launch';
import { logger } from '@/lib/log/logger';
import { assertPortFree, claimDataDir, StartupError } from '@/lib/system/startup';

/**
 * Everything the web process and `npm run worker` need before they serve: configuration,
 * database (embedded or external), migrations, first admin, secrets. Returns the environment
 * the Next.js server must inherit.
 */
export async function prepareRuntime(options: { simulator?: boolean; web?: boolean } = {}) {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = (msg: string) => logger.info({ component: 'launcher' }, msg);
  // A signal while preparing stops what has started so far (no orphaned PostgreSQL); the
  // caller installs its own handlers once this returns.
  const started: Array<() => Promise<unknown>> = [];
  const stopStarted = async () => {
    while (started.length) await started.pop()!().catch(() => {});
  };
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    void stopStarted();
  };
  const own = async (stop: () => Promise<unknown>) => {
    started.push(stop);
    if (interrupted) await stopStarted();
  };
  process.on('SIGTERM', interrupt);
  process.on('SIGINT', interrupt);
  try {
    const runtime = await prepare(config, log, options, own);
    if (interrupted) throw new StartupError('interrupted');
    return { ...runtime, stop: stopStarted };
  } catch (err) {
    await stopStarted();
    if (interrupted) process.exit(143);
    if (err instanceof StartupError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  } finally {
    process.off('SIGTERM', interrupt);
    process.off('SIGINT', interrupt);
  }
}

async function prepare(
  config: ReturnType<typeof loadConfig>,
  log: (msg: string) => void,
  options: { simulator?: boolean; web?: boolean },
  own: (stop: () => Promise<unknown>) => Promise<void>,
) {
  if (options.web) {
    await assertPortFree(config.PORT, config.HOST, 'PORT');
    await own(await claimDataDir(config.dataDir, config.PORT));
  }
  const database = await resolveDatabase(config, log, { owner: options.web });
  if (database.embedded) await own(() => database.embedded!.stop());
  process.env.DATABASE_URL = database.url;
  const applied = await migrateDatabase(database.url, log);
  log(applied ? `database migrated (${applied} new)` : 'database schema up to date');

  const admin = await ensureAdminUser(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (admin.created && admin.generatedPassword) {
    // Printed once, on purpose, to stdout only: the operator needs it to sign in the first time.
    console.log(`\n  First admin created: ${admin.email}\n  Generated password: ${admin.generatedPassword}\n  (set ADMIN_PASSWORD to choose it; change it after signing in)\n`);
  } else if (admin.created) {
    log(`first admin created: ${admin.email}`);
  }
  const authSecret = await resolveAuthSecret(config.authSecret, config.dataDir);
  await disconnectDb();
  // This process (a worker seals boot tokens too) and the Next server both read it through lib/config.
  Object.assign(process.env, { AUTH_SECRET: authSecret, NEXTAUTH_SECRET: authSecret });
  reloadConfig();

  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    NEXTAUTH_SECRET: authSecret,
    NEXTAUTH_URL: config.publicBaseUrl,
  };
  // Simulation mode: the IBM Cloud simulator lives in the launcher process, before Next starts,
  // and the app reaches it through the same URL variables real endpoints would use.
  const simulator = options.simulator ? await launchSimulator(config, log) : null;
  if (simulator) {
    await own(() => simulator.handle.close());
    Object.assign(env, simulator.env);
    Object.assign(process.env, simulator.env);
  }
  return { config, log, env };
}
