import { describe, expect, it } from 'vitest';
import { HANDOFF_TTL_MS, handoffValue, readHandoff } from '@/lib/panelHandoff';

const NOW = Date.UTC(2026, 11, 2, 10);

describe('popup → side panel handoff', () => {
  it('round-trips a search, a status with a range, and a record to open', () => {
    expect(readHandoff(handoffValue('SOLAR-LAMP-12', NOW), NOW + 500)).toEqual({ q: 'SOLAR-LAMP-12', more: {}, special: false });
    expect(readHandoff(handoffValue({ status: 'open', range: 'all' }, NOW), NOW)).toEqual({
      q: '',
      more: { status: 'open', range: 'all' },
      special: true,
    });
    expect(readHandoff(handoffValue({ open: 'TAL-1x2y3z' }, NOW), NOW)).toEqual({ q: '', more: { open: 'TAL-1x2y3z' }, special: true });
  });

  it('stores nothing when the seller asked for nothing in particular', () => {
    expect(handoffValue(undefined, NOW)).toBeUndefined();
    expect(handoffValue({}, NOW)).toBeUndefined();
    expect(handoffValue('', NOW)).toBeUndefined();
  });

  it('ignores a stale request and one from the future', () => {
    expect(readHandoff({ q: 'x', at: NOW - HANDOFF_TTL_MS }, NOW)).toBeUndefined();
    expect(readHandoff({ q: 'x', at: NOW + 1 }, NOW)).toBeUndefined();
  });

  it('hostile storage: wrong types, unknown statuses and ranges, odd record ids, huge searches', () => {
    for (const v of [null, 7, 'q', [], { q: 'x' }, { q: 'x', at: '1' }, { q: 5, at: NOW }, { open: {}, at: NOW }]) {
      expect(readHandoff(v, NOW), JSON.stringify(v)).toBeUndefined();
    }
    expect(readHandoff({ q: 'a', status: 'deleted', range: 'forever', open: '<img src=x>', at: NOW }, NOW)).toEqual({
      q: 'a',
      more: {},
      special: false,
    });
    expect(readHandoff({ q: 'x'.repeat(10_000), at: NOW }, NOW)!.q).toHaveLength(200);
  });
});
