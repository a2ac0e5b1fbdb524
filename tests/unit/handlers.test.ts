import { describe, expect, it } from 'vitest';
import { type BadgeView, badgeFor } from '@/lib/badge';
import { createHandler, type HandlerDeps, type Sender } from '@/lib/handlers';
import type { MessageType } from '@/lib/messaging';
import { createPruner } from '@/lib/retention';
import { type KeyValueStore, STORAGE_KEYS } from '@/lib/settings';
import { toExported } from '@/lib/transfer/exportFile';
import { recountStats, testDb } from '../helpers/db';
import { captureAll } from '../helpers/fixtures';
import { drafts, HOUR, recordsOf, seed, snapshot, T0 } from '../helpers/records';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const NOW = Date.UTC(2026, 10, 27, 12);

const SIDE_PANEL: Sender = { id: EXT_ID, url: `${ORIGIN}/sidepanel.html`, origin: ORIGIN };
const POPUP: Sender = { id: EXT_ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN };
/** Our own content script in a portal tab: trusted for captures, never for UI actions. */
const PORTAL_TAB: Sender = {
  id: EXT_ID,
  url: 'https://seller.takealot.com/offers',
  origin: 'https://seller.takealot.com',
  tab: { id: 7, windowId: 1 },
  frameId: 0,
};
/** Another extension whose page path looks like ours. */
const OTHER_EXTENSION: Sender = {
  id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
  url: `chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/sidepanel.html`,
};
/** A page that puts our origin in its path. */
const LOOKALIKE: Sender = { id: EXT_ID, url: `${ORIGIN}.evil.example/sidepanel.html` };

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
}

function setup(over: Partial<HandlerDeps> = {}) {
  const { db } = testDb();
  const store = memoryStore();
  const badges: BadgeView[] = [];
  const prunes: Promise<number>[] = [];
  const pruner = createPruner({ db, store, now: () => NOW, chunk: 50 });
  const deps: HandlerDeps = {
    db,
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    now: () => NOW,
    store,
    setBadge: async (v) => void badges.push(v),
    startPrune: () => void prunes.push(pruner()),
    ...over,
  };
  return { db, store, badges, prunes, handle: createHandler(deps) };
}

const UI_MESSAGES: { type: MessageType; [k: string]: unknown }[] = [
  { type: 'import-records', records: recordsOf(drafts(3)).map(toExported) },
  { type: 'import-rollback', created: [], replaced: [] },
  { type: 'clear-history' },
  { type: 'mark-failures-seen' },
  { type: 'set-retention', days: 1 },
  { type: 'popup-status' },
];

describe('UI messages: who may send them', () => {
  it.each(UI_MESSAGES.map((m) => [m.type, m] as const))(
    '%s is refused from a portal tab, another extension or a look-alike URL',
    async (type, msg) => {
      const { db, store, badges, prunes, handle } = setup();
      await seed(db, drafts(20));
      const before = await snapshot(db);
      for (const sender of [PORTAL_TAB, OTHER_EXTENSION, LOOKALIKE, {}]) {
        expect(await handle(msg, sender)).toEqual({ ok: false, error: `${type} is accepted only from the extension's own pages` });
      }
      expect(await snapshot(db)).toEqual(before);
      expect(store.data.size).toBe(0);
      expect(badges).toEqual([]);
      expect(prunes).toEqual([]);
    },
  );

  it.each(UI_MESSAGES.map((m) => [m.type, m] as const))('%s is accepted from the side panel', async (_type, msg) => {
    const { handle } = setup();
    expect(await handle(msg, SIDE_PANEL)).toMatchObject({ ok: true });
  });

  it('captures are still accepted only from a portal tab', async () => {
    const { db, handle } = setup();
    const [r] = captureAll(['takealot/offer-update-success']);
    const msg = { type: 'capture', captureId: 'capture-0001', drafts: r!.drafts, jobs: r!.jobs, unrecognised: r!.unrecognised };
    expect(await handle(msg, SIDE_PANEL)).toEqual({ ok: false, error: 'captures are accepted only from a portal tab' });
    expect(await db.records.count()).toBe(0);
    expect(await handle(msg, PORTAL_TAB)).toEqual({ ok: true, written: 1 });
  });
});

describe('import-records', () => {
  it('imports the valid records, reports the invalid ones by index, and answers what a rollback needs', async () => {
    const { db, handle } = setup();
    const [existing, ...rest] = recordsOf(drafts(4)).map(toExported);
    await seed(db, drafts(1));
    const newer = { ...existing!, syncedAt: existing!.syncedAt + HOUR, status: 'failed' as const };
    const records = [newer, { ...rest[0]!, listingUrl: 'javascript:alert(1)' }, rest[1], 'junk', rest[2]];
    const res = await handle({ type: 'import-records', records }, SIDE_PANEL);
    expect(res).toEqual({
      ok: true,
      created: [rest[1]!.id, rest[2]!.id],
      replaced: [existing],
      skipped: [
        { index: 1, error: `listingUrl: not an https link to ${rest[0]!.platform}` },
        { index: 3, error: 'record: must be an object' },
      ],
    });
    expect(await db.records.count()).toBe(3);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('refuses a chunk that is not a list or holds more than 1000 records, writing nothing', async () => {
    const { db, handle } = setup();
    const one = recordsOf(drafts(1)).map(toExported)[0]!;
    expect(await handle({ type: 'import-records', records: { 0: one } }, SIDE_PANEL)).toEqual({
      ok: false,
      error: 'records must be a list',
    });
    expect(await handle({ type: 'import-records', records: Array.from({ length: 1001 }, () => one) }, SIDE_PANEL)).toEqual({
      ok: false,
      error: 'more than 1000 records in one message',
    });
    expect(await db.records.count()).toBe(0);
    expect(await handle({ type: 'import-records', records: Array.from({ length: 1000 }, () => one) }, SIDE_PANEL)).toMatchObject({
      ok: true,
      created: [one.id],
    });
  });
});

describe('import-rollback', () => {
  it('puts the store back as it was before the import', async () => {
    const { db, handle } = setup();
    await seed(db, drafts(10));
    const before = await snapshot(db);
    const stored = before.records.map(toExported);
    const records = [
      ...recordsOf(drafts(5, { prefix: 'new', from: T0 + 100 * HOUR })).map(toExported),
      ...stored.slice(0, 3).map((r) => ({ ...r, syncedAt: r.syncedAt + HOUR })),
    ];
    const res = await handle({ type: 'import-records', records }, SIDE_PANEL);
    if (!res.ok || !('created' in res)) throw new Error('import failed');
    expect(res.replaced).toHaveLength(3);
    expect(await handle({ type: 'import-rollback', created: res.created, replaced: res.replaced }, SIDE_PANEL)).toEqual({ ok: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses bad or oversized lists, all or nothing', async () => {
    const { db, handle } = setup();
    await seed(db, drafts(3));
    const before = await snapshot(db);
    const ids = before.records.map((r) => r.id);
    const cases: [unknown, unknown, string][] = [
      [[ids[0], 'DROP TABLE'], [], 'created: item 1: not a record id'],
      [Array.from({ length: 1001 }, () => ids[0]), [], 'created: more than 1000 items'],
      [
        [],
        [{ ...toExported(before.records[0]!), listingUrl: 'data:text/html,x' }],
        `replaced: item 0: listingUrl: not an https link to ${before.records[0]!.platform}`,
      ],
      ['all', [], 'created: expected a list'],
    ];
    for (const [created, replaced, error] of cases) {
      expect(await handle({ type: 'import-rollback', created, replaced }, SIDE_PANEL)).toEqual({ ok: false, error });
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('clear-history', () => {
  it('empties the store, answers the count and clears the badge', async () => {
    const { db, badges, handle } = setup();
    await seed(db, drafts(12));
    expect(await handle({ type: 'clear-history' }, SIDE_PANEL)).toEqual({ ok: true, deleted: 12 });
    expect([await db.records.count(), await db.stats.count()]).toEqual([0, 0]);
    expect(badges.at(-1)).toEqual(badgeFor(0));
  });
});

describe('badge', () => {
  it('counts unseen failures after a capture, and mark-failures-seen clears it', async () => {
    const { store, badges, handle } = setup();
    const [r] = captureAll(['takealot/offer-update-validation-errors']);
    await handle(
      { type: 'capture', captureId: 'capture-0002', drafts: r!.drafts, jobs: r!.jobs, unrecognised: r!.unrecognised },
      PORTAL_TAB,
    );
    expect(badges).toEqual([{ text: '1', title: 'Sync History: 1 failed publish not fixed yet that you have not seen', color: '#c5221f' }]);

    expect(await handle({ type: 'mark-failures-seen' }, POPUP)).toEqual({ ok: true });
    expect(store.data.get(STORAGE_KEYS.failuresSeenAt)).toBe(NOW);
    expect(badges.at(-1)).toEqual({ text: '', title: 'Sync History', color: '#c5221f' });
  });

  it('follows an import: only failures newer than the seen mark count', async () => {
    const { store, badges, handle } = setup();
    store.data.set(STORAGE_KEYS.failuresSeenAt, T0 + 12 * HOUR);
    const records = recordsOf(drafts(36)).map(toExported); // every 6th hour… a failure at hours 2,3,8,9,14,15,…
    const unseen = records.filter((r) => r.status === 'failed' && r.syncedAt > T0 + 12 * HOUR).length;
    expect(unseen).toBeGreaterThan(2);
    await handle({ type: 'import-records', records }, SIDE_PANEL);
    expect(badges).toEqual([badgeFor(unseen)]);
    expect(badges[0]!.title).toBe(`Sync History: ${unseen} failed publishes not fixed yet that you have not seen`);
  });

  it('a later save of the same listing takes its failure off the badge', async () => {
    const { badges, handle } = setup();
    const fail = { ...drafts(1)[0]!, key: 'b-1', status: 'failed' as const, sku: 'SOLAR-LAMP-12', observedAt: NOW - HOUR };
    await handle({ type: 'capture', captureId: 'capture-fail-1', drafts: [fail], jobs: [], unrecognised: [] }, PORTAL_TAB);
    expect(badges.at(-1)!.text).toBe('1');
    const fix = { ...fail, key: 'b-2', status: 'success' as const, errors: [], observedAt: NOW - 1 };
    await handle({ type: 'capture', captureId: 'capture-fix-1', drafts: [fix], jobs: [], unrecognised: [] }, PORTAL_TAB);
    expect(badges.at(-1)!.text).toBe('');
  });

  it('says the count in words and fits the badge', () => {
    expect(badgeFor(0).text).toBe('');
    expect(badgeFor(3)).toEqual({
      text: '3',
      title: 'Sync History: 3 failed publishes not fixed yet that you have not seen',
      color: '#c5221f',
    });
    expect(badgeFor(12345).text).toBe('999+');
    expect(badgeFor(12345).title).toContain('12345 failed publishes');
  });

  it('a badge that cannot be set does not fail the write', async () => {
    const errors: unknown[] = [];
    const { db, handle } = setup({ setBadge: async () => Promise.reject(new Error('no action')), report: (e) => void errors.push(e) });
    const res = await handle({ type: 'import-records', records: recordsOf(drafts(2)).map(toExported) }, SIDE_PANEL);
    expect(res).toMatchObject({ ok: true });
    expect(await db.records.count()).toBe(2);
    expect(errors).toEqual([new Error('no action')]);
  });
});

describe('popup-status', () => {
  it("answers the popup's counts and latest still-failing records, read from the store", async () => {
    const { db, handle } = setup();
    const fail = { ...drafts(1)[0]!, key: 'p-1', status: 'failed' as const, sku: 'SOLAR-LAMP-12', observedAt: NOW - HOUR };
    const ok = { ...drafts(1)[0]!, key: 'p-2', status: 'success' as const, sku: 'KETTLE-2L', observedAt: NOW - 2 * HOUR };
    await seed(db, [fail, ok]);
    const res = await handle({ type: 'popup-status' }, POPUP);
    expect(res).toMatchObject({
      ok: true,
      today: { success: 1, failed: 1, pending: 0 },
      all: { success: 1, failed: 1, pending: 0, open: 1 },
      failing: [{ sku: 'SOLAR-LAMP-12', status: 'failed' }],
    });
  });
});

describe('set-retention', () => {
  it('stores the days and prunes older records right away, in the background', async () => {
    const { db, store, prunes, handle } = setup();
    const days = 30;
    const cutoff = NOW - days * 86_400_000;
    await seed(db, drafts(200, { from: cutoff - 100 * HOUR })); // 100 older, 100 newer
    expect(await handle({ type: 'set-retention', days }, SIDE_PANEL)).toEqual({ ok: true });
    expect(store.data.get(STORAGE_KEYS.retentionDays)).toBe(30);
    expect(prunes).toHaveLength(1);
    expect(await prunes[0]).toBe(100);
    expect((await db.records.toArray()).filter((r) => r.syncedAt < cutoff)).toHaveLength(0);
    expect(await db.records.count()).toBe(100);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('0 keeps everything', async () => {
    const { db, prunes, handle } = setup();
    await seed(db, drafts(20));
    expect(await handle({ type: 'set-retention', days: 0 }, SIDE_PANEL)).toEqual({ ok: true });
    expect(await prunes[0]).toBe(0);
    expect(await db.records.count()).toBe(20);
  });

  it.each([-1, 1.5, 3651, '30', null, Number.NaN])('refuses days = %s', async (days) => {
    const { store, prunes, handle } = setup();
    expect(await handle({ type: 'set-retention', days }, SIDE_PANEL)).toEqual({
      ok: false,
      error: 'days must be a whole number from 0 (forever) to 3650',
    });
    expect(store.data.size).toBe(0);
    expect(prunes).toEqual([]);
  });
});
