import { cyrb53 } from '../records/id';

/**
 * Flood limits for captures (issue #10 item 4). A person in a portal saves a few listings
 * a minute and a batch page polls its status every few seconds; a page script can post
 * thousands of messages a second. Each tab has its own budget, so a flood in one tab never
 * slows the captures of another, and the history cannot grow faster than the budget.
 */
export const CAPTURE_BUDGET = {
  /**
   * Capture messages per tab per minute (a token bucket refilled evenly). Far above a person
   * (a few saves a minute) and above a portal's own bulk editor firing one save per product
   * (Shopify's bulk editor, a Takealot price sweep): 20 a second, sustained for a minute.
   */
  messagesPerMinute: 1200,
  /** Records (drafts) per tab per minute: one whole 10,000-item batch and its settlement. */
  draftsPerMinute: 25_000,
  /** Tabs remembered; the oldest is forgotten first. */
  tabs: 500,
} as const;

interface Bucket {
  messages: number;
  drafts: number;
  at: number;
}

export type BudgetVerdict = { ok: true } | { ok: false; error: string };

export function createTabBudget(budget: typeof CAPTURE_BUDGET = CAPTURE_BUDGET) {
  const buckets = new Map<number, Bucket>();
  /** Takes `messages` captures and `drafts` records from the tab's budget, or says which is spent. */
  return function take(tabId: number, drafts: number, now: number, messages = 1): BudgetVerdict {
    let b = buckets.get(tabId);
    if (b) {
      const minutes = Math.max(0, now - b.at) / 60_000;
      b.messages = Math.min(budget.messagesPerMinute, b.messages + minutes * budget.messagesPerMinute);
      b.drafts = Math.min(budget.draftsPerMinute, b.drafts + minutes * budget.draftsPerMinute);
      b.at = now;
      buckets.delete(tabId); // re-inserted below: most recently used last
    } else {
      b = { messages: budget.messagesPerMinute, drafts: budget.draftsPerMinute, at: now };
    }
    buckets.set(tabId, b);
    if (buckets.size > budget.tabs) buckets.delete(buckets.keys().next().value!);
    if (b.messages < messages) return { ok: false, error: `more than ${budget.messagesPerMinute} captures a minute from this tab` };
    if (b.drafts < drafts) return { ok: false, error: `more than ${budget.draftsPerMinute} records a minute from this tab` };
    b.messages -= messages;
    b.drafts -= drafts;
    return { ok: true };
  };
}

/**
 * A captureId is one request (issue #10 item 2): the same id sent again with the same
 * content is a resend (the relay retries until acked) and is accepted; the same id with
 * other content is a replay of an edited copy and is refused, never merged. Remembers the
 * last `size` ids of this worker's life (a worker restart forgets them; the content
 * script keeps the same rule for its page).
 */
export function createCaptureLedger(size = 20_000) {
  const seen = new Map<string, number>();
  return function admit(captureId: string, content: unknown): BudgetVerdict {
    const digest = cyrb53(JSON.stringify(content));
    const prev = seen.get(captureId);
    if (prev !== undefined) {
      return prev === digest ? { ok: true } : { ok: false, error: `capture ${captureId} was already recorded with other content` };
    }
    seen.set(captureId, digest);
    if (seen.size > size) seen.delete(seen.keys().next().value!);
    return { ok: true };
  };
}
