import { describe, expect, it } from 'vitest';
import { ALL_NODE_STATUSES, COUNTED_NODE_STATUSES, isInstallable, statusesWhere, statusesWhereNot, statusIs, statusLabel, statusTag } from './node-statuses';

describe('the node status table', () => {
  it('lists every status in lifecycle order', () => {
    expect(ALL_NODE_STATUSES).toEqual(['pending', 'provisioning', 'deploying', 'deployed', 'failed', 'stuck', 'reinitializing', 'cleaning', 'cleaned']);
  });

  it('derives the sets each area decides by', () => {
    expect(statusesWhere('installable')).toEqual(['pending', 'provisioning', 'deploying', 'stuck']);
    expect(statusesWhere('installing')).toEqual(['pending', 'provisioning', 'deploying']);
    expect(statusesWhere('inFlight')).toEqual(['provisioning', 'deploying', 'stuck']);
    expect(statusesWhereNot('usable')).toEqual(['failed', 'cleaning', 'cleaned']);
    expect(statusesWhere('retired')).toEqual(['cleaning', 'cleaned']);
    expect(statusesWhere('needsCleanup')).toEqual(['failed', 'stuck']);
    expect(statusesWhere('releasesName')).toEqual(['failed', 'cleaned']);
    expect(statusesWhere('filterable')).toEqual(['provisioning', 'deploying', 'deployed', 'failed', 'stuck', 'cleaning', 'cleaned']);
    expect(COUNTED_NODE_STATUSES).toEqual(['pending', 'provisioning', 'deploying', 'deployed', 'failed', 'stuck', 'cleaning', 'cleaned']);
  });

  it('never lets a retired or failed node install, and never counts a retired one as usable', () => {
    for (const s of ALL_NODE_STATUSES) {
      if (statusIs(s, 'retired') || s === 'failed' || s === 'deployed') expect(isInstallable(s), s).toBe(false);
      if (statusIs(s, 'retired')) expect(statusIs(s, 'usable'), s).toBe(false);
      if (statusIs(s, 'installing')) expect(isInstallable(s), s).toBe(true);
    }
  });

  it('answers nothing for an unknown status, even an inherited property name', () => {
    expect(isInstallable('toString')).toBe(false);
    expect(statusIs('running', 'usable')).toBe(false);
    expect(statusLabel('running')).toBe('running');
    expect(statusTag('constructor')).toBe('gray');
  });

  it('gives the console a label and a tag colour per status', () => {
    expect(statusLabel('deploying')).toBe('Deploying');
    expect(statusTag('failed')).toBe('red');
    expect(statusTag('deployed')).toBe('green');
  });
});
