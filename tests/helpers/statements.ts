import pg from 'pg';

export interface SentStatement {
  text: string;
  /** A named prepared statement's name (the hot paths name theirs). */
  name?: string;
}

/** Every statement a pg client of this process sends while `fn` runs (Prisma's adapter included). */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as { text?: string; name?: string } | string;
    sent.push(typeof q === 'string' ? { text: q } : { text: String(q?.text), name: q?.name });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}
