import type { Exchange } from '../capture/envelope';
import type { JobSettlement, Platform, RecordDraft } from '../records/record';

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
 * A capture rule: a pure function from one captured exchange to record drafts.
 * `methods`/`host`/`path` decide, in the page, whether the tap reads the bodies at all.
 */
export interface CaptureRule {
  /** `platform/what`, used in tests and docs. */
  name: string;
  methods: readonly string[];
  host: RegExp;
  path: RegExp;
  parse(input: RuleInput): RuleOutput;
}

export interface PlatformModule {
  platform: Platform;
  /** Match patterns of the portal pages the content scripts run on. */
  portalMatches: string[];
  /** Requests to these URLs are the portal's API: an unmatched write there is counted. */
  isApi(url: URL): boolean;
  rules: CaptureRule[];
}
