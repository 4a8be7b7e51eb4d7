import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { cloudEndpoints, cloudSettings } from './settings';
import { SIM_DEFAULTS } from './simulation-defaults';

describe('cloudSettings', () => {
  it('resolves every unset id to the simulator resource in simulation mode', () => {
    const s = cloudSettings(loadConfig({}));
    expect(s.mode).toBe('simulation');
    expect(s.vpcId).toBe(SIM_DEFAULTS.vpc.id);
    expect(s.managementSubnetId).toBe(SIM_DEFAULTS.managementSubnet.id);
    expect(s.ipxeImageId).toBe(SIM_DEFAULTS.images.ipxe.id);
    expect(s.dnsZoneId).toBe(`nutanix-ce-poc.cloud:${SIM_DEFAULTS.dns.zoneUuid}`);
    expect(Object.values(s).every((v) => v !== '')).toBe(true);
  });

  it('keeps configured ids in simulation mode', () => {
    expect(cloudSettings(loadConfig({ VPC_ID: 'my-vpc' })).vpcId).toBe('my-vpc');
  });

  it('never invents ids in cloud mode', () => {
    const env = {
      IBMCLOUD_API_KEY: 'k', VPC_ID: 'v', RESOURCE_GROUP_ID: 'rg', MANAGEMENT_SUBNET_ID: 'm', WORKLOAD_SUBNET_ID: 'w',
      SSH_KEY_ID: 'key', IPXE_IMAGE_ID: 'img', DNS_INSTANCE_ID: 'dns', DNS_ZONE_ID: 'zone', PUBLIC_BASE_URL: 'http://10.0.0.1:3000',
    };
    const s = cloudSettings(loadConfig(env));
    expect(s.mode).toBe('cloud');
    expect(s.vpcId).toBe('v');
    expect(s.managementSecurityGroupId).toBe('');
  });
});

describe('cloudEndpoints', () => {
  it('defaults to the regional public endpoints (docs/reference/ibmcloud-api.md §1.1, §2, §6.1)', () => {
    const e = cloudEndpoints(loadConfig({ IBMCLOUD_REGION: 'eu-de' }));
    expect(e).toEqual({
      iamUrl: 'https://iam.cloud.ibm.com',
      vpcUrl: 'https://eu-de.iaas.cloud.ibm.com/v1',
      dnsUrl: 'https://api.dns-svcs.cloud.ibm.com/v1',
      taggingUrl: 'https://tags.global-search-tagging.cloud.ibm.com',
      searchUrl: 'https://api.global-search-tagging.cloud.ibm.com',
    });
  });

  it('puts tagging and search on the simulator next to IAM in simulation mode', () => {
    const e = cloudEndpoints(loadConfig({ IBMCLOUD_IAM_URL: 'http://127.0.0.1:4000' }));
    expect(e.taggingUrl).toBe('http://127.0.0.1:4000/tagging');
    expect(e.searchUrl).toBe('http://127.0.0.1:4000/search');
  });
});
