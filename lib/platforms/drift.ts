import type { UnrecognisedRow } from '../db/schema';
import type { Platform } from '../records/record';

/**
 * Drift a maintainer can act on (issue #9): for a write no rule recognised, the *shape* of its
 * answer (key paths and JSON types, never a value) and a plain report the seller can paste to
 * us. With them a rule can be written without the seller's data.
 */

/** How deep the signature goes (`data.menuUpdate.menu.items[].id` is 5 keys deep). */
export const SHAPE_DEPTH = 5;
/** At most this many paths: the rest is cut, and the signature says so with a `…` path. */
export const SHAPE_PATHS = 80;
/** Array items looked at (their shapes merge). */
const ITEMS = 3;
export const SHAPE_MAX_CHARS = 4000;
/** What a stored signature may hold: key names, `.`, `[]`, `*`, `:` types, spaces between paths, `…`. */
export const SHAPE_CHARS = /^[A-Za-z0-9_.*[\]: …]*$/;

/**
 * A key as the signature shows it: a plain identifier with at most two digits (`data`, `userErrors`,
 * `line1`); anything else (an id, an email, a token used as a key, a SKU) becomes `*`.
 */
function keyOf(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(k) && (k.match(/\d/g)?.length ?? 0) <= 2 ? k : '*';
}

const typeOf = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);

/**
 * The shape of a JSON answer: sorted `path:type` entries joined by spaces, e.g.
 * `data:object data.menuUpdate:object data.menuUpdate.userErrors:array`. Undefined when there is
 * no body (the request was only counted, not read).
 */
export function shapeSignature(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  const paths = new Set<string>();
  let cut = false;
  const walk = (x: unknown, path: string, depth: number): void => {
    if (paths.size >= SHAPE_PATHS) {
      cut = true;
      return;
    }
    const t = typeOf(x);
    if (path) paths.add(`${path}:${t}`);
    if (depth >= SHAPE_DEPTH) return;
    if (Array.isArray(x)) {
      for (const item of x.slice(0, ITEMS)) if (item !== null && typeof item === 'object') walk(item, `${path}[]`, depth);
      const scalar = x.slice(0, ITEMS).find((i) => i === null || typeof i !== 'object');
      if (scalar !== undefined && paths.size < SHAPE_PATHS) paths.add(`${path}[]:${typeOf(scalar)}`);
    } else if (t === 'object') {
      for (const k of Object.keys(x as object).slice(0, SHAPE_PATHS)) {
        walk((x as Record<string, unknown>)[k], path ? `${path}.${keyOf(k)}` : keyOf(k), depth + 1);
      }
    }
  };
  walk(body, '', 0);
  const list = [...paths].sort();
  if (list.length === 0) list.push(`:${typeOf(body)}`);
  if (cut) list.push('…');
  let out = list.join(' ');
  if (out.length > SHAPE_MAX_CHARS) out = `${out.slice(0, Math.max(0, out.lastIndexOf(' ', SHAPE_MAX_CHARS - 2)))} …`;
  return out;
}

/** One counted operation, as the unrecognised-operations table keeps it. */
/** What a report reads of a stored unrecognised-operation row (lib/db/schema.ts). */
export type DriftRow = Pick<
  UnrecognisedRow,
  'platform' | 'method' | 'endpoint' | 'operation' | 'count' | 'firstSeen' | 'lastSeen' | 'shapes'
>;

/**
 * The report "Copy report" puts on the clipboard: JSON a seller can paste into an email or an
 * issue. It holds what the table holds (no listing data: path templates, operation names, counts,
 * times, shapes) and the extension's version; never a value, id, email or token. `endpointOf`
 * takes the seller's store out of a path template (each platform's `reportEndpoint`).
 */
export function driftReport(
  rows: readonly DriftRow[],
  version: string,
  now: number,
  endpointOf: (platform: Platform, endpoint: string) => string = (_p, e) => e,
): string {
  return JSON.stringify(
    {
      report: 'sync-history-unrecognised-operations',
      extensionVersion: version,
      generatedAt: new Date(now).toISOString(),
      operations: rows.map((r) => ({
        platform: r.platform,
        method: r.method,
        pathTemplate: endpointOf(r.platform, r.endpoint),
        operation: r.operation ?? null,
        count: r.count,
        firstSeen: new Date(r.firstSeen).toISOString(),
        lastSeen: new Date(r.lastSeen).toISOString(),
        shapes: (r.shapes ?? []).map((s) => s.split(' ')),
      })),
    },
    null,
    2,
  );
}
