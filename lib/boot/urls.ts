/** URLs rendered into boot scripts and installer configuration, all built from PUBLIC_BASE_URL. */

export function bootImageUrl(baseUrl: string, file: string, token?: string): string {
  const url = new URL(`/boot/images/${encodeURIComponent(file)}`, baseUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export function bootScriptUrl(baseUrl: string, name: string, token?: string): string {
  const url = new URL(`/boot/scripts/${encodeURIComponent(name)}`, baseUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export function installerConfigUrl(baseUrl: string, managementIp: string): string {
  return new URL(`/boot/server/${managementIp}`, baseUrl).toString();
}

export function installerStatusUrl(baseUrl: string): string {
  return new URL('/api/installation/status', baseUrl).toString();
}

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
