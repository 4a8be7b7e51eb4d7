import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatRemaining, formatTime, formatUsd } from './format';

describe('formatDuration', () => {
  it('names the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(3725)).toBe('1 h 2 min');
    expect(formatDuration(3 * 86400 + 5 * 3600 + 59)).toBe('3 d 5 h');
  });

  it('rounds fractions and clamps negatives', () => {
    expect(formatDuration(59.6)).toBe('1 min 0 s');
    expect(formatDuration(-4)).toBe('0 s');
  });

  it('shows the placeholder when there is no number', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(undefined, 'never')).toBe('never');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatRemaining', () => {
  it('says about how long, or any moment once the estimate is spent', () => {
    expect(formatRemaining(95)).toBe('about 1 min 35 s');
    expect(formatRemaining(40)).toBe('about 40 s');
    expect(formatRemaining(0)).toBe('any moment');
    expect(formatRemaining(-3)).toBe('any moment');
  });
});

describe('formatTime and formatClock', () => {
  const iso = '2026-12-03T15:04:05.000Z';

  it('formats a timestamp in the local zone with seconds', () => {
    expect(formatTime(iso)).toBe(new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }));
    expect(formatClock(iso)).toBe(new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'medium' }));
    expect(formatClock(iso)).toMatch(/05/);
  });

  it('shows the placeholder when there is no timestamp', () => {
    expect(formatTime(null)).toBe('–');
    expect(formatTime(undefined, 'never')).toBe('never');
    expect(formatClock(null, '—')).toBe('—');
  });
});

describe('formatUsd', () => {
  it('shows dollars with cents', () => {
    expect(formatUsd(3)).toBe('$3.00');
    expect(formatUsd(0.456)).toBe('$0.46');
  });
});
