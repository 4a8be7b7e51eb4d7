import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { launchSimulator, seedPlaceholderImages } from './launch';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nvo-launch-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('seedPlaceholderImages', () => {
  it('writes every missing boot image once and never overwrites a real one', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    const first = await seedPlaceholderImages(config);
    expect(first).toContain(config.BOOT_KERNEL_FILE);
    expect(first).toHaveLength(5);
    await writeFile(path.join(config.bootImagesDir, config.BOOT_KERNEL_FILE), 'real kernel');
    expect(await seedPlaceholderImages(config)).toEqual([]);
    expect(await readFile(path.join(config.bootImagesDir, config.BOOT_KERNEL_FILE), 'utf8')).toBe('real kernel');
  });
});

describe('launchSimulator', () => {
  it('starts the simulator in simulation mode and hands its URLs to the app', async () => {
    const launched = await launchSimulator(loadConfig({ DATA_DIR: dir, SIM_AUTOBOOT: '0' }), () => {});
    try {
      expect(launched?.env.IBMCLOUD_VPC_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(launched?.env.SIM_INVENTORY_URL).toBe(`${launched?.handle.url}/inventory`);
      const inventory = await (await fetch(launched!.env.SIM_INVENTORY_URL)).json();
      expect(inventory.totals.bare_metal_servers).toBe(0);
    } finally {
      await launched?.handle.close();
    }
  });

  it('applies SIM_RATE_LIMIT/SIM_RATE_BURST and the subnet CIDRs of SIM_MANAGEMENT_CIDR/SIM_WORKLOAD_CIDR', async () => {
    const config = loadConfig({ DATA_DIR: dir, SIM_AUTOBOOT: '0', SIM_RATE_LIMIT: '7', SIM_RATE_BURST: '9', SIM_MANAGEMENT_CIDR: '10.240.0.0/22', SIM_WORKLOAD_CIDR: '10.240.4.0/22' });
    const launched = await launchSimulator(config, () => {});
    try {
      const control = launched!.env.SIM_CONTROL_URL;
      expect(await (await fetch(`${control}/rate-limit`)).json()).toMatchObject({ perSecond: 7, burst: 9 });
      const inventory = await (await fetch(launched!.env.SIM_INVENTORY_URL)).json();
      expect(inventory.fixtures.subnets.map((s: { cidr: string }) => s.cidr)).toEqual(['10.240.0.0/22', '10.240.4.0/22']);
    } finally {
      await launched?.handle.close();
    }
  });

  it('defaults to 100 requests/s per API with a burst of 100, and /24 subnets', async () => {
    const launched = await launchSimulator(loadConfig({ DATA_DIR: dir, SIM_AUTOBOOT: '0' }), () => {});
    try {
      expect(await (await fetch(`${launched!.env.SIM_CONTROL_URL}/rate-limit`)).json()).toMatchObject({ perSecond: 100, burst: 100 });
      const inventory = await (await fetch(launched!.env.SIM_INVENTORY_URL)).json();
      expect(inventory.fixtures.subnets.map((s: { cidr: string }) => s.cidr)).toEqual(['10.240.0.0/24', '10.240.1.0/24']);
    } finally {
      await launched?.handle.close();
    }
  });

  it('starts nothing when IBMCLOUD_VPC_URL already points at a simulator', async () => {
    expect(await launchSimulator(loadConfig({ DATA_DIR: dir, IBMCLOUD_VPC_URL: 'http://127.0.0.1:1/v1' }), () => {})).toBeNull();
  });
});
