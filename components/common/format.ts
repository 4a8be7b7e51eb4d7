/** The console's one set of time, duration and money formatters. */

/**
 * The two largest units of a duration: `277200` → `3 d 5 h`, `3725` → `1 h 2 min`,
 * `95` → `1 min 35 s`, `12` → `12 s`; `none` when there is no number.
 */
export function formatDuration(seconds: number | null | undefined, none = '–'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return none;
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

/** What is left of a running step: `about 1 min 35 s`, or `any moment` once the estimate is spent. */
export function formatRemaining(seconds: number): string {
  return seconds > 0 ? `about ${formatDuration(seconds)}` : 'any moment';
}

/** Local date and time for tables and details; `none` when there is no timestamp. */
export function formatTime(iso: string | null | undefined, none = '–'): string {
  if (!iso) return none;
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Local time of day, for steps within one run; `none` when there is no timestamp. */
export function formatClock(iso: string | null | undefined, none = '–'): string {
  if (!iso) return none;
  return new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'medium' });
}

export function formatUsd(value: number): string {
  return `$${value.toFixed(2)}`;
}
