import { describe, expect, it } from 'vitest';
import type { ExportedRecord } from '@/lib/records/record';
import { redactRecord } from '@/lib/records/redact';
import { checkRecord, HISTORY_MAX, RECORD_LIMITS } from '@/lib/records/validate';
import { csvCell, csvHeader, csvLine, jsonClose, jsonOpen, jsonRecord, localIso, toExported } from '@/lib/transfer/exportFile';
import { lineOfRecord, readExport } from '@/lib/transfer/importFile';
import { drafts, recordsOf, T0 } from '../../helpers/records';

const NOW = Date.UTC(2026, 10, 27, 12);
const [takealot, makro] = recordsOf(drafts(2)) as [ReturnType<typeof recordsOf>[number], ReturnType<typeof recordsOf>[number]];
const good = (): ExportedRecord => toExported(structuredClone(takealot));
const check = (over: Record<string, unknown>) => checkRecord({ ...good(), ...over }, NOW);
const exportJson = (records: (ExportedRecord | typeof takealot)[], at: number): string =>
  jsonOpen(at) + records.map((r, i) => jsonRecord(r, i)).join('') + jsonClose();
const parseExport = (text: string, now: number) => readExport(text, { now, yieldNow: async () => undefined });

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
  it('quotes every cell (RFC 4180), doubles quotes, CRLF line ends', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(1764167461000)).toBe('"1764167461000"');
    expect(csvHeader(false)).toBe(
      '"id","platform","kind","status","syncedAt","syncedAtMs","createdAt","createdAtMs","storeId","productId","draftId","categoryId","sku","title","jobId","errors","listingUrl"\r\n',
    );
    expect(csvHeader().startsWith('\uFEFF"id",')).toBe(true);
  });

  // Issue #10 item 10: every trigger, after leading whitespace, full-width forms, and after
  // a `;` or `,` (a spreadsheet that splits there starts a new cell), keeps its text readable.
  it.each([
    ['=HYPERLINK("https://evil.example","x")', `"'=HYPERLINK(""https://evil.example"",""x"")"`],
    ['+27 SUM(A1)', `"'+27 SUM(A1)"`],
    ['-1+1', `"'-1+1"`],
    ['@cmd', `"'@cmd"`],
    ['\tTAB', `"'\tTAB"`],
    ['\rCR', `"'\rCR"`],
    [' =1+1', `" '=1+1"`],
    ['\u00a0\u00a0=1+1', `"\u00a0\u00a0'=1+1"`],
    ['\uFF1D1+1', `"'\uFF1D1+1"`],
    ['\uFF0BSUM(A1)', `"'\uFF0BSUM(A1)"`],
    ['\uFF20cmd', `"'\uFF20cmd"`],
    ['a;=2+3;b', `"a;'=2+3;b"`],
    ['a, =2+3', `"a, '=2+3"`],
  ])('neutralises a formula-looking cell %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(['Lamp 2-pack', 'R 249 - R 199', 'x@y', 'Price: -5 is too low', '1+1'])('leaves %j readable as it is', (value) => {
    expect(csvCell(value)).toBe(`"${value}"`);
  });

  it('writes local time with its offset beside epoch ms (issue #11 item 8)', () => {
    const ms = Date.UTC(2026, 10, 26, 14, 31, 1);
    expect(localIso(ms, 120)).toBe('2026-11-26T16:31:01+02:00');
    expect(localIso(ms, -330)).toBe('2026-11-26T09:01:01-05:30');
    expect(localIso(ms, 0)).toBe('2026-11-26T14:31:01+00:00');
    expect(Date.parse(localIso(ms, 120))).toBe(ms);
    expect(Date.parse(localIso(ms))).toBe(ms);
  });

  it('writes one line per record with local times, epoch ms and error messages joined by " | "', () => {
    const r = { ...good(), title: '=1+1, "sale"', errors: [{ message: 'Price too low' }, { message: 'Bad, SKU' }] };
    const [header, line] = readCsv(csvHeader(false) + csvLine(r));
    const cells = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    expect(cells).toEqual({
      id: r.id,
      platform: 'takealot',
      kind: 'import',
      status: 'success',
      syncedAt: localIso(T0),
      syncedAtMs: String(T0),
      createdAt: localIso(T0),
      createdAtMs: String(T0),
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
  });
});

describe('JSON export', () => {
  it('writes the format header and records without derived fields, piece by piece', () => {
    const pieces = jsonOpen(NOW) + jsonRecord(takealot, 0) + jsonRecord(makro, 1) + jsonClose();
    const data = JSON.parse(pieces);
    const local = (r: ExportedRecord) => ({ ...r, syncedAtLocal: localIso(r.syncedAt), createdAtLocal: localIso(r.createdAt) });
    expect(data).toEqual({
      format: 'sync-history',
      version: 1,
      exportedAt: localIso(NOW),
      records: [local(toExported(takealot)), local(toExported(makro))],
    });
    expect(data.records[0]).not.toHaveProperty('ids');
    expect(data.records[0]).not.toHaveProperty('facets');
    expect(exportJson([], NOW)).toBe(`${jsonOpen(NOW)}${jsonClose()}`);
    expect(JSON.parse(exportJson([], NOW)).records).toEqual([]);
  });
});

describe('parseExport', () => {
  it('reads back what the JSON writer wrote (with or without a byte order mark)', async () => {
    const text = exportJson([takealot, makro], NOW);
    for (const t of [text, `\uFEFF${text}`]) {
      const r = await parseExport(t, NOW);
      expect(r).toEqual({ ok: true, exportedAt: localIso(NOW), records: [toExported(takealot), toExported(makro)] });
    }
  });

  it('keeps an id that occurs twice once, in its newest version, at its first place', async () => {
    const later = { ...good(), status: 'failed' as const, syncedAt: takealot.syncedAt + 1000 };
    const r = await parseExport(exportJson([takealot, makro, later, takealot], NOW), NOW);
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
  ])('refuses %s with a clear error', async (_name, text, error) => {
    const r = await parseExport(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('names the number, line and field of the first bad record, even pretty-printed', async () => {
    const bad = { ...good(), listingUrl: 'javascript:alert(1)' };
    const text = JSON.stringify(
      { format: 'sync-history', version: 1, exportedAt: '2026-11-27T00:00:00Z', records: [good(), toExported(makro), bad] },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('javascript:'));
    const start = text.split('\n').slice(0, line).lastIndexOf('    {') + 1;
    const r = await parseExport(text, NOW);
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

  it('checks, and redaction is its own step after it (secrets never reach storage)', () => {
    const r = check({
      title: 'mail me at a.seller@example.com',
      sku: 'shpat_0123456789abcdef0123456789abcdef',
      errors: [{ message: 'token=abc123 expired' }],
    });
    if (!r.ok) throw new Error(r.error);
    const clean = redactRecord(r.value);
    expect(clean.title).toBe('mail me at [redacted email]');
    expect(clean.sku).toBe('[redacted token]');
    expect(clean.errors[0]!.message).toBe('token=[redacted] expired');
  });

  it('refuses a time more than a few minutes ahead, saying the clock may be wrong (issue #10 item 11)', () => {
    const ahead = NOW + 23.9 * 3_600_000;
    expect(check({ syncedAt: ahead, history: [{ status: 'success', at: T0 }] })).toEqual({
      ok: false,
      error: `syncedAt: in the future (${new Date(ahead).toISOString()}); the computer that exported it may have a wrong clock`,
    });
    expect(check({ syncedAt: NOW + RECORD_LIMITS.futureSkewMs }).ok).toBe(true);
  });

  it(`cuts a long history to the first entry and the newest (${HISTORY_MAX} in all): an old export still imports`, () => {
    const history = Array.from({ length: 1102 }, (_, i) => ({ status: i % 2 ? ('failed' as const) : ('success' as const), at: T0 + i }));
    const r = check({ history, syncedAt: T0 + 1101 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.history).toHaveLength(HISTORY_MAX);
    expect(r.value.history[0]).toEqual(history[0]);
    expect(r.value.history.at(-1)).toEqual(history.at(-1));
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
