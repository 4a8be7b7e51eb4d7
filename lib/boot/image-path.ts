import path from 'node:path';
import { NotFoundError } from '@/lib/errors';

/** Letters, digits, dot, dash, underscore; no leading dot, no `..`, no slash, no NUL. */
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isSafeImageName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/**
 * The absolute path of a boot image, or NotFound. Names are matched against a strict pattern
 * first (so `..`, `%2F`-decoded slashes and NUL never reach the file system) and the resolved
 * path must still lie directly inside the images directory.
 */
export function imagePath(imagesDir: string, name: string): string {
  const root = path.resolve(imagesDir);
  if (!isSafeImageName(name)) throw new NotFoundError(`No boot image named ${JSON.stringify(name.slice(0, 100))}`);
  const full = path.resolve(root, name);
  if (path.dirname(full) !== root) throw new NotFoundError(`No boot image named ${JSON.stringify(name)}`);
  return full;
}
