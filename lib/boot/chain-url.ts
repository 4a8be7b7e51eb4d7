/**
 * The URL a server's user data holds: iPXE chains to it on every boot. Built from
 * PUBLIC_BASE_URL only, never a hard-coded host or port.
 */
export function chainUrl(publicBaseUrl: string, nodeId: number, token: string): string {
  const url = new URL('/boot/config', publicBaseUrl);
  url.searchParams.set('node_id', String(nodeId));
  url.searchParams.set('token', token);
  return url.toString();
}
