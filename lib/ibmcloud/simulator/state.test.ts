import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadState, StateStore } from './state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-sim-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const saved = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { reservedIps: { name: string }[] };
const ip = (name: string) => ({ id: name, subnetId: 's', name, address: '10.0.0.1', autoDelete: false, createdAt: '' });

describe('StateStore', () => {
  it('writes a change at once, then coalesces a burst into a few writes, the latest state last', async () => {
    const file = path.join(dir, 'state.json');
    const store = new StateStore(file, await loadState(file), 200);
    store.state.reservedIps.push(ip('first'));
    store.markDirty();
    await sleep(100);
    expect((await saved(file)).reservedIps.map((r) => r.name)).toEqual(['first']);

    // A busy simulator changes its state every few milliseconds: writing the whole world after
    // each change kept a core busy (bench/provisions.ts profile: a third of the launcher's CPU).
    for (let i = 0; i < 60; i++) {
      store.state.reservedIps.push(ip(`burst-${i}`));
      store.markDirty();
      await sleep(10);
    }
    await store.flush();
    expect(store.writes).toBeLessThanOrEqual(1 + Math.ceil((60 * 10) / 200) + 2);
    expect((await saved(file)).reservedIps).toHaveLength(61);
  });

  it('flush writes a pending change at once instead of waiting out the interval', async () => {
    const file = path.join(dir, 'state.json');
    const store = new StateStore(file, await loadState(file), 60_000);
    store.markDirty();
    await store.flush();
    store.state.reservedIps.push(ip('late'));
    store.markDirty();
    const started = Date.now();
    await store.flush();
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await saved(file)).reservedIps.map((r) => r.name)).toEqual(['late']);
  });
});
