import { TAP_SOURCE } from '@/lib/capture/envelope';
import { tapPortal } from '@/lib/capture/portalTap';
import type { TapComparison, Timing } from './api';

/**
 * The page's own fetch with the tap / without, side by side in one page: two same-origin
 * about:blank frames, the shipped tap (lib/capture/portalTap.ts, what tap.content.ts runs)
 * installed in one. Under both, the same stand-in network maps `https://` URLs to blob URLs
 * (no network; the same cost on both sides), so the tap sees real portal and CDN URLs.
 *
 * - `miss`: requests no platform knows (half `blob:`, half `https://` CDN URLs), 20 per sample.
 * - `match`: a Takealot batch-status poll answering about 1 MB of JSON, the page awaiting its
 *   own `response.json()`. The tap's deferred work (read, parse, post) is let finish between
 *   samples, untimed, and its delay is reported beside.
 */
const MATCH_URL = 'https://seller-api.takealot.com/v2/offers/batch/5531207';

function batchStatusJson(bytes: number): string {
  const result: unknown[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = {
      validation_errors: i % 7 === 0 ? [{ code: 'INVALID_SELLING_PRICE', message: 'Selling price cannot be greater than RRP' }] : [],
      offer: { offer_id: 204518392 + i, sku: `KK-RUN-${i}`, status: 'Buyable', selling_price: 1249 + (i % 500) },
    };
    size += JSON.stringify(item).length + 1;
    result.push(item);
  }
  return JSON.stringify({ batch_id: 5531207, status: { id: 4, description: 'Success' }, result });
}

type FrameWin = Window & typeof globalThis;

/** A frame of this extension page's own origin (an about:blank frame's origin may be opaque: the tap posts to its origin). */
async function frame(map: (url: string) => string | undefined): Promise<FrameWin> {
  const el = document.createElement('iframe');
  el.style.display = 'none';
  el.src = `${location.pathname}?frame`;
  const loaded = new Promise((r) => el.addEventListener('load', r, { once: true }));
  document.body.append(el);
  await loaded;
  const w = el.contentWindow as FrameWin;
  const net = w.fetch.bind(w);
  // The stand-in network, identical under both frames: the tap wraps this as it would the browser's.
  w.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    net(typeof input === 'string' ? (map(input) ?? input) : input, init)) as typeof fetch;
  return w;
}

export async function tapCost(kind: 'miss' | 'match', t: Timing): Promise<TapComparison> {
  const small = URL.createObjectURL(new Blob(['{"ok":true}'], { type: 'application/json' }));
  const bodyText = batchStatusJson(1024 * 1024);
  const big = URL.createObjectURL(new Blob([bodyText], { type: 'application/json' }));
  const map = (u: string) => (u === MATCH_URL ? big : u.startsWith('https://') ? small : undefined);
  const tapped = await frame(map);
  const plain = await frame(map);
  // `#aa` (BENCH_AA=1): no tap in either frame, an A/A run that shows the measurement's own noise.
  if (!location.hash.includes('aa')) tapPortal(tapped);
  let posted = 0;
  let lastPost = 0;
  tapped.addEventListener('message', (e: MessageEvent) => {
    if ((e.data as { source?: unknown } | null)?.source === TAP_SOURCE) {
      posted++;
      lastPost = performance.now();
    }
  });
  const urls = Array.from({ length: 20 }, (_, i) => (i % 2 ? `https://cdn.example.com/assets/chunk-${i}.js` : small));
  const idle = () => new Promise((r) => setTimeout(r, 0));
  const deferred: number[] = [];

  const one = async (w: FrameWin): Promise<number> => {
    if (kind === 'miss') {
      const t0 = performance.now();
      for (const u of urls) await (await w.fetch(u)).text();
      return performance.now() - t0;
    }
    const before = posted;
    const t0 = performance.now();
    const body = (await (await w.fetch(MATCH_URL)).json()) as { result: unknown[] };
    const ms = performance.now() - t0;
    if (body.result.length === 0) throw new Error('empty body');
    if (w === tapped) {
      const done = performance.now();
      // Untimed: let the tap's deferred read, parse and post finish before the next sample.
      for (let k = 0; posted === before && k < 2000; k++) await new Promise((r) => setTimeout(r, 1));
      if (posted > before) deferred.push(lastPost - done);
    }
    return ms;
  };

  // Each fetch (miss) or poll (match) is one pair, in turns, who goes first alternating: a
  // burst of load from elsewhere on the machine hits both sides alike. A sample sums `inner` pairs.
  const pairs = kind === 'miss' ? urls.length : 1;
  const timeOne = async (w: FrameWin, i: number): Promise<number> => {
    if (kind === 'match') return one(w);
    const t0 = performance.now();
    await (await w.fetch(urls[i % urls.length]!)).text();
    return performance.now() - t0;
  };
  for (let k = 0; k < t.warmup; k++) {
    await one(tapped);
    await one(plain);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let rep = 0; rep < t.reps; rep++) {
    let sa = 0;
    let sb = 0;
    for (let k = 0; k < t.inner * pairs; k++) {
      const tapFirst = (rep + k) % 2 === 0;
      for (const w of tapFirst ? [tapped, plain] : [plain, tapped]) {
        if (kind === 'match') await idle();
        const ms = await timeOne(w, k);
        if (w === tapped) sa += ms;
        else sb += ms;
      }
    }
    a.push(sa / t.inner);
    b.push(sb / t.inner);
  }
  const expected = kind === 'match' ? t.warmup + t.reps * t.inner : 0;
  URL.revokeObjectURL(small);
  URL.revokeObjectURL(big);
  for (const w of [tapped, plain]) w.frameElement?.remove();
  return { a, b, posted, expectedPosts: expected, bodyBytes: bodyText.length, deferredMs: deferred };
}
