import { describe, expect, it } from 'vitest';
import { shortId } from '@/lib/format/ids';

describe('shortId', () => {
  it('keeps a short id whole', () => {
    expect(shortId('204518393')).toBe('204518393');
    expect(shortId('x'.repeat(14))).toBe('x'.repeat(14));
  });
  it('cuts a long id in the middle, keeping its start and end, to the length asked', () => {
    expect(shortId('LSTKTLH7ZQ4MNB2WXAYPEERDB22')).toBe('LSTKTLH…ERDB22');
    expect(shortId('LSTKTLH7ZQ4MNB2WXAYPEERDB22')).toHaveLength(14);
    expect(shortId('gid://shopify/Product/8123456789012', 20)).toBe('gid://shop…456789012');
  });
});
