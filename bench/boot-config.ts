/**
 * Benchmark: GET /boot/config for a random one of 10,000 nodes with its token (the iPXE chain
 * request of a boot storm). Run: npm run build && npm run bench -- boot-config
 */
import { benchEnvironment, pick, rateBench } from './harness';

export async function run() {
  const env = await benchEnvironment();
  try {
    await rateBench('boot-config', env, 'GET /boot/config', () => {
      const node = pick(env.nodes);
      return { path: `/boot/config?node_id=${node.id}&token=${node.token}` };
    });
  } finally {
    await env.stop();
  }
}
