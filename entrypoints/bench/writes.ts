import type { Exchange } from '@/lib/capture/envelope';
import { importRecords } from '@/lib/db/maintenance';
import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { batchCreate, batchStatusPoll } from '@/lib/platforms/takealot/batches';
import type { RuleInput } from '@/lib/platforms/types';
import { ANY, encodeTime, isFullKey, termOf } from '@/lib/records/facets';
import { recordId } from '@/lib/records/id';
import { mergeDraft } from '@/lib/records/merge';
import type { ExportedRecord, RecordDraft, SyncRecord } from '@/lib/records/record';
import { redactDraft, redactRecord } from '@/lib/records/redact';
import { checkAll, checkDraft, checkRecord, IMPORT_CHUNK_MAX, LIMITS } from '@/lib/records/validate';
import { jsonClose, jsonOpen, jsonRecord } from '@/lib/transfer/exportFile';
import { readExport } from '@/lib/transfer/importFile';
import { importHistory } from '@/lib/transfer/transfer';
import type { ImportRate, StageTimes, WriteBreakdown } from './api';
import { HistoryGenerator } from './generate';
import { type IndexSpec, PLAIN_INDEXES, rawWriteRows } from './raw';

/**
 * Where a big write's time goes (issue #12 item 2), measured in the bench page on the seeded
 * profile with the background's own steps: a 10,000-item Takealot batch created pending, then
 * settled by its poll, each step timed (the message's structured clone, validation, redaction,
 * and writeCapture's stages per chunk), beside the raw write of the same rows.
 */
const now = (): number => performance.now();
/** The side panel's import message size (lib/transfer/transfer.ts importHistory). */
const IMPORT_PAGE = IMPORT_CHUNK_MAX;

function timer(): { lap: (stage: string) => void; reset: () => void; times: StageTimes } {
  const times: StageTimes = {};
  let t = now();
  return {
    times,
    reset: () => {
      t = now();
    },
    lap: (stage) => {
      const n = now();
      times[stage] = (times[stage] ?? 0) + n - t;
      t = n;
    },
  };
}

async function throughBackgroundSteps(db: SyncHistoryDB, drafts: RecordDraft[], at: number): Promise<{ ms: number; stages: StageTimes }> {
  const tm = timer();
  const t0 = now();
  const msg = structuredClone(drafts);
  tm.lap('clone');
  const checked = checkAll(msg, LIMITS.draftsPerMessage, (x) => checkDraft(x, at));
  if (!checked.ok) throw new Error(checked.error);
  tm.lap('validate');
  const clean = checked.value.map(redactDraft);
  tm.lap('redact');
  await writeCapture(db, { drafts: clean, jobs: [], unrecognised: [] }, { lap: tm.lap });
  return { ms: now() - t0, stages: tm.times };
}

export async function writeBreakdown(db: SyncHistoryDB, items: number, jobId: string): Promise<WriteBreakdown> {
  const at = Date.now();
  const body = Array.from({ length: items }, (_, i) => ({
    sku: `BREAKDOWN-${String(i).padStart(5, '0')}`,
    selling_price: 100 + (i % 900),
  }));
  const input = (ex: Partial<Exchange>, url: string): RuleInput =>
    ({
      ex: { captureId: `bench-${jobId}-${url.length}`, observedAt: at, status: 200, ok: true, method: 'GET', url, pageUrl: '', ...ex },
      url: new URL(url),
      page: new URL('https://sellers.takealot.com/offers/bulk-update'),
      ctx: { storeId: '1001' },
    }) as unknown as RuleInput;
  const created =
    batchCreate(
      input(
        { method: 'POST', requestBody: body, responseBody: { batch_id: Number(jobId), status: { id: 1 } } },
        'https://seller-api.takealot.com/v2/offers/batch',
      ),
    ).drafts ?? [];
  const create = await throughBackgroundSteps(db, created, at);
  const polled =
    batchStatusPoll(
      input(
        {
          observedAt: at + 1000,
          responseBody: {
            batch_id: Number(jobId),
            status: { id: 4, description: 'Success' },
            result: body.map((it, i) => ({
              validation_errors:
                i % 10 === 0 ? [{ code: 'INVALID_SELLING_PRICE', message: 'Selling price cannot be greater than RRP' }] : [],
              offer: { offer_id: 800000000 + i, sku: it.sku, status: 'Buyable', selling_price: it.selling_price },
            })),
          },
        },
        `https://seller-api.takealot.com/v2/offers/batch/${jobId}`,
      ),
    ).drafts ?? [];
  const settle = await throughBackgroundSteps(db, polled, at + 1000);
  const rows = (await db.records.where('[jobId+syncedAt]').between([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]).toArray()).slice(0, items);
  const rawMs = await rawWriteRows(rows);
  return {
    items,
    create,
    settle,
    rawMs,
    rows: rows.length,
    layouts: await indexLayouts(rows),
    unfixedLookup: await unfixedLookup(db, rows),
  };
}

/**
 * How the resolver may ask the `unfixed` table which of a chunk's listing keys it names (the
 * settle's `resolve.find`): every key of the table, a get per key, or a cursor over the keys
 * asked. The listing keys of 1,000 settled rows (one chunk), each way in rotated turns, median ms.
 */
async function unfixedLookup(db: SyncHistoryDB, rows: SyncRecord[]): Promise<Record<string, number>> {
  const keys = [...new Set(rows.slice(0, 1000).flatMap((r) => r.listing))];
  const ways: [string, () => Promise<unknown>][] = [
    ['every key of the table', () => db.transaction('r', db.unfixed, () => db.unfixed.toCollection().primaryKeys())],
    ['bulkGet of the keys', () => db.transaction('r', db.unfixed, () => db.unfixed.bulkGet(keys))],
    ['anyOf cursor over the keys', () => db.transaction('r', db.unfixed, () => db.unfixed.where(':id').anyOf(keys).primaryKeys())],
  ];
  const times = new Map<string, number[]>(ways.map(([name]) => [name, []]));
  for (let turn = 0; turn < 3 * ways.length; turn++) {
    for (let k = 0; k < ways.length; k++) {
      const [name, run] = ways[(turn + k) % ways.length]!;
      const t0 = now();
      await run();
      times.get(name)!.push(now() - t0);
    }
  }
  const out: Record<string, number> = { 'keys asked': keys.length, 'keys in the table': await db.unfixed.count() };
  for (const [name, xs] of times) out[name] = [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return out;
}

const SCHEMA_INDEXES: IndexSpec[] = [
  ['jobId+syncedAt', ['jobId', 'syncedAt']],
  ['facets', 'facets', true],
  ['listingIndex', 'listingIndex', true],
];

/**
 * The options for the records' indexes (issue #12: "measure the options, keep the best"): the
 * same settled rows written raw under each layout, in turns (A B C D, B C D A, …: each layout
 * once in each position; the median of each). `v3` is the rows with the keys schema v4 dropped put back (platform, and Store ID,
 * with any status) and the `syncedAt` index; `v4` is what ships; `v4, no search terms` shows
 * what the id and word terms cost; `plain` is the baseline's three plain indexes.
 */
async function indexLayouts(rows: SyncRecord[]): Promise<Record<string, number>> {
  const v3Rows = rows.map((r) => {
    const tail = `\u0001${encodeTime(r.syncedAt)}\u0001${r.id}`;
    const more = [`${ANY}\u0001${r.platform}\u0001${ANY}${tail}`];
    if (r.storeId) more.push(`${r.storeId.toLowerCase()}\u0001${r.platform}\u0001${ANY}${tail}`);
    return { ...r, facets: [...r.facets, ...more] };
  });
  const noTerms = rows.map((r) => ({ ...r, facets: r.facets.filter((k) => isFullKey(k) || termOf(k) === ANY) }));
  const layouts: [string, object[], IndexSpec[]][] = [
    ['plain: three plain indexes', rows, PLAIN_INDEXES],
    ['v3', v3Rows, [['syncedAt', 'syncedAt'], ...SCHEMA_INDEXES]],
    ['v4', rows, SCHEMA_INDEXES],
    ['v4, no search terms', noTerms, SCHEMA_INDEXES],
  ];
  const times = new Map<string, number[]>(layouts.map(([name]) => [name, []]));
  // Each layout once in each position of a turn (a write after a deleted database pays for its
  // clean-up: the first measurement put the same layout first in every turn, and it skewed).
  for (let turn = 0; turn < layouts.length; turn++) {
    for (let k = 0; k < layouts.length; k++) {
      const [name, list, indexes] = layouts[(turn + k) % layouts.length]!;
      times.get(name)!.push(await rawWriteRows(list, indexes));
    }
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  return Object.fromEntries([...times].map(([name, xs]) => [name, median(xs)]));
}

/**
 * The side panel's import (lib/transfer/transfer.ts importHistory: read and check the file,
 * then 'import-records' messages to the background, which checks, redacts and writes each
 * chunk) of `count` records the bench has not seeded, beside the raw write of the same rows.
 */
export async function importRate(db: SyncHistoryDB, count: number, seed: number): Promise<ImportRate> {
  const at = Date.now();
  // The generator's keys prefixed: Record IDs the seeded profile does not hold, so every row is new.
  const { records, text } = generated(count, seed, `import-${seed}`, at);
  const file = { size: text.length, text: async () => text };
  const t0 = now();
  const res = await importHistory(file, { send: (msg) => request(browser.runtime.sendMessage, msg) });
  const ms = now() - t0;
  if (!res.ok) throw new Error(`import failed: ${res.error ?? 'cancelled'}`);
  const rawMs = await rawWriteRows(records);
  // Where the time goes: the same steps for another set of new records, one chunk after the
  // other in this page (the panel's file read and check; per message: the structured clone, the
  // background's check and redaction, importRecords' stages).
  const steps = await importSteps(db, generated(count, seed, `steps-${seed}`, at), at);
  return { records: records.length, created: res.created, ms, rawMs, steps };
}

/** `count` new records of the generator as an export file's text (keys prefixed, so no id is stored yet). */
function generated(count: number, seed: number, prefix: string, at: number): { records: SyncRecord[]; text: string } {
  const gen = new HistoryGenerator({ count, seed, now: at - 3_600_000 });
  const byId = new Map<string, SyncRecord>();
  for (const d of gen.next(count)) {
    const draft = { ...d, key: `${prefix}-${d.key}` };
    const id = recordId(draft.platform, draft.key);
    byId.set(id, mergeDraft(byId.get(id), draft));
  }
  const records = [...byId.values()];
  return { records, text: [jsonOpen(at), ...records.map((r, i) => jsonRecord(r, i)), jsonClose()].join('') };
}

async function importSteps(
  db: SyncHistoryDB,
  file: { text: string },
  at: number,
): Promise<{ ms: number; stages: StageTimes; rowsPut: number }> {
  const tm = timer();
  const t0 = now();
  let rowsPut = 0;
  const parsed = await readExport(file.text, { now: at });
  if (!parsed.ok) throw new Error(parsed.error);
  tm.lap('read and check the file');
  for (let i = 0; i < parsed.records.length; i += IMPORT_PAGE) {
    const msg = structuredClone(parsed.records.slice(i, i + IMPORT_PAGE));
    tm.lap('clone');
    const valid: ExportedRecord[] = [];
    for (const x of msg) {
      const r = checkRecord(x, at);
      if (r.ok) valid.push(redactRecord(r.value));
    }
    tm.lap('check and redact');
    await importRecords(db, valid, { lap: tm.lap, put: (n) => (rowsPut += n) });
  }
  return { ms: now() - t0, stages: tm.times, rowsPut };
}
