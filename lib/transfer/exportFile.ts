import type { ExportedRecord, SyncRecord } from '../records/record';

/**
 * The export writers: what "Export" writes (JSON, which "Import" reads back; CSV, for
 * spreadsheets). Pure and incremental (open, one record at a time, close), so the side
 * panel can page through 100,000 records and hand the pieces to a Blob without one giant
 * array (lib/transfer/transfer.ts).
 *
 *   { "format": "sync-history", "version": 1, "exportedAt": local ISO, "records": ExportedRecord[] }
 *
 * Times: the record contract keeps epoch ms (`syncedAt`, `createdAt`); beside them both
 * writers put the local time with its offset (`2026-11-26T16:31:01+02:00`), so a
 * spreadsheet shows the time the panel shows (issue #11 item 8).
 */
export const EXPORT_FORMAT = 'sync-history';
export const EXPORT_VERSION = 1;

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

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Local time with its UTC offset, to the second: `2026-11-26T16:31:01+02:00`.
 * `offsetMinutes` east of UTC (SAST: 120); by default this computer's offset at that time.
 */
export function localIso(ms: number, offsetMinutes: number = -new Date(ms).getTimezoneOffset()): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

// ---------------------------------------------------------------------------------------
// JSON

/** The start of a JSON export, up to the opening bracket of `records`. */
export function jsonOpen(exportedAt: number): string {
  return `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(localIso(exportedAt))},"records":[\n`;
}

/**
 * One record of a JSON export, one per line; `index` is its position (0: no comma before
 * it). `syncedAtLocal`/`createdAtLocal` are for people and tools reading the file; import
 * reads the epoch fields and drops these.
 */
export function jsonRecord(r: SyncRecord | ExportedRecord, index: number): string {
  const e = toExported(r);
  return `${index === 0 ? '' : ',\n'}${JSON.stringify({ ...e, syncedAtLocal: localIso(e.syncedAt), createdAtLocal: localIso(e.createdAt) })}`;
}

export function jsonClose(): string {
  return '\n]}\n';
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180: comma separated, CRLF line ends, every cell quoted, quotes doubled)

export const CSV_COLUMNS = [
  'id',
  'platform',
  'kind',
  'status',
  'syncedAt',
  'syncedAtMs',
  'createdAt',
  'createdAtMs',
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
 * What a spreadsheet may read as the start of a formula: = + - @ (and their full-width
 * forms, which some spreadsheets fold), a tab or a line break, after any leading
 * whitespace; at the start of the cell or after a `,`/`;` (a spreadsheet that splits on
 * `;` or `,` would start a new cell there).
 */
const FORMULA = /(^|[,;])([\s\u00a0\u3000]{0,64})(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r\n])/g;

/**
 * One cell, always quoted. A formula trigger gets an apostrophe before it, per OWASP
 * "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection): the value stays
 * readable and is shown as text. Titles and error messages come from portals and sellers.
 */
export function csvCell(value: string | number | undefined): string {
  const v = typeof value === 'number' ? String(value) : (value ?? '').replace(FORMULA, "$1$2'");
  return `"${v.replace(/"/g, '""')}"`;
}

/** The header line (with a byte order mark unless `bom` is false). */
export function csvHeader(bom = true): string {
  return `${bom ? CSV_BOM : ''}${CSV_COLUMNS.map(csvCell).join(',')}\r\n`;
}

/** One record as one CSV line, CRLF included. */
export function csvLine(r: SyncRecord | ExportedRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    status: r.status,
    syncedAt: localIso(r.syncedAt),
    syncedAtMs: r.syncedAt,
    createdAt: localIso(r.createdAt),
    createdAtMs: r.createdAt,
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
