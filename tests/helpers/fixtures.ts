import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '@/lib/capture/envelope';
import { type CaptureResult, capture } from '@/lib/platforms';
import type { PageContext } from '@/lib/platforms/types';

/**
 * A fixture is one exchange as the portal makes it: the request the page sends and the
 * response it gets, with a sentence saying what scenario it reproduces. Unit tests turn
 * it into an Exchange; the e2e suite serves the same file at the real API URL.
 */
export interface Fixture {
  scenario: string;
  /** The capture rule (its route's name, e.g. `makro/qc-poll`) this exchange is for: tests/unit/platforms/coverage.test.ts. */
  rule?: string;
  pageUrl: string;
  request: { method: string; url: string; body?: unknown };
  response: { status: number; statusText: string; body?: unknown; rawBody?: string };
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function loadFixture(path: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, `${path}.json`), 'utf8')) as Fixture;
}

let seq = 0;

/** The Exchange the tap would post for this fixture (bodies parsed as the tap parses them). */
export function exchangeOf(f: Fixture, over: Partial<Exchange> = {}): Exchange {
  seq += 1;
  const ex: Exchange = {
    captureId: `cap-${String(seq).padStart(6, '0')}`,
    transport: 'fetch',
    method: f.request.method,
    url: f.request.url,
    pageUrl: f.pageUrl,
    status: f.response.status,
    statusText: f.response.statusText,
    observedAt: Date.UTC(2026, 10, 27, 10, 0, 0) + seq * 1000,
    ...over,
  };
  if (f.request.body !== undefined) ex.requestBody = f.request.body;
  if (f.response.body !== undefined) ex.responseBody = f.response.body;
  else if (f.response.rawBody !== undefined) ex.responseIssue = f.response.rawBody.trim() ? 'not-json' : 'empty';
  return { ...ex, ...over };
}

/** Runs fixtures in order through the rules, carrying the page context like one tab does. */
export function captureAll(paths: string[], start: Record<string, PageContext> = {}): CaptureResult[] {
  let ctx = start;
  return paths.map((p) => {
    const r = capture(exchangeOf(loadFixture(p)), ctx);
    ctx = r.ctx;
    return r;
  });
}
