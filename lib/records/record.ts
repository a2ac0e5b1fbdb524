/**
 * The record contract (issue #2). The export format and other tools rely on it:
 * change it only by adding optional fields, and add a Dexie version when indexes change.
 */
export const PLATFORMS = ['takealot', 'makro', 'shopify'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const STATUSES = ['success', 'failed', 'pending'] as const;
export type Status = (typeof STATUSES)[number];

export const KINDS = ['publish', 'import'] as const;
export type Kind = (typeof KINDS)[number];

export interface RecordError {
  message: string;
  code?: string;
  field?: string;
}

/** One field the seller sent, after redaction. */
export interface Change {
  field: string;
  value: unknown;
}

/** When a status was seen; the detail view shows these for jobs. */
export interface StatusChange {
  status: Status;
  at: number;
}

/** The id fields a seller can search by, in the order the UI shows them. */
export const ID_FIELDS = ['storeId', 'productId', 'draftId', 'categoryId', 'sku', 'jobId'] as const;
export type IdField = (typeof ID_FIELDS)[number];

export interface SyncRecord {
  /** Record ID: stable for one operation on one listing. */
  id: string;
  platform: Platform;
  kind: Kind;
  status: Status;
  /** Epoch ms of the latest status change. */
  syncedAt: number;
  /** Epoch ms first seen. */
  createdAt: number;
  storeId?: string;
  productId?: string;
  draftId?: string;
  categoryId?: string;
  sku?: string;
  title?: string;
  jobId?: string;
  errors: RecordError[];
  changes: Change[];
  /** https deep link to the listing (allowlisted host per platform). */
  listingUrl?: string;
  /** Every status this record has had, oldest first. */
  history: StatusChange[];
  /** Lower-cased ids for the search index (derived; rebuilt on every write). */
  ids: string[];
  /** List-index keys (derived; see facets.ts). Not part of the export format. */
  facets: string[];
  /**
   * Listing keys (derived; see listing.ts), one per stable id of the listing. Absent on rows
   * written before schema v3 until they are upgraded.
   */
  listing: string[];
  /** Entries of the `listingIndex` index (derived; see listingIndexOf in listing.ts). */
  listingIndex: string[];
  /** Derived from the listing's later records: the success that fixed this failure, and when. */
  fixedBy?: string;
  fixedAt?: number;
  /** Derived: a later failure of the same listing (this one is no longer the open one). */
  supersededBy?: string;
}

/** Fields the store derives on every write; an export leaves them out and an import recomputes them. */
export const DERIVED_FIELDS = ['ids', 'facets', 'listing', 'listingIndex', 'fixedBy', 'fixedAt', 'supersededBy'] as const;

/** Fields an export holds: the contract, without the derived index fields. */
export type ExportedRecord = Omit<SyncRecord, (typeof DERIVED_FIELDS)[number]>;

/**
 * What a capture rule produces: a record without the parts the store owns.
 * `key` names the operation on one listing within its platform: the same key
 * always lands on the same row (a retried capture, a batch item settled later).
 */
export interface RecordDraft {
  key: string;
  platform: Platform;
  kind: Kind;
  status: Status;
  /** When the portal's response was seen (page clock, epoch ms). */
  observedAt: number;
  storeId?: string;
  productId?: string;
  draftId?: string;
  categoryId?: string;
  sku?: string;
  title?: string;
  jobId?: string;
  errors: RecordError[];
  changes: Change[];
  listingUrl?: string;
  /**
   * A new attempt of the same operation (a draft submitted again after it failed): its
   * "pending" replaces an earlier final status. Without it a late "pending" never undoes a result.
   */
  attempt?: true;
}

/** A job-level result with no per-item detail: settles every pending record of the job. */
export interface JobSettlement {
  platform: Platform;
  jobId: string;
  status: Status;
  errors: RecordError[];
  observedAt: number;
}

/** A write to a portal API that no capture rule recognised (issue #3). Never carries a body. */
export interface UnrecognisedOp {
  platform: Platform;
  method: string;
  /** Host plus path template, ids replaced by `{id}`. */
  endpoint: string;
  /** GraphQL operation name, when there is one. */
  operation?: string;
  /** Key paths and JSON types of the answer, never a value (lib/platforms/drift.ts), when it was read. */
  shape?: string;
  observedAt: number;
  /** The exchange it came from: a capture sent again after a lost ack is counted once. */
  captureId?: string;
}

export const isFinal = (s: Status): boolean => s !== 'pending';
