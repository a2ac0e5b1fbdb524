import type { ExportedRecord } from '../records/record';
import { checkRecord, isObj } from '../records/validate';
import { EXPORT_FORMAT, EXPORT_VERSION } from './exportFile';

/**
 * Reads an export file for "Import". A file is as untrusted as a page: its size is capped
 * before it is read, every record goes through the one validator (lib/records/validate.ts),
 * and the background checks and redacts each chunk again before it writes.
 */
export type ParsedExport = { ok: true; exportedAt: string; records: ExportedRecord[] } | { ok: false; error: string };

/**
 * The largest file read. 100,000 records export to about 45 MB of JSON; the cap leaves
 * room above that and keeps a hostile file from taking the side panel's memory.
 */
export const IMPORT_FILE_MAX_BYTES = 64 * 1024 * 1024;

const NOT_OURS = 'This file is not a Sync History export';
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const mb = (bytes: number): string => `${Math.round(bytes / 104857.6) / 10} MB`;

/** A clear refusal for a file over the cap, before any of it is read. */
export function fileSizeProblem(size: number): string | undefined {
  return size > IMPORT_FILE_MAX_BYTES
    ? `the file is ${mb(size)}, and Sync History imports files of up to ${mb(IMPORT_FILE_MAX_BYTES)}. Export a shorter period (the date filter) and import the parts one by one.`
    : undefined;
}

const lineAt = (text: string, pos: number): number => {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/**
 * The line on which element `index` of the top-level `records` array starts, by a
 * structural scan (strings and nesting): only run when a record is bad, to say where.
 */
export function lineOfRecord(text: string, index: number): number | undefined {
  let depth = 0;
  let inStr = false;
  let esc = false;
  let strStart = 0;
  let key = '';
  let inRecords = false;
  let expecting = false;
  let count = -1;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inStr) {
      if (esc) esc = false;
      else if (c === '\\') esc = true;
      else if (c === '"') {
        inStr = false;
        if (depth === 1) key = text.slice(strStart, i);
      }
      continue;
    }
    if (inRecords && depth === 2 && expecting && c !== ']' && !/\s/.test(c)) {
      count++;
      expecting = false;
      if (count === index) return line;
    }
    if (c === '"') {
      inStr = true;
      strStart = i + 1;
    } else if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && key === 'records') {
        inRecords = true;
        expecting = true;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (inRecords && depth === 1) return undefined;
    } else if (c === ',' && inRecords && depth === 2) {
      expecting = true;
    }
  }
  return undefined;
}

export interface ReadOptions {
  now?: number;
  /** Records checked between two yields to the event loop (the panel stays responsive). */
  chunk?: number;
  /** Called after each chunk with the records checked so far. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** How to give the event loop a turn (default: a macrotask). */
  yieldNow?(): Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Reads an export file's text. All or nothing: the first bad record refuses the file, with
 * its number, line and field, so the seller can see what is wrong and nothing half-imports.
 * An id that occurs twice is kept once, in its newest version (at its first place): so no
 * id is in two import chunks, each id is in at most one of the answers' `created` /
 * `replaced` lists, and a rollback of those lists is right however they are sliced.
 *
 * Checks `chunk` records at a time and yields between chunks; an aborted signal stops it
 * with the signal's reason.
 */
export async function readExport(text: string, opts: ReadOptions = {}): Promise<ParsedExport> {
  const now = opts.now ?? Date.now();
  const chunk = opts.chunk ?? 1000;
  const yieldNow = opts.yieldNow ?? macrotask;
  const size = fileSizeProblem(text.length);
  if (size) return fail(`${NOT_OURS} that can be imported: ${size}`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` (line ${lineAt(body, Number(pos[1]))})` : '';
    return fail(`${NOT_OURS}: it is not valid JSON${where}. ${msg}`);
  }
  if (!isObj(data) || data.format !== EXPORT_FORMAT) return fail(`${NOT_OURS}.`);
  const v = data.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fail(`${NOT_OURS}: its version is missing or unknown.`);
  if (v > EXPORT_VERSION) {
    return fail(
      `This export is version ${v}, which is newer than this extension understands (version ${EXPORT_VERSION}). Update Sync History and try again.`,
    );
  }
  if (typeof data.exportedAt !== 'string' || Number.isNaN(Date.parse(data.exportedAt)))
    return fail(`${NOT_OURS}: exportedAt is not a date.`);
  if (!Array.isArray(data.records)) return fail(`${NOT_OURS}: it has no records list.`);
  const list: unknown[] = data.records;
  const records: ExportedRecord[] = [];
  const placeOf = new Map<string, number>();
  for (let start = 0; start < list.length; start += chunk) {
    if (start > 0) {
      await yieldNow();
      opts.signal?.throwIfAborted();
    }
    const end = Math.min(list.length, start + chunk);
    for (let i = start; i < end; i++) {
      const r = checkRecord(list[i], now);
      if (!r.ok) {
        const line = lineOfRecord(body, i);
        return fail(`Record ${i + 1} of ${list.length}${line ? ` (line ${line})` : ''} is not valid: ${r.error}. Nothing was imported.`);
      }
      const j = placeOf.get(r.value.id);
      if (j === undefined) {
        placeOf.set(r.value.id, records.length);
        records.push(r.value);
      } else if (r.value.syncedAt > records[j]!.syncedAt) {
        records[j] = r.value;
      }
    }
    opts.onProgress?.(end, list.length);
  }
  return { ok: true, exportedAt: data.exportedAt, records };
}
