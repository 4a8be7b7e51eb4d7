import { actorLabel, type Identity } from '@/lib/auth/identity';
import { db, type Prisma } from '@/lib/db/client';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  outcome?: 'success' | 'denied' | 'error';
}

export interface AuditOrigin {
  identity: Identity;
  sourceIp?: string | null;
  requestId?: string;
}

function actorOf(identity: Identity) {
  switch (identity.kind) {
    case 'user':
      return { actorType: identity.via === 'token' ? 'token' : 'user', actorId: identity.tokenId ?? identity.userId };
    case 'node':
      return { actorType: 'node', actorId: String(identity.nodeId) };
    default:
      return { actorType: 'system', actorId: null };
  }
}

/** Writes one AuditLog row: who (user, token, node), what, target, before/after, source IP, when. */
export async function recordAudit(origin: AuditOrigin, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      ...actorOf(origin.identity),
      actorLabel: actorLabel(origin.identity),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined ? undefined : String(entry.targetId),
      before: entry.before,
      after: entry.after,
      outcome: entry.outcome ?? 'success',
      sourceIp: origin.sourceIp ?? undefined,
      requestId: origin.requestId,
    },
  });
}
