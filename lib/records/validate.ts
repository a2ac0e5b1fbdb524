import { SHAPE_CHARS, SHAPE_MAX_CHARS } from '../platforms/drift';
import { safeLink } from './links';
import {
  type Change,
  ID_FIELDS,
  type JobSettlement,
  KINDS,
  PLATFORMS,
  type RecordDraft,
  type RecordError,
  STATUSES,
  type UnrecognisedOp,
} from './record';

/**
 * Shape checks for everything that crosses from a page into the background.
 * A page can forge any message, so nothing is trusted: each check says what is wrong.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export const LIMITS = {
  idLength: 200,
  titleLength: 500,
  keyLength: 600,
  messageLength: 2000,
  errorsPerRecord: 100,
  changesPerRecord: 100,
  changeValueBytes: 4000,
  draftsPerMessage: 10_000,
} as const;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T =>
  typeof x === 'string' && (list as readonly string[]).includes(x);
const str = (x: unknown, max: number): x is string => typeof x === 'string' && x.length > 0 && x.length <= max;

/** A plausible capture time: not before 2020, not in the future (beyond clock skew). */
export function checkTime(x: unknown, now: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 1_577_836_800_000 && x <= now + 60_000;
}

function checkErrors(x: unknown): Checked<RecordError[]> {
  if (!Array.isArray(x)) return { ok: false, error: 'errors must be an array' };
  if (x.length > LIMITS.errorsPerRecord) return { ok: false, error: 'too many errors' };
  const out: RecordError[] = [];
  for (const e of x) {
    if (!isObj(e) || !str(e.message, LIMITS.messageLength)) return { ok: false, error: 'error without a message' };
    const err: RecordError = { message: e.message };
    if (e.code !== undefined) {
      if (!str(e.code, LIMITS.idLength)) return { ok: false, error: 'error code must be a string' };
      err.code = e.code;
    }
    if (e.field !== undefined) {
      if (!str(e.field, LIMITS.idLength)) return { ok: false, error: 'error field must be a string' };
      err.field = e.field;
    }
    out.push(err);
  }
  return { ok: true, value: out };
}

function checkChanges(x: unknown): Checked<Change[]> {
  if (!Array.isArray(x)) return { ok: false, error: 'changes must be an array' };
  if (x.length > LIMITS.changesPerRecord) return { ok: false, error: 'too many changes' };
  const out: Change[] = [];
  for (const c of x) {
    if (!isObj(c) || !str(c.field, LIMITS.idLength)) return { ok: false, error: 'change without a field' };
    let size: number;
    try {
      size = JSON.stringify(c.value ?? null).length;
    } catch {
      return { ok: false, error: 'change value is not JSON' };
    }
    if (size > LIMITS.changeValueBytes) return { ok: false, error: `change ${c.field} is too large` };
    out.push({ field: c.field, value: c.value ?? null });
  }
  return { ok: true, value: out };
}

export function checkDraft(x: unknown, now: number): Checked<RecordDraft> {
  if (!isObj(x)) return { ok: false, error: 'draft must be an object' };
  if (!oneOf(PLATFORMS, x.platform)) return { ok: false, error: 'unknown platform' };
  if (!oneOf(KINDS, x.kind)) return { ok: false, error: 'unknown kind' };
  if (!oneOf(STATUSES, x.status)) return { ok: false, error: 'unknown status' };
  if (!str(x.key, LIMITS.keyLength)) return { ok: false, error: 'key must be a non-empty string' };
  if (!checkTime(x.observedAt, now)) return { ok: false, error: 'observedAt is not a plausible time' };
  const errors = checkErrors(x.errors);
  if (!errors.ok) return errors;
  const changes = checkChanges(x.changes);
  if (!changes.ok) return changes;
  const draft: RecordDraft = {
    key: x.key,
    platform: x.platform,
    kind: x.kind,
    status: x.status,
    observedAt: x.observedAt,
    errors: errors.value,
    changes: changes.value,
  };
  for (const f of ID_FIELDS) {
    const v = x[f];
    if (v === undefined) continue;
    if (!str(v, LIMITS.idLength)) return { ok: false, error: `${f} must be a non-empty string` };
    draft[f] = v;
  }
  if (x.title !== undefined) {
    if (!str(x.title, LIMITS.titleLength)) return { ok: false, error: 'title must be a string' };
    draft.title = x.title;
  }
  if (x.attempt !== undefined) {
    if (x.attempt !== true) return { ok: false, error: 'attempt must be true when present' };
    draft.attempt = true;
  }
  if (x.listingUrl !== undefined) {
    const link = safeLink(x.platform, x.listingUrl);
    if (!link) return { ok: false, error: 'listingUrl is not an https link to the platform' };
    draft.listingUrl = link;
  }
  return { ok: true, value: draft };
}

export function checkJob(x: unknown, now: number): Checked<JobSettlement> {
  if (!isObj(x)) return { ok: false, error: 'job must be an object' };
  if (!oneOf(PLATFORMS, x.platform)) return { ok: false, error: 'unknown platform' };
  if (!oneOf(STATUSES, x.status)) return { ok: false, error: 'unknown status' };
  if (!str(x.jobId, LIMITS.idLength)) return { ok: false, error: 'jobId must be a string' };
  if (!checkTime(x.observedAt, now)) return { ok: false, error: 'observedAt is not a plausible time' };
  const errors = checkErrors(x.errors);
  if (!errors.ok) return errors;
  return {
    ok: true,
    value: { platform: x.platform, status: x.status, jobId: x.jobId, observedAt: x.observedAt, errors: errors.value },
  };
}

export function checkUnrecognised(x: unknown, now: number): Checked<UnrecognisedOp> {
  if (!isObj(x)) return { ok: false, error: 'operation must be an object' };
  if (!oneOf(PLATFORMS, x.platform)) return { ok: false, error: 'unknown platform' };
  if (!str(x.method, 10) || !/^[A-Z]+$/.test(x.method)) return { ok: false, error: 'bad method' };
  if (!str(x.endpoint, 300)) return { ok: false, error: 'endpoint must be a string' };
  if (!checkTime(x.observedAt, now)) return { ok: false, error: 'observedAt is not a plausible time' };
  const op: UnrecognisedOp = { platform: x.platform, method: x.method, endpoint: x.endpoint, observedAt: x.observedAt };
  if (x.operation !== undefined) {
    if (!str(x.operation, 100) || !/^[A-Za-z0-9_]+$/.test(x.operation)) return { ok: false, error: 'bad operation name' };
    op.operation = x.operation;
  }
  if (x.captureId !== undefined) {
    if (typeof x.captureId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(x.captureId)) return { ok: false, error: 'bad captureId' };
    op.captureId = x.captureId;
  }
  if (x.shape !== undefined) {
    if (!str(x.shape, SHAPE_MAX_CHARS) || !SHAPE_CHARS.test(x.shape)) return { ok: false, error: 'bad shape signature' };
    op.shape = x.shape;
  }
  return { ok: true, value: op };
}

/** Checks a list, all or nothing: one bad item refuses the whole message. */
export function checkAll<T>(x: unknown, max: number, check: (item: unknown) => Checked<T>): Checked<T[]> {
  if (x === undefined) return { ok: true, value: [] };
  if (!Array.isArray(x)) return { ok: false, error: 'expected a list' };
  if (x.length > max) return { ok: false, error: `more than ${max} items` };
  const out: T[] = [];
  for (let i = 0; i < x.length; i++) {
    const r = check(x[i]);
    if (!r.ok) return { ok: false, error: `item ${i}: ${r.error}` };
    out.push(r.value);
  }
  return { ok: true, value: out };
}
