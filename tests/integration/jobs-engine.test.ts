import { afterAll, describe, expect, it } from 'vitest';
import { enqueue, registerWorker, startJobEngine, stopJobEngine } from '@/lib/jobs/engine';

describe('job engine', () => {
  afterAll(() => stopJobEngine(2000));

  it('runs a queued job once in a registered worker and dedups by singletonKey while queued', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    await registerWorker<{ value: string }>(
      'test.echo',
      async (data) => {
        seen.push(data.value);
        release();
      },
      { policy: 'short', pollingIntervalSeconds: 0.5 },
    );
    const first = await enqueue('test.echo', { value: 'a' }, { singletonKey: 'k', startAfter: 1 });
    const second = await enqueue('test.echo', { value: 'b' }, { singletonKey: 'k' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await startJobEngine();
    await done;
    expect(seen).toEqual(['a']);
  });
});
