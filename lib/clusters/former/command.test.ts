import { describe, expect, it } from 'vitest';
import { clusterCreateCommand, dataServicesIpCommand } from './command';

const base = { clusterName: 'lab-1', cvmIps: ['10.0.0.101'], redundancyFactor: 1, dnsServers: ['161.26.0.7'], clusterIp: '10.0.0.200', dataServicesIp: '10.0.0.201', attempt: 1 };

describe('cluster create command', () => {
  it('creates a single-node cluster with RF1, its VIP and DNS servers', () => {
    expect(clusterCreateCommand(base)).toBe(
      '/usr/local/nutanix/cluster/bin/cluster -s 10.0.0.101 --cluster_name=lab-1 --redundancy_factor=1 --cluster_external_ip=10.0.0.200 --dns_servers=161.26.0.7 create',
    );
  });

  it('lists every CVM for a multi-node cluster and omits DNS servers when none are given', () => {
    const cmd = clusterCreateCommand({ ...base, cvmIps: ['10.0.0.101', '10.0.0.102', '10.0.0.103'], redundancyFactor: 2, dnsServers: [] });
    expect(cmd).toContain('-s 10.0.0.101,10.0.0.102,10.0.0.103 ');
    expect(cmd).toContain('--redundancy_factor=2');
    expect(cmd).not.toContain('--dns_servers');
  });

  it('refuses values that could reach the remote shell unchecked', () => {
    expect(() => clusterCreateCommand({ ...base, cvmIps: ['10.0.0.1;reboot'] })).toThrow(/IPv4/);
    expect(() => clusterCreateCommand({ ...base, clusterName: 'a b' })).toThrow(/cluster name/);
    expect(() => dataServicesIpCommand({ ...base, dataServicesIp: '$(id)' })).toThrow(/IPv4/);
  });
});
