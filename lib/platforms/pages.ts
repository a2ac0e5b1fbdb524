import { idsFromUrl } from '../records/listing';
import type { Platform } from '../records/record';
import { makroPages } from './makro/pages';
import { PLATFORM_ROUTES } from './routes';
import { matchesPattern } from './routing';
import { shopifyPages } from './shopify/pages';
import { takealotPages } from './takealot/pages';
import type { PlatformPages, RecordLinkFields } from './types';

/**
 * What the views ask of the platforms: the listing a portal page shows ("This listing"), the
 * portal pages that fix a record or show a job's status, a report's endpoint. Each platform's
 * `pages.ts` and its routing table (portal match patterns), never its parsers: the side panel
 * and its lazy parts load this, not lib/platforms/index.ts (issue #12, the side panel's budget).
 */
const PAGES: Readonly<Record<Platform, PlatformPages>> = { takealot: takealotPages, makro: makroPages, shopify: shopifyPages };

/** The listing a portal page is about, as the side panel's "This listing" shows it. */
export interface ListingOnPage {
  platform: Platform;
  /** An id its records carry (searched like the search box). */
  term: string;
  /** How the side panel names it: "Takealot draft 884210". */
  label: string;
  /** Every id the page's address shows (FSN, listing id, PLID, offer id, product number…): any of them finds the listing. */
  ids: string[];
  /** A page no platform names as a listing's (an offer page, a product page): shown only when its ids find records. */
  tentative?: true;
}

/**
 * The listing a portal page (the active tab) is about: the one its platform names (a draft
 * form, a product page), else, on any other page of a portal, the first id its address shows
 * (tentative: its ids may still find records). Undefined for a page of no portal, or one with no id.
 */
export function pageListing(pageUrl: string): ListingOnPage | undefined {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  const routes = PLATFORM_ROUTES.find((p) => p.portalMatches.some((m) => matchesPattern(m, page)));
  if (!routes) return undefined;
  const { platform } = routes;
  const ids = idsFromUrl(pageUrl);
  const known = PAGES[platform].pageListing?.(page);
  if (known) return { platform, term: known.term, label: known.label, ids };
  return ids[0] ? { platform, term: ids[0], label: ids[0], ids, tentative: true } : undefined;
}

/** An unrecognised operation's endpoint as a report shows it: without the seller's store (lib/platforms/drift.ts). */
export const reportEndpoint = (p: Platform, endpoint: string): string => PAGES[p]?.reportEndpoint?.(endpoint) ?? endpoint;

/** Portal page to fix a record's listing and try again (https, the platform's own host). */
export const fixUrl = (r: RecordLinkFields): string | undefined => PAGES[r.platform]?.fixUrl?.(r);

/** Portal page that shows a pending job's status. */
export const statusUrl = (r: RecordLinkFields): string | undefined => PAGES[r.platform]?.statusUrl?.(r);
