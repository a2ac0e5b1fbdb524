import { describe, expect, it } from 'vitest';
import { createPruner, DAY_MS, retentionCutoff } from '@/lib/retention';
import { type KeyValueStore, readRetentionDays, readSeenAt, STORAGE_KEYS } from '@/lib/settings';
import { testDb } from '../helpers/db';
import { drafts, HOUR, seed } from '../helpers/records';

const NOW = Date.UTC(2026, 10, 27, 12);
const memoryStore = (init: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } => {
  const data = new Map(Object.entries(init));
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
};

describe('retention', () => {
  it('cuts off whole days before now; 0 keeps forever', () => {
    expect(retentionCutoff(7, NOW)).toBe(NOW - 7 * DAY_MS);
    expect(retentionCutoff(0, NOW)).toBeUndefined();
  });

  it('reads settings defensively: absent or odd values mean forever / never seen', async () => {
    expect(await readRetentionDays(memoryStore())).toBe(0);
    expect(await readRetentionDays(memoryStore({ [STORAGE_KEYS.retentionDays]: '30' }))).toBe(0);
    expect(await readRetentionDays(memoryStore({ [STORAGE_KEYS.retentionDays]: 30 }))).toBe(30);
    expect(await readSeenAt(memoryStore({ [STORAGE_KEYS.failuresSeenAt]: 'yesterday' }))).toBe(0);
    expect(await readSeenAt(memoryStore({ [STORAGE_KEYS.failuresSeenAt]: NOW }))).toBe(NOW);
  });

  it('a call during a run makes it go round again with the latest setting, and afterPrune hears the total', async () => {
    const { db } = testDb();
    await seed(db, drafts(300, { from: NOW - 300 * HOUR })); // one an hour up to now
    const store = memoryStore({ [STORAGE_KEYS.retentionDays]: 10 }); // 240 hours: 60 older
    const heard: number[] = [];
    const prune = createPruner({ db, store, now: () => NOW, chunk: 20, afterPrune: (n) => void heard.push(n) });
    const first = prune();
    await store.set(STORAGE_KEYS.retentionDays, 5); // 120 hours: 180 older in all
    const second = prune();
    expect(second).toBe(first);
    expect(await first).toBe(180);
    expect(heard).toEqual([180]);
    expect(await db.records.count()).toBe(120);
    expect(await prune()).toBe(0);
    expect(heard).toEqual([180]);
  });
});
