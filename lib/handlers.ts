import { type BadgeView, markFailuresSeen, refreshBadge } from './badge';
import { clearHistory, importRecords, rollbackImport } from './db/maintenance';
import { writeCapture } from './db/repo';
import type { SyncHistoryDB } from './db/schema';
import { isMessage, type MessageType, type Reply } from './messaging';
import { PORTAL_MATCHES } from './platforms/routes';
import { matchesPattern } from './platforms/routing';
import { checkRecord, IMPORT_CHUNK_MAX, isRecordId } from './records/exchange';
import type { ExportedRecord } from './records/record';
import { checkAll, checkDraft, checkJob, checkUnrecognised, LIMITS } from './records/validate';
import { checkRetentionDays, type KeyValueStore, STORAGE_KEYS, writeRetentionDays } from './settings';

/** IndexedDB's "storage full" (Dexie wraps it; the DOMException's name survives). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: unknown; inner?: { name?: unknown }; message?: unknown } | null;
  return (
    e?.name === 'QuotaExceededError' ||
    e?.inner?.name === 'QuotaExceededError' ||
    (typeof e?.message === 'string' && /quota/i.test(e.message))
  );
}

/** Who sent a runtime message (the fields of `runtime.MessageSender` we rely on). */
export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
  tab?: { id?: number | undefined; windowId?: number | undefined } | undefined;
  frameId?: number | undefined;
}

export interface HandlerDeps {
  db: SyncHistoryDB;
  /** This extension's id and page origin (`chrome-extension://<id>`). */
  extensionId: string;
  extensionOrigin: string;
  now(): number;
  /** `browser.storage.local` (the seen mark, the retention); see lib/settings.ts. */
  store: KeyValueStore;
  /** Shows the badge (the background's `browser.action` calls). */
  setBadge(view: BadgeView): Promise<void>;
  /** Starts a prune at the stored retention without waiting for it (lib/retention.ts). */
  startPrune(): void;
  /** Called after records changed, once the badge is up to date (notifications). */
  afterWrite?(): void;
  /** Where failures that do not fail the message go (a badge that could not be set). */
  report?(err: unknown): void;
}

export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return PORTAL_MATCHES.some((p) => matchesPattern(p, u));
  } catch {
    return false;
  }
}

type AnyReply = Reply<MessageType>;

/**
 * The background's message handler: checks who is asking, checks the message,
 * and answers after the work is done (a capture is acked only once committed).
 */
export function createHandler(deps: HandlerDeps) {
  // Used by the UI's messages (issue #4).
  const fromExtensionPage = (s: Sender): boolean =>
    s.id === deps.extensionId && typeof s.url === 'string' && s.url.startsWith(`${deps.extensionOrigin}/`);
  const fromPortalTab = (s: Sender): boolean => s.id === deps.extensionId && s.tab !== undefined && s.frameId === 0 && isPortalUrl(s.url);

  /** After records changed: the badge follows (its failure does not fail the write). */
  const afterWrite = async (): Promise<void> => {
    try {
      await refreshBadge(deps);
    } catch (err) {
      deps.report?.(err);
    }
    deps.afterWrite?.();
  };
  const refused = (type: MessageType): AnyReply => ({ ok: false, error: `${type} is accepted only from the extension's own pages` });

  // Unknown after a worker start: the first successful write clears any stale notice.
  let storageProblem = true;

  return async function handle(msg: unknown, sender: Sender): Promise<AnyReply> {
    if (!isMessage(msg)) return { ok: false, error: 'unknown message' };
    switch (msg.type) {
      case 'capture': {
        if (!fromPortalTab(sender)) return { ok: false, error: 'captures are accepted only from a portal tab' };
        if (!Array.isArray(msg.drafts) || !Array.isArray(msg.jobs) || !Array.isArray(msg.unrecognised)) {
          return { ok: false, error: 'a capture carries drafts, jobs and unrecognised lists' };
        }
        if (msg.drafts.length + msg.jobs.length + msg.unrecognised.length === 0) return { ok: false, error: 'an empty capture' };
        const now = deps.now();
        const drafts = checkAll(msg.drafts, LIMITS.draftsPerMessage, (x) => checkDraft(x, now));
        if (!drafts.ok) return { ok: false, error: `drafts: ${drafts.error}` };
        const jobs = checkAll(msg.jobs, 100, (x) => checkJob(x, now));
        if (!jobs.ok) return { ok: false, error: `jobs: ${jobs.error}` };
        const unrecognised = checkAll(msg.unrecognised, 100, (x) => checkUnrecognised(x, now));
        if (!unrecognised.ok) return { ok: false, error: `unrecognised: ${unrecognised.error}` };
        let written: number;
        try {
          ({ written } = await writeCapture(deps.db, { drafts: drafts.value, jobs: jobs.value, unrecognised: unrecognised.value }));
        } catch (err) {
          // Nothing is dropped: the content script keeps the capture and sends it again.
          const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          if (isQuotaError(err)) {
            storageProblem = true;
            await deps.store.set(STORAGE_KEYS.storageProblem, { at: now, message }).catch((e: unknown) => deps.report?.(e));
          }
          return { ok: false, error: message, retry: true };
        }
        if (storageProblem) {
          storageProblem = false;
          await deps.store.set(STORAGE_KEYS.storageProblem, null).catch((e: unknown) => deps.report?.(e));
        }
        if (written > 0) await afterWrite();
        return { ok: true, written };
      }
      case 'import-records': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        if (!Array.isArray(msg.records)) return { ok: false, error: 'records must be a list' };
        if (msg.records.length > IMPORT_CHUNK_MAX) return { ok: false, error: `more than ${IMPORT_CHUNK_MAX} records in one message` };
        const now = deps.now();
        const valid: ExportedRecord[] = [];
        const skipped: { index: number; error: string }[] = [];
        msg.records.forEach((x: unknown, index: number) => {
          const r = checkRecord(x, now);
          if (r.ok) valid.push(r.value);
          else skipped.push({ index, error: r.error });
        });
        const { created, replaced } = await importRecords(deps.db, valid);
        if (created.length + replaced.length > 0) await afterWrite();
        return { ok: true, created, replaced, skipped };
      }
      case 'import-rollback': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        const now = deps.now();
        const created = checkAll(msg.created, IMPORT_CHUNK_MAX, (x) =>
          isRecordId(x) ? { ok: true, value: x } : { ok: false, error: 'not a record id' },
        );
        if (!created.ok) return { ok: false, error: `created: ${created.error}` };
        const replaced = checkAll(msg.replaced, IMPORT_CHUNK_MAX, (x) => checkRecord(x, now));
        if (!replaced.ok) return { ok: false, error: `replaced: ${replaced.error}` };
        const { deleted, restored } = await rollbackImport(deps.db, { created: created.value, replaced: replaced.value });
        if (deleted + restored > 0) await afterWrite();
        return { ok: true };
      }
      case 'clear-history': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        const deleted = await clearHistory(deps.db);
        await afterWrite();
        return { ok: true, deleted };
      }
      case 'mark-failures-seen': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        await markFailuresSeen(deps, deps.now());
        return { ok: true };
      }
      case 'set-retention': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        const days = checkRetentionDays(msg.days);
        if (!days.ok) return { ok: false, error: days.error };
        await writeRetentionDays(deps.store, days.value);
        deps.startPrune();
        return { ok: true };
      }
      default:
        return { ok: false, error: `${msg.type} is not handled` };
    }
  };
}
