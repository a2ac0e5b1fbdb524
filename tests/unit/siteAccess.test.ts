import { describe, expect, it, vi } from 'vitest';
import { PORTAL_PAGES } from '@/lib/platforms/portalPages';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';
import type { Platform } from '@/lib/records/record';
import { createSiteAccess, grantAdvice, lazySiteAccess, type PermissionsApi } from '@/lib/siteAccess';

/** A browser's permissions API holding `granted` origins, with working change events. */
function fakePermissions(granted: Set<string>) {
  const listeners = new Set<() => void>();
  const event = { addListener: (cb: () => void) => listeners.add(cb), removeListener: (cb: () => void) => listeners.delete(cb) };
  const api: PermissionsApi = {
    contains: async ({ origins }) => origins.every((o) => granted.has(o)),
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      for (const o of origins) granted.add(o);
      for (const l of listeners) l();
      return true;
    }),
    onAdded: event,
    onRemoved: event,
  };
  return { api, listeners };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('site access', () => {
  it('asks about the routing table’s portal pages, platform by platform (the popup takes them without the table)', () => {
    expect(PORTAL_PAGES.map((p) => [p.platform, [...p.portalMatches]])).toEqual(
      PLATFORM_ROUTES.map((p) => [p.platform, [...p.portalMatches]]),
    );
  });

  it('reports each platform with a withheld portal host, and nothing once all are granted', async () => {
    const all = PLATFORM_ROUTES.flatMap((p) => p.portalMatches);
    // Asked with the content scripts' own patterns: Chrome grants exactly those.
    expect(all).toContain('https://*.myshopify.com/admin/*');
    const { api, listeners } = fakePermissions(new Set(all.filter((o) => !o.includes('takealot') && !o.includes('myshopify'))));
    const seen: Platform[][] = [];
    const stop = createSiteAccess(api, PORTAL_PAGES).watch((w) => seen.push(w));
    await settle();
    // One of Shopify's two hosts withheld is enough to miss its saves.
    expect(seen.at(-1)).toEqual(['takealot', 'shopify']);

    createSiteAccess(api, PORTAL_PAGES).grant();
    await settle();
    expect(api.request).toHaveBeenCalledWith({ origins: [...new Set(all)] });
    expect(seen.at(-1)).toEqual([]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('says nothing when the browser cannot tell, and a refused request loses nothing', async () => {
    const { api } = fakePermissions(new Set());
    api.contains = () => Promise.reject(new Error('not supported'));
    api.request = () => Promise.reject(new Error('not in a user action'));
    const seen: Platform[][] = [];
    const access = createSiteAccess(api, PORTAL_PAGES);
    access.watch((w) => seen.push(w));
    expect(() => access.grant()).not.toThrow();
    await settle();
    expect(seen).toEqual([[]]);
  });

  it('loaded on first use (the side panel): reports the same, grants synchronously once shown, stops cleanly', async () => {
    const all = PLATFORM_ROUTES.flatMap((p) => p.portalMatches);
    const { api, listeners } = fakePermissions(new Set(all.filter((o) => !o.includes('makro'))));
    const load = vi.fn(async () => createSiteAccess(api, PLATFORM_ROUTES));
    const access = lazySiteAccess(load);
    access.grant(); // nothing loaded, nothing shown: nothing to grant
    expect(api.request).not.toHaveBeenCalled();
    const seen: Platform[][] = [];
    const stop = access.watch((w) => seen.push(w));
    await settle();
    expect(seen.at(-1)).toEqual(['makro']);
    access.grant();
    expect(api.request).toHaveBeenCalledWith({ origins: [...new Set(all)] }); // in the same task as the click
    await settle();
    expect(seen.at(-1)).toEqual([]);
    stop();
    expect(listeners.size).toBe(0);
    // A second watcher reuses what was loaded; one stopped before the load lands never subscribes.
    const early = lazySiteAccess(load);
    const quiet: Platform[][] = [];
    early.watch((w) => quiet.push(w))();
    await settle();
    expect(quiet).toEqual([]);
    expect(listeners.size).toBe(0);
  });

  it('loaded on first use: a list that cannot load says nothing', async () => {
    const seen: Platform[][] = [];
    lazySiteAccess(() => Promise.reject(new Error('chunk gone'))).watch((w) => seen.push(w));
    await settle();
    expect(seen).toEqual([[]]);
  });

  it('tells each browser where its own site-access setting is', () => {
    expect(grantAdvice('firefox')).toContain('about:addons');
    expect(grantAdvice('chrome')).toContain('chrome://extensions');
  });
});
