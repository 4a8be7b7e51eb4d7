import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { chainUrl } from '@/lib/boot/urls';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';

/**
 * The plaintext boot token lives in the server's user data only; we keep it sealed with a key
 * derived from AUTH_SECRET so that an admin can read back the chain URL of a node. Without
 * AUTH_SECRET nothing is kept (the URL is then simply not shown).
 */
function key(): Buffer | null {
  const secret = getConfig().authSecret;
  return secret ? createHash('sha256').update(`nvo-boot-token:${secret}`).digest() : null;
}

export function sealToken(token: string): string | null {
  const k = key();
  if (!k) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function unsealToken(sealed: string | null | undefined): string | null {
  const k = key();
  if (!k || !sealed) return null;
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', k, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null; // sealed under another AUTH_SECRET
  }
}

/** Rotates the node's boot token and returns the new chain URL (the user data of its server). */
export async function issueBootChainUrl(nodeId: number, publicBaseUrl: string): Promise<string> {
  const token = await issueNodeToken(nodeId);
  await db.node.update({ where: { id: nodeId }, data: { bootTokenSealed: sealToken(token) } });
  return chainUrl(publicBaseUrl, nodeId, token);
}

/** The chain URL the node currently boots from, or null when it cannot be recovered. */
export function currentChainUrl(node: { id: number; bootTokenSealed: string | null }, publicBaseUrl: string): string | null {
  const token = unsealToken(node.bootTokenSealed);
  return token ? chainUrl(publicBaseUrl, node.id, token) : null;
}
