import { describe, expect, it } from 'vitest';
import { simulatedClusterFormer } from './simulated-former';
import { FormationError } from './types';

const req = { clusterName: 'lab-1', cvmIps: ['10.0.0.101', '10.0.0.102', '10.0.0.103'], redundancyFactor: 2, dnsServers: [], clusterIp: '10.0.0.200', dataServicesIp: '10.0.0.201', attempt: 1 };

describe('simulated cluster former', () => {
  it('takes the real duration divided by the time scale', async () => {
    const slept: number[] = [];
    const former = simulatedClusterFormer({ timeScale: 60, failTimes: 1, sleep: async (ms) => void slept.push(ms) });
    const result = await former.form(req);
    expect(slept).toEqual([((300 + 120) * 1000) / 60]);
    expect(result.output).toContain('-s 10.0.0.101,10.0.0.102,10.0.0.103');
  });

  it('fails clusters whose name matches the pattern, then succeeds once the failing attempts are used up', async () => {
    const former = simulatedClusterFormer({ timeScale: 1, failPattern: /^lab-/, failTimes: 1, sleep: async () => {} });
    await expect(former.form(req)).rejects.toBeInstanceOf(FormationError);
    await expect(former.form(req)).rejects.toThrow(/simulated failure/);
    await expect(former.form({ ...req, attempt: 2 })).resolves.toMatchObject({ output: expect.stringContaining('UP') });
  });

  it('always fails matching clusters when failTimes is 0', async () => {
    const former = simulatedClusterFormer({ timeScale: 1, failPattern: /lab/, failTimes: 0, sleep: async () => {} });
    await expect(former.form({ ...req, attempt: 7 })).rejects.toThrow(/genesis/);
  });
});
