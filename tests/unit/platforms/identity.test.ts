import { describe, expect, it } from 'vitest';
import { PLATFORM_LABEL } from '@/components/labels';
import { PLATFORM_MODULES } from '@/lib/platforms';
import { PLATFORM_IDENTITIES } from '@/lib/platforms/identities';
import { recordId } from '@/lib/records/id';
import { PLATFORMS } from '@/lib/records/record';

/** Each platform module owns its name, Record ID prefix, link shapes and guidance (issue #9 item 5). */
describe('platform identity', () => {
  it('every platform has exactly one module, and the module carries the same identity the stores and views use', () => {
    expect(PLATFORM_MODULES.map((m) => m.platform).sort()).toEqual([...PLATFORMS].sort());
    for (const m of PLATFORM_MODULES) {
      const id = PLATFORM_IDENTITIES[m.platform];
      expect(m.platform).toBe(id.platform);
      expect(m.label).toBe(id.label);
      expect(m.idPrefix).toBe(id.idPrefix);
      expect(m.links).toBe(id.links);
      expect(m.guidance).toBe(id.guidance);
    }
  });

  it('Record ID prefixes are unique, three upper-case letters, and unchanged (they are in sellers’ records)', () => {
    const prefixes = PLATFORMS.map((p) => PLATFORM_IDENTITIES[p].idPrefix);
    expect(prefixes).toEqual(['TAL', 'MKR', 'SHP']);
    for (const p of prefixes) expect(p).toMatch(/^[A-Z]{3}$/);
    // The hash must not move either: an id computed today matches one stored before the move.
    expect(recordId('takealot', 'cap:x')).toMatch(/^TAL-[0-9A-Z]{11}$/);
    expect(recordId('makro', 'draft:4b8e2d71')).toMatch(/^MKR-/);
    expect(recordId('shopify', 'k')).toMatch(/^SHP-/);
  });

  it('labels come from the modules', () => {
    expect(PLATFORM_LABEL).toEqual({ takealot: 'Takealot', makro: 'Makro', shopify: 'Shopify' });
  });

  it('every module builds its fix and status links in one of its own link shapes', async () => {
    const { fixUrl, statusUrl } = await import('@/lib/platforms');
    const { safeLink } = await import('@/lib/records/links');
    const samples = [
      { platform: 'takealot' as const, kind: 'publish' as const, draftId: '884210' },
      { platform: 'makro' as const, kind: 'publish' as const, draftId: '9d1f3c2a-6b7e', categoryId: 'air_purifier' },
      { platform: 'makro' as const, kind: 'publish' as const, draftId: '9d1f3c2a-6b7e' },
      { platform: 'makro' as const, kind: 'publish' as const, sku: 'X' },
      { platform: 'shopify' as const, kind: 'publish' as const, storeId: 'ubuntu-threads', productId: '8123456789012', jobId: 'j' },
      { platform: 'shopify' as const, kind: 'publish' as const, storeId: 'ubuntu-threads', jobId: 'j' },
    ];
    for (const r of samples) {
      for (const url of [fixUrl(r), statusUrl(r)]) {
        if (url !== undefined) expect(safeLink(r.platform, url), `${r.platform} ${url}`).toBe(url);
      }
    }
  });
});
