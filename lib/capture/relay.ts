import type { Message, Reply } from '../messaging';
import { isCaptureId, isObj } from '../records/validate';

/**
 * The content script's outbox: every capture is sent to the background until the
 * background acknowledges the committed write. The service worker may be asleep,
 * starting or restarting; a send that throws is retried with backoff.
 *
 * The outbox is mirrored to the tab's sessionStorage, so a capture made just before
 * the portal navigates away ("Save and close") is sent again by the next page of the
 * same portal in that tab. Each capture is its own key (`sync-history:outbox:<id>`):
 * a push writes one item and an ack removes one, O(1) on the page's thread whatever
 * the queue holds (issue #10 item 4). The queue is bounded.
 *
 * sessionStorage belongs to the page: whatever is restored from it is untrusted, and
 * `accept` (the same checks a fresh capture gets, with the page's platform) decides.
 */
export type CaptureMessage = Message<'capture'>;

export interface OutboxItem {
  id: string;
  msg: CaptureMessage;
}

/** What the relay needs of sessionStorage. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface RelayDeps {
  send(msg: CaptureMessage): Promise<Reply<'capture'> | undefined>;
  storage?: OutboxStorage;
  /** False once the extension was reloaded or removed: nothing can be sent from this page any more. */
  alive(): boolean;
  onDead?(pending: number): void;
  /** A capture refused, here (queue full, forged outbox item) or by the background. */
  onRefused?(error: string): void;
  /** The checks a restored item must pass (platform binding, shape); the item to send, or why not. */
  accept?(msg: CaptureMessage): { ok: true; value: CaptureMessage } | { ok: false; error: string };
  wait?(ms: number): Promise<void>;
}

/** Prefix of the outbox's keys in sessionStorage. */
export const OUTBOX_KEY = 'sync-history:outbox';
/** Captures waiting at most; beyond, a new capture is refused (a flood, not a seller). */
export const OUTBOX_MAX = 1000;
const MAX_BACKOFF = 5000;

const keyOf = (id: string): string => `${OUTBOX_KEY}:${id}`;

/** The shape of a capture message, before its content is checked (by `accept`, then the background). */
function asCaptureMessage(x: unknown): CaptureMessage | undefined {
  if (!isObj(x) || x.type !== 'capture' || !isCaptureId(x.captureId)) return undefined;
  if (!Array.isArray(x.drafts) || !Array.isArray(x.jobs) || !Array.isArray(x.unrecognised)) return undefined;
  return x as unknown as CaptureMessage;
}

export function createRelay(deps: RelayDeps) {
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const outbox: OutboxItem[] = [];
  const queued = new Set<string>();
  let seq = 0;
  let running = false;

  const persist = (item: OutboxItem): void => {
    try {
      deps.storage?.setItem(keyOf(item.id), JSON.stringify({ seq: seq++, msg: item.msg }));
    } catch {
      /* storage full or blocked: the in-memory outbox still retries */
    }
  };
  const forget = (id: string): void => {
    try {
      deps.storage?.removeItem(keyOf(id));
    } catch {
      /* as above */
    }
  };

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    let backoff = 100;
    try {
      while (outbox.length > 0) {
        if (!deps.alive()) {
          deps.onDead?.(outbox.length);
          return;
        }
        const item = outbox[0]!;
        let reply: Reply<'capture'> | undefined;
        try {
          reply = await deps.send(item.msg);
        } catch (err) {
          // After an extension update or reload this page's script is orphaned for good.
          if (/context invalidated/i.test(err instanceof Error ? err.message : String(err))) {
            deps.onDead?.(outbox.length);
            return;
          }
          reply = undefined;
        }
        if (reply?.ok === true || (reply?.ok === false && !reply.retry)) {
          if (reply.ok === false) deps.onRefused?.(reply.error);
          outbox.shift();
          queued.delete(item.id);
          forget(item.id);
          backoff = 100;
          continue;
        }
        await wait(backoff);
        backoff = Math.min(MAX_BACKOFF, backoff * 2);
      }
    } finally {
      running = false;
    }
  }

  /** Queues one item unless it is queued already or the queue is full. */
  const enqueue = (item: OutboxItem, save: boolean): boolean => {
    if (queued.has(item.id)) return false;
    if (outbox.length >= OUTBOX_MAX) {
      deps.onRefused?.(`more than ${OUTBOX_MAX} captures are waiting to be saved`);
      return false;
    }
    outbox.push(item);
    queued.add(item.id);
    if (save) persist(item);
    return true;
  };

  return {
    /** Queues a capture and starts sending. */
    push(item: OutboxItem): Promise<void> {
      enqueue(item, true);
      return drain();
    },
    /** Re-queues what a previous page of this tab left unsent, after the same checks as a fresh capture. */
    restore(): Promise<void> {
      const s = deps.storage;
      const found: { seq: number; key: string; msg: CaptureMessage }[] = [];
      const bad: string[] = [];
      if (s) {
        for (let i = 0; i < s.length; i++) {
          const key = s.key(i);
          if (key?.startsWith(`${OUTBOX_KEY}:`)) {
            let saved: unknown;
            try {
              saved = JSON.parse(s.getItem(key) ?? 'null');
            } catch {
              saved = null;
            }
            const msg = isObj(saved) ? asCaptureMessage(saved.msg) : undefined;
            if (msg && key === keyOf(msg.captureId)) found.push({ seq: Number((saved as { seq?: unknown }).seq) || 0, key, msg });
            else bad.push(key);
          }
        }
      }
      for (const key of bad) {
        forget(key.slice(OUTBOX_KEY.length + 1));
        deps.onRefused?.('a forged or corrupted outbox entry in sessionStorage was discarded');
      }
      found.sort((a, b) => a.seq - b.seq);
      for (const f of found) {
        const checked = deps.accept ? deps.accept(f.msg) : { ok: true as const, value: f.msg };
        if (!checked.ok) {
          forget(f.msg.captureId);
          deps.onRefused?.(`outbox entry discarded: ${checked.error}`);
          continue;
        }
        enqueue({ id: f.msg.captureId, msg: checked.value }, false);
      }
      seq = found.reduce((m, f) => Math.max(m, f.seq + 1), seq);
      return drain();
    },
    pending: (): number => outbox.length,
  };
}
