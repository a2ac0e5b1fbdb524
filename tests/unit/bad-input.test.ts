import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@/lib/capture/envelope';
import { capture, route } from '@/lib/platforms';
import { checkDraft, checkJob, checkUnrecognised } from '@/lib/records/validate';
import { exchangeOf, FIXTURES, loadFixture } from '../helpers/fixtures';

/**
 * Bad input, across every fixture of every platform: malformed JSON, HTML error pages,
 * empty and oversized bodies, unexpected shapes. No throw, no record the background would
 * refuse, and a write that was clearly attempted is never silently dropped.
 */
const ALL = ['takealot', 'makro', 'shopify'].flatMap((p) =>
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

describe('bad input never crashes, never makes a bogus record, never drops a write', () => {
  for (const name of ALL) {
    const f = loadFixture(name);
    const isWrite = f.request.method !== 'GET' && route(f.request.method, new URL(f.request.url))?.kind === 'rule';
    it.each(SHAPES)(`${name}: %s`, (_shape, over) => {
      const ex = exchangeOf(f, over);
      let r!: ReturnType<typeof capture>;
      expect(() => (r = capture(ex, { [name.split('/')[0]!]: { storeId: 'store-1' } }))).not.toThrow();
      for (const d of r.drafts) expect(checkDraft(d, NOW)).toMatchObject({ ok: true });
      for (const j of r.jobs) expect(checkJob(j, NOW)).toMatchObject({ ok: true });
      for (const u of r.unrecognised) expect(checkUnrecognised(u, NOW)).toMatchObject({ ok: true });
      const unreadable = ex.responseIssue !== undefined;
      // A GraphQL request is known to be a write only from its URL (?type=mutation) or its body.
      const gql = /\/api\/shopify\/|graphql/.test(f.request.url);
      const isQuery =
        gql &&
        !/type=mutation/.test(f.request.url) &&
        (typeof ex.requestBody !== 'object' || !/mutation/.test(JSON.stringify(f.request.body ?? '')));
      if (isWrite && unreadable && !isQuery) {
        // A save was attempted and its answer is unreadable: a record says so.
        expect(r.drafts.length + r.unrecognised.length).toBeGreaterThan(0);
        // …and never as a success, and always with the reason the answer could not be read.
        for (const d of r.drafts) {
          expect(d.status).not.toBe('success');
          expect(d.errors.length).toBeGreaterThan(0);
        }
      }
    });
  }
  it('reads the fixtures of every platform', () => {
    for (const p of ['takealot', 'makro', 'shopify']) expect(ALL.filter((n) => n.startsWith(`${p}/`)).length).toBeGreaterThan(3);
  });
});
