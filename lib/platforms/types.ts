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

export interface PlatformModule {
  platform: Platform;
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
