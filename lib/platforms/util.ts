import type { Exchange } from '../capture/envelope';
import type { Change, RecordError, Status } from '../records/record';

/** Small readers for untrusted JSON: a wrong type gives undefined, never a throw. */
export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export const obj = (x: unknown): Record<string, unknown> => (isObj(x) ? x : {});

export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** A non-empty id string from a string or a finite number. */
export function idStr(x: unknown): string | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (typeof x === 'string') {
    const t = x.trim();
    return t.length > 0 && t.length <= 200 ? t : undefined;
  }
  return undefined;
}

export function text(x: unknown, max = 2000): string | undefined {
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  if (!t) return undefined;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The allowlisted fields of a request body, in allowlist order. */
export function pickChanges(body: unknown, allow: readonly string[]): Change[] {
  const b = obj(body);
  const out: Change[] = [];
  for (const field of allow) {
    if (b[field] !== undefined) out.push({ field, value: b[field] });
  }
  return out;
}

export const is2xx = (status: number): boolean => status >= 200 && status < 300;

/** Messages of a list of `{message, code?}`-like errors (strings are accepted too). */
export function errorList(x: unknown, read: (e: Record<string, unknown>) => RecordError | undefined): RecordError[] {
  const out: RecordError[] = [];
  for (const e of arr(x)) {
    if (typeof e === 'string') {
      const m = text(e);
      if (m) out.push({ message: m });
    } else if (isObj(e)) {
      const r = read(e);
      if (r) out.push(r);
    }
  }
  return out;
}

/** `{message, code}` with the code as a string when present. */
export function messageCode(e: Record<string, unknown>): RecordError | undefined {
  const message = text(e.message) ?? text(e.description) ?? text(e.detail) ?? text(e.title);
  if (!message) return undefined;
  const code = idStr(e.code);
  return code ? { message, code } : { message };
}

/**
 * A path with its ids replaced by `{id}`: what the unrecognised-operation counter
 * stores instead of a URL (never a query string, never a body).
 */
export function pathTemplate(url: URL): string {
  const segs = url.pathname.split('/').map((s) => (/^\d+$/.test(s) || (/\d/.test(s) && s.length >= 5) || s.length > 40 ? '{id}' : s));
  return `${url.hostname}${segs.join('/')}`;
}

/**
 * The errors of a write whose response says nothing useful in its body: no answer,
 * throttled, HTTP error, or a 2xx we could not read. Undefined for a readable 2xx.
 * `bodyErrors` reads the platform's own error shape out of an error body.
 */
export function transportErrors(
  ex: Exchange,
  portal: string,
  bodyErrors: (body: Record<string, unknown>) => RecordError[],
): RecordError[] | undefined {
  if (ex.status === 0) {
    return [
      {
        message: `The request to ${portal} did not complete (network error or blocked): it may not have been saved.`,
        code: 'NETWORK_ERROR',
      },
    ];
  }
  if (ex.status === 420 || ex.status === 429) {
    return [
      {
        message: `${portal} is limiting how fast requests can be made (HTTP ${ex.status}): wait a minute, then try again.`,
        code: 'RATE_LIMITED',
      },
    ];
  }
  if (!is2xx(ex.status)) {
    const found = bodyErrors(obj(ex.responseBody));
    if (found.length > 0) return found.map((e) => (e.code ? e : { ...e, code: `HTTP_${ex.status}` }));
    const reason = text(ex.statusText, 200) ?? 'error';
    return [{ message: `${portal} answered HTTP ${ex.status} (${reason}).`, code: `HTTP_${ex.status}` }];
  }
  if (ex.responseBody === undefined) {
    const why =
      ex.responseIssue === 'too-large'
        ? 'it was larger than 8 MB'
        : ex.responseIssue === 'empty'
          ? 'it was empty'
          : ex.responseIssue === 'unreadable'
            ? 'the page closed or the read failed before it arrived'
            : 'it was not JSON';
    return [
      {
        message: `${portal} answered HTTP ${ex.status} but its response could not be read (${why}): check the listing in the portal.`,
        code: 'UNREADABLE_RESPONSE',
      },
    ];
  }
  return undefined;
}

/** Status for a write whose transport failed: unreadable 2xx stays pending (it may well have worked). */
export const transportStatus = (ex: Exchange): 'failed' | 'pending' => (is2xx(ex.status) ? 'pending' : 'failed');

export interface Outcome {
  status: Status;
  errors: RecordError[];
}

/**
 * The outcome of a write: the transport's failure when there is one (no answer, throttled,
 * HTTP error, unreadable 2xx), else what `fromBody` reads in the platform's own answer.
 */
export function writeOutcome(
  ex: Exchange,
  portal: string,
  bodyErrors: (body: Record<string, unknown>) => RecordError[],
  fromBody: () => Outcome,
): Outcome {
  const failure = transportErrors(ex, portal, bodyErrors);
  return failure ? { status: transportStatus(ex), errors: failure } : fromBody();
}
