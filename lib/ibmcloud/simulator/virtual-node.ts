import { generateKeyPairSync } from 'node:crypto';
import { redactUrl } from '@/lib/log/logger';
import { INSTALL_PHASES, phaseIndex, type InstallPhase } from '@/lib/status/phases';
import { kernelArg, parseIpxeScript, type ParsedIpxeScript } from './ipxe-script';
import { NodeHttp, NodeHalted } from './node-http';
import type { SimNodeProgress } from './state';

/**
 * Plays the machine behind a simulated bare-metal server once it is running: fetches the chain
 * URL from its user data, follows the iPXE script (chain, installer config, kernel, initrd), then
 * reports the installer phases to `/api/status/phase` with its node token, taking realistic,
 * time-scaled durations. `ipxe_boot` and `config_download` are recorded by our boot routes when
 * the node fetches them, so reporting starts at `foundation_start`.
 */

/** Simulated seconds per phase: roughly 60-75% of the Python original's phase timeouts (docs/reference/original-detailed.md §5.1). */
export const PHASE_SECONDS: Record<InstallPhase, number> = {
  ipxe_boot: 20,
  config_download: 10,
  foundation_start: 100,
  storage_discovery: 150,
  image_download: 540,
  installation: 840,
  cluster_formation: 360,
  dns_registration: 45,
  health_validation: 180,
};

const MESSAGES: Record<InstallPhase, [started: string, completed: string]> = {
  ipxe_boot: ['iPXE boot', 'iPXE boot complete'],
  config_download: ['Downloading installer configuration', 'Installer configuration downloaded'],
  foundation_start: ['Starting Foundation services', 'Foundation services running'],
  storage_discovery: ['Discovering NVMe drives', 'Boot and data drives discovered'],
  image_download: ['Downloading AHV and AOS images', 'Images downloaded and verified'],
  installation: ['Installing AHV hypervisor and CVM', 'AHV and CVM installed'],
  cluster_formation: ['Preparing cluster services', 'Cluster services ready'],
  dns_registration: ['Registering host names', 'Host names registered'],
  health_validation: ['Running health checks', 'Node healthy'],
};

export interface VirtualNodeSpec {
  serverName: string;
  /** Power-on counter, part of each callback id so retried posts are recognised as one. */
  bootId: number;
  managementIp: string;
  macAddress: string;
  userData: string;
  /** Last phase already reported in this boot (-1 for a fresh boot). */
  lastPhase: number;
  /** Read before each phase, so a failure or silence can be injected while the node runs. */
  behaviour: () => { failPhase?: string; silentPhase?: string };
}

export interface VirtualNodeOptions {
  timeScale: number;
  onProgress: (update: Partial<SimNodeProgress>) => void;
  log?: (msg: string) => void;
  fetchImpl?: typeof fetch;
  /** Jitter of phase durations (0.15 = ±15%). */
  jitter?: number;
}

export class VirtualNode {
  private readonly abort = new AbortController();
  private readonly http: NodeHttp;

  constructor(readonly spec: VirtualNodeSpec, private readonly options: VirtualNodeOptions) {
    this.http = new NodeHttp(this.abort.signal, options.fetchImpl ?? fetch);
  }

  /** Powers the node off: no further request is made. */
  stop() {
    this.abort.abort();
  }

  get stopped() {
    return this.abort.signal.aborted;
  }

  private log(msg: string) {
    // Messages can quote URLs that carry the node token: never let it reach the log.
    this.options.log?.(redactUrl(`virtual node ${this.spec.serverName}: ${msg}`));
  }

  async run(): Promise<void> {
    try {
      const chain = chainUrlOf(this.spec.userData);
      if (!chain) return this.halt('user data holds no chain URL');
      const token = new URL(chain).searchParams.get('token') ?? undefined;
      this.http.token = token;
      let statusBase = new URL(chain).origin;
      if (this.spec.lastPhase < phaseIndex('config_download')) {
        this.options.onProgress({ state: 'booting' });
        const script = await this.fetchScript(chain);
        if (!script.kernel) {
          this.options.onProgress({ state: 'done', detail: script.bootsLocalDisk ? 'booted from local disk' : 'script loads no kernel' });
          return;
        }
        statusBase = kernelArg(script.kernel.args, 'config_server')?.replace(/\/$/, '') ?? statusBase;
        await this.http.probe(script.kernel.url);
        if (script.initrd) await this.http.probe(script.initrd);
        // What vpc_init does once the kernel runs: live filesystem, then the node's installer config.
        const livefs = kernelArg(script.kernel.args, 'LIVEFS_URL');
        if (livefs) await this.http.probe(livefs);
      }
      const config = await this.http.getJson(`${statusBase}/boot/server/${this.spec.managementIp}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
      this.options.onProgress({ state: 'installing' });
      await this.reportPhases(`${statusBase}/api/status/phase`, imageUrls(config));
    } catch (err) {
      if (this.stopped) return;
      if (err instanceof NodeHalted) return this.halt(err.message);
      throw err;
    }
  }

  private halt(reason: string) {
    this.log(`halted: ${reason}`);
    this.options.onProgress({ state: 'halted', detail: reason });
  }

  /** Follows `chain` commands (at most three hops) to the script that loads a kernel. */
  private async fetchScript(url: string): Promise<ParsedIpxeScript> {
    const vars = { ip: this.spec.managementIp, mac: this.spec.macAddress, hostname: this.spec.serverName };
    let current = url;
    for (let hop = 0; hop < 3; hop++) {
      const text = await this.http.getText(current);
      const script = parseIpxeScript(text, current, vars);
      if (!script.isIpxe) throw new NodeHalted(`${current} is not an iPXE script`);
      if (script.kernel || !script.chain) return script;
      current = script.chain;
    }
    throw new NodeHalted('too many chained scripts');
  }

  private async reportPhases(url: string, images: string[]) {
    const first = Math.max(this.spec.lastPhase + 1, phaseIndex('foundation_start'));
    for (let i = first; i < INSTALL_PHASES.length; i++) {
      const phase = INSTALL_PHASES[i];
      const [startedMsg, doneMsg] = MESSAGES[phase];
      // Once the hypervisor is up, a real node reports its CVM's host key with cluster_formation.
      const extra = phase === 'cluster_formation' ? { ssh_host_keys: [this.hostKey()] } : {};
      await this.post(url, phase, 'started', startedMsg, Math.round((i / INSTALL_PHASES.length) * 100), extra);
      if (this.spec.behaviour().silentPhase === phase) {
        this.log(`going silent in ${phase}`);
        this.options.onProgress({ state: 'silent', detail: phase });
        return;
      }
      if (phase === 'image_download') {
        const missing = await this.downloadImages(images);
        if (missing) {
          await this.post(url, phase, 'failed', missing, Math.round((i / INSTALL_PHASES.length) * 100));
          this.options.onProgress({ state: 'failed', detail: phase });
          return;
        }
      }
      await this.sleepSimulated(PHASE_SECONDS[phase]);
      if (this.spec.behaviour().failPhase === phase) {
        await this.post(url, phase, 'failed', `${startedMsg} failed (injected by the simulator)`, Math.round((i / INSTALL_PHASES.length) * 100));
        this.options.onProgress({ state: 'failed', detail: phase });
        return;
      }
      await this.post(url, phase, 'completed', doneMsg, Math.round(((i + 1) / INSTALL_PHASES.length) * 100));
      this.options.onProgress({ lastPhase: i });
    }
    this.options.onProgress({ state: 'done' });
  }

  /** Probes each image of the installer config; returns why the download failed, if it did. */
  private async downloadImages(urls: string[]): Promise<string | null> {
    for (const image of urls) {
      try {
        await this.http.probe(image);
      } catch (err) {
        if (err instanceof NodeHalted) return `Image download failed: ${err.message}`;
        throw err;
      }
    }
    return null;
  }

  private post(url: string, phase: string, status: 'started' | 'completed' | 'failed', message: string, progress: number, extra: Record<string, unknown> = {}) {
    const callbackId = `${this.spec.serverName}-${this.spec.bootId}-${phase}-${status}`;
    return this.http.postJson(url, { server_ip: this.spec.managementIp, phase, status, message, progress, callback_id: callbackId, ...extra });
  }

  /** A fresh ed25519 host key per install, as `ssh-ed25519 <base64>` (what sshd's .pub holds). */
  private hostKey(): string {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const field = (b: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(b.length);
      return Buffer.concat([length, b]);
    };
    return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')}`;
  }

  private sleepSimulated(simSeconds: number) {
    const jitter = this.options.jitter ?? 0.15;
    const factor = 1 + (Math.random() * 2 - 1) * jitter;
    return this.http.sleep((simSeconds * factor * 1000) / this.options.timeScale);
  }
}

/** Image URLs in the installer config (`images: {name: url}`), as the installer downloads them. */
function imageUrls(config: unknown): string[] {
  const images = (config as { images?: Record<string, unknown> } | null)?.images;
  if (!images || typeof images !== 'object') return [];
  return Object.values(images).filter((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v));
}

/** The user data is a chain URL, or an iPXE script whose `chain` line holds it (docs/reference/ibmcloud-api.md §3.6). */
export function chainUrlOf(userData: string): string | null {
  const text = userData.trim();
  if (/^https?:\/\//.test(text) && !text.includes('\n')) return text;
  if (text.startsWith('#!ipxe')) {
    const line = text.split('\n').find((l) => /^\s*chain\s+/.test(l));
    const url = line?.trim().split(/\s+/).find((w) => /^https?:\/\//.test(w));
    return url ?? null;
  }
  return null;
}
