import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainUrl } from '@/lib/boot/urls';
import { listEvents } from '@/lib/status/timeline';
import { startAppHttpServer } from '../helpers/app-http-server';
import { bootableNode, useBootEnvironment } from '../helpers/boot-nodes';
import { resetDatabase } from '../helpers/db';
import { bootIpxe, efiImageFromOptionRom, qemuUnavailable, type Firmware } from '../helpers/qemu-ipxe';

const INITRD = randomBytes(48 * 1024);

describe.each<Firmware>(['bios', 'uefi'])('real iPXE firmware (%s) in QEMU', (firmware) => {
  const missing = qemuUnavailable(firmware);
  if (missing) console.warn(`Skipping the ${firmware} iPXE boot test: ${missing}`);
  let http: Awaited<ReturnType<typeof startAppHttpServer>>;
  // BIOS iPXE accepts any bytes as a kernel; UEFI iPXE only an image UEFI can load.
  const KERNEL = firmware === 'uefi' && !missing ? efiImageFromOptionRom() : randomBytes(96 * 1024);

  beforeAll(async () => {
    const { imagesDir } = useBootEnvironment('http://10.0.2.100');
    writeFileSync(path.join(imagesDir, 'kernel'), KERNEL);
    writeFileSync(path.join(imagesDir, 'initrd-vpc.img'), INITRD);
    http = await startAppHttpServer();
  });
  afterAll(() => http?.close());
  beforeEach(resetDatabase);

  it.skipIf(missing !== null)(
    'fetches its script, expands the variables, downloads kernel and initrd, and the timeline shows the boot',
    async () => {
      const { node, token } = await bootableNode({ status: 'deploying' });
      http.requests.length = 0;
      const run = await bootIpxe({
        firmware,
        chainUrl: chainUrl('http://10.0.2.100', node.id, token),
        appPort: http.port,
        timeoutMs: 55_000,
        // The script reaches this line only after both downloads succeeded (the random test
        // "kernel" is not worth executing).
        done: (console) => console.includes('Booting the Nutanix CE installer'),
      });
      // iPXE's echo joins words with single spaces.
      expect(run.console).toContain(`Node: ${node.name} (id ${node.id})`);
      expect(run.console).toContain(`AHV IP: ${node.ahvIp}`);
      expect(run.console).toContain('Network: 10.0.2.15');
      expect(run.finished, run.console.slice(-2000)).toBe(true);

      const served = http.requests.map((r) => `${r.status} ${r.url}`);
      expect(served).toContain(`200 /boot/config?node_id=${node.id}&token=${token}`);
      expect(served).toContain(`200 /boot/images/kernel?token=${token}`);
      expect(served).toContain(`200 /boot/images/initrd-vpc.img?token=${token}`);

      let events = await listEvents({ nodeId: node.id });
      for (let i = 0; i < 50 && events.filter((e) => e.phase === 'boot_asset').length < 3; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        events = await listEvents({ nodeId: node.id });
      }
      expect(events.find((e) => e.phase === 'ipxe_boot')).toMatchObject({ status: 'started' });
      const fetched = events.filter((e) => e.phase === 'boot_asset').map((e) => e.details as { asset: string; bytes?: number });
      expect(fetched).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ asset: 'boot/config' }),
          expect.objectContaining({ asset: 'kernel', bytes: KERNEL.length }),
          expect.objectContaining({ asset: 'initrd-vpc.img', bytes: INITRD.length }),
        ]),
      );
    },
    70_000,
  );
});
