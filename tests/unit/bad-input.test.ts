import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@/lib/capture/envelope';
import { capture, route } from '@/lib/platforms';
import { isObj } from '@/lib/platforms/util';
import { PLATFORMS } from '@/lib/records/record';
import { checkDraft, checkJob, checkUnrecognised } from '@/lib/records/validate';
import { exchangeOf, FIXTURES, type Fixture, loadFixture } from '../helpers/fixtures';

/**
 * Bad input, across every fixture of every platform: malformed JSON, HTML error pages,
 * empty and oversized bodies, unexpected shapes. No throw, no record the background would
 * refuse, and a write that was clearly attempted is never silently dropped.
 */
const ALL = PLATFORMS.flatMap((p) =>
  readdirSync(join(FIXTURES, p))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${p}/${f.replace(/\.json$/, '')}`),
);

const SHAPES: [string, Partial<Exchange>][] = [
  ['an HTML error page', { responseBody: undefined, responseIssue: 'not-json' }],
  ['an empty body', { responseBody: undefined, responseIssue: 'empty' }],
  ['a body over 1 MB', { responseBody: undefined, responseIssue: 'too-large' }],
  ['a network error', { status: 0, statusText: 'network error', responseBody: undefined, responseIssue: 'network-error' }],
  ['JSON null', { responseBody: null }],
  ['a number', { responseBody: 42 }],
  ['a string', { responseBody: 'OK' }],
  ['an array', { responseBody: [{ offer: { offer_id: 1 } }] }],
  ['nulls everywhere', { responseBody: { offer: null, validation_errors: null, result: null, data: null, errors: null, batch_id: null } }],
  [
    'numbers as strings and wrong types',
    {
      responseBody: {
        offer: { offer_id: '12', sku: 7, offer_url: 5 },
        validation_errors: 'bad',
        result: { bulkResponse: 'x', status: 1 },
        data: { productUpdate: 'x' },
      },
    },
  ],
  [
    'an unknown status',
    { responseBody: { status: { id: 99, description: 'Teleporting' }, result: [{ offer: {}, validation_errors: [{}] }] } },
  ],
  ['a request body of the wrong type', { requestBody: 'sku=1' }],
  [
    'a 500 with a JSON body of the wrong shape',
    { status: 500, statusText: 'Internal Server Error', responseBody: { errors: 'boom', message: { nested: true } } },
  ],
];

const NOW = Date.UTC(2026, 10, 28);
/** POSTs that only read: Makro's QC poll is observed as a POST (docs/PORTALS.md), a poll, not a save. */
const POST_READS = new Set(['makro/qc-poll']);
const ctxFor = (name: string) => ({ [name.split('/')[0]!]: { storeId: 'store-1' } });

/**
 * Whether the request, as the page sent it, asks the portal to save something: read from the
 * request alone, never from what the rules make of it. A write method on a route a rule reads,
 * unless it is a GraphQL read. GraphQL says which it is in `?type=` or in the query text;
 * without either (a persisted query, or a body we could not read) the request alone does not
 * say, and only the answer's `data` can (lib/platforms/shopify: "a failed poll or query says nothing").
 */
function asksToSave(method: string, url: URL, requestBody: unknown): boolean | 'cannot-tell' {
  const r = route(method, url);
  if (method === 'GET' || r?.kind !== 'rule' || POST_READS.has(r.name)) return false;
  if (!r.name.includes('graphql')) return true;
  const type = url.searchParams.get('type');
  if (type) return type === 'mutation';
  const query = isObj(requestBody) ? requestBody.query : undefined;
  return typeof query === 'string' ? /^\s*mutation\b/.test(query) : 'cannot-tell';
}
const isSave = (f: Fixture): boolean => asksToSave(f.request.method, new URL(f.request.url), f.request.body) === true;

/** The one error a save with an unreadable answer gets, and the status it is left in. */
function unreadableOutcome(status: number): { status: 'failed' | 'pending'; code: string } {
  if (status === 0) return { status: 'failed', code: 'NETWORK_ERROR' };
  if (status === 420 || status === 429) return { status: 'failed', code: 'RATE_LIMITED' };
  if (status < 200 || status >= 300) return { status: 'failed', code: `HTTP_${status}` };
  // A 2xx we could not read may well have been saved: pending, never failed or success.
  return { status: 'pending', code: 'UNREADABLE_RESPONSE' };
}

describe('bad input never crashes, never makes a bogus record, never drops a write', () => {
  for (const name of ALL) {
    const f = loadFixture(name);
    it.each(SHAPES)(`${name}: %s`, (_shape, over) => {
      const ex = exchangeOf(f, over);
      let r!: ReturnType<typeof capture>;
      expect(() => (r = capture(ex, ctxFor(name)))).not.toThrow();
      for (const d of r.drafts) expect(checkDraft(d, NOW)).toMatchObject({ ok: true });
      for (const j of r.jobs) expect(checkJob(j, NOW)).toMatchObject({ ok: true });
      for (const u of r.unrecognised) expect(checkUnrecognised(u, NOW)).toMatchObject({ ok: true });
      if (ex.responseIssue === undefined || asksToSave(ex.method, new URL(ex.url), ex.requestBody) !== true) return;
      // A save was attempted and its answer is unreadable: every listing the same request records
      // with the fixture's own answer is recorded, each with exactly the status and the one error
      // that this answer calls for.
      const readable = capture(exchangeOf(f, 'requestBody' in over ? { requestBody: over.requestBody } : {}), ctxFor(name));
      const want = unreadableOutcome(ex.status);
      expect(r.drafts.length + r.unrecognised.length).toBeGreaterThan(0);
      expect(r.drafts.map((d) => d.kind)).toEqual(readable.drafts.map((d) => d.kind));
      expect(r.unrecognised).toHaveLength(readable.unrecognised.length);
      for (const d of r.drafts) {
        expect(d.status).toBe(want.status);
        expect(d.errors).toEqual([{ message: expect.stringMatching(/\S/), code: want.code }]);
      }
    });
  }

  it('covers every platform, each with saves (whose unreadable answers are checked above) and reads', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'db');
    expect(folders.map((d) => d.name).sort()).toEqual([...PLATFORMS].sort());
    for (const p of PLATFORMS) {
      const mine = ALL.filter((n) => n.startsWith(`${p}/`)).map(loadFixture);
      expect(mine.filter(isSave).length, p).toBeGreaterThanOrEqual(3);
      expect(mine.filter((f) => !isSave(f)).length, p).toBeGreaterThanOrEqual(1);
    }
  });
});
