import { db } from '@/lib/db/client';
import { ValidationError } from '@/lib/errors';

/** One public host key as sshd prints it (`/etc/ssh/ssh_host_*_key.pub`, comment dropped). */
const KEY = /^(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa) ([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/;

/** Normalized `type base64` lines; a malformed one is a 422 naming the field. */
export function parseHostKeys(lines: string[], field = 'ssh_host_keys'): string[] {
  return lines.map((line, i) => {
    const m = line.trim().match(KEY);
    if (!m) throw new ValidationError('Not an SSH public host key', [{ field: `${field}.${i}`, message: 'expected "<type> <base64>", e.g. ssh-ed25519 AAAA…' }]);
    return `${m[1]} ${m[2]}`;
  });
}

/** Stores the host keys of a node's CVM address, replacing what was known for that address. */
export async function recordHostKeys(nodeId: number, address: string, keys: string[], source: 'node_report' | 'first_use') {
  const data = { nodeId, keys: keys.join('\n'), source, createdAt: new Date() };
  await db.sshHostKey.upsert({ where: { address }, create: { address, ...data }, update: data });
}

/**
 * known_hosts lines for the given addresses. A key counts only while its address is still
 * allocated to the node it came from and that node has not been given a new boot token
 * (reinitialize) since: CVM addresses are recycled and reinstalled nodes get new keys. Keys that
 * no longer count are deleted on the way.
 */
export async function knownHostsFor(addresses: string[]): Promise<string> {
  const rows = await db.sshHostKey.findMany({ where: { address: { in: addresses } }, include: { node: { select: { bootTokenAt: true } } } });
  const lines: string[] = [];
  for (const row of rows) {
    const live = await db.ipAllocation.count({ where: { nodeId: row.nodeId, address: row.address, releasedAt: null } });
    const reinstalled = row.node.bootTokenAt && row.node.bootTokenAt > row.createdAt;
    if (!live || reinstalled) {
      await db.sshHostKey.deleteMany({ where: { address: row.address, createdAt: row.createdAt } });
      continue;
    }
    for (const key of row.keys.split('\n')) lines.push(`${row.address} ${key}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * After a first-use connection (accept-new): keep what ssh added to the known_hosts file for
 * `address`, for the node that holds that address.
 */
export async function learnHostKeys(address: string, knownHosts: string): Promise<void> {
  const keys = knownHosts
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && f[0].split(',').includes(address))
    .map((f) => `${f[1]} ${f[2]}`);
  if (!keys.length) return;
  const owner = await db.ipAllocation.findFirst({ where: { address, releasedAt: null, nodeId: { not: null } }, select: { nodeId: true } });
  if (owner?.nodeId) await recordHostKeys(owner.nodeId, address, parseHostKeys(keys), 'first_use');
}
