import type { StatusChange } from './record';

/** Status changes kept per record: the first and the newest (issue #10 item 5). */
export const HISTORY_MAX = 50;

/**
 * The first entry and the newest, HISTORY_MAX in all. Apart from validate.ts: the store's merge
 * (and so every page that opens the database) needs only this, not the validator (issue #12).
 */
export function capHistory(h: StatusChange[]): StatusChange[] {
  return h.length <= HISTORY_MAX ? h : [h[0]!, ...h.slice(h.length - HISTORY_MAX + 1)];
}
