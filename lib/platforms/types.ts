import type { Exchange } from '../capture/envelope';
import type { JobSettlement, Platform, RecordDraft, SyncRecord } from '../records/record';
import type { PlatformRoutes, RouteSpec } from './routing';

/** What a page has taught the rules so far (e.g. the seller id from an identity response). */
export type PageContext = Partial<Record<'storeId', string>>;

export interface RuleInput {
  ex: Exchange;
  /** `ex.url`, parsed. */
  url: URL;
  /** `ex.pageUrl`, parsed. */
  page: URL;
  ctx: PageContext;
}

export interface RuleOutput {
  drafts?: RecordDraft[];
  jobs?: JobSettlement[];
  learned?: PageContext;
  /** The URL matched but the operation inside (a GraphQL mutation) is not one we know. */
  unrecognised?: { operation?: string };
}

/**
 * A capture rule: a pure function from one captured exchange to record drafts. Its route
 * (`methods`/`host`/`path`, in the platform's `routes.ts`) decides, in the page, whether the
 * tap reads the bodies at all.
 */
export interface CaptureRule extends RouteSpec {
  parse(input: RuleInput): RuleOutput;
}

/**
 * One shape of link a record may hold or the extension may open: https, an exact host, a path
 * pattern, and only the query parameters and fragment that are part of the shape. Anything else
 * about a URL (another host, userinfo, a port, `javascript:`) makes it text, never a link.
 */
export interface LinkShape {
  /** `listing`: the page a record's listingUrl opens; `portal`: a portal page the extension builds (fix, status). */
  kind: 'listing' | 'portal';
  host: RegExp;
  path: RegExp;
  /** Query parameters kept (each value must match); every other parameter is dropped. */
  query?: Readonly<Record<string, RegExp>>;
  /** The fragment, for hash-routed portals; without it the fragment is dropped. */
  hash?: RegExp;
}

/** The failure topics lib/guidance.ts knows; a platform may word the advice its own way. */
export type GuideTopic =
  | 'rateLimit'
  | 'brand'
  | 'image'
  | 'duplicate'
  | 'missing'
  | 'price'
  | 'description'
  | 'compliance'
  | 'auth'
  | 'notFound'
  | 'server'
  | 'network'
  | 'unreadable';

export interface PlatformGuidance {
  /** Advice of the platform's own for a common topic (replaces the generic wording). */
  overrides?: Partial<Record<GuideTopic, string>>;
  /** Reasons only this platform gives, tested before the common topics (code, message and field). */
  extra?: readonly { test: RegExp; advice: string }[];
}

/**
 * What the rest of the extension knows of a platform: its name, the prefix of its Record IDs,
 * the link shapes it accepts and its guidance. Pure data: the stores, the validator and the
 * views import this without the parsers (lib/platforms/identities.ts).
 */
export interface PlatformIdentity {
  platform: Platform;
  /** How the views name it: "Takealot". */
  label: string;
  /** Record ID prefix, three upper-case letters: `TAL-…`. Never change one: it is in sellers' records. */
  idPrefix: string;
  links: readonly LinkShape[];
  guidance?: PlatformGuidance;
}

export interface PlatformModule extends PlatformIdentity {
  /** The platform's routing table (portal pages, API hosts, the routes its rules read). */
  routes: PlatformRoutes;
  rules: CaptureRule[];
  /** The listing a portal page is about (a product page, a draft form), as a search term and a label. */
  pageListing?(page: URL): PageListing | undefined;
  /** Where in the portal the seller fixes this record's listing and tries again. */
  fixUrl?(r: RecordLinkFields): string | undefined;
  /** The portal page that shows (and refreshes) a pending job's status. */
  statusUrl?(r: RecordLinkFields): string | undefined;
  /** An unrecognised operation's endpoint (host + path template) with the seller's store taken out, for a report. */
  reportEndpoint?(endpoint: string): string;
}

/**
 * What the views know of a platform beyond its identity: the listing a portal page shows, the
 * portal pages that fix a record or show a job, a report's endpoint. No parsers: the side panel
 * loads this (each platform's `pages.ts`, gathered in lib/platforms/pages.ts), never the rules.
 */
export type PlatformPages = Pick<PlatformModule, 'platform' | 'pageListing' | 'fixUrl' | 'statusUrl' | 'reportEndpoint'>;

export type RecordLinkFields = Pick<
  SyncRecord,
  'platform' | 'kind' | 'storeId' | 'productId' | 'draftId' | 'categoryId' | 'sku' | 'jobId' | 'listingUrl'
>;

export interface PageListing {
  /** An id the records of this listing carry (searched like the search box). */
  term: string;
  /** How the side panel names it: "Takealot draft 884210". */
  label: string;
}
