import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  csvCell,
  csvHeader,
  csvLine,
  exportCsv,
  exportJson,
  jsonClose,
  jsonOpen,
  jsonRecord,
  lineOfRecord,
  parseExport,
  RECORD_LIMITS,
  toExported,
} from '@/lib/records/exchange';
import type { ExportedRecord } from '@/lib/records/record';
import { drafts, recordsOf, T0 } from '../../helpers/records';

const NOW = Date.UTC(2026, 10, 27, 12);
const [takealot, makro] = recordsOf(drafts(2)) as [ReturnType<typeof recordsOf>[number], ReturnType<typeof recordsOf>[number]];
const good = (): ExportedRecord => toExported(structuredClone(takealot));
const check = (over: Record<string, unknown>) => checkRecord({ ...good(), ...over }, NOW);

/** A tiny RFC 4180 reader, to prove lines written by csvLine read back cell for cell. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180), CRLF line ends', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvHeader(false)).toBe(
      'id,platform,kind,status,syncedAt,createdAt,storeId,productId,draftId,categoryId,sku,title,jobId,errors,listingUrl\r\n',
    );
    expect(csvHeader().startsWith('\uFEFFid,')).toBe(true);
  });

  it.each([
    ['=HYPERLINK("https://evil.example","x")', `"'=HYPERLINK(""https://evil.example"",""x"")"`],
    ['+27 SUM(A1)', `'+27 SUM(A1)`],
    ['-1+1', `'-1+1`],
    ['@cmd', `'@cmd`],
    ['\tTAB', `'\tTAB`],
    ['\rCR', `"'\rCR"`],
  ])('escapes a formula-looking cell %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes one line per record with ISO times and error messages joined by " | "', () => {
    const r = { ...good(), title: '=1+1, "sale"', errors: [{ message: 'Price too low' }, { message: 'Bad, SKU' }] };
    const [header, line] = readCsv(csvHeader(false) + csvLine(r));
    const cells = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    expect(cells).toEqual({
      id: r.id,
      platform: 'takealot',
      kind: 'import',
      status: 'success',
      syncedAt: new Date(T0).toISOString(),
      createdAt: new Date(T0).toISOString(),
      storeId: 'store-a',
      productId: '',
      draftId: '',
      categoryId: '',
      sku: 'SKU-item-0',
      title: `'=1+1, "sale"`,
      jobId: '',
      errors: 'Price too low | Bad, SKU',
      listingUrl: 'https://www.takealot.com/x/PLID0',
    });
    expect(exportCsv([takealot, makro], false)).toBe(csvHeader(false) + csvLine(takealot) + csvLine(makro));
  });
});

describe('JSON export', () => {
  it('writes the format header and records without derived fields, piece by piece', () => {
    const pieces = jsonOpen(NOW) + jsonRecord(takealot, 0) + jsonRecord(makro, 1) + jsonClose();
    expect(pieces).toBe(exportJson([takealot, makro], NOW));
    const data = JSON.parse(pieces);
    expect(data).toEqual({
      format: 'sync-history',
      version: 1,
      exportedAt: new Date(NOW).toISOString(),
      records: [toExported(takealot), toExported(makro)],
    });
    expect(data.records[0]).not.toHaveProperty('ids');
    expect(data.records[0]).not.toHaveProperty('facets');
    expect(exportJson([], NOW)).toBe(`${jsonOpen(NOW)}${jsonClose()}`);
    expect(JSON.parse(exportJson([], NOW)).records).toEqual([]);
  });
});

describe('parseExport', () => {
  it('reads back what exportJson wrote (with or without a byte order mark)', () => {
    const text = exportJson([takealot, makro], NOW);
    for (const t of [text, `\uFEFF${text}`]) {
      const r = parseExport(t, NOW);
      expect(r).toEqual({ ok: true, exportedAt: new Date(NOW).toISOString(), records: [toExported(takealot), toExported(makro)] });
    }
  });

  it('keeps an id that occurs twice once, in its newest version, at its first place', () => {
    const later = { ...good(), status: 'failed' as const, syncedAt: takealot.syncedAt + 1000 };
    const r = parseExport(exportJson([takealot, makro, later, takealot], NOW), NOW);
    expect(r.ok && r.records).toEqual([later, toExported(makro)]);
  });

  it.each([
    ['not JSON', 'id,platform\r\nTAL-1,takealot', /^This file is not a Sync History export: it is not valid JSON/],
    [
      'broken JSON (where the engine says)',
      '{"format":"sync-history",\n"version":1\n"records":[]}',
      /not valid JSON \(line 3\)\. Expected ','/,
    ],
    ['broken JSON (as the engine says)', '{"format":"sync-history",\n"records":[}', /not valid JSON\. Unexpected token '}'/],
    ['another JSON file', '{"name":"package","version":1}', /^This file is not a Sync History export\.$/],
    ['a bare list of records', JSON.stringify([good()]), /^This file is not a Sync History export\.$/],
    [
      'a newer version',
      '{"format":"sync-history","version":2,"exportedAt":"2026-11-27T00:00:00Z","records":[]}',
      /version 2, which is newer than this extension understands/,
    ],
    ['no version', '{"format":"sync-history","exportedAt":"2026-11-27T00:00:00Z","records":[]}', /version is missing or unknown/],
    ['no records list', '{"format":"sync-history","version":1,"exportedAt":"2026-11-27T00:00:00Z"}', /no records list/],
    ['no exportedAt', '{"format":"sync-history","version":1,"records":[]}', /exportedAt is not a date/],
  ])('refuses %s with a clear error', (_name, text, error) => {
    const r = parseExport(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('names the number, line and field of the first bad record, even pretty-printed', () => {
    const bad = { ...good(), listingUrl: 'javascript:alert(1)' };
    const text = JSON.stringify(
      { format: 'sync-history', version: 1, exportedAt: '2026-11-27T00:00:00Z', records: [good(), toExported(makro), bad] },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('javascript:'));
    const start = text.split('\n').slice(0, line).lastIndexOf('    {') + 1;
    const r = parseExport(text, NOW);
    expect(r).toEqual({
      ok: false,
      error: `Record 3 of 3 (line ${start}) is not valid: listingUrl: not an https link to takealot. Nothing was imported.`,
    });
  });

  it('finds the line of a record past braces, brackets and quotes inside strings', () => {
    const text = '{"format":"x","records":\n[{"a":"}]\\",["},\n"s",\n{"b":[1,{"c":2}]}\n],"more":[1]}';
    expect(lineOfRecord(text, 0)).toBe(2);
    expect(lineOfRecord(text, 1)).toBe(3);
    expect(lineOfRecord(text, 2)).toBe(4);
    expect(lineOfRecord(text, 3)).toBeUndefined();
  });
});

describe('checkRecord', () => {
  it('accepts a stored record, drops unknown and derived fields', () => {
    expect(checkRecord({ ...takealot, extra: '<script>' }, NOW)).toEqual({ ok: true, value: good() });
  });

  it('redacts again what a file may carry (secrets never reach storage)', () => {
    const r = check({ title: 'mail me at a.seller@example.com', errors: [{ message: 'token=abc123 expired' }] });
    expect(r.ok && r.value.title).toBe('mail me at [redacted email]');
    expect(r.ok && r.value.errors[0]!.message).toBe('token=[redacted] expired');
  });

  it.each([
    ['javascript: link', { listingUrl: 'javascript:alert(document.cookie)' }, 'listingUrl: not an https link to takealot'],
    ['data: link', { listingUrl: 'data:text/html,<script>alert(1)</script>' }, 'listingUrl: not an https link to takealot'],
    ['foreign host', { listingUrl: 'https://takealot.com.evil.example/x' }, 'listingUrl: not an https link to takealot'],
    ["another platform's host", { listingUrl: 'https://www.makro.co.za/p/1' }, 'listingUrl: not an https link to takealot'],
    ['plain http', { listingUrl: 'http://www.takealot.com/x' }, 'listingUrl: not an https link to takealot'],
    ['unknown platform', { platform: 'amazon' }, 'platform: unknown platform'],
    ['unknown status', { status: 'done' }, 'status: unknown status'],
    ['unknown kind', { kind: 'delete' }, 'kind: unknown kind'],
    ['an id of another platform', { platform: 'makro' }, 'id: not an id of a makro record'],
    ['a made-up id', { id: '../../etc' }, 'id: not a Sync History record id'],
    ['a huge title', { title: 'x'.repeat(RECORD_LIMITS.titleLength + 1) }, `title: is longer than ${RECORD_LIMITS.titleLength} characters`],
    ['a huge SKU', { sku: 'x'.repeat(RECORD_LIMITS.idLength + 1) }, `sku: is longer than ${RECORD_LIMITS.idLength} characters`],
    ['an empty SKU', { sku: '' }, 'sku: must not be empty'],
    ['a numeric store id', { storeId: 42 }, 'storeId: must be a string'],
    [
      'a huge error message',
      { errors: [{ message: 'x'.repeat(RECORD_LIMITS.messageLength + 1) }] },
      `errors[0].message: is longer than ${RECORD_LIMITS.messageLength} characters`,
    ],
    ['too many errors', { errors: Array.from({ length: 101 }, () => ({ message: 'x' })) }, 'errors: more than 100'],
    ['errors not a list', { errors: 'Price too low' }, 'errors: must be a list'],
    [
      'a huge change',
      { changes: [{ field: 'description', value: 'x'.repeat(RECORD_LIMITS.changeValueChars) }] },
      `changes[0].value: larger than ${RECORD_LIMITS.changeValueChars} characters`,
    ],
    ['changes not a list', { changes: {} }, 'changes: must be a list'],
    ['no history', { history: [] }, 'history: must not be empty'],
    ['a bad history status', { history: [{ status: 'ok', at: T0 }] }, 'history[0].status: unknown status'],
    ['history before creation', { history: [{ status: 'success', at: T0 - 1 }] }, 'history[0].at: not a plausible time'],
    ['a time in the future', { syncedAt: NOW + 2 * RECORD_LIMITS.futureSkewMs }, 'syncedAt: not a plausible time'],
    ['a time before 2020', { createdAt: Date.UTC(2019, 0, 1) }, 'createdAt: not a plausible time'],
    ['a time as text', { syncedAt: '2026-01-01' }, 'syncedAt: not a plausible time'],
    ['synced before created', { createdAt: T0 + 1 }, 'syncedAt: before createdAt'],
  ])('refuses %s', (_name, over, error) => {
    expect(check(over)).toEqual({ ok: false, error });
  });

  it('refuses what is not a record', () => {
    for (const x of [null, 'TAL-1', [good()], 42]) expect(checkRecord(x, NOW)).toEqual({ ok: false, error: 'record: must be an object' });
  });
});
