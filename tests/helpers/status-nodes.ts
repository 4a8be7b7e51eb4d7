import { issueNodeToken } from '@/lib/auth/node-tokens';
import { db } from '@/lib/db/client';

let counter = 0;

/** A node with a management address and a live boot token, as provisioning leaves it before boot. */
export async function installingNode(overrides: { name?: string; managementIp?: string; status?: string } = {}) {
  counter += 1;
  const node = await db.node.create({
    data: {
      name: overrides.name ?? `node-${counter}`,
      serverProfile: 'bx2d-metal-96x384',
      managementIp: overrides.managementIp ?? `10.240.0.${10 + (counter % 200)}`,
      status: overrides.status ?? 'deploying',
    },
  });
  const token = await issueNodeToken(node.id);
  return { node: (await db.node.findUniqueOrThrow({ where: { id: node.id } })), token };
}
