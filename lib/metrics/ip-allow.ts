import { isIPv4, isIP } from 'node:net';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => (acc << 8) + Number(octet), 0) >>> 0;
}

function normalize(ip: string): string {
  const trimmed = ip.trim();
  return trimmed.startsWith('::ffff:') && isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

function matches(ip: string, entry: string): boolean {
  const [base, bitsText] = entry.split('/');
  if (bitsText === undefined) return isIP(base) !== 0 && normalize(base) === ip;
  const bits = Number(bitsText);
  if (!isIPv4(base) || !isIPv4(ip) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}

/** Whether `ip` is in the allow-list (exact addresses, IPv4 CIDR blocks; IPv4-mapped IPv6 normalized). */
export function ipAllowed(ip: string, allow: readonly string[]): boolean {
  const address = normalize(ip);
  return allow.some((entry) => matches(address, entry.trim()));
}
