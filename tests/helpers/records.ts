import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { mergeDraft } from '@/lib/records/merge';
import { PLATFORMS, type RecordDraft, STATUSES, type Status, type SyncRecord } from '@/lib/records/record';

/** 2026-01-01T00:00Z: synthetic records start here. */
export const T0 = Date.UTC(2026, 0, 1);
export const HOUR = 3_600_000;

/**
 * `n` drafts of every platform and status, `step` ms apart from `from`, over three stores
 * (one with an upper-case id, as portals send them), some with a link and an error.
 */
export function drafts(
  n: number,
  { from = T0, step = HOUR, prefix = 'item' }: { from?: number; step?: number; prefix?: string } = {},
): RecordDraft[] {
  return Array.from({ length: n }, (_, i): RecordDraft => {
    const platform = PLATFORMS[i % PLATFORMS.length]!;
    const status = STATUSES[(i >> 1) % STATUSES.length]!;
    const d: RecordDraft = {
      key: `${prefix}-${i}`,
      platform,
      kind: i % 5 === 0 ? 'import' : 'publish',
      status,
      observedAt: from + i * step,
      storeId: ['store-a', 'Store-B', 'store-c'][i % 3]!,
      sku: `SKU-${prefix}-${i}`,
      title: `Product ${i}, "quoted"`,
      errors: status === 'failed' ? [{ message: `Price below minimum (${i})`, code: 'PRICE_MIN', field: 'price' }] : [],
      changes: [{ field: 'price', value: 100 + i }],
    };
    if (platform === 'takealot') d.listingUrl = `https://www.takealot.com/x/PLID${i}`;
    return d;
  });
}

/**
 * One Takealot publish by hand: `key`, its status and time, the SKU its key in upper case, and a
 * reason when it failed (`Reason for <key>`); `over` for the rest.
 */
export const draft = (key: string, status: Status, observedAt: number, over: Partial<RecordDraft> = {}): RecordDraft => ({
  key,
  platform: 'takealot',
  kind: 'publish',
  status,
  observedAt,
  sku: key.toUpperCase(),
  errors: status === 'failed' ? [{ message: `Reason for ${key}` }] : [],
  changes: [],
  ...over,
});

/** The stored rows these drafts become (what a fresh store would hold). */
export const recordsOf = (ds: RecordDraft[]): SyncRecord[] => ds.map((d) => mergeDraft(undefined, d));

export async function seed(db: SyncHistoryDB, ds: RecordDraft[]): Promise<void> {
  await writeCapture(db, { drafts: ds, jobs: [], unrecognised: [] });
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every record (by id) and every stat row (by key): the whole observable state. */
export async function snapshot(db: SyncHistoryDB) {
  return { records: (await db.records.toArray()).sort(byId), stats: await db.stats.orderBy('key').toArray() };
}
