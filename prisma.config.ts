import { defineConfig } from 'prisma/config';

// Migrations are applied by lib/db/migrate.ts (Prisma's schema engine binary cannot be downloaded
// here); the CLI is used for `prisma generate` only, which needs no database URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
