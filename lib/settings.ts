import type { Checked } from './records/validate';

/**
 * What the background keeps in `browser.storage.local`, besides the history itself.
 * The store is passed in (the background wires `browser.storage.local`; tests a Map),
 * so nothing here touches `browser`.
 */
export const STORAGE_KEYS = {
  /** Epoch ms: failures with a later `syncedAt` count on the badge. Absent: 0 (all). */
  failuresSeenAt: 'failuresSeenAt',
  /** Whole days to keep records; 0 or absent: forever. */
  retentionDays: 'retentionDays',
  /** `{ at, message }` while writes fail for lack of storage (quota); null or absent: fine. */
  storageProblem: 'storageProblem',
} as const;

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** Ten years: a longer retention is "forever" in practice, and a typo is caught. */
export const MAX_RETENTION_DAYS = 3650;

const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

export async function readSeenAt(store: KeyValueStore): Promise<number> {
  return count(await store.get(STORAGE_KEYS.failuresSeenAt));
}

export async function writeSeenAt(store: KeyValueStore, at: number): Promise<void> {
  await store.set(STORAGE_KEYS.failuresSeenAt, at);
}

/** The retention in days (0: keep forever); anything unreadable counts as forever. */
export async function readRetentionDays(store: KeyValueStore): Promise<number> {
  const r = checkRetentionDays(await store.get(STORAGE_KEYS.retentionDays));
  return r.ok ? r.value : 0;
}

export async function writeRetentionDays(store: KeyValueStore, days: number): Promise<void> {
  await store.set(STORAGE_KEYS.retentionDays, days);
}

export function checkRetentionDays(x: unknown): Checked<number> {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_RETENTION_DAYS) {
    return { ok: false, error: `days must be a whole number from 0 (forever) to ${MAX_RETENTION_DAYS}` };
  }
  return { ok: true, value: x };
}
