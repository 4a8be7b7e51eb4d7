import { z } from 'zod';

export const BOOT_IMAGE_KINDS = ['kernel', 'initrd', 'squashfs', 'installer', 'iso', 'other'] as const;

export const registerBootImageSchema = z.object({
  name: z
    .string()
    .regex(/^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'must be a plain file name inside BOOT_IMAGES_DIR'),
  kind: z.enum(BOOT_IMAGE_KINDS),
  description: z.string().max(500).optional(),
  /** When given, the file on disk must hash to this value or registration is refused. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/i, 'must be 64 hex digits').optional(),
});

export type RegisterBootImage = z.infer<typeof registerBootImageSchema>;
