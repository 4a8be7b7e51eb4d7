/** IPv4 arithmetic for host-number ranges inside a subnet's CIDR block. */

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${ip}`);
  }
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function parseCidr(cidr: string): { network: number; prefix: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`not a CIDR block: ${cidr}`);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipToInt(ip) / size) * size;
  return { network, prefix, size };
}

/**
 * The addresses of host numbers first..last in the subnet (docs/reference/original-detailed.md §3.2: offsets added to the
 * network address), skipping the network, the three IBM-reserved hosts and the broadcast address.
 */
export function rangeAddresses(cidr: string, range: { first: number; last: number }): string[] {
  const { network, size } = parseCidr(cidr);
  const out: string[] = [];
  for (let host = range.first; host <= range.last; host++) {
    if (host <= 3 || host >= size - 1) continue;
    out.push(intToIp(network + host));
  }
  return out;
}

/** The /N reverse of an address: its host number inside the subnet. */
export function hostNumber(cidr: string, address: string): number {
  return ipToInt(address) - parseCidr(cidr).network;
}
