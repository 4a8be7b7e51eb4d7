import type { SimContext } from './context';
import type { SimServer } from './state';
import { VirtualNode } from './virtual-node';

const ACTIVE_STATES = new Set(['waiting', 'booting', 'installing']);

/**
 * Keeps one virtual node per running server (level-triggered on every tick, so it also resumes
 * an unfinished install after a simulator restart) and powers nodes off when their server stops,
 * reinitializes or is deleted.
 */
export class NodeManager {
  private readonly nodes = new Map<string, { bootId: number; node: VirtualNode }>();

  constructor(private readonly ctx: SimContext, private readonly log: (msg: string) => void, private readonly fetchImpl?: typeof fetch) {}

  sync() {
    const servers = new Map(this.ctx.state.servers.map((s) => [s.id, s]));
    for (const [id, entry] of this.nodes) {
      const server = servers.get(id);
      if (!server || server.status !== 'running' || server.node.bootId !== entry.bootId) {
        entry.node.stop();
        this.nodes.delete(id);
      }
    }
    if (!this.ctx.settings.autoboot) return;
    for (const server of servers.values()) {
      if (server.status === 'running' && ACTIVE_STATES.has(server.node.state) && !this.nodes.has(server.id)) this.boot(server);
    }
  }

  private boot(server: SimServer) {
    const primary = server.attachments[0];
    const vni = this.ctx.state.vnis.find((v) => v.id === primary?.vniId);
    const ip = this.ctx.state.reservedIps.find((r) => r.id === vni?.primaryIpId);
    if (!vni || !ip || !server.userData) {
      server.node = { ...server.node, state: 'halted', detail: 'no network or user data' };
      this.ctx.store.markDirty();
      return;
    }
    const bootId = server.node.bootId;
    const node = new VirtualNode(
      {
        serverName: server.name, bootId, managementIp: ip.address, macAddress: vni.macAddress, userData: server.userData,
        lastPhase: server.node.lastPhase,
        behaviour: () => {
          const current = this.ctx.state.servers.find((s) => s.id === server.id)?.behaviour ?? {};
          const faults = this.ctx.faults.settings;
          return { failPhase: current.failPhase ?? faults.failPhase, silentPhase: current.silentPhase ?? faults.silentPhase };
        },
      },
      {
        timeScale: this.ctx.settings.timeScale,
        log: this.log,
        fetchImpl: this.fetchImpl,
        onProgress: (update) => {
          const current = this.ctx.state.servers.find((s) => s.id === server.id);
          if (!current || current.node.bootId !== bootId) return;
          current.node = { ...current.node, ...update };
          this.ctx.store.markDirty();
        },
      },
    );
    this.nodes.set(server.id, { bootId, node });
    node.run().catch((err: Error) => this.log(`virtual node ${server.name} crashed: ${err.message}`));
  }

  stopAll() {
    for (const { node } of this.nodes.values()) node.stop();
    this.nodes.clear();
  }

  get activeCount() {
    return this.nodes.size;
  }
}
