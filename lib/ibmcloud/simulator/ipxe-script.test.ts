import { describe, expect, it } from 'vitest';
import { renderInstallScript } from '@/lib/boot/ipxe-template';
import { kernelArg, parseIpxeScript } from './ipxe-script';

describe('parseIpxeScript', () => {
  it('follows the settings of the real install script as iPXE would', () => {
    const script = renderInstallScript({
      baseUrl: 'http://10.0.2.100:3000',
      nodeId: 7,
      nodeName: 'ntnx-7',
      managementIp: '10.240.0.10',
      ahvIp: '10.240.0.51',
      cvmIp: '10.240.0.101',
      token: 'nvn_secret-token',
      files: { kernel: 'kernel', initrd: 'initrd-vpc.img', squashfs: 'squashfs.img' },
    });
    const parsed = parseIpxeScript(script, 'http://10.0.2.100:3000/boot/config?node_id=7', { ip: '10.240.0.10', mac: '02:00:00:00:00:07' });
    expect(parsed.isIpxe).toBe(true);
    expect(parsed.kernel?.url).toBe('http://10.0.2.100:3000/boot/images/kernel?token=nvn_secret-token');
    expect(parsed.initrd).toBe('http://10.0.2.100:3000/boot/images/initrd-vpc.img?token=nvn_secret-token');
    expect(kernelArg(parsed.kernel!.args, 'config_server')).toBe('http://10.0.2.100:3000');
    expect(parsed.kernel!.args.join(' ')).not.toContain('${');
  });

  it('expands unknown settings to nothing and honours later `set` lines', () => {
    const parsed = parseIpxeScript('#!ipxe\nset a http://x\nset a ${a}/y\nkernel ${a}/k ${nope}arg', 'http://x/', { ip: '1.2.3.4', mac: 'm' });
    expect(parsed.kernel).toEqual({ url: 'http://x/y/k', args: ['arg'] });
  });
});
