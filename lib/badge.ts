import { openFailuresSince } from './db/queries';
import type { SyncHistoryDB } from './db/schema';
import { type KeyValueStore, readSeenAt, writeSeenAt } from './settings';

/**
 * The toolbar badge: how many failures the seller has not seen yet and nothing has fixed since
 * (a later success of the same listing takes a failure off the badge). Pure core here;
 * the background passes `setBadge`, which makes the `browser.action` calls.
 */
export interface BadgeView {
  /** '' hides the badge. */
  text: string;
  /** The action's title: what a screen reader says for the button (the badge alone is not read). */
  title: string;
  /** Badge background; the count is never shown by colour alone (text + title). */
  color: string;
}

export const DEFAULT_TITLE = 'Sync History';
/** Red with white text: 5.8:1 contrast (WCAG AA). */
export const BADGE_COLOR = '#c5221f';

export function badgeFor(unseenFailures: number): BadgeView {
  const n = Math.max(0, Math.floor(unseenFailures));
  if (n === 0) return { text: '', title: DEFAULT_TITLE, color: BADGE_COLOR };
  return {
    // The badge fits about four characters.
    text: n > 999 ? '999+' : String(n),
    title: `${DEFAULT_TITLE}: ${n} failed ${n === 1 ? 'publish' : 'publishes'} not fixed yet that you have not seen`,
    color: BADGE_COLOR,
  };
}

export interface BadgeDeps {
  db: SyncHistoryDB;
  store: KeyValueStore;
  setBadge(view: BadgeView): Promise<void>;
}

/** Counts open failures newer than the seen mark and shows them; answers the count. */
export async function refreshBadge(deps: BadgeDeps): Promise<number> {
  const n = await openFailuresSince(deps.db, await readSeenAt(deps.store));
  await deps.setBadge(badgeFor(n));
  return n;
}

/** The seller has seen every failure so far: move the mark to `now` and clear the badge. */
export async function markFailuresSeen(deps: BadgeDeps, now: number): Promise<void> {
  await writeSeenAt(deps.store, now);
  await refreshBadge(deps);
}
