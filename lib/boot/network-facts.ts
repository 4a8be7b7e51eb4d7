import { z } from 'zod';

/**
 * What the installer needs to know about the management subnet. Provisioning stores these facts
 * on the node (`networkConfig`, shape below) when it allocates the addresses, so that a boot
 * storm never turns into one cloud call per request; absent facts fall back to the /24-style
 * layout the IP ranges assume (gateway = network address + 1).
 */
export const nodeNetworkConfigSchema = z.object({
  management: z
    .object({
      cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/).optional(),
      gateway: z.string().optional(),
    })
    .optional(),
  dnsServers: z.array(z.string()).optional(),
});

export interface NetworkFacts {
  cidr: string;
  netmask: string;
  gateway: string;
  dnsServers: string[];
}

const toInt = (ip: string) => ip.split('.').reduce((n, octet) => (n << 8) + Number(octet), 0) >>> 0;
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

export function netmaskOf(prefix: number): string {
  return toIp(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
}

export function networkFacts(managementIp: string, stored: unknown, defaultDns: string[]): NetworkFacts {
  const parsed = nodeNetworkConfigSchema.safeParse(stored ?? {});
  const facts = parsed.success ? parsed.data : {};
  const cidr = facts.management?.cidr ?? `${toIp(toInt(managementIp) & 0xffffff00)}/24`;
  const [network, bits] = cidr.split('/');
  const prefix = Number(bits);
  const base = toInt(network) & toInt(netmaskOf(prefix));
  return {
    cidr: `${toIp(base)}/${prefix}`,
    netmask: netmaskOf(prefix),
    gateway: facts.management?.gateway ?? toIp(base + 1),
    dnsServers: facts.dnsServers?.length ? facts.dnsServers : defaultDns,
  };
}
