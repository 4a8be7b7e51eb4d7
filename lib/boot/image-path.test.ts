import { describe, expect, it } from 'vitest';
import { imagePath, isSafeImageName } from './image-path';

describe('imagePath', () => {
  it('resolves a plain name inside the images directory', () => {
    expect(imagePath('/srv/images', 'initrd-vpc.img')).toBe('/srv/images/initrd-vpc.img');
  });

  it.each(['../etc/passwd', '..', '.env', 'a/b', 'a\\b', 'x\0y', '..%2Fetc', '%2e%2e', 'kernel/..', ''])('refuses %j', (name) => {
    expect(isSafeImageName(name)).toBe(false);
    expect(() => imagePath('/srv/images', name)).toThrow(/No boot image/);
  });
});
