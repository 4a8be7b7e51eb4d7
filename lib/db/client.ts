import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '@/lib/config';
import { databaseUrl } from '@/lib/config/runtime';
import { PrismaClient } from './generated/client';

export type { Prisma } from './generated/client';
export { PrismaClient };

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };


/** The one Prisma client of this process (survives Next's hot reload in development). */
export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), max: getConfig().DB_POOL_MAX }),
    // The pool is small by design (issue 13's connection budget): a transaction waits for a
    // connection as long as a plain query may, instead of Prisma's 2 s that turned a burst of
    // provisions into 500s (bench/provisions.ts).
    transactionOptions: { maxWait: 15_000 },
  });
  return globalForPrisma.prisma;
}

/** Lazy proxy so importing `db` never connects or throws before first use. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb() as unknown as Record<PropertyKey, unknown>;
    const value = client[prop];
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
