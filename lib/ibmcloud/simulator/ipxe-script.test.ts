import { describe, expect, it } from 'vitest';
import { chainUrlOf } from './virtual-node';
import { kernelArg, parseIpxeScript } from './ipxe-script';

const vars = { ip: '10.240.0.10', mac: '02:00:aa:bb:cc:dd', hostname: 'node-1' };

describe('parseIpxeScript', () => {
  it('expands set variables and DHCP variables in kernel and initrd lines, skipping --name flags', () => {
    const script = [
      '#!ipxe',
      'set base-url http://10.240.0.5:3000',
      'set node-token nvn_abc',
      'set attempt:int32 0',
      ':kernel',
      'kernel --name kernel ${base-url}/boot/images/kernel?token=${node-token} init=/vpc_init config_server=${base-url} ip=${net0/ip} && goto load_initrd ||',
      ':load_initrd',
      'initrd --name initrd ${base-url}/boot/images/initrd-vpc.img?token=${node-token} && goto boot ||',
      'boot || goto failed',
      ':failed',
      'chain --replace --autofree ${base-url}/boot/config?node_id=1&token=${node-token} || goto failed',
    ].join('\n');
    const parsed = parseIpxeScript(script, 'http://10.240.0.5:3000/boot/config', vars);
    expect(parsed.isIpxe).toBe(true);
    expect(parsed.kernel?.url).toBe('http://10.240.0.5:3000/boot/images/kernel?token=nvn_abc');
    expect(kernelArg(parsed.kernel!.args, 'config_server')).toBe('http://10.240.0.5:3000');
    expect(kernelArg(parsed.kernel!.args, 'ip')).toBe('10.240.0.10');
    expect(parsed.kernel!.args).not.toContain('goto');
    expect(parsed.initrd).toBe('http://10.240.0.5:3000/boot/images/initrd-vpc.img?token=nvn_abc');
    expect(parsed.bootsLocalDisk).toBe(false);
  });

  it('recognises a local-disk script and a chain-only script', () => {
    expect(parseIpxeScript('#!ipxe\niseq ${platform} efi && goto firmware ||\nsanboot --no-describe --drive 0x80 || goto firmware\n:firmware\nexit', 'http://x/', vars).bootsLocalDisk).toBe(true);
    expect(parseIpxeScript('#!ipxe\ndhcp\nchain http://x/boot/config?mac=${net0/mac}', 'http://x/', vars).chain).toBe('http://x/boot/config?mac=02:00:aa:bb:cc:dd');
    expect(parseIpxeScript('not a script', 'http://x/', vars).isIpxe).toBe(false);
  });
});

describe('chainUrlOf', () => {
  it('takes the URL from user data that is a bare URL or an inline iPXE script (docs/reference/ibmcloud-api.md §3.6)', () => {
    expect(chainUrlOf('http://h/boot/config?node_id=1&token=t\n')).toBe('http://h/boot/config?node_id=1&token=t');
    expect(chainUrlOf('#!ipxe\ndhcp\nchain http://h/boot/config?node_id=2')).toBe('http://h/boot/config?node_id=2');
    expect(chainUrlOf('#cloud-config')).toBeNull();
  });
});
