/**
 * Benchmark: GET /boot/server/{ip} (the installer configuration) for a random one of 10,000 nodes.
 * Run: npm run build && npm run bench -- boot-server
 */
import { benchEnvironment, pick, rateBench } from './harness';

export async function run() {
  const env = await benchEnvironment();
  try {
    await rateBench('boot-server', env, 'GET /boot/server/{ip}', () => {
      const node = pick(env.nodes);
      return { path: `/boot/server/${node.managementIp}`, headers: { authorization: `Bearer ${node.token}` } };
    });
  } finally {
    await env.stop();
  }
}
