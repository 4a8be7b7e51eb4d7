import { db, type Prisma } from '@/lib/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { hashPassword } from './passwords';
import type { CreateUserInput, UpdateUserInput } from './schemas';

const PUBLIC_FIELDS = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastLoginAt: true } as const;

export type UserView = Prisma.UserGetPayload<{ select: typeof PUBLIC_FIELDS }> & { hasPassword: boolean };

function view(row: Prisma.UserGetPayload<object>): UserView {
  const { id, email, name, role, disabled, createdAt, lastLoginAt } = row;
  return { id, email, name, role, disabled, createdAt, lastLoginAt, hasPassword: Boolean(row.passwordHash) };
}

export async function listUsers(): Promise<UserView[]> {
  return (await db.user.findMany({ orderBy: { email: 'asc' } })).map(view);
}

export async function getUser(id: string): Promise<UserView> {
  const row = await db.user.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`No user ${id}`);
  return view(row);
}

export async function createUser(input: CreateUserInput): Promise<UserView> {
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new ConflictError(`A user with email ${input.email} already exists`, { field: 'email' });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return view(await db.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } }));
}

/**
 * Changes name, role, disabled or password; refuses to leave the system without an enabled admin.
 * A new password or disabling ends the user's sessions (lib/auth/active-user.ts); disabling also
 * revokes their API tokens for good (enabling again does not bring them back).
 */
export async function updateUser(id: string, input: UpdateUserInput): Promise<{ before: UserView; after: UserView }> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    const staysAdmin = (input.role ?? before.role) === 'admin' && !(input.disabled ?? before.disabled);
    if (!staysAdmin) await assertNotLastAdmin(tx, before, 'demote or disable');
    const now = new Date();
    const disabling = input.disabled === true && !before.disabled;
    const row = await tx.user.update({
      where: { id },
      data: { name: input.name, role: input.role, disabled: input.disabled, passwordHash, ...(passwordHash || disabling ? { sessionsValidFrom: now } : {}) },
    });
    if (disabling) await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
    return { before, after: view(row) };
  });
}

export async function deleteUser(id: string): Promise<UserView> {
  return db.$transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    await assertNotLastAdmin(tx, before, 'delete');
    await tx.user.delete({ where: { id } });
    return before;
  });
}

async function lockedUser(tx: Prisma.TransactionClient, id: string): Promise<UserView> {
  // Lock every enabled admin row (and the target) so two concurrent demotions cannot both pass.
  await tx.$queryRaw`SELECT "id" FROM "User" WHERE ("role" = 'admin' AND "disabled" = false) OR "id" = ${id} FOR UPDATE`;
  const row = await tx.user.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`No user ${id}`);
  return view(row);
}

async function assertNotLastAdmin(tx: Prisma.TransactionClient, user: UserView, verb: string) {
  if (user.role !== 'admin' || user.disabled) return;
  const admins = await tx.user.count({ where: { role: 'admin', disabled: false } });
  if (admins <= 1) throw new ConflictError(`Cannot ${verb} the last enabled admin`);
}
