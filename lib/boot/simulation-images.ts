import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STAND_IN_BYTES = 256 * 1024;

/**
 * In simulation mode there are no real Phoenix images, yet virtual nodes fetch the kernel,
 * initrd and live filesystem like real servers do. Missing files are replaced by small,
 * clearly labelled stand-ins so the zero-config install runs end to end; existing files
 * (real images) are never touched.
 */
export async function ensureSimulationImages(dir: string, files: string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const created: string[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    if (existsSync(file)) continue;
    await writeFile(file, standIn(name));
    created.push(name);
  }
  return created;
}

function standIn(name: string): Buffer {
  const header = Buffer.from(`Nutanix VPC Orchestrator simulation stand-in for ${name}: not bootable.\n`);
  const body = Buffer.alloc(STAND_IN_BYTES - header.length);
  // Deterministic filler so checksums are stable across restarts and machines.
  let block = createHash('sha256').update(name).digest();
  for (let offset = 0; offset < body.length; offset += block.length) {
    block.copy(body, offset);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat([header, body]);
}
