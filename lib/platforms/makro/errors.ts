import type { RecordError } from '../../records/record';
import { errorList, idStr, isObj, obj, text } from '../util';
import { listOf, MAX_ERRORS } from './shared';

/**
 * How Makro words an error (docs/PORTALS.md "What third parties saw… Makro", M-): entries carry
 * `errorString` (older services `message`, `errorMessage`…), with an `errorCode`; a group may be a
 * list of such entries or of plain strings, or a map from the attribute (or image) to that list.
 */
export function readError(e: Record<string, unknown>): RecordError | undefined {
  const code = idStr(e.errorCode) ?? idStr(e.code);
  const message =
    text(e.errorString) ??
    text(e.message) ??
    text(e.errorMessage) ??
    text(e.description) ??
    text(e.reason) ??
    text(e.msg) ??
    text(e.detail) ??
    code;
  if (!message) return undefined;
  const r: RecordError = code && code !== message ? { message, code } : { message };
  const field = idStr(e.attribute) ?? idStr(e.attributeName) ?? idStr(e.field) ?? idStr(e.name);
  return field ? { ...r, field } : r;
}

export const entries = (x: unknown): RecordError[] => errorList(listOf(x), readError);

/**
 * An error group: a list of entries, or a map `{attribute: [entries]}` (an empty one is `{}`,
 * PORTALS.md). The map's key names the field the errors are about.
 */
export function groupErrors(x: unknown): RecordError[] {
  if (Array.isArray(x) || typeof x === 'string') return entries(x);
  const out: RecordError[] = [];
  for (const [name, v] of Object.entries(obj(x)).slice(0, MAX_ERRORS)) {
    const field = idStr(name);
    const list = isObj(v) && v.errors !== undefined ? entries(v.errors) : entries(v);
    for (const e of list) out.push(field && !e.field ? { ...e, field } : e);
  }
  return out;
}

/** Groups that name what is wrong with one part of the product (PORTALS.md, M-). */
const FIELD_GROUPS = ['attributeErrors', 'imageErrors', 'sizeChartErrors', 'customAttributeErrors'] as const;

/**
 * Every error of an `errorDetails`: its own groups, then those of the catalogue and listing
 * validations (manual and system). `fieldGroups: false` keeps only `globalErrors`: a fresh draft
 * lists the attributes still to fill in as `attributeErrors`, which is not a failure (M-).
 */
export function errorDetailsErrors(x: unknown, fieldGroups = true): RecordError[] {
  const d = obj(x);
  const catalog = obj(d.catalogErrors);
  const listing = obj(d.listingErrors);
  const groups = [
    d,
    obj(catalog.manualValidationErrors),
    obj(catalog.systemValidationErrors),
    obj(listing.manualValidationErrors),
    obj(listing.systemValidationErrors),
  ];
  return groups.flatMap((g) => [...entries(g.globalErrors), ...(fieldGroups ? FIELD_GROUPS.flatMap((k) => groupErrors(g[k])) : [])]);
}

/** Errors a 2xx body lists outright (never its `message`: a success says "submitted" there). */
export const listedErrors = (o: Record<string, unknown>): RecordError[] => [...entries(o.globalErrors), ...entries(o.errors)];

/** Errors of a body that already means failure (HTTP error, non-success status): messages count too. */
export function failureErrors(o: Record<string, unknown>): RecordError[] {
  const out = listedErrors(o);
  for (const m of [o.errorString, o.message, o.errorMessage, o.error_message]) {
    const t = text(m);
    if (t) out.push({ message: t });
  }
  if (isObj(o.error)) {
    const e = readError(o.error);
    if (e) out.push(e);
  } else {
    const t = text(o.error);
    if (t) out.push({ message: t });
  }
  return out;
}

/**
 * HTTP error bodies: `{"message"}`, `{"error"}`, `{"errors": […]}`, the same inside `result`, and
 * a validation refusal (HTTP 412, any 4xx) with its reasons under `error.errorDetails` (M-).
 */
export const bodyErrors = (b: Record<string, unknown>): RecordError[] => [
  ...errorDetailsErrors(obj(b.error).errorDetails),
  ...errorDetailsErrors(b.errorDetails),
  ...failureErrors(b),
  ...failureErrors(obj(b.result)),
];
