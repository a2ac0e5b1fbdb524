import { describe, expect, it } from 'vitest';
import { POPUP_FAILING, popupStatus } from '@/lib/background/popupStatus';
import { ALL_TIME, listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import { rangeBounds } from '@/lib/format/time';
import { OPEN } from '@/lib/records/facets';
import { testDb } from '../../helpers/db';
import { draft, HOUR, seed } from '../../helpers/records';

const NOW = new Date(2026, 10, 27, 15, 30).getTime(); // local time: "today" is the local day
const START = rangeBounds('today', NOW)[0];

describe('popupStatus (what the background answers the popup)', () => {
  it("counts today's records from the local start of day, every record with what is still failing, and lists the latest 5", async () => {
    const { db } = testDb();
    await seed(db, [
      draft('t-ok', 'success', START + HOUR),
      draft('t-pending', 'pending', START),
      draft('t-fail', 'failed', NOW - 60_000),
      ...Array.from({ length: 6 }, (_, i) => draft(`y-fail-${i}`, 'failed', START - 1 - i * 60_000)),
      // Fixed by a later save of the same listing: counted as failed, not as still failing.
      draft('fixed-a', 'failed', START - 10 * HOUR, { sku: 'LAMP' }),
      draft('fixed-b', 'success', START - 9 * HOUR, { sku: 'LAMP' }),
    ]);
    const s = await popupStatus(db, NOW);
    expect(s.today).toEqual({ success: 1, failed: 1, pending: 1 });
    expect(s.all).toEqual({ success: 2, failed: 8, pending: 1, open: 7 });
    expect(s.failing.map((r) => r.sku)).toEqual(['T-FAIL', 'Y-FAIL-0', 'Y-FAIL-1', 'Y-FAIL-2', 'Y-FAIL-3']);
    expect(s.failing).toHaveLength(POPUP_FAILING);
    expect(s.failing[0]).toMatchObject({ platform: 'takealot', status: 'failed', errors: [{ message: 'Reason for t-fail' }] });
  });

  it("answers what the side panel's own queries give (its lighter reads: no search code in the background)", async () => {
    const { db } = testDb();
    await seed(db, [
      ...Array.from({ length: 9 }, (_, i) => draft(`a-${i}`, (['failed', 'success', 'pending'] as const)[i % 3]!, START - i * HOUR)),
      ...Array.from({ length: 4 }, (_, i) => draft(`b-${i}`, 'failed', START + i * 60_000, { platform: 'makro', sku: `MK-${i}` })),
      draft('fixed-b', 'success', NOW - 1000, { platform: 'makro', sku: 'MK-0' }),
    ]);
    const s = await popupStatus(db, NOW);
    const today = await statusCounts(db, { ...NO_FILTER, from: START, to: ALL_TIME.to });
    expect(s.today).toEqual({ success: today.success, failed: today.failed, pending: today.pending });
    expect(s.all).toEqual(await statusCounts(db, NO_FILTER));
    const open = await listPage(db, { ...NO_FILTER, status: OPEN }, POPUP_FAILING);
    expect(s.failing.map((r) => r.id)).toEqual(open.rows.map((r) => r.id));
    expect(s.failing.length).toBe(POPUP_FAILING);
  });

  it('sends rows without the index fields the store derives (a message, not the table)', async () => {
    const { db } = testDb();
    await seed(db, [draft('f', 'failed', NOW - 1000, { title: 'Solar lamp', listingUrl: 'https://www.takealot.com/x/PLID123456' })]);
    const [row] = (await popupStatus(db, NOW)).failing;
    for (const k of ['ids', 'facets', 'listing', 'listingIndex']) expect(row).not.toHaveProperty(k);
    expect(row).toMatchObject({
      title: 'Solar lamp',
      listingUrl: 'https://www.takealot.com/x/PLID123456',
      history: [{ status: 'failed' }],
    });
  });

  it('an empty history answers zeros and no rows', async () => {
    const { db } = testDb();
    expect(await popupStatus(db, NOW)).toEqual({
      today: { success: 0, failed: 0, pending: 0 },
      all: { success: 0, failed: 0, pending: 0, open: 0 },
      failing: [],
    });
  });
});
