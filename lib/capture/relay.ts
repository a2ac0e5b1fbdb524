import type { Message, Reply } from '../messaging';

/**
 * The content script's outbox: every capture is sent to the background until the
 * background acknowledges the committed write. The service worker may be asleep,
 * starting or restarting; a send that throws is retried with backoff.
 *
 * The outbox is mirrored to the tab's sessionStorage, so a capture made just before
 * the portal navigates away ("Save and close") is sent again by the next page of the
 * same portal in that tab.
 */
export type CaptureMessage = Message<'capture'>;

export interface OutboxItem {
  id: string;
  msg: CaptureMessage;
}

export interface RelayDeps {
  send(msg: CaptureMessage): Promise<Reply<'capture'> | undefined>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** False once the extension was reloaded or removed: nothing can be sent from this page any more. */
  alive(): boolean;
  onDead?(pending: number): void;
  onRefused?(error: string): void;
  wait?(ms: number): Promise<void>;
}

export const OUTBOX_KEY = 'sync-history:outbox';
const MAX_BACKOFF = 5000;

export function createRelay(deps: RelayDeps) {
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const outbox: OutboxItem[] = [];
  let running = false;

  const save = (): void => {
    try {
      if (outbox.length === 0) deps.storage?.removeItem(OUTBOX_KEY);
      else deps.storage?.setItem(OUTBOX_KEY, JSON.stringify(outbox));
    } catch {
      /* storage full or blocked: the in-memory outbox still retries */
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
          save();
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

  return {
    /** Queues a capture and starts sending. */
    push(item: OutboxItem): Promise<void> {
      outbox.push(item);
      save();
      return drain();
    },
    /** Re-queues what a previous page of this tab left unsent. */
    restore(): Promise<void> {
      let saved: unknown;
      try {
        saved = JSON.parse(deps.storage?.getItem(OUTBOX_KEY) ?? '[]');
      } catch {
        saved = [];
      }
      if (Array.isArray(saved)) {
        for (const x of saved) {
          const item = x as OutboxItem;
          if (item && typeof item.id === 'string' && item.msg?.type === 'capture' && !outbox.some((o) => o.id === item.id))
            outbox.push(item);
        }
      }
      return drain();
    },
    pending: (): number => outbox.length,
  };
}
