import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '@/lib/db/queries';
import { createHandler, type Sender } from '@/lib/handlers';
import type { Message, MessageType, Reply } from '@/lib/messaging';
import type { ExportedRecord } from '@/lib/records/record';
import type { KeyValueStore } from '@/lib/settings';
import { jsonClose, jsonOpen, jsonRecord, toExported } from '@/lib/transfer/exportFile';
import { IMPORT_FILE_MAX_BYTES, readExport } from '@/lib/transfer/importFile';
import { exportHistory, importHistory, type Send } from '@/lib/transfer/transfer';
import { testDb } from '../../helpers/db';
import { drafts, HOUR, recordsOf, seed, snapshot, T0 } from '../../helpers/records';

/**
 * Export and import as the side panel runs them (lib/transfer/transfer.ts), against the
 * real background handler and fake-indexeddb: cancel → exact rollback, a refused chunk →
 * exact rollback, size cap, a responsive read (it yields), hostile files.
 */
const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const SIDE_PANEL: Sender = { id: EXT_ID, url: `${ORIGIN}/sidepanel.html` };
const NOW = T0 + 2000 * HOUR;

function setup() {
  const { db } = testDb();
  const data = new Map<string, unknown>();
  const store: KeyValueStore = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) };
  const handle = createHandler({
    db,
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    now: () => NOW,
    store,
    setBadge: async () => undefined,
    startPrune: () => undefined,
  });
  const sent: MessageType[] = [];
  const send: Send = async <K extends MessageType>(msg: Message<K>) => {
    sent.push(msg.type);
    return (await handle(msg, SIDE_PANEL)) as Reply<K>;
  };
  return { db, send, sent };
}

const fileOf = (records: ExportedRecord[]) => {
  const text = jsonOpen(NOW) + records.map((r, i) => jsonRecord(r, i)).join('') + jsonClose();
  let reads = 0;
  return {
    size: text.length,
    text: async () => {
      reads += 1;
      return text;
    },
    reads: () => reads,
  };
};

/** 30 stored records, and a file of 40 new ones plus newer versions of 10 stored ones. */
async function scenario() {
  const s = setup();
  await seed(s.db, drafts(30));
  const before = await snapshot(s.db);
  const fresh = recordsOf(drafts(40, { prefix: 'file', from: T0 + 500 * HOUR })).map(toExported);
  const newer = before.records.slice(0, 10).map((r) => ({ ...toExported(r), status: 'failed' as const, syncedAt: r.syncedAt + HOUR }));
  return { ...s, before, file: fileOf([...fresh, ...newer]) };
}

describe('import: cancel and failure roll back exactly', () => {
  it('imports in chunks and reports what it did', async () => {
    const { db, send, file, sent } = await scenario();
    const res = await importHistory(file, { send, now: NOW, chunk: 10 });
    expect(res).toEqual({ ok: true, total: 50, created: 40, replaced: 10, skipped: 0 });
    expect(sent.filter((t) => t === 'import-records')).toHaveLength(5);
    expect(await db.records.count()).toBe(70);
  });

  it('cancel after some chunks: the store is exactly as before (records and counts)', async () => {
    const { db, send, file, before } = await scenario();
    const abort = new AbortController();
    const phases: string[] = [];
    const res = await importHistory(file, {
      send,
      now: NOW,
      chunk: 10,
      signal: abort.signal,
      onProgress: (phase, done) => {
        phases.push(phase);
        if (phase === 'importing' && done === 30) abort.abort();
      },
    });
    expect(res).toEqual({ ok: false, cancelled: true, rolledBack: true });
    expect(phases).toContain('undoing');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a chunk the background refuses: the chunks before it are undone', async () => {
    const { db, send, file, before } = await scenario();
    let n = 0;
    const failing: Send = async (msg) => {
      if (msg.type === 'import-records' && ++n === 4) return { ok: false, error: 'QuotaExceededError' };
      return send(msg);
    };
    const res = await importHistory(file, { send: failing, now: NOW, chunk: 10 });
    expect(res).toEqual({ ok: false, cancelled: false, error: 'QuotaExceededError', rolledBack: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('the next chunk is sent while one is written (two in flight, never more), and one sent before a refusal is undone too', async () => {
    const { db, send, file, before } = await scenario();
    let n = 0;
    let inFlight = 0;
    let most = 0;
    const written: number[] = [];
    const slow: Send = async (msg) => {
      if (msg.type !== 'import-records') return send(msg);
      const k = ++n;
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 0));
        if (k === 4) return { ok: false, error: 'QuotaExceededError' };
        const res = await send(msg);
        written.push(k);
        return res;
      } finally {
        inFlight -= 1;
      }
    };
    const res = await importHistory(file, { send: slow, now: NOW, chunk: 10 });
    expect(most).toBe(2);
    // Chunk 5 left before chunk 4's refusal was read: it was written, and undone with 1–3.
    expect(written).toEqual([1, 2, 3, 5]);
    expect(res).toEqual({ ok: false, cancelled: false, error: 'QuotaExceededError', rolledBack: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('cancel while the file is read: nothing is sent', async () => {
    const { send, file, sent } = await scenario();
    const abort = new AbortController();
    abort.abort();
    expect(await importHistory(file, { send, now: NOW, signal: abort.signal })).toEqual({
      ok: false,
      cancelled: true,
      rolledBack: false,
    });
    expect(sent).toEqual([]);
  });
});

describe('import: hostile and oversized files', () => {
  it('refuses a file over the cap before reading it, with a clear message', async () => {
    const { send, sent } = setup();
    let read = false;
    const res = await importHistory(
      {
        size: IMPORT_FILE_MAX_BYTES + 1,
        text: async () => {
          read = true;
          return '';
        },
      },
      { send, now: NOW },
    );
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/^the file is 64 MB, and Sync History imports files of up to 64 MB\. Export a shorter period/);
    expect(read).toBe(false);
    expect(sent).toEqual([]);
  });

  it('reads a large file in chunks, yielding between them (the panel stays responsive)', async () => {
    const records = recordsOf(drafts(5000)).map(toExported);
    const text = jsonOpen(NOW) + records.map((r, i) => jsonRecord(r, i)).join('') + jsonClose();
    let yields = 0;
    const progress: number[] = [];
    const r = await readExport(text, {
      now: T0 + 10_000 * HOUR,
      chunk: 1000,
      yieldNow: async () => {
        yields += 1;
      },
      onProgress: (d) => progress.push(d),
    });
    expect(r.ok && r.records.length).toBe(5000);
    expect(yields).toBe(4);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('a record from the future refuses the whole file: nothing is written', async () => {
    const { db, send, before, sent } = await scenario();
    const future = { ...toExported(before.records[0]!), syncedAt: NOW + 23.9 * HOUR };
    const res = await importHistory(fileOf([future]), { send, now: NOW });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/^Record 1 of 1 \(line 2\) is not valid: syncedAt: in the future/);
    expect(sent).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('secrets and slow-pattern text in a file are masked before they are written', async () => {
    const { db, send } = setup();
    const [r] = recordsOf(drafts(1)).map(toExported);
    const hostile: ExportedRecord = {
      ...r!,
      title: `${'a'.repeat(900)} shpat_0123456789abcdef0123456789abcdef`,
      sku: 'me@example.com',
      errors: [{ message: `${'a.'.repeat(1900)}@ Authorization: Basic dXNlcjpodW50ZXIy` }],
    };
    expect(await importHistory(fileOf([hostile]), { send, now: NOW })).toMatchObject({ ok: true, created: 1 });
    const stored = JSON.stringify(await db.records.toArray());
    expect(stored).not.toMatch(/shpat_|me@example|dXNlcjpodW50ZXIy/);
  });
});

describe('export', () => {
  it('pages through the filter, and a cancel saves nothing', async () => {
    const { db } = setup();
    await seed(db, drafts(1200));
    const all = await exportHistory(db, NO_FILTER, 'csv', { now: NOW });
    expect(all.ok && all.count).toBe(1200);
    expect(all.ok && all.parts.join('').split('\r\n').length).toBe(1202);
    const abort = new AbortController();
    const res = await exportHistory(db, NO_FILTER, 'json', {
      now: NOW,
      signal: abort.signal,
      onProgress: (done) => done >= 500 && abort.abort(),
    });
    expect(res).toEqual({ ok: false, cancelled: true });
  });
});
