import { type Cursor, type ListFilter, listPage, statusCounts } from '../db/queries';
import type { SyncHistoryDB } from '../db/schema';
import type { Message, MessageType, Reply } from '../messaging';
import type { ExportedRecord } from '../records/record';
import { IMPORT_CHUNK_MAX } from '../records/validate';
import { csvHeader, csvLine, jsonClose, jsonOpen, jsonRecord } from './exportFile';
import { fileSizeProblem, readExport } from './importFile';

/**
 * Export and import as the side panel runs them, without the UI: paging through the
 * history for an export, and an import sent to the background in chunks with an exact
 * rollback when it is cancelled or fails. Long work reports progress and stops on an
 * AbortSignal. components/HistoryTools.tsx renders and calls these.
 */
export type Send = <K extends MessageType>(msg: Message<K>) => Promise<Reply<K>>;
export type Progress = (done: number, total: number) => void;

const PAGE = 500;

export type ExportOutcome = { ok: true; parts: string[]; count: number } | { ok: false; cancelled: true };

/** The pieces of an export of `filter` (hand them to a Blob), or cancelled. */
export async function exportHistory(
  db: SyncHistoryDB,
  filter: ListFilter,
  kind: 'csv' | 'json',
  opts: { now: number; onProgress?: Progress; signal?: AbortSignal; onTotal?(total: number): void },
): Promise<ExportOutcome> {
  const counts = await statusCounts(db, filter);
  const total = filter.status === '*' ? counts.success + counts.failed + counts.pending : counts[filter.status];
  opts.onTotal?.(total);
  const parts: string[] = [kind === 'csv' ? csvHeader() : jsonOpen(opts.now)];
  let after: Cursor | undefined;
  let n = 0;
  do {
    if (opts.signal?.aborted) return { ok: false, cancelled: true };
    const page = await listPage(db, filter, PAGE, after);
    for (const r of page.rows) parts.push(kind === 'csv' ? csvLine(r) : jsonRecord(r, n++));
    if (kind === 'csv') n += page.rows.length;
    opts.onProgress?.(n, total);
    after = page.next;
  } while (after);
  if (opts.signal?.aborted) return { ok: false, cancelled: true };
  if (kind === 'json') parts.push(jsonClose());
  return { ok: true, parts, count: n };
}

export type ImportOutcome =
  | { ok: true; total: number; created: number; replaced: number; skipped: number }
  /** Not imported; `rolledBack` when chunks had been written and were undone. */
  | { ok: false; cancelled: boolean; error?: string; rolledBack: boolean };

export interface ImportOptions {
  send: Send;
  now?: number;
  signal?: AbortSignal;
  onProgress?(phase: 'reading' | 'importing' | 'undoing', done: number, total: number): void;
  /** Records per 'import-records' message. */
  chunk?: number;
}

/** A file chosen by the seller: its size is checked before it is read. */
export interface FileLike {
  size: number;
  text(): Promise<string>;
}

/**
 * Imports an export file: size cap, read and check in chunks (the panel stays
 * responsive), send in chunks, and on cancel or a refused chunk undo exactly what the
 * chunks so far created or replaced (newest chunk first).
 */
export async function importHistory(file: FileLike, opts: ImportOptions): Promise<ImportOutcome> {
  const tooBig = fileSizeProblem(file.size);
  if (tooBig) return { ok: false, cancelled: false, error: tooBig, rolledBack: false };
  const cancelledBefore = (): ImportOutcome => ({ ok: false, cancelled: true, rolledBack: false });
  if (opts.signal?.aborted) return cancelledBefore();
  let parsed: Awaited<ReturnType<typeof readExport>>;
  try {
    parsed = await readExport(await file.text(), {
      ...(opts.now !== undefined ? { now: opts.now } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (d, t) => opts.onProgress?.('reading', d, t),
    });
  } catch (err) {
    if (opts.signal?.aborted) return cancelledBefore();
    throw err;
  }
  if (!parsed.ok) return { ok: false, cancelled: false, error: parsed.error, rolledBack: false };
  const records = parsed.records;
  // As many records a message as the background takes (1,000, as a capture's chunk): 500 measured
  // 20% slower (issue #12: each chunk is a transaction, and records of the same days and listings
  // share their count rows and listing reads within one).
  const size = Math.min(opts.chunk ?? IMPORT_CHUNK_MAX, IMPORT_CHUNK_MAX);
  const done: { created: string[]; replaced: ExportedRecord[] }[] = [];
  let skipped = 0;
  let error: string | undefined;
  // Two chunks in flight: the background checks and redacts the next one while the one before
  // commits (its transactions still run in the order sent). Answers are taken in order, and a
  // chunk sent before an earlier one was refused is still awaited and recorded, so the undo
  // below covers it too.
  let answered: Promise<void> = Promise.resolve();
  for (let i = 0; i < records.length; i += size) {
    if (opts.signal?.aborted || error !== undefined) break;
    const sent = opts.send({ type: 'import-records', records: records.slice(i, i + size) });
    const end = Math.min(records.length, i + size);
    const previous = answered;
    answered = previous.then(async () => {
      const res = await sent;
      if (!res.ok) {
        error ??= res.error;
        return;
      }
      done.push({ created: res.created, replaced: res.replaced });
      skipped += res.skipped.length;
      opts.onProgress?.('importing', end, records.length);
    });
    answered.catch(() => undefined); // awaited below; not "unhandled" meanwhile
    await previous;
  }
  await answered;
  const stopped = error !== undefined || Boolean(opts.signal?.aborted);
  const created = done.reduce((n, d) => n + d.created.length, 0);
  const replaced = done.reduce((n, d) => n + d.replaced.length, 0);
  if (!stopped) return { ok: true, total: records.length, created, replaced, skipped };
  // Undo, newest chunk first, each chunk in messages of at most IMPORT_CHUNK_MAX.
  let undone = 0;
  for (const d of [...done].reverse()) {
    for (let i = 0; i < Math.max(d.created.length, d.replaced.length); i += IMPORT_CHUNK_MAX) {
      const res = await opts.send({
        type: 'import-rollback',
        created: d.created.slice(i, i + IMPORT_CHUNK_MAX),
        replaced: d.replaced.slice(i, i + IMPORT_CHUNK_MAX),
      });
      if (!res.ok)
        return { ok: false, cancelled: !error, error: `${error ?? 'cancelled'}; undoing failed: ${res.error}`, rolledBack: false };
    }
    undone += 1;
    opts.onProgress?.('undoing', undone, done.length);
  }
  return { ok: false, cancelled: error === undefined, ...(error !== undefined ? { error } : {}), rolledBack: done.length > 0 };
}
