import { createCaptureHandler } from './background/capture';
import { handleImport, handleRollback } from './background/imports';
import { popupStatus } from './background/popupStatus';
import { type Sender, senderChecks } from './background/senders';
import { createStorageState } from './background/storageState';
import { type BadgeView, markFailuresSeen, refreshBadge } from './badge';
import { clearHistory } from './db/maintenance';
import type { SyncHistoryDB } from './db/schema';
import { isMessage, type Message, type MessageType, type Reply } from './messaging';
import { checkRetentionDays, type KeyValueStore, writeRetentionDays } from './settings';

export { isPortalUrl, portalPlatform, type Sender } from './background/senders';
export { isQuotaError } from './background/storageState';

/** `browser.storage.local` key: how many captures were refused, and the latest reason. */
export const REFUSED_KEY = 'refusedCaptures';

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
  /** Where failures that do not fail the message go (a badge that could not be set). */
  report?(err: unknown): void;
}

type AnyReply = Reply<MessageType>;

/**
 * The background's message dispatcher: checks who is asking and hands each message to
 * its door (captures: lib/background/capture.ts; imports: lib/background/imports.ts).
 * Answers after the work is done (a capture is acked only once committed).
 */
export function createHandler(deps: HandlerDeps) {
  const report = (err: unknown): void => deps.report?.(err);
  const senders = senderChecks(deps.extensionId, deps.extensionOrigin);
  const { fromExtensionPage } = senders;

  // Refused captures are counted; the count is written at most every 10 s (a flood
  // must not turn into a flood of storage writes).
  const refusals = { count: 0, last: '', at: 0, written: 0 };
  const onRefused = (reason: string): void => {
    refusals.count += 1;
    refusals.last = reason;
    refusals.at = deps.now();
    if (refusals.at - refusals.written < 10_000) return;
    refusals.written = refusals.at;
    void deps.store.set(REFUSED_KEY, { count: refusals.count, last: refusals.last, at: refusals.at }).catch(report);
  };
  const handleCapture = createCaptureHandler({
    db: deps.db,
    senders,
    storage: createStorageState(deps.store, report),
    now: deps.now,
    onRefused,
  });

  /** After records changed: the badge follows (its failure does not fail the write). */
  const afterWrite = async (): Promise<void> => {
    try {
      await refreshBadge(deps);
    } catch (err) {
      report(err);
    }
  };
  const refused = (type: MessageType): AnyReply => ({ ok: false, error: `${type} is accepted only from the extension's own pages` });

  return async function handle(msg: unknown, sender: Sender): Promise<AnyReply> {
    if (!isMessage(msg)) return { ok: false, error: 'unknown message' };
    switch (msg.type) {
      case 'capture': {
        const res = await handleCapture(msg as Message<'capture'>, sender);
        if (res.ok && res.written > 0) await afterWrite();
        return res;
      }
      case 'import-records': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        const { changed, ...res } = await handleImport(deps.db, msg.records, deps.now());
        if (changed) await afterWrite();
        return res;
      }
      case 'import-rollback': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        const { changed, ...res } = await handleRollback(deps.db, msg, deps.now());
        if (changed) await afterWrite();
        return res;
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
      case 'popup-status': {
        if (!fromExtensionPage(sender)) return refused(msg.type);
        return { ok: true, ...(await popupStatus(deps.db, deps.now())) };
      }
      default:
        return { ok: false, error: `${msg.type} is not handled` };
    }
  };
}
