import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bundle budgets (issue #12), gzipped at level 9, 1 KB = 1,000 B. "First load" is what a page
 * fetches before it can paint: the HTML's module script, every `modulepreload` and stylesheet,
 * and whatever those import statically. Dynamic imports (loaded on use) are not counted.
 * Printed by `npm run bench`; checked after every build by tests/e2e/bundle-budget.spec.ts.
 */
export const BUDGETS: readonly Budget[] = [
  // Met: 2.99 KB (was 3.70, then 3.24). The tap loads only the match half of the routing table
  // (no names, portal pages or Store ID locations), and a route names a host only where its
  // platform's `hosts` do not decide already; the shipped script carries neither WXT's wrappers
  // nor `defineContentScript` and its options (wxt.config.ts). The wrapper keeps every cap and
  // both "Save and close" hand-overs: one set instead of two (`emit` confirming delivery) measured
  // 32 B larger. Little is left to spare: one tap per portal, each with its own platform's routes
  // only, measured 2.48, 2.47 and 2.69 KB (Takealot, Makro, Shopify) before the last 0.07 KB.
  { name: 'tap (MAIN world)', entry: 'content-scripts/tap.js', budgetKb: 3 },
  // One isolated content script per portal (issue #12): each carries its own platform's routes and
  // rules, the tap's checks, the validator for a restored outbox and the relay, and the browser's
  // own runtime API (webextension-polyfill would add 2.7 KB to each: wxt.config.ts, README).
  { name: 'isolated content script (Takealot)', entry: 'content-scripts/portal-takealot.js', budgetKb: 12 },
  { name: 'isolated content script (Makro)', entry: 'content-scripts/portal-makro.js', budgetKb: 12 },
  // Not met (12.61 KB, was 12.68): Shopify's rules are about 5.4 KB gz of it (16.1 KB of its 34.8 KB
  // minified: one GraphQL reader behind five transports, products, variants, bulk imports, jobs and
  // their polls); the shared part (the tap's checks, the validator a restored outbox needs, the
  // relay, the budget, the reload notice) about 7.2 KB, the same in every portal's script. Left:
  // 0.61 KB. The last pass took 0.07 KB a few bytes at a time (the entry's options and
  // `defineContentScript`, RECORD_LIMITS's leftover reads); the refusal messages that only reach the
  // console are worth about 0.1-0.2 KB; the rest is rules and guards.
  { name: 'isolated content script (Shopify)', entry: 'content-scripts/portal-shopify.js', budgetKb: 12, ceilingKb: 12.85 },
  { name: 'background', entry: 'background.js', budgetKb: 45 },
  { name: 'popup first load', entry: 'popup.html', budgetKb: 35 },
  { name: 'side panel first load', entry: 'sidepanel.html', budgetKb: 60 },
];

export interface Budget {
  name: string;
  entry: string;
  /** The goal (issue #12). */
  budgetKb: number;
  /**
   * Where the goal is not met yet: the size it may not grow past (the build of this change,
   * plus about 2%). The build test holds every bundle to its budget, or to this ceiling; the
   * bench reports the budget as missed until it is met and this line goes.
   */
  ceilingKb?: number;
}

export interface BudgetRow {
  name: string;
  budgetKb: number;
  ceilingKb?: number;
  files: string[];
  bytes: number;
  gzip: number;
  met: boolean;
}

const gz = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;

/** Static imports of an ES module chunk (`import … from "./x.js"`, `import "./x.js"`), as output paths. */
function staticImports(dir: string, file: string): string[] {
  const src = readFileSync(join(dir, file), 'utf8');
  const out: string[] = [];
  const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const m of src.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'`]([^"'`]+)["'`]/g)) {
    const spec = m[1]!;
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    const path = spec.startsWith('/') ? spec.slice(1) : new URL(spec, `file:///${base}`).pathname.slice(1);
    out.push(path);
  }
  return out;
}

/** Every file a page or script loads before it runs, its static imports followed. */
export function firstLoad(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  if (entry.endsWith('.html')) {
    const html = readFileSync(join(dir, entry), 'utf8');
    for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["'][^>]*>/g)) {
      const tag = m[0];
      if (tag.startsWith('<link') && !/rel=["'](?:modulepreload|stylesheet)["']/.test(tag)) continue;
      queue.push(m[1]!.replace(/^\.?\//, ''));
    }
  } else queue.push(entry);
  while (queue.length > 0) {
    const f = queue.shift()!;
    if (seen.has(f) || !existsSync(join(dir, f))) continue;
    seen.add(f);
    if (f.endsWith('.js')) queue.push(...staticImports(dir, f));
  }
  return [...seen];
}

export function bundleBudgets(dir: string): BudgetRow[] {
  return BUDGETS.map((b) => {
    const files = firstLoad(dir, b.entry).filter((f) => !f.endsWith('.html'));
    const bufs = files.map((f) => readFileSync(join(dir, f)));
    const gzip = bufs.reduce((s, buf) => s + gz(buf), 0);
    return {
      name: b.name,
      budgetKb: b.budgetKb,
      ...(b.ceilingKb === undefined ? {} : { ceilingKb: b.ceilingKb }),
      files,
      bytes: bufs.reduce((s, buf) => s + buf.length, 0),
      gzip,
      met: gzip <= b.budgetKb * 1000,
    };
  });
}
