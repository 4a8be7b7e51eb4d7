import { describe, expect, it } from 'vitest';
import { describeTransfer } from './images';

const MiB = 1024 * 1024;

describe('boot image fetches in the timeline', () => {
  it('tells a probe of the first bytes (a ranged request the node closes early) apart from a failed download', () => {
    const probe = describeTransfer({ name: 'vmlinuz', httpStatus: 206, bytes: 65536, completed: false, rangeStart: 0, rangeEnd: 65535, totalBytes: 8 * MiB });
    expect(probe.status).toBe('info');
    expect(probe.message).not.toMatch(/interrupt/i);
    expect(probe.message).toBe('vmlinuz checked: the node fetched the first 64.0 KiB of 8.0 MiB to see that it is there, then hung up (not a full download)');
  });

  it('says a full download that stopped early failed, with how far it got', () => {
    const cut = describeTransfer({ name: 'initrd', httpStatus: 200, bytes: 3 * MiB, completed: false, totalBytes: 40 * MiB });
    expect(cut).toEqual({ status: 'failed', message: 'initrd download stopped after 3.0 MiB of 40.0 MiB: the node closed the connection' });
  });

  it('says where a resumed download started', () => {
    const resumed = describeTransfer({ name: 'squashfs.img', httpStatus: 206, bytes: 10 * MiB, completed: true, rangeStart: 30 * MiB, rangeEnd: 40 * MiB - 1, totalBytes: 40 * MiB });
    expect(resumed).toEqual({ status: 'completed', message: 'Downloaded squashfs.img from byte 31457280: 10.0 MiB, the rest of 40.0 MiB (206)' });
    const full = describeTransfer({ name: 'vmlinuz', httpStatus: 200, bytes: 8 * MiB, completed: true, totalBytes: 8 * MiB });
    expect(full).toEqual({ status: 'completed', message: 'Downloaded vmlinuz: 8.0 MiB (200)' });
  });
});
