import { describe, expect, it } from 'vitest';
import { CAPTURE_BUDGET } from '@/lib/background/limits';
import { createHandler, type HandlerDeps, REFUSED_KEY, type Sender } from '@/lib/handlers';
import { mergeDraft } from '@/lib/records/merge';
import type { RecordDraft, SyncRecord } from '@/lib/records/record';
import { checkRecord, HISTORY_MAX, LIMITS } from '@/lib/records/validate';
import type { KeyValueStore } from '@/lib/settings';
import { jsonClose, jsonOpen, jsonRecord, toExported } from '@/lib/transfer/exportFile';
import { readExport } from '@/lib/transfer/importFile';
import { testDb } from '../../helpers/db';
import { T0 } from '../../helpers/records';

/**
 * Issue #10, the background's side of the trust boundary: sender → platform binding →
 * limits → shape → redaction → write. Each test failed on the code before it.
 */
const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const NOW = Date.UTC(2026, 10, 27, 12);
const tab = (id: number, url: string): Sender => ({ id: EXT_ID, url, origin: new URL(url).origin, tab: { id }, frameId: 0 });
const TAKEALOT_TAB = tab(7, 'https://sellers.takealot.com/offers');
const SHOPIFY_TAB = tab(9, 'https://admin.shopify.com/store/kk-running/products/1');

function setup(over: Partial<HandlerDeps> = {}) {
  const { db } = testDb();
  const data = new Map<string, unknown>();
  const store: KeyValueStore = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
  let now = NOW;
  const handle = createHandler({
    db,
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    now: () => now,
    store,
    setBadge: async () => undefined,
    startPrune: () => undefined,
    ...over,
  });
  const advance = (ms: number): void => {
    now += ms;
  };
  return { db, data, handle, advance };
}

const draft = (over: Partial<RecordDraft> = {}): RecordDraft => ({
  key: 'offer:1001',
  platform: 'takealot',
  kind: 'publish',
  status: 'failed',
  observedAt: NOW - 60_000,
  sku: 'SOLAR-LAMP-12',
  title: 'Solar lamp',
  errors: [{ message: 'Price below minimum' }],
  changes: [],
  ...over,
});
let ids = 0;
const capture = (drafts: RecordDraft[], captureId = `capture-${String(++ids).padStart(6, '0')}`) => ({
  type: 'capture' as const,
  captureId,
  drafts,
  jobs: [],
  unrecognised: [],
});

describe('platform binding (item 2)', () => {
  it('a Shopify tab cannot turn a failed Takealot record into a success with a forged title and link', async () => {
    const { db, handle } = setup();
    expect(await handle(capture([draft()]), TAKEALOT_TAB)).toEqual({ ok: true, written: 1 });
    const before = await db.records.toArray();
    const forged = draft({
      status: 'success',
      observedAt: NOW,
      title: 'Forged',
      errors: [],
      listingUrl: 'https://www.takealot.com/forged/PLID1',
    });
    const res = await handle(capture([forged]), SHOPIFY_TAB);
    expect(res).toEqual({ ok: false, error: 'a shopify tab sent a capture for takealot' });
    expect(await db.records.toArray()).toEqual(before);
  });

  it('binds jobs and unrecognised operations too', async () => {
    const { db, handle } = setup();
    const job = { platform: 'takealot', jobId: 'B1', status: 'success', errors: [], observedAt: NOW };
    const op = { platform: 'makro', method: 'POST', endpoint: 'seller.makro.co.za/x', observedAt: NOW };
    expect(await handle({ ...capture([]), jobs: [job] }, SHOPIFY_TAB)).toMatchObject({ ok: false });
    expect(await handle({ ...capture([]), unrecognised: [op] }, TAKEALOT_TAB)).toMatchObject({ ok: false });
    expect(await db.unrecognised.count()).toBe(0);
  });
});

describe('one captureId, one request (item 2)', () => {
  it('the same id again with the same content is a resend; with other content it is refused, never merged', async () => {
    const { db, handle } = setup();
    expect(await handle(capture([draft()], 'real-capture-1'), TAKEALOT_TAB)).toEqual({ ok: true, written: 1 });
    expect(await handle(capture([draft()], 'real-capture-1'), TAKEALOT_TAB)).toEqual({ ok: true, written: 0 });
    const before = await db.records.toArray();
    const edited = capture([draft({ status: 'success', errors: [], observedAt: NOW })], 'real-capture-1');
    expect(await handle(edited, TAKEALOT_TAB)).toEqual({
      ok: false,
      error: 'capture real-capture-1 was already recorded with other content',
    });
    expect(await db.records.toArray()).toEqual(before);
  });

  it('a capture without a captureId is refused', async () => {
    const { handle } = setup();
    const { captureId: _id, ...bare } = capture([draft()]);
    expect(await handle(bare, TAKEALOT_TAB)).toEqual({ ok: false, error: 'a capture carries its captureId' });
  });
});

describe('floods (item 4)', () => {
  it(`a tab gets ${CAPTURE_BUDGET.messagesPerMinute} captures a minute; beyond, refused and counted; other tabs keep flowing`, async () => {
    const { db, data, handle, advance } = setup();
    const replies = [];
    for (let i = 0; i < CAPTURE_BUDGET.messagesPerMinute + 30; i++) {
      replies.push(await handle(capture([draft({ key: `flood-${i}`, status: 'success', errors: [] })]), TAKEALOT_TAB));
    }
    expect(replies.filter((r) => r.ok)).toHaveLength(CAPTURE_BUDGET.messagesPerMinute);
    expect(replies.at(-1)).toEqual({ ok: false, error: `more than ${CAPTURE_BUDGET.messagesPerMinute} captures a minute from this tab` });
    expect(await db.records.count()).toBe(CAPTURE_BUDGET.messagesPerMinute);
    expect(data.get(REFUSED_KEY)).toMatchObject({ count: 1 });
    // Another tab of the same portal is not slowed by the flood.
    expect(await handle(capture([draft({ key: 'other-tab' })]), tab(8, 'https://sellers.takealot.com/offers'))).toMatchObject({ ok: true });
    // The budget refills with time.
    advance(60_000);
    expect(await handle(capture([draft({ key: 'later' })]), TAKEALOT_TAB)).toMatchObject({ ok: true, written: 1 });
  });

  it('a real 10,000-item Takealot batch is recorded whole; 10,001 items are refused', async () => {
    const { db, handle } = setup();
    const batch = Array.from({ length: LIMITS.draftsPerMessage }, (_, i) =>
      draft({ key: `batch:B1:${i}`, status: 'pending', errors: [], jobId: 'B1', sku: `SKU-${i}`, title: `Lamp ${i}` }),
    );
    expect(await handle(capture(batch), TAKEALOT_TAB)).toEqual({ ok: true, written: LIMITS.draftsPerMessage });
    expect(await db.records.count()).toBe(LIMITS.draftsPerMessage);
    const over = [...batch, draft({ key: 'one-more' })];
    expect(await handle(capture(over), tab(8, 'https://sellers.takealot.com/x'))).toEqual({
      ok: false,
      error: `drafts: more than ${LIMITS.draftsPerMessage} items`,
    });
  }, 60_000);

  it(`a message with more than ${LIMITS.textPerMessage} characters of text is refused before any pattern runs`, async () => {
    const { db, handle } = setup();
    const big = 'x'.repeat(3900);
    const n = Math.ceil(LIMITS.textPerMessage / big.length) + 1;
    const ds = Array.from({ length: n }, (_, i) => draft({ key: `big-${i}`, changes: [{ field: 'description', value: big }] }));
    expect(await handle(capture(ds), TAKEALOT_TAB)).toEqual({
      ok: false,
      error: `the capture holds more than ${LIMITS.textPerMessage} characters of text`,
    });
    expect(await db.records.count()).toBe(0);
  });
});

describe('redaction is a step of its own, over every stored string (item 6)', () => {
  it('ids, title, errors and changes of a capture are masked before the write', async () => {
    const { db, handle } = setup();
    const tok = 'shpat_0123456789abcdef0123456789abcdef';
    const d = draft({
      sku: tok,
      storeId: 'seller@example.com',
      title: `Lamp, call 27 82 555 0199`,
      errors: [{ message: 'Authorization: Basic dXNlcjpodW50ZXIy', code: tok }],
      changes: [{ field: 'body', value: { password: 'hunter2', note: 'x' } }],
    });
    expect(await handle(capture([d]), TAKEALOT_TAB)).toMatchObject({ ok: true, written: 1 });
    const stored = JSON.stringify(await db.records.toArray());
    expect(stored).not.toMatch(/shpat_|seller@example|555 0199|dXNlcjpodW50ZXIy|hunter2/);
  });
});

describe('status history (item 5)', () => {
  it('1,100 alternating results keep the first entry and the newest; the export imports again', async () => {
    let rec: SyncRecord | undefined;
    for (let i = 0; i < 1100; i++) {
      rec = mergeDraft(rec, draft({ status: i % 2 ? 'success' : 'failed', observedAt: T0 + i * 1000 }));
    }
    expect(rec!.history).toHaveLength(HISTORY_MAX);
    expect(rec!.history[0]).toEqual({ status: 'failed', at: T0 });
    expect(rec!.history.at(-1)).toEqual({ status: 'success', at: T0 + 1099 * 1000 });
    const text = jsonOpen(NOW) + jsonRecord(rec!, 0) + jsonClose();
    const parsed = await readExport(text, { now: NOW });
    expect(parsed.ok && parsed.records).toEqual([toExported(rec!)]);
  });

  it('a result at the same time as the last entry replaces it instead of adding one', () => {
    const a = mergeDraft(undefined, draft({ status: 'pending', errors: [], observedAt: T0 }));
    const b = mergeDraft(a, draft({ status: 'failed', observedAt: T0 + 5 }));
    const c = mergeDraft(b, draft({ status: 'success', errors: [], observedAt: T0 + 5 }));
    expect(c.history).toEqual([
      { status: 'pending', at: T0 },
      { status: 'success', at: T0 + 5 },
    ]);
    expect(checkRecord(toExported(c), NOW).ok).toBe(true);
  });
});

describe('an export of this extension always imports', () => {
  it('text at the capture limits made only of the shortest secrets still fits the import limits after redaction', async () => {
    const { db, handle } = setup();
    const fill = (unit: string, max: number) => unit.repeat(Math.floor(max / unit.length));
    const d = draft({
      sku: fill('a@b.co ', LIMITS.idLength),
      storeId: fill('pwd=x ', LIMITS.idLength),
      title: fill('?sig=x', LIMITS.titleLength),
      errors: [{ message: fill('a@b.co ', LIMITS.messageLength), code: fill('0825550199 ', LIMITS.idLength) }],
      changes: [{ field: 'note', value: fill('a@b.co ', LIMITS.changeValueBytes - 2) }],
    });
    expect(await handle(capture([d]), TAKEALOT_TAB)).toMatchObject({ ok: true, written: 1 });
    const [stored] = await db.records.toArray();
    expect(stored!.sku!.length).toBeGreaterThan(LIMITS.idLength);
    expect(checkRecord(toExported(stored!), NOW)).toMatchObject({ ok: true });
  });
});
