import type { Platform } from '../records/record';

/**
 * The portal pages: the match patterns each platform's content scripts run on, in one place.
 * Each platform's routes.ts takes its own list for its routing table (`portalMatches`, hence
 * the manifest), and the background (lib/background/senders.ts) takes `PORTAL_PAGES` to tell
 * which platform a tab speaks for without loading the routing table (issue #12: its bundle), as
 * the popup does for its tab query and site access (entrypoints/popup/main.tsx).
 * Plain data with no imports: a bundle keeps only the lists it names.
 */
export const TAKEALOT_PAGES: readonly string[] = ['https://sellers.takealot.com/*', 'https://seller.takealot.com/*'];

export const MAKRO_PAGES: readonly string[] = ['https://seller.makro.co.za/*'];

// Exactly the admin: every store's pages on admin.shopify.com, and `/admin` (nothing else) on a
// store's own host, whose other paths are its storefront (issue #10: `/admin*` also matched
// `/administrator`). Chrome matches the path with its query string, hence `/admin?*`.
export const SHOPIFY_PAGES: readonly string[] = [
  'https://admin.shopify.com/store/*',
  'https://*.myshopify.com/admin',
  'https://*.myshopify.com/admin?*',
  'https://*.myshopify.com/admin/*',
];

/** Every platform's portal pages, in the order of PLATFORM_ROUTES (lib/platforms/routes.ts). */
export const PORTAL_PAGES: readonly { platform: Platform; portalMatches: readonly string[] }[] = [
  { platform: 'takealot', portalMatches: TAKEALOT_PAGES },
  { platform: 'makro', portalMatches: MAKRO_PAGES },
  { platform: 'shopify', portalMatches: SHOPIFY_PAGES },
];

/** Match patterns of every portal page (the content scripts' `matches`, all platforms together). */
export const PORTAL_MATCHES: string[] = /* @__PURE__ */ PORTAL_PAGES.flatMap((p) => p.portalMatches);
