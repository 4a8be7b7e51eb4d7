'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';

/** How often live status views poll the JSON API when server-sent events are not flowing. */
export const LIVE_REFRESH_MS = 3000;
/** With the event stream open, polling only backs it up. */
export const LIVE_BACKUP_REFRESH_MS = 30_000;

export type LiveMode = 'live' | 'polling';
export interface LiveMessage {
  topic: 'deployment' | 'node' | 'cluster' | 'reset';
  data: { nodeId?: number | null; clusterId?: number | null; deploymentId?: string | null };
}

// One EventSource per browser tab, shared by every live island and closed when none is left.
const listeners = new Set<(m: LiveMessage) => void>();
const modeListeners = new Set<() => void>();
let source: EventSource | null = null;
let mode: LiveMode = 'polling';

function setMode(next: LiveMode) {
  if (mode === next) return;
  mode = next;
  for (const l of modeListeners) l();
}

function dispatch(message: LiveMessage) {
  for (const l of listeners) l(message);
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/status/stream');
  source.onopen = () => {
    setMode('live');
    // Whatever changed while the stream was down has not been announced.
    dispatch({ topic: 'reset', data: {} });
  };
  source.onerror = () => setMode('polling'); // EventSource reconnects by itself
  for (const topic of ['deployment', 'node', 'cluster', 'reset'] as const) {
    source.addEventListener(topic, (e) => dispatch({ topic, data: JSON.parse((e as MessageEvent<string>).data) }));
  }
}

function closeIfUnused() {
  if (listeners.size || !source) return;
  source.close();
  source = null;
  setMode('polling');
}

/**
 * Calls `onChange` (at most every 250 ms) when a server-sent event matches `matches`, and tells
 * whether the stream is open ('live') or the page relies on SWR polling ('polling').
 */
export function useLiveUpdates(matches: (m: LiveMessage) => boolean, onChange: () => void): LiveMode {
  const latest = useRef({ matches, onChange });
  latest.current = { matches, onChange };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (m: LiveMessage) => {
      if (timer || (m.topic !== 'reset' && !latest.current.matches(m))) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current.onChange();
      }, 250);
    };
    listeners.add(listener);
    open();
    return () => {
      clearTimeout(timer);
      listeners.delete(listener);
      closeIfUnused();
    };
  }, []);
  return useSyncExternalStore(
    (l) => {
      modeListeners.add(l);
      return () => modeListeners.delete(l);
    },
    () => mode,
    () => 'polling',
  );
}

/** SWR refresh interval for a live view: slow backup polling while events flow, else `pollMs`. */
export function liveRefreshInterval(liveMode: LiveMode, pollMs = LIVE_REFRESH_MS): number {
  return liveMode === 'live' ? LIVE_BACKUP_REFRESH_MS : pollMs;
}
