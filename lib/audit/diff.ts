import type { Prisma } from '@/lib/db/client';

type Json = Prisma.InputJsonObject;

/** Before/after for the audit log limited to the fields that changed (dates as ISO strings). */
export function changedFields<T extends object>(before: T, after: T, keys: (keyof T)[]): { before: Json; after: Json } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    const x = jsonSafe(before[key]);
    const y = jsonSafe(after[key]);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    b[String(key)] = x;
    a[String(key)] = y;
  }
  return { before: b as Json, after: a as Json };
}

function jsonSafe(value: unknown) {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
