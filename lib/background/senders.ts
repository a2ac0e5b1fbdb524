import { matchesPattern } from '../platforms/routing';
import type { Platform } from '../records/record';

/** Who sent a runtime message (the fields of `runtime.MessageSender` we rely on). */
export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
  tab?: { id?: number | undefined; windowId?: number | undefined } | undefined;
  frameId?: number | undefined;
}

/**
 * Each platform's portal pages: the match patterns its content scripts run on, in the order of
 * PLATFORM_ROUTES (lib/platforms/routes.ts). The same lists as each `routes.ts`'s `portalMatches`
 * (tests/unit/background/senders.test.ts fails if they differ), kept here without the routing
 * table itself, which the background has no other use for (issue #12: its bundle).
 */
export const PORTAL_PAGES: readonly { platform: Platform; matches: readonly string[] }[] = [
  { platform: 'takealot', matches: ['https://sellers.takealot.com/*', 'https://seller.takealot.com/*'] },
  { platform: 'makro', matches: ['https://seller.makro.co.za/*'] },
  {
    platform: 'shopify',
    matches: [
      'https://admin.shopify.com/store/*',
      'https://*.myshopify.com/admin',
      'https://*.myshopify.com/admin?*',
      'https://*.myshopify.com/admin/*',
    ],
  },
];

/** The platform whose portal a page URL is, by the content scripts' match patterns. */
export function portalPlatform(url: string | undefined): Platform | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return PORTAL_PAGES.find((p) => p.matches.some((m) => matchesPattern(m, u)))?.platform;
}

export const isPortalUrl = (url: string | undefined): boolean => portalPlatform(url) !== undefined;

export interface SenderChecks {
  /** A page of this extension (popup, side panel): the UI's messages. */
  fromExtensionPage(s: Sender): boolean;
  /** Our content script in the top frame of a portal tab: the platform of that portal, else undefined. */
  portalTabPlatform(s: Sender): Platform | undefined;
}

export function senderChecks(extensionId: string, extensionOrigin: string): SenderChecks {
  return {
    fromExtensionPage: (s) => s.id === extensionId && typeof s.url === 'string' && s.url.startsWith(`${extensionOrigin}/`),
    portalTabPlatform: (s) => (s.id === extensionId && s.tab !== undefined && s.frameId === 0 ? portalPlatform(s.url) : undefined),
  };
}
