import { describe, expect, it } from 'vitest';
import { createHandler, type HandlerDeps, type Sender } from '@/lib/handlers';
import { capture } from '@/lib/platforms';
import { type KeyValueStore, STORAGE_KEYS } from '@/lib/settings';
import { failWrites, testDb } from '../helpers/db';
import { exchangeOf, loadFixture } from '../helpers/fixtures';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const PORTAL_TAB: Sender = { id: EXT_ID, url: 'https://sellers.takealot.com/offers', tab: { id: 7 }, frameId: 0 };

/** A database whose writes fail with the browser's "storage full" error while `full.on`. */
function fullableDb() {
  const { db } = testDb();
  const full = { on: false };
  failWrites(db, () => (full.on ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : undefined));
  return { db, full };
}

describe('storage full (quota)', () => {
  it('answers "retry", tells the UI, loses nothing, and clears the notice once a write succeeds', async () => {
    const { db, full } = fullableDb();
    const data = new Map<string, unknown>();
    const store: KeyValueStore = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
    const deps: HandlerDeps = {
      db,
      extensionId: EXT_ID,
      extensionOrigin: `chrome-extension://${EXT_ID}`,
      now: Date.now,
      store,
      setBadge: async () => undefined,
      startPrune: () => undefined,
    };
    const handle = createHandler(deps);
    const r = capture(exchangeOf(loadFixture('takealot/offer-update-validation-errors'), { observedAt: Date.now() - 1000 }), {});
    const msg = { type: 'capture', captureId: 'fault-capture-1', drafts: r.drafts, jobs: r.jobs, unrecognised: r.unrecognised };

    full.on = true;
    const refused = await handle(msg, PORTAL_TAB);
    expect(refused).toMatchObject({ ok: false, retry: true });
    expect(data.get(STORAGE_KEYS.storageProblem)).toMatchObject({ message: expect.stringMatching(/QuotaExceeded/) });
    expect(await db.records.count()).toBe(0);

    full.on = false;
    expect(await handle(msg, PORTAL_TAB)).toMatchObject({ ok: true, written: 1 });
    expect(data.get(STORAGE_KEYS.storageProblem)).toBeNull();
    expect(await db.records.count()).toBe(1);
  });
});
