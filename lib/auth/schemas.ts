import { z } from 'zod';
import { ROLES } from './roles';

const email = z.email('must be an email address').max(254).transform((v) => v.trim().toLowerCase());
const password = z.string().min(12, 'must be at least 12 characters').max(200);
const name = z.string().trim().min(1).max(200);

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100).default('api'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const createUserSchema = z.object({
  email,
  name: name.optional(),
  role: z.enum(ROLES).default('viewer'),
  /** Optional: users without a password can only sign in through OIDC. */
  password: password.optional(),
});

export const updateUserSchema = z
  .object({ name: name.nullable(), role: z.enum(ROLES), disabled: z.boolean(), password })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one of name, role, disabled, password');

export const idParamSchema = z.object({ id: z.uuid('must be a UUID') });

export type CreateUserInput = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
