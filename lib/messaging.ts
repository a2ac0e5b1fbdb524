import type { ExportedRecord, JobSettlement, RecordDraft, Status, SyncRecord, UnrecognisedOp } from './records/record';

/** A payload or answer with nothing in it. */
export type Empty = Record<never, never>;

/**
 * Every runtime message, by name: its payload and its answer. The background answers
 * each with `Reply<…>`; anything that is not in this map is refused.
 */
export interface MessageMap {
  /**
   * Content script → background: what one exchange produced. Acked after the write commits.
   * `captureId` is the exchange's: one request, so the same id with other content is refused.
   */
  capture: {
    req: { captureId: string; drafts: RecordDraft[]; jobs: JobSettlement[]; unrecognised: UnrecognisedOp[] };
    res: { written: number };
  };
  /**
   * Side panel → background: merge one chunk of an imported JSON export (no duplicates by id;
   * the newer of two versions wins). Answers what it created and the rows it replaced, so
   * a cancelled import can be rolled back to exactly what was there before.
   */
  'import-records': {
    req: { records: unknown[] };
    res: { created: string[]; replaced: ExportedRecord[]; skipped: { index: number; error: string }[] };
  };
  /** Side panel → background: undo the chunks of a cancelled import. */
  'import-rollback': { req: { created: string[]; replaced: ExportedRecord[] }; res: Empty };
  /** Side panel → background: delete the whole history (the UI has asked for confirmation). */
  'clear-history': { req: Empty; res: { deleted: number } };
  /** Popup/side panel → background: the seller has seen the failures so far (clears the badge). */
  'mark-failures-seen': { req: Empty; res: Empty };
  /** Side panel → background: keep records this many days (0: forever); prunes in the background. */
  'set-retention': { req: { days: number }; res: Empty };
  /** Popup → background: what the popup shows (it loads no database code: issue #12, its budget). */
  'popup-status': { req: Empty; res: PopupStatus };
}

/** A record as a list row shows it: without the fields the store derives for its indexes. */
export type RowRecord = Omit<SyncRecord, 'ids' | 'facets' | 'listing' | 'listingIndex'>;

/** What the popup shows, read by the background (lib/background/popupStatus.ts). */
export interface PopupStatus {
  /** Records by status since the start of today (local time). */
  today: Record<Status, number>;
  /** Every record by status, and `open`: failures nothing later fixed ("Still failing"). */
  all: Record<Status | 'open', number>;
  /** The latest failures still failing, newest first (at most 5). */
  failing: RowRecord[];
}

export type MessageType = keyof MessageMap;
export type Message<K extends MessageType = MessageType> = { [T in K]: { type: T } & MessageMap[T]['req'] }[K];
/** `retry`: the failure is passing (storage full, worker stopping): send the same message again later. */
export type Reply<K extends MessageType> = ({ ok: true } & MessageMap[K]['res']) | { ok: false; error: string; retry?: boolean };

/**
 * One key per message of `MessageMap`, checked by the compiler both ways: a message added to
 * the map and missing here, or a name here that is not in the map, does not type-check.
 */
const KNOWN: { readonly [K in MessageType]: true } = {
  capture: true,
  'import-records': true,
  'import-rollback': true,
  'clear-history': true,
  'mark-failures-seen': true,
  'set-retention': true,
  'popup-status': true,
};

/** Every message name the background accepts (`isMessage` refuses any other). */
export const MESSAGE_TYPES = /* @__PURE__ */ Object.freeze(Object.keys(KNOWN) as MessageType[]);

export function isMessage(x: unknown): x is { type: MessageType } & Record<string, unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    typeof (x as { type?: unknown }).type === 'string' &&
    (MESSAGE_TYPES as readonly string[]).includes((x as { type: string }).type)
  );
}

/** Sends a typed message. `sendMessage` is passed in so this module stays free of `browser`. */
export async function request<K extends MessageType>(sendMessage: (m: unknown) => Promise<unknown>, msg: Message<K>): Promise<Reply<K>> {
  const res = (await sendMessage(msg)) as Reply<K> | undefined;
  // No answer: the worker stopped while handling it. Whether it committed is unknown, so
  // the sender tries again (captures are idempotent).
  if (!res || typeof res !== 'object' || typeof res.ok !== 'boolean')
    return { ok: false, error: 'no answer from the background', retry: true };
  return res;
}

/**
 * Extension page → a portal tab's content script (tabs.sendMessage): the side panel asks which
 * page the active portal tab shows ("This listing"); the answer is `{ url }`.
 */
export const isPageUrlRequest = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'page-url';
