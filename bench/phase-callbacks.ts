/**
 * Benchmark: POST /api/status/phase from 10,000 nodes, each walking its install phases in order
 * (started, in_progress, completed; then progress on the last phase), Bearer node token.
 * Run: npm run build && npm run bench -- phase-callbacks
 */
import { INSTALL_PHASES } from '@/lib/status/phases';
import { benchEnvironment, inStep, rateBench } from './harness';

const STEPS = INSTALL_PHASES.slice(0, -1).flatMap((phase) => [
  { phase, status: 'started' },
  { phase, status: 'in_progress', progress: 50 },
  { phase, status: 'completed' },
]);
const LAST = INSTALL_PHASES[INSTALL_PHASES.length - 1];

export async function run() {
  const env = await benchEnvironment();
  try {
    const next = inStep(env.nodes, (node, s) => {
      const report = s < STEPS.length ? STEPS[s] : s === STEPS.length ? { phase: LAST, status: 'started' } : { phase: LAST, status: 'in_progress', progress: s % 100 };
      return {
        method: 'POST' as const,
        path: '/api/status/phase',
        headers: { authorization: `Bearer ${node.token}` },
        body: JSON.stringify({ server_ip: node.managementIp, message: `bench step ${s}`, ...report }),
      };
    });
    await rateBench('phase-callbacks', env, 'POST /api/status/phase', next);
  } finally {
    await env.stop();
  }
}
