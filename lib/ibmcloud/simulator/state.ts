import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The simulator's mutable world. Only what users create is stored; the pre-made fixtures
 * (VPC, subnets, security groups, key, images, profiles, DNS zone) come from defaults.ts and
 * hrefs are rendered per request, because the listening port may change across restarts.
 */
export interface SimReservedIp {
  id: string;
  subnetId: string;
  name: string;
  address: string;
  autoDelete: boolean;
  createdAt: string;
  /** The VNI the IP is bound to. */
  targetVniId?: string;
}

export interface SimVni {
  id: string;
  name: string;
  subnetId: string;
  primaryIpId: string;
  ipIds: string[];
  securityGroupIds: string[];
  allowIpSpoofing: boolean;
  enableInfrastructureNat: boolean;
  protocolStateFilteringMode: string;
  autoDelete: boolean;
  resourceGroupId: string;
  createdAt: string;
  macAddress: string;
  target?: { serverId: string; attachmentId: string };
}

export interface SimAttachment {
  id: string;
  name: string;
  interfaceType: 'pci' | 'vlan';
  type: 'primary' | 'secondary';
  vniId: string;
  allowedVlans?: number[];
  vlan?: number;
  allowToFloat?: boolean;
  createdAt: string;
}

/** One scheduled status change, at a real-clock instant (already time-scaled). */
export interface SimTransition {
  status: string;
  atMs: number;
}

/** What the virtual node playing this server has done since its last power-on. */
export interface SimNodeProgress {
  /** Bumped on every power-on; a virtual node from an older boot stops. */
  bootId: number;
  state: 'waiting' | 'booting' | 'installing' | 'done' | 'failed' | 'silent' | 'halted';
  /** Index into INSTALL_PHASES of the last phase completed (-1: none). */
  lastPhase: number;
  detail?: string;
}

export interface SimServer {
  id: string;
  name: string;
  profile: string;
  zone: string;
  vpcId: string;
  resourceGroupId: string;
  createdAt: string;
  status: string;
  statusReasons: { code: string; message: string }[];
  plan: SimTransition[];
  imageId: string;
  keyIds: string[];
  userData?: string;
  enableSecureBoot: boolean;
  attachments: SimAttachment[];
  behaviour: { failPhase?: string; silentPhase?: string };
  node: SimNodeProgress;
}

export interface SimDnsRecord {
  id: string;
  type: string;
  name: string;
  ttl: number;
  rdata: Record<string, unknown>;
  createdOn: string;
  modifiedOn: string;
}

export interface SimState {
  version: 1;
  /** Signs IAM tokens, so tokens stay valid across a simulator restart. */
  tokenSecret: string;
  reservedIps: SimReservedIp[];
  vnis: SimVni[];
  servers: SimServer[];
  dnsRecords: SimDnsRecord[];
  /** User tags by CRN (Global Tagging). */
  tags: Record<string, string[]>;
}

export function emptyState(): SimState {
  return { version: 1, tokenSecret: randomBytes(32).toString('hex'), reservedIps: [], vnis: [], servers: [], dnsRecords: [], tags: {} };
}

/** Loads state from a JSON file, or starts empty when there is none (or it is unreadable). */
export async function loadState(file: string | undefined): Promise<SimState> {
  if (!file) return emptyState();
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as SimState;
    if (parsed.version !== 1 || !Array.isArray(parsed.servers)) return emptyState();
    return { ...emptyState(), ...parsed };
  } catch {
    return emptyState();
  }
}

/**
 * Writes state through a temporary file and rename, so a crash mid-write never leaves a
 * truncated file behind. Writes are coalesced: at most one in flight, the latest state wins, and
 * at most one starts per `minIntervalMs`: a busy simulator changes its world every few
 * milliseconds, and writing all of it after each change kept a core busy (bench/provisions.ts).
 * A change after a quiet spell is written at once; `flush` (at shutdown) does not wait.
 */
export class StateStore {
  private dirty = false;
  private writing: Promise<void> | null = null;
  private lastStart = 0;
  private hurry: (() => void) | null = null;
  /** Writes so far. */
  writes = 0;

  constructor(readonly file: string | undefined, readonly state: SimState, private readonly minIntervalMs = 250) {}

  markDirty() {
    if (!this.file) return;
    this.dirty = true;
    this.writing ??= this.drain();
  }

  private async drain() {
    try {
      while (this.dirty) {
        const wait = this.lastStart + this.minIntervalMs - Date.now();
        if (wait > 0) await this.pause(wait);
        this.dirty = false;
        this.lastStart = Date.now();
        this.writes++;
        await this.write();
      }
    } finally {
      this.writing = null;
    }
  }

  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hurry = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.hurry = done;
    });
  }

  private async write() {
    const file = this.file!;
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(this.state), { mode: 0o600 });
    await rename(tmp, file);
  }

  async flush() {
    while (this.writing) {
      this.hurry?.();
      await this.writing;
    }
  }
}
