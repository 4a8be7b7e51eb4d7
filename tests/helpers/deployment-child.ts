/**
 * A stand-in worker process for crash tests: runs one deployment like the job worker would
 * (DEPLOYMENT_ID, DATABASE_URL and the simulator URLs come from the environment) until it ends or
 * the test kills it with SIGKILL.
 */
import { loadConfig } from '@/lib/config';
import { cloudSettings, createCloudClient } from '@/lib/ibmcloud';
import { createLogger } from '@/lib/log/logger';
import { runDeployment } from '@/lib/provisioning/workflow';

async function main() {
  const config = loadConfig();
  const deps = {
    cloud: createCloudClient(config, { retry: { baseDelayMs: 20, maxDelayMs: 200 } }),
    settings: cloudSettings(config),
    config,
    now: () => new Date(),
    log: createLogger({ write: () => {} } as never),
    pollMs: 30,
  };
  for (;;) {
    const outcome = await runDeployment(process.env.DEPLOYMENT_ID!, deps);
    if (outcome.next === 'none') break;
    await new Promise((r) => setTimeout(r, Math.min(outcome.delayMs, 60)));
  }
  process.exit(0);
}

void main();
