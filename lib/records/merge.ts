import { facetsOf, isTerm, MAX_WORDS, wordsOf } from './facets';
import { capHistory } from './history';
import { recordId } from './id';
import { listingIdsOf, listingIndexOf, listingKeys } from './listing';
import { ID_FIELDS, isFinal, type JobSettlement, type RecordDraft, type Status, type StatusChange, type SyncRecord } from './record';

type Searchable = Pick<SyncRecord, 'id' | 'platform' | 'listingUrl' | 'title' | 'errors' | (typeof ID_FIELDS)[number]>;

/**
 * What a seller may type into the search box, lower-cased, without repeats: every id (the
 * ids the listing link names too: a Makro FSN, a Takealot PLID), then the words of the title
 * and of the error texts (searched by word prefix; at most MAX_WORDS).
 */
export function searchIds(r: Searchable): string[] {
  const out = new Set<string>([r.id.toLowerCase()]);
  for (const f of ID_FIELDS) {
    const v = r[f];
    if (v) out.add(v.toLowerCase());
  }
  for (const v of listingIdsOf(r)) out.add(v);
  const idCount = out.size;
  const texts = [r.title ?? '', ...(r.errors ?? []).map((e) => e.message)];
  for (const t of texts) {
    for (const w of wordsOf(t)) {
      if (out.size - idCount >= MAX_WORDS) break;
      out.add(w);
    }
  }
  return [...out].filter(isTerm);
}

/** Recomputes the derived index fields after any change (closures are set by the writer). */
export function withIndexes(r: SyncRecord): SyncRecord {
  r.ids = searchIds(r);
  r.listing = listingKeys(r);
  r.listingIndex = listingIndexOf(r);
  r.facets = facetsOf(r);
  return r;
}

/**
 * Whether a result seen at `at` with `status` replaces the current one.
 * A final status is never undone by a later "still pending" (unless it is a new attempt,
 * seen after the result); between two results the later observation wins.
 */
function replaces(cur: { status: Status; syncedAt: number }, status: Status, at: number, attempt = false): boolean {
  if (isFinal(cur.status) && !isFinal(status)) return attempt && at > cur.syncedAt;
  if (!isFinal(cur.status) && isFinal(status)) return true;
  return at >= cur.syncedAt;
}

/**
 * A status change added to a history: appended only when strictly later than the last
 * entry (at the same time it replaces it), and capped to the first entry and the newest
 * (issue #10 item 5: 1,100 alternating results once made an export that would not import).
 */
export function appendHistory(history: readonly StatusChange[], entry: StatusChange): StatusChange[] {
  const last = history[history.length - 1];
  const next = last && entry.at <= last.at ? [...history.slice(0, -1), { ...entry, at: last.at }] : [...history, entry];
  return capHistory(next);
}

/**
 * The row to store for a draft, given the row already stored under the same id.
 * Idempotent: merging the same draft twice gives the same row. The draft was checked and
 * redacted before (lib/background/capture.ts): merging does not change its text.
 */
export function mergeDraft(existing: SyncRecord | undefined, draft: RecordDraft): SyncRecord {
  const id = recordId(draft.platform, draft.key);
  const at = draft.observedAt;
  const { errors, changes, title } = draft;
  if (!existing) {
    const rec: SyncRecord = {
      id,
      platform: draft.platform,
      kind: draft.kind,
      status: draft.status,
      syncedAt: at,
      createdAt: at,
      errors,
      changes,
      history: [{ status: draft.status, at }],
      ids: [],
      facets: [],
      listing: [],
      listingIndex: [],
    };
    for (const f of ID_FIELDS) if (draft[f] !== undefined) rec[f] = draft[f];
    if (title !== undefined) rec.title = title;
    if (draft.listingUrl !== undefined) rec.listingUrl = draft.listingUrl;
    return withIndexes(rec);
  }
  const rec: SyncRecord = { ...existing };
  // Ids and links only ever fill in: a settling response often carries fewer of them.
  for (const f of ID_FIELDS) if (draft[f] !== undefined) rec[f] = draft[f];
  if (title !== undefined) rec.title = title;
  if (draft.listingUrl !== undefined) rec.listingUrl = draft.listingUrl;
  if (changes.length > 0 && existing.changes.length === 0) rec.changes = changes;
  if (replaces(existing, draft.status, at, draft.attempt)) {
    if (draft.status !== existing.status) {
      rec.status = draft.status;
      rec.syncedAt = Math.max(at, existing.createdAt);
      rec.history = appendHistory(existing.history, { status: draft.status, at: rec.syncedAt });
    }
    rec.errors = errors;
  }
  return withIndexes(rec);
}

/** A job-level result applied to one of the job's records (only pending ones move). */
export function settleFromJob(existing: SyncRecord, job: JobSettlement): SyncRecord {
  if (existing.status !== 'pending' || job.status === 'pending') return existing;
  const at = Math.max(job.observedAt, existing.createdAt);
  return withIndexes({
    ...existing,
    status: job.status,
    syncedAt: at,
    errors: job.errors,
    history: appendHistory(existing.history, { status: job.status, at }),
  });
}
