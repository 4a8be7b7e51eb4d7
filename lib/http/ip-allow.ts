import { isIPv4, isIP } from 'node:net';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => (acc << 8) + Number(octet), 0) >>> 0;
}

/** An address as compared everywhere: trimmed, IPv4-mapped IPv6 (`::ffff:a.b.c.d`) as plain IPv4. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  return trimmed.startsWith('::ffff:') && isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

function matches(ip: string, entry: string): boolean {
  const [base, bitsText] = entry.split('/');
  if (bitsText === undefined) return isIP(base) !== 0 && normalizeIp(base) === ip;
  const bits = Number(bitsText);
  if (!isIPv4(base) || !isIPv4(ip) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}

/** Whether `ip` is in the allow-list (exact addresses, IPv4 CIDR blocks; IPv4-mapped IPv6 normalized). */
export function ipAllowed(ip: string, allow: readonly string[]): boolean {
  const address = normalizeIp(ip);
  return allow.some((entry) => matches(address, entry.trim()));
}

/** Whether `entry` is something ipAllowed understands (an address, or an IPv4 CIDR block). */
export function isAllowEntry(entry: string): boolean {
  const [base, bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  if (bits === undefined) return isIP(base) !== 0;
  return isIPv4(base) && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
}
