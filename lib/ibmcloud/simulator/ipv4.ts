/** IPv4 arithmetic for subnet CIDRs (the simulator hands out addresses like IBM does). */

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export function isIpv4(value: unknown): value is string {
  return typeof value === 'string' && /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value);
}

export function parseCidr(cidr: string) {
  const [base, bits] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipToInt(base) / size) * size;
  return { network, size, prefix };
}

export function inCidr(ip: string, cidr: string): boolean {
  const { network, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= network && n < network + size;
}

/**
 * The five addresses IBM keeps in every subnet: network, gateway, two IBM-reserved and
 * broadcast (docs/reference/ibmcloud-api.md §4.2). They show up as provider-owned reserved IPs.
 */
export function providerAddresses(cidr: string): string[] {
  const { network, size } = parseCidr(cidr);
  return [network, network + 1, network + 2, network + 3, network + size - 1].map(intToIp);
}
