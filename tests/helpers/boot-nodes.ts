import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueNodeToken } from '@/lib/auth/node-tokens';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db/client';

let counter = 0;

/** A provisioned node (addresses assigned, server booting) with a fresh boot token. */
export async function bootableNode(data: { status?: string; phase?: string; managementIp?: string; name?: string } = {}) {
  counter += 1;
  const node = await db.node.create({
    data: {
      name: data.name ?? `ntnx-boot-${counter}`,
      serverProfile: 'bx2d-metal-96x384',
      storageTemplate: 'nutanix_reserved',
      status: data.status ?? 'deploying',
      phase: data.phase ?? null,
      managementIp: data.managementIp ?? `10.240.0.${10 + counter}`,
      ahvIp: `10.240.0.${60 + counter}`,
      cvmIp: `10.240.0.${110 + counter}`,
      workloadIp: `10.240.1.${10 + counter}`,
    },
  });
  const token = await issueNodeToken(node.id);
  return { node, token };
}

/** Points the boot service at a fresh images folder and a known public base URL. */
export function useBootEnvironment(baseUrl = 'http://boot.test') {
  const imagesDir = mkdtempSync(path.join(os.tmpdir(), 'nvo-boot-images-'));
  process.env.PUBLIC_BASE_URL = baseUrl;
  process.env.BOOT_IMAGES_DIR = imagesDir;
  resetConfigForTests();
  return { imagesDir, baseUrl };
}
