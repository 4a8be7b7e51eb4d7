import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface AppInstance {
  base: string;
  child: ChildProcess;
  /** SIGKILL (a crash) or SIGTERM; resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts tests/helpers/app-child.ts: a second instance of the app on the test database. */
export async function startAppInstance(env: Record<string, string> = {}): Promise<AppInstance> {
  const root = path.resolve(import.meta.dirname, '../..');
  // Node itself with tsx's loader (not the tsx wrapper, whose child a SIGKILL would orphan).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/app-child.ts')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.once('exit', (code) => reject(new Error(`the app instance exited (${code}) before listening`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    async kill(signal = 'SIGKILL') {
      child.kill(signal);
      await exited;
    },
  };
}
