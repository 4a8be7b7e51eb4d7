import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/database.ts'],
    // Integration tests share one real PostgreSQL; run files one at a time so they cannot race.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', NEXTAUTH_SECRET: 'vitest-session-secret-0123456789abcdef', BCRYPT_COST: '4' },
  },
});
