import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { resolveAuthSecret } from './auth-secret';

describe('resolveAuthSecret (what scripts/runtime.ts hands the app)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-secret-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("honours an operator's NEXTAUTH_SECRET (or AUTH_SECRET) instead of generating one per DATA_DIR", async () => {
    const secret = 'operator-chosen-secret-0123456789abcdef';
    for (const name of ['NEXTAUTH_SECRET', 'AUTH_SECRET']) {
      const config = loadConfig({ [name]: secret, DATA_DIR: dir });
      expect(await resolveAuthSecret(config.authSecret, config.dataDir)).toBe(secret);
    }
    expect(existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });

  it('generates one on first start when none is set, and keeps it', async () => {
    const first = await resolveAuthSecret(undefined, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveAuthSecret(undefined, dir)).toBe(first);
  });
});
