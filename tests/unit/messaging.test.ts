import { describe, expect, it } from 'vitest';
import { isMessage, isPageUrlRequest, MESSAGE_TYPES } from '@/lib/messaging';

describe('message names', () => {
  it('are exactly the names of MessageMap (the compiler checks the list against the map)', () => {
    expect([...MESSAGE_TYPES].sort()).toEqual(
      ['capture', 'clear-history', 'import-records', 'import-rollback', 'mark-failures-seen', 'set-retention', 'popup-status'].sort(),
    );
    expect(Object.isFrozen(MESSAGE_TYPES)).toBe(true);
  });

  it('isMessage accepts each name and nothing else, however it is spelt', () => {
    for (const type of MESSAGE_TYPES) expect(isMessage({ type }), type).toBe(true);
    for (const type of ['page-url', 'toString', '__proto__', 'constructor', 'Capture', 'capture ', '', 7, null]) {
      expect(isMessage({ type }), String(type)).toBe(false);
    }
    for (const x of [null, 'capture', ['capture'], { kind: 'capture' }]) expect(isMessage(x)).toBe(false);
  });

  it('the page-url request to a portal tab is not a background message', () => {
    expect(isPageUrlRequest({ type: 'page-url' })).toBe(true);
    expect(isMessage({ type: 'page-url' })).toBe(false);
    expect(isPageUrlRequest({ type: 'capture' })).toBe(false);
  });
});
