import { logger } from '@/lib/log/logger';
import { busConnected, onReset, subscribe, type BusMessage, type BusTopic } from './index';

/**
 * A small per-process cache kept coherent across processes and instances by the bus: entries are
 * tagged (e.g. with a node id) and a `topic` message naming a tag drops them everywhere; a message
 * without one (or a bus reset) drops everything. Served only while the bus is connected, so a lost
 * connection falls back to the database instead of to stale answers. Only found values are stored:
 * failed look-ups (a spray of random tokens) never evict anything.
 */
export class BusCache<K, V> {
  private entries = new Map<K, { value: V; tag: number; version?: number }>();
  private byTag = new Map<number, Set<K>>();
  /** Monotonic counter of invalidations, so a load that raced one does not store its stale result. */
  private tick = 0;
  private invalidatedAt = new Map<number, { tick: number; version?: number }>();
  private clearedAt = 0;
  private listening = false;

  constructor(
    private readonly opts: {
      topic: BusTopic;
      /** The tag a message names (e.g. data.nodeId), null for "everything changed", undefined for "not for us". */
      tagOf: (message: BusMessage) => number | null | undefined;
      max: number;
      /**
       * The version a value was read at and a message announces (data.version): a message then
       * drops only entries older than the change it announces, so a writer can keep the state
       * it just wrote (see set()) when its own notification comes back.
       */
      versionOf?: (value: V) => number;
      /**
       * Keeps the cache warm: warm() loads what `read(null)` gives, and an entry dropped by a change
       * is read again in a batch (`read(tags)`, every REFRESH_MS) instead of by its next request.
       */
      refresh?: {
        read: (tags: number[] | null) => Promise<{ key: K; value: V; tag: number }[]>;
        /** The tag a message announces a value worth loading before anyone asks (e.g. a new boot token). */
        prefetchOf?: (message: BusMessage) => number | undefined;
      };
      /**
       * Values a writer sends along with its change (e.g. a node's new report state): stored as
       * they come, so no process reads the database to learn what the writer already knew.
       * `valueOf` gets the held value to patch (a change applied to the version it was made at);
       * `{ drop }` when it cannot say, which drops that tag as a `topic` message would. Needs
       * `versionOf`: a carried value replaces only an older entry, and outdates reads in flight.
       */
      carried?: {
        topic: BusTopic;
        valueOf: (message: BusMessage, held: (key: K) => V | undefined) => { key: K; value: V; tag: number } | { drop: number } | undefined;
      };
    },
  ) {}

  private refreshQueue = new Set<number>();
  /**
   * Entries a versioned change just dropped, until their refresh: the change's carried message
   * (sent in the same transaction, so heard right after) can patch them instead of a read.
   */
  private dropped = new Map<K, { value: V; tag: number }>();
  private refreshTimer: NodeJS.Timeout | undefined;

  private listen() {
    if (this.listening) return;
    this.listening = true;
    subscribe(this.opts.topic, (m) => {
      const tag = this.opts.tagOf(m);
      const version = typeof m.data.version === 'number' ? m.data.version : undefined;
      if (tag === null) this.clear();
      else if (tag !== undefined) this.invalidate(tag, version);
      const ahead = this.opts.refresh?.prefetchOf?.(m);
      if (ahead !== undefined) this.queueRefresh(ahead);
    });
    const carried = this.opts.carried;
    if (carried) {
      subscribe(carried.topic, (m) => {
        const found = carried.valueOf(m, (key) => this.entries.get(key)?.value ?? this.dropped.get(key)?.value);
        if (found && 'drop' in found) this.invalidate(found.drop);
        else if (found) this.put(found.key, found.value, found.tag);
      });
    }
    onReset(() => {
      this.clear();
      if (this.opts.refresh && busConnected()) void this.warm();
    });
  }

  /** Loads everything worth keeping warm (needs `refresh`); resolves when it is in. */
  async warm(tags: number[] | null = null): Promise<void> {
    this.listen();
    const read = this.opts.refresh?.read;
    if (!read) return;
    const since = this.tick;
    try {
      for (const { key, value, tag } of await read(tags)) this.fill(key, value, tag, since);
    } catch (err) {
      logger.warn({ err, component: 'cache', topic: this.opts.topic }, 'could not warm a cache; requests read the database');
    }
  }

  private queueRefresh(tag: number) {
    this.refreshQueue.add(tag);
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      const tags = [...this.refreshQueue];
      this.refreshQueue.clear();
      this.dropped.clear();
      if (tags.length > 0) void this.warm(tags);
    }, REFRESH_MS);
    this.refreshTimer.unref?.();
  }

  get(key: K): V | undefined {
    this.listen();
    if (!busConnected()) return undefined;
    return this.entries.get(key)?.value;
  }

  /** A point in this cache's history, for a load() whose value was read before load() was called. */
  mark(): number {
    return this.tick;
  }

  /**
   * The cached value, or `loader()`'s (stored under `tagOf(value)` unless null or invalidated since
   * `since`: by default when load() was called; a value read earlier passes the mark() taken before).
   */
  async load(key: K, loader: () => Promise<V | null>, tagOf: (value: V) => number, since = this.tick): Promise<V | null> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const connected = busConnected();
    const value = await loader();
    if (value !== null && connected) this.fill(key, value, tagOf(value), since);
    return value;
  }

  /**
   * Stores a value read from the database after `since` (a mark()), unless its tag was
   * invalidated meanwhile by a change the value may not have seen, or the bus is not connected.
   */
  fill(key: K, value: V, tag: number, since: number) {
    if (!busConnected()) return;
    if (this.clearedAt > since) return;
    const invalidated = this.invalidatedAt.get(tag);
    if (invalidated && invalidated.tick > since && !this.newer(value, invalidated.version)) return;
    this.store(key, value, tag);
  }

  /** Stores a value this process just wrote (with its new version), for its next request. */
  set(key: K, value: V, tag: number) {
    if (!busConnected()) return;
    const invalidated = this.invalidatedAt.get(tag);
    if (invalidated && !this.newer(value, invalidated.version)) return;
    this.store(key, value, tag);
  }

  /**
   * Stores a value a change message carried: the newest there is, unless a newer version is held
   * or announced. Reads in flight that saw less are not stored after it.
   */
  private put(key: K, value: V, tag: number) {
    const version = this.opts.versionOf?.(value);
    if (version === undefined || !busConnected()) return;
    const held = this.entries.get(key);
    if (held?.version !== undefined && held.version > version) return;
    const announced = this.invalidatedAt.get(tag)?.version;
    if (announced !== undefined && announced > version) return;
    this.tick++;
    this.invalidatedAt.set(tag, { tick: this.tick, version });
    this.store(key, value, tag);
    this.dropped.delete(key);
    this.refreshQueue.delete(tag);
  }

  private newer(value: V, version: number | undefined): boolean {
    return version !== undefined && this.opts.versionOf !== undefined && this.opts.versionOf(value) >= version;
  }

  private store(key: K, value: V, tag: number) {
    this.delete(key);
    if (this.entries.size >= this.opts.max) this.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, tag, version: this.opts.versionOf?.(value) });
    let keys = this.byTag.get(tag);
    if (!keys) this.byTag.set(tag, (keys = new Set()));
    keys.add(key);
  }

  delete(key: K) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.byTag.get(entry.tag);
    keys?.delete(key);
    if (keys?.size === 0) this.byTag.delete(entry.tag);
  }

  /** Drops every entry tagged `tag` (also called locally by the process that made the change). */
  invalidate(tag: number, version?: number) {
    this.tick++;
    if (version === undefined) for (const [key, d] of this.dropped) if (d.tag === tag) this.dropped.delete(key);
    this.invalidatedAt.set(tag, { tick: this.tick, version });
    if (this.invalidatedAt.size > 4 * this.opts.max) {
      this.invalidatedAt.clear();
      this.clearedAt = this.tick;
    }
    let dropped = false;
    for (const key of [...(this.byTag.get(tag) ?? [])]) {
      const entry = this.entries.get(key)!;
      if (version !== undefined && entry.version !== undefined && entry.version >= version) continue;
      this.delete(key);
      if (version !== undefined && this.opts.carried && this.opts.refresh) this.dropped.set(key, { value: entry.value, tag });
      dropped = true;
    }
    // What was warm stays warm: read again off the request path.
    if (dropped && this.opts.refresh) this.queueRefresh(tag);
  }

  clear() {
    this.tick++;
    this.clearedAt = this.tick;
    this.invalidatedAt.clear();
    this.entries.clear();
    this.byTag.clear();
    this.dropped.clear();
  }

  get size() {
    return this.entries.size;
  }
}

/** A `node` message that announces a new boot token: that node is about to boot (and report). */
export function nodeTokenIssued(message: BusMessage): number | undefined {
  const id = message.data.nodeId;
  return message.data.tokenChanged === true && typeof id === 'number' ? id : undefined;
}

/** How long changes are collected before the entries they dropped are read again, in one query. */
const REFRESH_MS = 100;

/** The tag of a `node` message: its nodeId, or null (everything) when it names none. */
export function nodeTag(message: BusMessage): number | null {
  const id = message.data.nodeId;
  return typeof id === 'number' ? id : null;
}
