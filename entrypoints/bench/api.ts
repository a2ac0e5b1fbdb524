import type { StatusCounts } from '@/lib/db/queries';
import type { ANY } from '@/lib/records/facets';
import type { Platform, Status } from '@/lib/records/record';
import type { Samples } from './generate';

/**
 * What the bench page (entrypoints/bench/, built only by `wxt build --mode bench`) exposes on
 * `window.bench`, for tests/bench/bench.spec.ts to drive through page.evaluate.
 * Every timing loop runs inside the page, so no DevTools round trip is ever timed.
 */
export type RangeKey = 'today' | 'week' | 'month' | 'all';

export interface BenchFilter {
  q: string;
  platform: Platform | typeof ANY;
  status: Status | typeof ANY;
  range: RangeKey;
}

export interface Timing {
  /** Warm-up calls of each side, not recorded. */
  warmup: number;
  /** Recorded samples of each side. */
  reps: number;
  /** Calls per sample (its mean), the two sides' calls in turns, alternating who goes first. */
  inner: number;
}

export interface SeedProgress {
  records: number;
  drafts: number;
  /** Time spent in writeCapture (and generating), ms, since seeding began. */
  ms: number;
  /** The part of `ms` spent generating drafts (the rest is writeCapture). */
  generateMs: number;
  done: boolean;
}

export interface Paired {
  /** ms per call, one per rep. */
  a: number[];
  b: number[];
}

export interface QueryComparison extends Paired {
  /** a: listPage; b: the raw IndexedDB read with a cursor; c: with IndexedDB 3.0 getAll (when the browser has it). */
  c?: number[];
  /** The getAll read returned the same ids in the same order. */
  sameGetAll?: boolean;
  appRows: number;
  rawRows: number;
  /** Both returned the same ids in the same order. */
  same: boolean;
  /** Search terms the query followed (1 without a search). */
  terms: number;
}

export interface TermDiscovery extends Paired {
  /** a: the app's searchTerms (seeks on the facets index, schema v3); b: termsBySeek. */
  terms: number;
  /** Index entries under the prefix (records carrying a matching id). */
  entries: number;
  same: boolean;
}

export interface DeepPaging extends Paired {
  /** a: page `page` (after walking the cursors), b: page 1. */
  page: number;
  /** ms to walk pages 1…page-1 once (informational). */
  walkMs: number;
  /** Rows on the deep page. */
  rows: number;
}

export interface CountsComparison extends Paired {
  /** a: statusCounts, b: listPage (first 50). */
  counts: StatusCounts;
  statRows: number;
}

export interface TapComparison extends Paired {
  /** a: the frame with the tap, b: without; ms per sample. */
  /** Exchanges the tap posted (every matched request should post one). */
  posted: number;
  expectedPosts: number;
  /** The matched response's size. */
  bodyBytes: number;
  /** ms from the page's own json() to the tap's post, per matched sample (the deferred work, informational). */
  deferredMs: number[];
}

export interface BatchState {
  pending: number;
  settled: number;
  /** Epoch ms when read. */
  at: number;
}

export interface RawWrite {
  rows: number;
  ms: number;
}

/** ms per stage, summed over a write's chunks. */
export type StageTimes = Record<string, number>;

export interface WriteBreakdown {
  items: number;
  /** The batch created pending, and then settled by its poll: total ms and per stage. */
  create: { ms: number; stages: StageTimes };
  settle: { ms: number; stages: StageTimes };
  /** The settled rows put with raw IndexedDB (three plain indexes, one transaction). */
  rawMs: number;
  rows: number;
  /** ms of the raw write of the same rows under each index layout (the schema options). */
  layouts: Record<string, number>;
  /** ms of the `unfixed` table lookup for one chunk's listing keys, each way (and the sizes). */
  unfixedLookup: Record<string, number>;
}

export interface ImportRate {
  records: number;
  created: number;
  /** ms of the side panel's importHistory (read, check, messages to the background, writes). */
  ms: number;
  rawMs: number;
  /** The same steps for as many other new records, one chunk after the other in the bench page: total and per stage. */
  steps: { ms: number; stages: StageTimes; rowsPut: number };
}

export interface BenchApi {
  /** Starts a generator over `count` records ending at `now`. */
  init(opts: { count: number; seed: number; now: number }): void;
  /** Generates and writes up to `records` more records with writeCapture, `chunk` at a time. */
  seed(records: number, chunk: number): Promise<SeedProgress>;
  samples(): Samples;
  counts(): Promise<{ records: number; statRows: number }>;
  compare(filter: BenchFilter, t: Timing): Promise<QueryComparison>;
  termDiscovery(q: string, t: Timing): Promise<TermDiscovery>;
  deepPage(filter: BenchFilter, page: number, t: Timing): Promise<DeepPaging>;
  countsVsPage(filter: BenchFilter, t: Timing): Promise<CountsComparison>;
  /** The page's fetch with the tap / without (entrypoints/bench/tap.ts). */
  tapCost(kind: 'miss' | 'match', t: Timing): Promise<TapComparison>;
  /** Polls (every `everyMs`) until `total` records of the job have settled; answers each reading. */
  waitBatch(jobId: string, total: number, status: 'pending' | 'settled', timeoutMs: number, everyMs: number): Promise<BatchState[]>;
  /** Writes the job's records again with nothing but IndexedDB (three plain indexes), in one transaction. */
  rawWrite(jobId: string, total: number): Promise<RawWrite>;
  /** A batch of `items` created and settled with the background's steps in this page, each step timed. */
  writeBreakdown(items: number, jobId: string): Promise<WriteBreakdown>;
  /** The side panel's import of `count` new records through the background / the raw write of the same rows. */
  importRate(count: number, seed: number): Promise<ImportRate>;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}
