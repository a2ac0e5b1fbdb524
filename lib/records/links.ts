import type { Platform } from './record';

/**
 * Hosts a record's links may point at, per platform. Anything else (another host,
 * `javascript:`, `data:`, plain http) is shown as text, never as a link.
 */
const LINK_HOSTS: Record<Platform, (host: string) => boolean> = {
  takealot: (h) => h === 'www.takealot.com' || h === 'sellers.takealot.com' || h === 'seller.takealot.com',
  makro: (h) => h === 'www.makro.co.za' || h === 'seller.makro.co.za',
  shopify: (h) => h === 'admin.shopify.com' || /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(h),
};

/** The URL when it is https on an allowlisted host of the platform, else undefined. */
export function safeLink(platform: Platform, url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return undefined;
  return LINK_HOSTS[platform](u.hostname) ? u.href : undefined;
}
