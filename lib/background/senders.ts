import { PORTAL_PAGES } from '../platforms/portalPages';
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
 * The platform whose portal a page URL is, by the content scripts' match patterns (the same lists
 * the routing table takes: lib/platforms/portalPages.ts; the background loads no routing table).
 */
export function portalPlatform(url: string | undefined): Platform | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return PORTAL_PAGES.find((p) => p.portalMatches.some((m) => matchesPattern(m, u)))?.platform;
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
