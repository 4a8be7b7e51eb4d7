import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client';
import { installationTag } from '@/lib/ibmcloud';

let cached: Promise<string> | undefined;

/**
 * This installation's stable id, stored in the database (its migration writes it; the insert here
 * only covers a database whose row was removed). Every process sharing the database agrees on it.
 */
export function getInstallationId(): Promise<string> {
  cached ??= (async () => {
    await db.$executeRaw`INSERT INTO "Installation" ("id", "installationId") VALUES (1, ${randomUUID()}) ON CONFLICT ("id") DO NOTHING`;
    const row = await db.installation.findUniqueOrThrow({ where: { id: 1 } });
    return row.installationId;
  })().catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** The user tag (`nvo-installation:<id>`) our servers and VNIs carry. */
export async function getInstallationTag(): Promise<string> {
  return installationTag(await getInstallationId());
}
