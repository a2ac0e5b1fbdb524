import type { RuleInput } from '../types';
import { obj } from '../util';
import { PERSISTED } from './routes';

/**
 * Transports and document reading: what a GraphQL request to the admin says, whichever way it
 * came (docs/PORTALS.md "Shopify"):
 * - persisted operations, `POST /api/operations/{sha256}/{OperationName}/shopify/{store}` with
 *   `{operationName, variables}` and no query text, or `GET` with `operationName` and `variables`
 *   (JSON) in the query string (M);
 * - `/api/shopify/{handle}?operation=…&type=…` and `/admin/internal/web/graphql/core` with the
 *   query text (M); the public `/admin/api/{version}/graphql.json` (H).
 */

/** The mutation fields the Admin API documents (H); other product writes are recognised by their answer. */
export const FIELDS = ['productCreate', 'productUpdate', 'productSet', 'productVariantsBulkUpdate', 'bulkOperationRunMutation'] as const;
export type Field = (typeof FIELDS)[number];
export const isField = (x: string): x is Field => (FIELDS as readonly string[]).includes(x);

/** One mutation field the document calls or the answer holds: `alias: productUpdate(input: $input)`. */
export interface Call {
  /** A documented field, or `other`: a product write recognised by its answer's shape. */
  field: Field | 'other';
  /** The key it answers under in `data` (the alias, else the field name). */
  key: string;
  /** Argument name → `$variable` or a bare literal (`true`, `false`), when read from the query text. */
  args?: Record<string, string>;
}

export interface GqlRequest {
  operation?: string;
  /** The request says it is a mutation (`type=mutation`, the query text). Persisted POSTs do not say. */
  mutation: boolean;
  /** The request says it is a read (`type=query`, a `query` document): its answer is never a write. */
  query: boolean;
  /** A persisted operation (no query text: the answer decides what it was). */
  persisted: boolean;
  /** Known fields the query text calls (empty when there is no text). */
  calls: Call[];
  variables: Record<string, unknown>;
}

/** The query text with string literals emptied and comments removed, so neither can fake a field. */
export const stripDocument = (q: string): string =>
  q.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (m) => (m.startsWith('#') ? '' : '""'));

/** The argument list of a call starting at `open` (a `(`), or '' when unbalanced. */
function argText(doc: string, open: number): string {
  let depth = 0;
  for (let i = open; i < doc.length && i < open + 5000; i++) {
    if (doc[i] === '(') depth++;
    else if (doc[i] === ')' && --depth === 0) return doc.slice(open + 1, i);
  }
  return '';
}

function callsOf(doc: string): Call[] {
  const out = new Map<string, Call>();
  const re = new RegExp(`(?:\\b([A-Za-z_]\\w*)\\s*:\\s*)?\\b(${FIELDS.join('|')})\\b\\s*([({])`, 'g');
  for (const m of doc.matchAll(re)) {
    // `mutation productUpdate($input: …)` names the operation, not a field.
    if (/\b(mutation|query|subscription)\s*$/.test(doc.slice(Math.max(0, (m.index ?? 0) - 20), m.index))) continue;
    const field = m[2] as Field;
    const args: Record<string, string> = {};
    if (m[3] === '(') {
      const inner = argText(doc, (m.index ?? 0) + m[0].length - 1);
      for (const a of inner.matchAll(/(\w+)\s*:\s*(\$\w+|true|false)\b/g)) {
        if (a[1] && a[2] && !(a[1] in args)) args[a[1]] = a[2];
      }
    }
    const key = m[1] ?? field;
    out.set(key, { field, key, args });
  }
  return [...out.values()];
}

export const OPERATION_NAME = /^[A-Za-z0-9_]{1,100}$/;
const MAX_VARIABLES = 100_000;

/** `variables` as the admin sends them: an object, or JSON text (a GET's query string, some clients' bodies). */
function variablesOf(x: unknown): Record<string, unknown> {
  if (typeof x === 'string' && x.length <= MAX_VARIABLES) {
    try {
      return obj(JSON.parse(x) as unknown);
    } catch {
      return {};
    }
  }
  return obj(x);
}

export function readRequest({ ex, url }: RuleInput): GqlRequest {
  const body = obj(ex.requestBody);
  const persisted = PERSISTED.exec(url.pathname);
  const op =
    url.searchParams.get('operation') ??
    persisted?.[2] ??
    url.searchParams.get('operationName') ??
    (typeof body.operationName === 'string' ? body.operationName : undefined);
  const variables = variablesOf(body.variables ?? (ex.method === 'GET' ? (url.searchParams.get('variables') ?? undefined) : undefined));
  const doc = typeof body.query === 'string' ? stripDocument(body.query) : '';
  const calls = callsOf(doc);
  const mutation = url.searchParams.get('type') === 'mutation' || /(?:^|\})\s*mutation\b(?!\s*:)/.test(doc) || calls.length > 0;
  const query = !mutation && (url.searchParams.get('type') === 'query' || /^\s*(?:query\b|\{)/.test(doc));
  const req: GqlRequest = { mutation, query, persisted: persisted !== null, calls, variables };
  if (op && OPERATION_NAME.test(op)) req.operation = op;
  return req;
}

/**
 * An argument's value: through the `$variable` the query text names, else (no text, e.g. a
 * persisted operation) the conventional variable of the same name, as the admin and docs use it.
 */
export function argValue(call: Call, name: string, vars: Record<string, unknown>): unknown {
  if (!call.args) return vars[name];
  const raw = call.args[name];
  if (raw === undefined) return undefined;
  if (raw.startsWith('$')) return vars[raw.slice(1)];
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

/** The words of an operation name: `ProductSaveUpdate` → product, save, update (camel case or `_`). */
const wordsOf = (name: string): string[] =>
  name
    .split(/_|(?<=[a-z0-9])(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);

const PRODUCT_WORDS = new Set(['product', 'products', 'variant', 'variants']);
const PRODUCT_VERBS = new Set(['create', 'update', 'save', 'set', 'delete', 'publish', 'duplicate', 'change']);
const VERBS = new Set([...PRODUCT_VERBS, 'remove', 'add', 'archive', 'complete', 'import', 'upsert', 'bulk', 'unpublish']);

/**
 * A name that changes something (`MenuUpdate`, `DraftOrderComplete`), by its words, so that a
 * query named `ProductSetupGuide` or `ProductSettings` is not taken for a write.
 */
export const isWriteName = (name: string | undefined): boolean => !!name && wordsOf(name).some((w) => VERBS.has(w));

/** A name about products or variants that changes them (`ProductSaveUpdate`, `CreateProduct`). */
export function isProductWriteName(name: string | undefined): boolean {
  const words = name ? wordsOf(name) : [];
  return words.some((w) => PRODUCT_WORDS.has(w)) && words.some((w) => PRODUCT_VERBS.has(w));
}

/**
 * Without an answer to read, what the operation name says it wrote: a documented field it
 * contains (`ProductUpdate`), else a product write by name (`ProductSaveUpdate`), else nothing.
 */
export function guessCalls(operation: string | undefined): Call[] {
  const op = operation?.toLowerCase() ?? '';
  const f = FIELDS.find((name) => op.includes(name.toLowerCase()));
  if (f) return [{ field: f, key: f }];
  return operation && isProductWriteName(operation) ? [{ field: 'other', key: operation }] : [];
}
