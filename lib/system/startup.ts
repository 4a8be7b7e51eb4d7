import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A start-up failure whose message names the cause and the fix; the launcher prints only it. */
export class StartupError extends Error {}

/** Fails unless `port` can be bound on `host`, naming the variable that chooses it. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, resolve);
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`${variable}: port ${port} is already in use by another process (another instance?); set ${variable} to a free port`);
    }
    if (code === 'EACCES') throw new StartupError(`${variable}: not allowed to listen on port ${port}; set ${variable} to a port above 1023`);
    throw err;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One running `npm start` per DATA_DIR: its embedded database, simulator state and secrets are
 * not shared. A lock file names the owner; one left by a killed launcher (pid gone) is taken over.
 * Returns the release function.
 */
export async function claimDataDir(dataDir: string, port: number): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'instance.lock');
  if (existsSync(file)) {
    const owner = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { pid: number; port: number }, () => null);
    if (owner && owner.pid !== process.pid && alive(owner.pid)) {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by a running instance (pid ${owner.pid}, PORT ${owner.port}); stop that one, or set DATA_DIR to another directory (and PORT, EMBEDDED_PG_PORT to free ports) to run a second one`,
      );
    }
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify({ pid: process.pid, port }));
  return () => rm(file, { force: true });
}
