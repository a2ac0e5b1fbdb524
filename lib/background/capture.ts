import { writeCapture, yieldTask } from '../db/repo';
import type { SyncHistoryDB } from '../db/schema';
import type { Message, Reply } from '../messaging';
import type { RecordDraft } from '../records/record';
import { redactDraft, redactJob, redactUnrecognised } from '../records/redact';
import { type Checked, checkAll, checkDraft, checkJob, checkUnrecognised, isCaptureId, LIMITS, textSize } from '../records/validate';
import { createCaptureLedger, createTabBudget } from './limits';
import type { Sender, SenderChecks } from './senders';
import type { createStorageState } from './storageState';

export interface CaptureDeps {
  db: SyncHistoryDB;
  senders: SenderChecks;
  storage: ReturnType<typeof createStorageState>;
  now(): number;
  /** A capture refused by a rule below (counted; the reason is in the answer). */
  onRefused?(reason: string): void;
}

type CaptureReply = Reply<'capture'>;

/** Drafts checked and redacted between two yields. */
const CHECK_CHUNK = 1000;

/** checkAll(drafts, checkDraft) then redactDraft on each, yielding every CHECK_CHUNK drafts; the same answers. */
async function checkAndRedactDrafts(list: unknown[], now: number): Promise<Checked<RecordDraft[]>> {
  const out: RecordDraft[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && i % CHECK_CHUNK === 0) await yieldTask();
    const r = checkDraft(list[i], now);
    if (!r.ok) return { ok: false, error: `item ${i}: ${r.error}` };
    out.push(redactDraft(r.value));
  }
  return { ok: true, value: out };
}

/**
 * The trust boundary for captures, top to bottom: sender → platform binding → limits →
 * shape → redaction → write. Each step refuses with a reason; nothing unchecked is written.
 * The answer comes after the write commits (the content script resends until then).
 */
export function createCaptureHandler(deps: CaptureDeps) {
  const budget = createTabBudget();
  const ledger = createCaptureLedger();
  const refuse = (error: string): CaptureReply => {
    deps.onRefused?.(error);
    return { ok: false, error };
  };

  return async function handleCapture(msg: Message<'capture'> | Record<string, unknown>, sender: Sender): Promise<CaptureReply> {
    // Sender: our content script, top frame of a portal tab.
    const platform = deps.senders.portalTabPlatform(sender);
    if (!platform) return { ok: false, error: 'captures are accepted only from a portal tab' };
    const m = msg as Record<string, unknown>;
    if (!isCaptureId(m.captureId)) return refuse('a capture carries its captureId');
    if (!Array.isArray(m.drafts) || !Array.isArray(m.jobs) || !Array.isArray(m.unrecognised)) {
      return refuse('a capture carries drafts, jobs and unrecognised lists');
    }
    if (m.drafts.length + m.jobs.length + m.unrecognised.length === 0) return refuse('an empty capture');
    // Platform binding: a tab of one portal speaks only for that platform.
    for (const list of [m.drafts, m.jobs, m.unrecognised] as unknown[][]) {
      for (const x of list) {
        const p = (x as { platform?: unknown } | null)?.platform;
        if (p !== platform) return refuse(`a ${platform} tab sent a capture for ${typeof p === 'string' ? p.slice(0, 20) : 'no platform'}`);
      }
    }
    // Limits, before any pattern runs over the text.
    if (m.drafts.length > LIMITS.draftsPerMessage) return refuse(`drafts: more than ${LIMITS.draftsPerMessage} items`);
    const size = textSize(m, LIMITS.textPerMessage);
    if (size > LIMITS.textPerMessage) return refuse(`the capture holds more than ${LIMITS.textPerMessage} characters of text`);
    const now = deps.now();
    const tabId = sender.tab?.id ?? -1;
    const spent = budget(tabId, m.drafts.length, now);
    if (!spent.ok) return refuse(spent.error);
    const content = { drafts: m.drafts, jobs: m.jobs, unrecognised: m.unrecognised };
    const once = ledger(m.captureId, content);
    if (!once.ok) return refuse(once.error);
    // Shape, then redaction of every string that will be stored: the drafts a chunk at a
    // time, yielding between chunks (a 10,000-item batch would hold the worker for seconds).
    const drafts = await checkAndRedactDrafts(m.drafts, now);
    if (!drafts.ok) return refuse(`drafts: ${drafts.error}`);
    const jobs = checkAll(m.jobs, LIMITS.jobsPerMessage, (x) => checkJob(x, now));
    if (!jobs.ok) return refuse(`jobs: ${jobs.error}`);
    const unrecognised = checkAll(m.unrecognised, LIMITS.unrecognisedPerMessage, (x) => checkUnrecognised(x, now));
    if (!unrecognised.ok) return refuse(`unrecognised: ${unrecognised.error}`);
    const clean = {
      drafts: drafts.value,
      jobs: jobs.value.map(redactJob),
      unrecognised: unrecognised.value.map(redactUnrecognised),
    };
    // Write.
    let written: number;
    try {
      ({ written } = await writeCapture(deps.db, clean));
    } catch (err) {
      // Nothing is dropped: the content script keeps the capture and sends it again.
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await deps.storage.failed(err, now, message);
      return { ok: false, error: message, retry: true };
    }
    await deps.storage.succeeded();
    return { ok: true, written };
  };
}
