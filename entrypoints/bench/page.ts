import { ALL_TIME, type Cursor, jobRecords, type ListFilter, listPage, searchTerms, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { DB_NAME, type SyncHistoryDB } from '@/lib/db/schema';
import { rangeBounds } from '@/lib/format/time';
import { ANY } from '@/lib/records/facets';
import { recordId } from '@/lib/records/id';
import type { BenchApi, BenchFilter, Paired, Timing } from './api';
import { HistoryGenerator } from './generate';
import { HAS_GETALL_OPTIONS, openRaw, rawPage, rawWriteRows, termsBySeek } from './raw';
import { tapCost } from './tap';
import { importRate, writeBreakdown } from './writes';

/**
 * Every side warmed up, then sampled call by call in turns (rotating who goes first), so a
 * burst of load from elsewhere on the machine hits all of them; a sample is the mean of
 * `inner` calls (performance.now() is coarsened to 0.1 ms in a page that is not
 * cross-origin isolated). Answers one list of samples per side.
 */
async function interleaved(sides: (() => Promise<unknown>)[], t: Timing): Promise<number[][]> {
  for (let k = 0; k < t.warmup; k++) for (const fn of sides) await fn();
  const out = sides.map((): number[] => []);
  for (let rep = 0; rep < t.reps; rep++) {
    const sums = sides.map(() => 0);
    for (let k = 0; k < t.inner; k++) {
      for (let j = 0; j < sides.length; j++) {
        const side = (rep + k + j) % sides.length;
        const t0 = performance.now();
        await sides[side]!();
        sums[side]! += performance.now() - t0;
      }
    }
    sums.forEach((s, side) => {
      out[side]!.push(s / t.inner);
    });
  }
  return out;
}

async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>, t: Timing): Promise<Paired> {
  const [sa, sb] = await interleaved([a, b], t);
  return { a: sa!, b: sb! };
}

/** The ListFilter the side panel would build for this filter now (components/filterState.ts toListFilter). */
function listFilter(f: BenchFilter): ListFilter {
  const [from, to] = rangeBounds(f.range, Date.now());
  return { q: f.q, platform: f.platform, status: f.status, from, to };
}

export function createBenchApi(db: SyncHistoryDB): BenchApi {
  let gen: HistoryGenerator | undefined;
  let seedMs = 0;
  let genMs = 0;
  let drafts = 0;
  let idb: Promise<IDBDatabase> | undefined;
  const raw = () => (idb ??= openRaw(DB_NAME));

  return {
    init(opts) {
      gen = new HistoryGenerator(opts);
      seedMs = 0;
      genMs = 0;
      drafts = 0;
    },

    async seed(records, chunk) {
      if (!gen) throw new Error('bench.init() first');
      const target = Math.min(gen.opts.count, gen.produced + records);
      const t0 = performance.now();
      while (gen.produced < target) {
        const g0 = performance.now();
        const ds = gen.next(Math.min(chunk, target - gen.produced));
        genMs += performance.now() - g0;
        drafts += ds.length;
        await writeCapture(db, { drafts: ds, jobs: [], unrecognised: [] });
      }
      seedMs += performance.now() - t0;
      return { records: gen.produced, drafts, ms: seedMs, generateMs: genMs, done: gen.done };
    },

    samples() {
      if (!gen) throw new Error('bench.init() first');
      return gen.samples(recordId);
    },

    async counts() {
      return { records: await db.records.count(), statRows: await db.stats.count() };
    },

    async compare(bf, t) {
      const f = listFilter(bf);
      const conn = await raw();
      const app = await listPage(db, f, 50);
      const cursor = await rawPage(conn, f, 50, 'cursor');
      const term = f.q.trim().toLowerCase();
      const terms = term ? Math.max(1, (await termsBySeek(conn, term, 20)).length) : 1;
      const same = (rows: { id: string }[]) => app.rows.length === rows.length && app.rows.every((r, i) => r.id === rows[i]!.id);
      const sides = [() => listPage(db, f, 50), () => rawPage(conn, f, 50, 'cursor')];
      if (HAS_GETALL_OPTIONS) sides.push(() => rawPage(conn, f, 50, 'getAll'));
      const [a, b, c] = await interleaved(sides, t);
      return {
        a: a!,
        b: b!,
        ...(c ? { c, sameGetAll: same(await rawPage(conn, f, 50, 'getAll')) } : {}),
        appRows: app.rows.length,
        rawRows: cursor.length,
        same: same(cursor),
        terms,
      };
    },

    async termDiscovery(q, t) {
      const term = q.trim().toLowerCase();
      const conn = await raw();
      const viaDexie = async () => (await searchTerms(db, term)).map((t) => t.term);
      const dexie = await viaDexie();
      const seek = await termsBySeek(conn, term, 20);
      const p = await paired(viaDexie, () => termsBySeek(conn, term, 20), t);
      const entries = await db.records.where('facets').startsWith(term).count();
      return { ...p, terms: dexie.length, entries, same: dexie.join() === seek.join() };
    },

    async deepPage(bf, page, t) {
      const f = listFilter(bf);
      const t0 = performance.now();
      let after: Cursor | undefined;
      for (let p = 1; p < page; p++) {
        const pg = await listPage(db, f, 50, after);
        if (!pg.next) throw new Error(`the filter has only ${p} pages`);
        after = pg.next;
      }
      const walkMs = performance.now() - t0;
      const deep = await listPage(db, f, 50, after);
      const p = await paired(
        () => listPage(db, f, 50, after),
        () => listPage(db, f, 50),
        t,
      );
      return { ...p, page, walkMs, rows: deep.rows.length };
    },

    async countsVsPage(bf, t) {
      const f = listFilter(bf);
      const counts = await statusCounts(db, f);
      const p = await paired(
        () => statusCounts(db, f),
        () => listPage(db, f, 50),
        t,
      );
      return { ...p, counts, statRows: await db.stats.count() };
    },

    tapCost,

    async waitBatch(jobId, total, until, timeoutMs, everyMs) {
      const readings = [];
      const t0 = performance.now();
      for (;;) {
        const c = await statusCounts(db, { q: jobId, platform: ANY, status: ANY, ...ALL_TIME });
        const r = { pending: c.pending, settled: c.success + c.failed, at: performance.timeOrigin + performance.now() };
        readings.push(r);
        if (until === 'pending' ? r.pending >= total : r.pending === 0 && r.settled >= total) return readings;
        if (performance.now() - t0 > timeoutMs) throw new Error(`job ${jobId}: ${JSON.stringify(r)} after ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, everyMs));
      }
    },

    async rawWrite(jobId, total) {
      const rows = await jobRecords(db, jobId, total);
      return { rows: rows.length, ms: await rawWriteRows(rows) };
    },

    writeBreakdown: (items, jobId) => writeBreakdown(db, items, jobId),
    importRate: (count, seed) => importRate(db, count, seed),
  };
}
