/** Boot images: the catalogue (registered files joined with the images directory) and GET|HEAD /boot/images/{file} for a node. */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { nodeForInstall } from './boot-node';
import { recordBootFetch } from './fetch-record';
import { formatBytes } from './format-bytes';
import { imagePath, imageResponse, isSafeImageName, type ImageTransfer } from './image-response';
import type { RegisterBootImage } from './schemas';

export type ImageState = 'ok' | 'missing' | 'changed' | 'unregistered';

export interface CatalogEntry {
  name: string;
  kind: string | null;
  registered: boolean;
  /** One of the file names the boot flow asks for (kernel, initrd, squashfs, installer, ISO). */
  required: boolean;
  size: number | null;
  sha256: string | null;
  description: string | null;
  diskSize: number | null;
  diskModifiedAt: string | null;
  state: ImageState;
}

export function requiredImages(): Record<string, string> {
  const c = getConfig();
  return {
    [c.BOOT_KERNEL_FILE]: 'kernel',
    [c.BOOT_INITRD_FILE]: 'initrd',
    [c.BOOT_SQUASHFS_FILE]: 'squashfs',
    [c.BOOT_INSTALLER_FILE]: 'installer',
    [c.BOOT_AHV_ISO_FILE]: 'iso',
  };
}

async function filesOnDisk(dir: string): Promise<Map<string, { size: number; mtime: Date }>> {
  const found = new Map<string, { size: number; mtime: Date }>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter(isSafeImageName)) {
    const stats = await stat(imagePath(dir, name)).catch(() => null);
    if (stats?.isFile()) found.set(name, { size: stats.size, mtime: stats.mtime });
  }
  return found;
}

/** The catalogue joined with the images directory: what is registered, present, missing or changed. */
export async function listBootImages(): Promise<CatalogEntry[]> {
  const required = requiredImages();
  const [rows, disk] = await Promise.all([db.bootImage.findMany({ orderBy: { name: 'asc' } }), filesOnDisk(getConfig().bootImagesDir)]);
  const names = new Set([...rows.map((r) => r.name), ...disk.keys(), ...Object.keys(required)]);
  return [...names].sort().map((name) => {
    const row = rows.find((r) => r.name === name);
    const file = disk.get(name);
    const size = row ? Number(row.size) : null;
    const state: ImageState = !file ? 'missing' : !row ? 'unregistered' : file.size !== size ? 'changed' : 'ok';
    return {
      name,
      kind: row?.kind ?? required[name] ?? null,
      registered: Boolean(row),
      required: name in required,
      size,
      sha256: row?.sha256 ?? null,
      description: row?.description ?? null,
      diskSize: file?.size ?? null,
      diskModifiedAt: file?.mtime.toISOString() ?? null,
      state,
    };
  });
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Registers (or refreshes) a file already in BOOT_IMAGES_DIR with its size and SHA-256. */
export async function registerBootImage(input: RegisterBootImage, registeredBy?: string) {
  const full = imagePath(getConfig().bootImagesDir, input.name);
  const stats = await stat(full).catch(() => null);
  if (!stats?.isFile()) {
    throw new ValidationError(`${input.name} is not in the boot images directory`, [
      { field: 'name', message: 'no such file in BOOT_IMAGES_DIR; copy it there first' },
    ]);
  }
  const sha256 = await sha256OfFile(full);
  if (input.sha256 && input.sha256.toLowerCase() !== sha256) {
    throw new ValidationError('The file does not match the expected checksum', [
      { field: 'sha256', message: `file hashes to ${sha256}` },
    ]);
  }
  const data = { kind: input.kind, size: BigInt(stats.size), sha256, description: input.description ?? null, registeredBy: registeredBy ?? null };
  const row = await db.bootImage.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
  return { ...row, size: Number(row.size) };
}

/** Removes a catalogue entry (the file itself stays where the operator put it). */
export async function deleteBootImage(name: string) {
  const row = await db.bootImage.findUnique({ where: { name } });
  if (!row) throw new NotFoundError(`No boot image ${name} in the catalogue`);
  await db.bootImage.delete({ where: { name } });
  return { ...row, size: Number(row.size) };
}

/** Registered size and checksum per image name, for the installer configuration. */
export async function catalogChecksums(names: string[]): Promise<Map<string, { size: number; sha256: string }>> {
  const rows = await db.bootImage.findMany({ where: { name: { in: names } }, select: { name: true, size: true, sha256: true } });
  return new Map(rows.map((r) => [r.name, { size: Number(r.size), sha256: r.sha256 }]));
}

/** A boot-image fetch in words an operator reads in the node timeline. */
export function describeTransfer(t: ImageTransfer): { status: 'completed' | 'failed' | 'info'; message: string } {
  if (t.httpStatus === 304) return { status: 'info', message: `${t.name} not modified (304)` };
  if (t.httpStatus === 416) return { status: 'failed', message: `${t.name}: requested range not satisfiable (416)` };
  const total = formatBytes(t.totalBytes);
  const start = t.rangeStart ?? 0;
  // A ranged GET of the first bytes is how a node (the virtual one, a firmware) checks a file is
  // there; it hangs up on purpose, which is not a failed download.
  if (t.httpStatus === 206 && start === 0 && t.rangeEnd !== undefined && t.rangeEnd < t.totalBytes - 1) {
    const asked = formatBytes(t.rangeEnd + 1);
    return { status: 'info', message: `${t.name} checked: the node fetched the first ${asked} of ${total} to see that it is there, then hung up (not a full download)` };
  }
  const from = start > 0 ? ` from byte ${start}` : '';
  if (!t.completed) {
    return { status: 'failed', message: `${t.name} download${from} stopped after ${formatBytes(t.bytes)} of ${total}: the node closed the connection` };
  }
  const rest = start > 0 ? `, the rest of ${total}` : '';
  return { status: 'completed', message: `Downloaded ${t.name}${from}: ${formatBytes(t.bytes)}${rest} (${t.httpStatus})` };
}

/** GET|HEAD /boot/images/{file} for a node: stream the file, then record what went out. */
export async function serveBootImage(args: {
  nodeId: number;
  name: string;
  method: 'GET' | 'HEAD';
  headers: Headers;
  sourceIp?: string | null;
}): Promise<Response> {
  await nodeForInstall(args.nodeId);
  return imageResponse({
    imagesDir: getConfig().bootImagesDir,
    name: args.name,
    method: args.method,
    headers: args.headers,
    onDone: (transfer) => {
      if (args.method !== 'GET') return;
      const { status, message } = describeTransfer(transfer);
      void recordBootFetch({
        nodeId: args.nodeId,
        status,
        asset: transfer.name,
        message,
        httpStatus: transfer.httpStatus,
        bytes: transfer.bytes,
        sourceIp: args.sourceIp,
        discriminator: `${transfer.httpStatus}-${transfer.rangeStart ?? 0}`,
      });
    },
  });
}
