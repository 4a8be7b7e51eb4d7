import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Waits until a provisioned node's server runs and has fetched its boot files (the simulator's
 * virtual node is then in config_download or foundation_start), and returns what a spec needs to
 * report phases as that node: its boot token and management IP.
 */
export async function waitUntilBooted(request: APIRequestContext, auth: Record<string, string>, nodeId: number) {
  let chainUrl: string | null = null;
  await expect.poll(async () => {
    chainUrl = (await (await request.get(`/api/config/nodes/${nodeId}/chain-url`, { headers: auth })).json()).chain_url ?? null;
    return chainUrl;
  }, { timeout: 60_000 }).toBeTruthy();
  const nodeToken = new URL(chainUrl!).searchParams.get('token')!;
  await expect.poll(async () => {
    const s = await (await request.get(`/api/status/nodes/${nodeId}`, { headers: auth })).json();
    return ['config_download', 'foundation_start'].includes(s.current_phase);
  }, { timeout: 60_000 }).toBe(true);
  const serverIp: string = (await (await request.get(`/api/status/nodes/${nodeId}`, { headers: auth })).json()).server_ip;
  return { nodeToken, serverIp };
}
