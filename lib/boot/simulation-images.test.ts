import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSimulationImages } from './simulation-images';

describe('ensureSimulationImages', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes labelled, stable stand-ins only where a file is missing', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-images-'));
    await writeFile(path.join(dir, 'kernel'), 'a real kernel');
    expect(await ensureSimulationImages(dir, ['kernel', 'initrd-vpc.img'])).toEqual(['initrd-vpc.img']);
    expect(await readFile(path.join(dir, 'kernel'), 'utf8')).toBe('a real kernel');
    const first = await readFile(path.join(dir, 'initrd-vpc.img'));
    expect(first.toString('utf8', 0, 60)).toContain('simulation stand-in');
    await rm(path.join(dir, 'initrd-vpc.img'));
    await ensureSimulationImages(dir, ['initrd-vpc.img']);
    expect((await readFile(path.join(dir, 'initrd-vpc.img'))).equals(first)).toBe(true);
  });
});
