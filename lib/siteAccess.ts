import type { Platform } from './records/record';

/**
 * Site access: the content scripts run on a portal only while the browser grants the add-on
 * that site. Firefox (MV3) lets the seller withhold it at install or later (Extensions button
 * → Sync History), Chrome too ("Site access": on click / on specific sites). Withheld, nothing
 * is recorded there and no error appears anywhere: so the popup and side panel say it, and
 * where to grant it.
 */

/** What the add-on needs from the browser's `permissions` API (injected: the real one or a fake). */
export interface PermissionsApi {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
  onAdded: { addListener(cb: () => void): void; removeListener(cb: () => void): void };
  onRemoved: { addListener(cb: () => void): void; removeListener(cb: () => void): void };
}

export interface SiteAccess {
  /** Calls `cb` with the platforms whose portals are withheld, now and after every change. */
  watch(cb: (withheld: Platform[]) => void): () => void;
  /** Asks the browser for every portal site. Call it inside the click: it needs the user action. */
  grant(): void;
}

export function createSiteAccess(
  api: PermissionsApi,
  portals: readonly { platform: Platform; portalMatches: readonly string[] }[],
): SiteAccess {
  // The content scripts' own match patterns: Chrome grants exactly those (a `/admin*` path
  // included), and asking about a wider `/*` would answer false; Firefox ignores the path.
  const byPlatform = portals.map((p) => ({ platform: p.platform, origins: [...new Set(p.portalMatches)] }));
  const all = [...new Set(byPlatform.flatMap((p) => p.origins))];
  const withheld = async (): Promise<Platform[]> => {
    const out: Platform[] = [];
    for (const p of byPlatform) {
      // One portal host withheld is enough to miss that platform's saves.
      const granted = await Promise.all(p.origins.map((o) => api.contains({ origins: [o] })));
      if (granted.includes(false)) out.push(p.platform);
    }
    return out;
  };
  return {
    watch(cb) {
      let live = true;
      // When the browser cannot say, say nothing rather than a wrong warning.
      const check = () =>
        void withheld().then(
          (w) => live && cb(w),
          () => live && cb([]),
        );
      check();
      api.onAdded.addListener(check);
      api.onRemoved.addListener(check);
      return () => {
        live = false;
        api.onAdded.removeListener(check);
        api.onRemoved.removeListener(check);
      };
    },
    grant() {
      // The notice (and its advice) stays until the browser reports the grant: a refusal needs no handling.
      void api.request({ origins: all }).catch(() => false);
    },
  };
}

/** Where the seller grants site access, in words for the browser at hand. */
export function grantAdvice(browserName: 'firefox' | 'chrome'): string {
  return browserName === 'firefox'
    ? 'Or in Firefox: click the Extensions button (the puzzle piece) in the toolbar, then Sync History, and allow it on each portal; or open about:addons → Sync History → Permissions and turn on the portal sites.'
    : 'Or in Chrome: click the Extensions button (the puzzle piece) in the toolbar, then Sync History → "This can read and change site data" → on the portal sites; or chrome://extensions → Sync History → Details → Site access.';
}

/**
 * Site access whose portal list loads on first use (the side panel: the routing tables are not
 * on its first load, issue #12). The notice can only offer to grant once `watch` has reported a
 * withheld portal, by which time the list has loaded, so `grant` stays synchronous inside the
 * click (the browser asks for a user action); before that it does nothing.
 */
export function lazySiteAccess(load: () => Promise<SiteAccess>): SiteAccess {
  let loaded: SiteAccess | undefined;
  let loading: Promise<SiteAccess> | undefined;
  return {
    watch(cb) {
      let live = true;
      let off: (() => void) | undefined;
      loading ??= load().then((a) => (loaded = a));
      // When the list cannot load, say nothing rather than a wrong warning.
      loading.then(
        (a) => {
          if (live) off = a.watch(cb);
        },
        () => live && cb([]),
      );
      return () => {
        live = false;
        off?.();
      };
    },
    grant() {
      loaded?.grant();
    },
  };
}
