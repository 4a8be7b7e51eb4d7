/**
 * Benchmark: POST /api/installation/status from 10,000 nodes as the original installer sends it:
 * numbered steps 1-8 in order, then log lines (-1). Bearer node token.
 * Run: npm run build && npm run bench -- installer-callbacks
 */
import { benchEnvironment, inStep, rateBench } from './harness';

export async function run() {
  const env = await benchEnvironment();
  try {
    const next = inStep(env.nodes, (node, s) => ({
      method: 'POST' as const,
      path: '/api/installation/status',
      headers: { authorization: `Bearer ${node.token}` },
      body: JSON.stringify({ management_ip: node.managementIp, phase: s < 8 ? s + 1 : -1, message: `bench installer line ${s}` }),
    }));
    await rateBench('installer-callbacks', env, 'POST /api/installation/status', next);
  } finally {
    await env.stop();
  }
}
