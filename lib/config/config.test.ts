import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';

describe('loadConfig', () => {
  it('runs with zero configuration in simulation mode', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('simulation');
    expect(c.PORT).toBe(3000);
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(c.ipRanges.management).toEqual({ first: 10, last: 50 });
    expect(c.phaseTimeouts.installation).toBe(1200);
    expect(c.CORS_ORIGINS).toEqual([]);
  });

  it('names the variable whose value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ MGMT_IP_RANGE: '60-20' })).toThrow(/MGMT_IP_RANGE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('lists every cloud setting missing once an API key is given', () => {
    try {
      loadConfig({ IBMCLOUD_API_KEY: 'key' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const vars = (err as ConfigError).problems.map((p) => p.variable);
      expect(vars).toContain('VPC_ID');
      expect(vars).toContain('IPXE_IMAGE_ID');
    }
  });

  it('splits CORS_ORIGINS and parses booleans', () => {
    const c = loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example', SIM_AUTOBOOT: '0' });
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(c.SIM_AUTOBOOT).toBe(false);
  });

  it('takes TRUSTED_PROXIES as addresses/CIDRs and refuses the old TRUST_PROXY=true with the way out', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '172.30.240.10, 10.0.0.0/8' }).TRUSTED_PROXIES).toEqual(['172.30.240.10', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'nginx' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: replaced by TRUSTED_PROXIES/);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUSTED_PROXIES).toEqual([]);
  });

  it('takes the session secret from AUTH_SECRET or NEXTAUTH_SECRET, and refuses two different ones', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    expect(loadConfig({ NEXTAUTH_SECRET: a }).authSecret).toBe(a);
    expect(loadConfig({ AUTH_SECRET: a }).authSecret).toBe(a);
    expect(loadConfig({ AUTH_SECRET: a, NEXTAUTH_SECRET: a }).authSecret).toBe(a);
    expect(() => loadConfig({ AUTH_SECRET: a, NEXTAUTH_SECRET: b })).toThrow(/NEXTAUTH_SECRET: differs from AUTH_SECRET/);
    expect(loadConfig({}).authSecret).toBeUndefined();
  });
});
