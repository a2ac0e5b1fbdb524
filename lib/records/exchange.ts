import { recordId } from './id';
import { safeLink } from './links';
import {
  type Change,
  type ExportedRecord,
  ID_FIELDS,
  KINDS,
  PLATFORMS,
  type RecordError,
  STATUSES,
  type StatusChange,
  type SyncRecord,
} from './record';
import { redactChanges, redactErrors, redactText } from './redact';
import { type Checked, checkTime } from './validate';

/**
 * The export format: what "Export" writes and "Import" reads (issue #2's record contract,
 * without the derived index fields). Pure functions, shared by the side panel (which
 * writes and parses files) and the background (which re-checks every imported record:
 * a file is as untrusted as a page).
 *
 *   { "format": "sync-history", "version": 1, "exportedAt": ISO, "records": ExportedRecord[] }
 *
 * The writers are incremental (open, one record at a time, close) so a UI can page
 * through 100,000 records and hand the pieces to a Blob without one giant array.
 */
export const EXPORT_FORMAT = 'sync-history';
export const EXPORT_VERSION = 1;

/**
 * Limits for an imported record. A stored record passed checkDraft and then redaction,
 * which can lengthen text a little ("a@b.co" → "[redacted email]"), so these leave room
 * above LIMITS in validate.ts: an export of this extension always imports.
 */
export const RECORD_LIMITS = {
  idLength: 200,
  titleLength: 1000,
  messageLength: 4000,
  codeLength: 400,
  errorsPerRecord: 100,
  changesPerRecord: 100,
  changeValueChars: 8000,
  historyLength: 1000,
  /** A file from another computer whose clock runs ahead. */
  futureSkewMs: 86_400_000,
} as const;

/** How many records one 'import-records' message may carry (the UI sends ~500). */
export const IMPORT_CHUNK_MAX = 1000;

/** The record without its derived index fields. */
export function toExported(r: SyncRecord | ExportedRecord): ExportedRecord {
  const {
    ids: _ids,
    facets: _facets,
    listing: _listing,
    listingIndex: _listingIndex,
    fixedBy: _fixedBy,
    fixedAt: _fixedAt,
    supersededBy: _superseded,
    ...rest
  } = r as SyncRecord;
  return rest;
}

// ---------------------------------------------------------------------------------------
// JSON

/** The start of a JSON export, up to the opening bracket of `records`. */
export function jsonOpen(exportedAt: number): string {
  return `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(new Date(exportedAt).toISOString())},"records":[\n`;
}

/** One record of a JSON export, one per line; `index` is its position (0: no comma before it). */
export function jsonRecord(r: SyncRecord | ExportedRecord, index: number): string {
  return `${index === 0 ? '' : ',\n'}${JSON.stringify(toExported(r))}`;
}

export function jsonClose(): string {
  return '\n]}\n';
}

/** A whole JSON export in one string (small histories, tests). */
export function exportJson(records: Iterable<SyncRecord | ExportedRecord>, exportedAt: number): string {
  const parts = [jsonOpen(exportedAt)];
  let i = 0;
  for (const r of records) parts.push(jsonRecord(r, i++));
  parts.push(jsonClose());
  return parts.join('');
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180: comma separated, CRLF line ends, quotes doubled inside quoted cells)

export const CSV_COLUMNS = [
  'id',
  'platform',
  'kind',
  'status',
  'syncedAt',
  'createdAt',
  'storeId',
  'productId',
  'draftId',
  'categoryId',
  'sku',
  'title',
  'jobId',
  'errors',
  'listingUrl',
] as const;

/** Excel reads a UTF-8 CSV as UTF-8 only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * One cell. A cell a spreadsheet would read as a formula (= + - @, or a leading tab or CR)
 * gets a leading apostrophe, per OWASP "CSV Injection"
 * (https://owasp.org/www-community/attacks/CSV_Injection): titles and error messages come
 * from portals and sellers, not from us.
 */
export function csvCell(value: string | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The header line (with a byte order mark unless `bom` is false). */
export function csvHeader(bom = true): string {
  return `${bom ? CSV_BOM : ''}${CSV_COLUMNS.join(',')}\r\n`;
}

const isoOf = (ms: number): string => new Date(ms).toISOString();

/** One record as one CSV line, CRLF included. */
export function csvLine(r: SyncRecord | ExportedRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | undefined> = {
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    status: r.status,
    syncedAt: isoOf(r.syncedAt),
    createdAt: isoOf(r.createdAt),
    storeId: r.storeId,
    productId: r.productId,
    draftId: r.draftId,
    categoryId: r.categoryId,
    sku: r.sku,
    title: r.title,
    jobId: r.jobId,
    errors: r.errors.map((e) => e.message).join(' | '),
    listingUrl: r.listingUrl,
  };
  return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`;
}

export function exportCsv(records: Iterable<SyncRecord | ExportedRecord>, bom = true): string {
  const parts = [csvHeader(bom)];
  for (const r of records) parts.push(csvLine(r));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------
// Checking one imported record

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T =>
  typeof x === 'string' && (list as readonly string[]).includes(x);
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** A non-empty string of at most `max` characters, or what is wrong with it. */
function textProblem(x: unknown, max: number): string | undefined {
  if (typeof x !== 'string') return 'must be a string';
  if (x.length === 0) return 'must not be empty';
  if (x.length > max) return `is longer than ${max} characters`;
  return undefined;
}

/** `TAL-0A1B2C3D4E5`: the shape recordId() gives, with the platform's prefix. */
function idProblem(id: unknown, platform: (typeof PLATFORMS)[number]): string | undefined {
  if (typeof id !== 'string' || !/^[A-Z]{3}-[0-9A-Z]{11}$/.test(id)) return 'id: not a Sync History record id';
  if (id.slice(0, 4) !== recordId(platform, '').slice(0, 4)) return `id: not an id of a ${platform} record`;
  return undefined;
}

/** A record id on its own (rollback lists): any platform's shape. */
export function isRecordId(x: unknown): x is string {
  return PLATFORMS.some((p) => idProblem(x, p) === undefined);
}

function checkErrorList(x: unknown): Checked<RecordError[]> {
  if (!Array.isArray(x)) return fail('errors: must be a list');
  if (x.length > RECORD_LIMITS.errorsPerRecord) return fail(`errors: more than ${RECORD_LIMITS.errorsPerRecord}`);
  const out: RecordError[] = [];
  for (const [i, e] of x.entries()) {
    if (!isObj(e)) return fail(`errors[${i}]: must be an object`);
    const m = textProblem(e.message, RECORD_LIMITS.messageLength);
    if (m) return fail(`errors[${i}].message: ${m}`);
    const err: RecordError = { message: e.message as string };
    for (const f of ['code', 'field'] as const) {
      if (e[f] === undefined) continue;
      const p = textProblem(e[f], RECORD_LIMITS.codeLength);
      if (p) return fail(`errors[${i}].${f}: ${p}`);
      err[f] = e[f] as string;
    }
    out.push(err);
  }
  return { ok: true, value: out };
}

function checkChangeList(x: unknown): Checked<Change[]> {
  if (!Array.isArray(x)) return fail('changes: must be a list');
  if (x.length > RECORD_LIMITS.changesPerRecord) return fail(`changes: more than ${RECORD_LIMITS.changesPerRecord}`);
  const out: Change[] = [];
  for (const [i, c] of x.entries()) {
    if (!isObj(c)) return fail(`changes[${i}]: must be an object`);
    const p = textProblem(c.field, RECORD_LIMITS.idLength);
    if (p) return fail(`changes[${i}].field: ${p}`);
    let size: number;
    try {
      size = JSON.stringify(c.value ?? null).length;
    } catch {
      return fail(`changes[${i}].value: not JSON`);
    }
    if (size > RECORD_LIMITS.changeValueChars) return fail(`changes[${i}].value: larger than ${RECORD_LIMITS.changeValueChars} characters`);
    out.push({ field: c.field as string, value: c.value ?? null });
  }
  return { ok: true, value: out };
}

function checkHistory(x: unknown, createdAt: number, now: number): Checked<StatusChange[]> {
  if (!Array.isArray(x)) return fail('history: must be a list');
  if (x.length === 0) return fail('history: must not be empty');
  if (x.length > RECORD_LIMITS.historyLength) return fail(`history: more than ${RECORD_LIMITS.historyLength} entries`);
  const out: StatusChange[] = [];
  for (const [i, h] of x.entries()) {
    if (!isObj(h)) return fail(`history[${i}]: must be an object`);
    if (!oneOf(STATUSES, h.status)) return fail(`history[${i}].status: unknown status`);
    if (!checkTime(h.at, now + RECORD_LIMITS.futureSkewMs) || h.at < createdAt) return fail(`history[${i}].at: not a plausible time`);
    out.push({ status: h.status, at: h.at });
  }
  return { ok: true, value: out };
}

/**
 * Strict check of one record from an export file (or a rollback list). Unknown fields
 * are dropped, text is redacted again (defence in depth: secrets never reach storage),
 * `listingUrl` must be an https link to the platform. Errors name the field.
 */
export function checkRecord(x: unknown, now: number): Checked<ExportedRecord> {
  if (!isObj(x)) return fail('record: must be an object');
  if (!oneOf(PLATFORMS, x.platform)) return fail('platform: unknown platform');
  if (!oneOf(KINDS, x.kind)) return fail('kind: unknown kind');
  if (!oneOf(STATUSES, x.status)) return fail('status: unknown status');
  const idErr = idProblem(x.id, x.platform);
  if (idErr) return fail(idErr);
  const latest = now + RECORD_LIMITS.futureSkewMs;
  if (!checkTime(x.createdAt, latest)) return fail('createdAt: not a plausible time');
  if (!checkTime(x.syncedAt, latest)) return fail('syncedAt: not a plausible time');
  if (x.syncedAt < x.createdAt) return fail('syncedAt: before createdAt');
  const errors = checkErrorList(x.errors);
  if (!errors.ok) return errors;
  const changes = checkChangeList(x.changes);
  if (!changes.ok) return changes;
  const history = checkHistory(x.history, x.createdAt, now);
  if (!history.ok) return history;
  const rec: ExportedRecord = {
    id: x.id as string,
    platform: x.platform,
    kind: x.kind,
    status: x.status,
    syncedAt: x.syncedAt,
    createdAt: x.createdAt,
    errors: redactErrors(errors.value),
    changes: redactChanges(changes.value),
    history: history.value,
  };
  for (const f of ID_FIELDS) {
    if (x[f] === undefined) continue;
    const p = textProblem(x[f], RECORD_LIMITS.idLength);
    if (p) return fail(`${f}: ${p}`);
    rec[f] = x[f] as string;
  }
  if (x.title !== undefined) {
    const p = textProblem(x.title, RECORD_LIMITS.titleLength);
    if (p) return fail(`title: ${p}`);
    rec.title = redactText(x.title as string);
  }
  if (x.listingUrl !== undefined) {
    const link = safeLink(x.platform, x.listingUrl);
    if (!link) return fail(`listingUrl: not an https link to ${x.platform}`);
    rec.listingUrl = link;
  }
  return { ok: true, value: rec };
}

// ---------------------------------------------------------------------------------------
// Parsing a file

export type ParsedExport = { ok: true; exportedAt: string; records: ExportedRecord[] } | { ok: false; error: string };

const NOT_OURS = 'This file is not a Sync History export';

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

/**
 * Reads an export file. All or nothing: the first bad record refuses the file, with its
 * number, line and field, so the seller can see what is wrong and nothing half-imports.
 * An id that occurs twice is kept once, in its newest version (at its first place): so
 * no id is in two import chunks, each id is in at most one of the answers' `created` /
 * `replaced` lists, and a rollback of those lists is right however they are sliced.
 */
export function parseExport(text: string, now: number = Date.now()): ParsedExport {
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
  const records: ExportedRecord[] = [];
  const placeOf = new Map<string, number>();
  for (const [i, x] of data.records.entries()) {
    const r = checkRecord(x, now);
    if (!r.ok) {
      const line = lineOfRecord(body, i);
      return fail(
        `Record ${i + 1} of ${data.records.length}${line ? ` (line ${line})` : ''} is not valid: ${r.error}. Nothing was imported.`,
      );
    }
    const j = placeOf.get(r.value.id);
    if (j === undefined) {
      placeOf.set(r.value.id, records.length);
      records.push(r.value);
    } else if (r.value.syncedAt > records[j]!.syncedAt) {
      records[j] = r.value;
    }
  }
  return { ok: true, exportedAt: data.exportedAt, records };
}
