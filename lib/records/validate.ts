import { SHAPE_CHARS, SHAPE_MAX_CHARS } from '../platforms/drift';
import { capHistory } from './history';
import { recordId } from './id';
import { safeLink } from './links';
import {
  type Change,
  type ExportedRecord,
  ID_FIELDS,
  type JobSettlement,
  KINDS,
  PLATFORMS,
  type Platform,
  type RecordDraft,
  type RecordError,
  STATUSES,
  type StatusChange,
  type UnrecognisedOp,
} from './record';

/**
 * The one record validator, for both doors: what a portal page sends (drafts, job
 * settlements, unrecognised operations) and what an import file holds (stored records).
 * A page or a file can forge anything, so nothing is trusted and each check names the
 * field that is wrong. Pure: the background runs these between the sender and platform
 * checks and the redaction (lib/background/capture.ts, lib/background/imports.ts).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a capture may carry (a page's message). */
export const LIMITS = {
  idLength: 200,
  titleLength: 500,
  keyLength: 600,
  messageLength: 2000,
  errorsPerRecord: 100,
  changesPerRecord: 100,
  changeValueBytes: 4000,
  /** A Takealot batch holds up to 10,000 items (docs/PORTALS.md): it is recorded whole. */
  draftsPerMessage: 10_000,
  jobsPerMessage: 100,
  unrecognisedPerMessage: 100,
  /**
   * All text of one capture message together (ids, titles, errors, change values), in
   * characters. A real 10,000-item batch with titles, SKUs and an error each is about 2.5 M;
   * beyond this the message is refused before any pattern runs over it.
   */
  textPerMessage: 4_000_000,
} as const;

/**
 * What a stored record may hold (an import). Redaction can lengthen text (`a@b.co` →
 * `[redacted email]`, at most about 2.8 times for text made only of the shortest secrets),
 * so these are three times LIMITS: an export of this extension always imports. Built in a pure
 * call: the portal scripts, which never import, would otherwise keep its property reads.
 */
export const RECORD_LIMITS = /* @__PURE__ */ (() =>
  ({
    idLength: 3 * LIMITS.idLength,
    titleLength: 3 * LIMITS.titleLength,
    messageLength: 3 * LIMITS.messageLength,
    codeLength: 3 * LIMITS.idLength,
    errorsPerRecord: LIMITS.errorsPerRecord,
    changesPerRecord: LIMITS.changesPerRecord,
    changeValueChars: 3 * LIMITS.changeValueBytes,
    /** A file's history longer than HISTORY_MAX is cut to its first and newest entries. */
    historyInFile: 10_000,
    /** A file from another computer whose clock runs a little ahead; later than this is refused. */
    futureSkewMs: 5 * 60_000,
  }) as const)();

export { capHistory, HISTORY_MAX } from './history';

/** How many records one 'import-records' message may carry (the UI sends 500). */
export const IMPORT_CHUNK_MAX = 1000;

/** Clock skew allowed between a page and the background for a capture. */
const CAPTURE_SKEW_MS = 60_000;
/** 2020-01-01: nothing of this extension is older. */
const EPOCH_FLOOR = 1_577_836_800_000;

// ---------------------------------------------------------------------------------------
// Narrowing helpers

export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T =>
  typeof x === 'string' && (list as readonly string[]).includes(x);
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** A non-empty string of at most `max` characters, or what is wrong with it. */
function textProblem(x: unknown, max: number): string | undefined {
  if (typeof x !== 'string') return 'must be a string';
  if (x.length === 0) return 'must not be empty';
  if (x.length > max) return `is longer than ${max} characters`;
  return undefined;
}

/** A plausible time: not before 2020, not later than `latest`. */
export function checkTime(x: unknown, latest: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > EPOCH_FLOOR && x <= latest;
}

interface TextLimits {
  idLength: number;
  messageLength: number;
  codeLength: number;
  errorsPerRecord: number;
  changesPerRecord: number;
  changeValueChars: number;
}
const CAPTURE_TEXT: TextLimits = { ...LIMITS, codeLength: LIMITS.idLength, changeValueChars: LIMITS.changeValueBytes };

function checkErrors(x: unknown, lim: TextLimits): Checked<RecordError[]> {
  if (!Array.isArray(x)) return fail('errors: must be a list');
  if (x.length > lim.errorsPerRecord) return fail(`errors: more than ${lim.errorsPerRecord}`);
  const out: RecordError[] = [];
  for (const [i, e] of x.entries()) {
    if (!isObj(e)) return fail(`errors[${i}]: must be an object`);
    const m = textProblem(e.message, lim.messageLength);
    if (m) return fail(`errors[${i}].message: ${m}`);
    const err: RecordError = { message: e.message as string };
    for (const f of ['code', 'field'] as const) {
      if (e[f] === undefined) continue;
      const p = textProblem(e[f], lim.codeLength);
      if (p) return fail(`errors[${i}].${f}: ${p}`);
      err[f] = e[f] as string;
    }
    out.push(err);
  }
  return { ok: true, value: out };
}

function checkChanges(x: unknown, lim: TextLimits): Checked<Change[]> {
  if (!Array.isArray(x)) return fail('changes: must be a list');
  if (x.length > lim.changesPerRecord) return fail(`changes: more than ${lim.changesPerRecord}`);
  const out: Change[] = [];
  for (const [i, c] of x.entries()) {
    if (!isObj(c)) return fail(`changes[${i}]: must be an object`);
    const p = textProblem(c.field, lim.idLength);
    if (p) return fail(`changes[${i}].field: ${p}`);
    let size: number;
    try {
      size = JSON.stringify(c.value ?? null).length;
    } catch {
      return fail(`changes[${i}].value: not JSON`);
    }
    if (size > lim.changeValueChars) return fail(`changes[${i}].value: larger than ${lim.changeValueChars} characters`);
    out.push({ field: c.field as string, value: c.value ?? null });
  }
  return { ok: true, value: out };
}

/**
 * The check of a record's `listingUrl`: the link kept, or undefined when it is not a link of the
 * platform's own (`safeLink`; a portal's content script passes the same check over its own
 * platform's shapes, `linkOf`, so it does not carry every platform's identity).
 */
export type LinkCheck = (platform: Platform, url: unknown) => string | undefined;

/** The id fields, the title and the link: shared by drafts and records. */
function checkListingFields(
  x: Record<string, unknown>,
  platform: Platform,
  lim: { idLength: number; titleLength: number },
  into: Partial<Record<(typeof ID_FIELDS)[number] | 'title' | 'listingUrl', string>>,
  link: LinkCheck,
): string | undefined {
  for (const f of ID_FIELDS) {
    if (x[f] === undefined) continue;
    const p = textProblem(x[f], lim.idLength);
    if (p) return `${f}: ${p}`;
    into[f] = x[f] as string;
  }
  if (x.title !== undefined) {
    const p = textProblem(x.title, lim.titleLength);
    if (p) return `title: ${p}`;
    into.title = x.title as string;
  }
  if (x.listingUrl !== undefined) {
    const kept = link(platform, x.listingUrl);
    if (!kept) return `listingUrl: not an https link to ${platform}`;
    into.listingUrl = kept;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The page's door

export function checkDraft(x: unknown, now: number): Checked<RecordDraft> {
  return checkDraftWith(x, now, safeLink);
}

/** `checkDraft` with the link check given (a content script's: its own platform's shapes). */
export function checkDraftWith(x: unknown, now: number, link: LinkCheck): Checked<RecordDraft> {
  if (!isObj(x)) return fail('draft: must be an object');
  if (!oneOf(PLATFORMS, x.platform)) return fail('platform: unknown platform');
  if (!oneOf(KINDS, x.kind)) return fail('kind: unknown kind');
  if (!oneOf(STATUSES, x.status)) return fail('status: unknown status');
  const k = textProblem(x.key, LIMITS.keyLength);
  if (k) return fail(`key: ${k}`);
  if (!checkTime(x.observedAt, now + CAPTURE_SKEW_MS)) return fail('observedAt: not a plausible time');
  const errors = checkErrors(x.errors, CAPTURE_TEXT);
  if (!errors.ok) return errors;
  const changes = checkChanges(x.changes, CAPTURE_TEXT);
  if (!changes.ok) return changes;
  const draft: RecordDraft = {
    key: x.key as string,
    platform: x.platform,
    kind: x.kind,
    status: x.status,
    observedAt: x.observedAt,
    errors: errors.value,
    changes: changes.value,
  };
  const p = checkListingFields(x, x.platform, LIMITS, draft, link);
  if (p) return fail(p);
  if (x.attempt !== undefined) {
    if (x.attempt !== true) return fail('attempt: must be true when present');
    draft.attempt = true;
  }
  return { ok: true, value: draft };
}

export function checkJob(x: unknown, now: number): Checked<JobSettlement> {
  if (!isObj(x)) return fail('job: must be an object');
  if (!oneOf(PLATFORMS, x.platform)) return fail('platform: unknown platform');
  if (!oneOf(STATUSES, x.status)) return fail('status: unknown status');
  const j = textProblem(x.jobId, LIMITS.idLength);
  if (j) return fail(`jobId: ${j}`);
  if (!checkTime(x.observedAt, now + CAPTURE_SKEW_MS)) return fail('observedAt: not a plausible time');
  const errors = checkErrors(x.errors, CAPTURE_TEXT);
  if (!errors.ok) return errors;
  return {
    ok: true,
    value: { platform: x.platform, status: x.status, jobId: x.jobId as string, observedAt: x.observedAt, errors: errors.value },
  };
}

export const isCaptureId = (x: unknown): x is string => typeof x === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(x);

export function checkUnrecognised(x: unknown, now: number): Checked<UnrecognisedOp> {
  if (!isObj(x)) return fail('operation: must be an object');
  if (!oneOf(PLATFORMS, x.platform)) return fail('platform: unknown platform');
  if (typeof x.method !== 'string' || !/^[A-Z]{1,10}$/.test(x.method)) return fail('method: not an HTTP method');
  const e = textProblem(x.endpoint, 300);
  if (e) return fail(`endpoint: ${e}`);
  if (!checkTime(x.observedAt, now + CAPTURE_SKEW_MS)) return fail('observedAt: not a plausible time');
  const op: UnrecognisedOp = { platform: x.platform, method: x.method, endpoint: x.endpoint as string, observedAt: x.observedAt };
  if (x.operation !== undefined) {
    if (typeof x.operation !== 'string' || !/^[A-Za-z0-9_]{1,100}$/.test(x.operation)) return fail('operation: not an operation name');
    op.operation = x.operation;
  }
  if (x.captureId !== undefined) {
    if (!isCaptureId(x.captureId)) return fail('captureId: not a capture id');
    op.captureId = x.captureId;
  }
  if (x.shape !== undefined) {
    if (textProblem(x.shape, SHAPE_MAX_CHARS) || !SHAPE_CHARS.test(x.shape as string)) return fail('shape: not a shape signature');
    op.shape = x.shape as string;
  }
  return { ok: true, value: op };
}

/** Checks a list, all or nothing: one bad item refuses the whole message. */
export function checkAll<T>(x: unknown, max: number, check: (item: unknown) => Checked<T>): Checked<T[]> {
  if (x === undefined) return { ok: true, value: [] };
  if (!Array.isArray(x)) return fail('expected a list');
  if (x.length > max) return fail(`more than ${max} items`);
  const out: T[] = [];
  for (let i = 0; i < x.length; i++) {
    const r = check(x[i]);
    if (!r.ok) return fail(`item ${i}: ${r.error}`);
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/**
 * Characters of text in a JSON-like value, counting at most up to `stop` (so a huge
 * message costs no more than the cap to measure). Strings count their length, keys too.
 */
export function textSize(x: unknown, stop: number): number {
  let total = 0;
  const stack: unknown[] = [x];
  while (stack.length > 0 && total <= stop) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length;
    else if (typeof v === 'number' || typeof v === 'boolean') total += 8;
    else if (Array.isArray(v)) {
      total += v.length;
      for (const y of v) stack.push(y);
    } else if (isObj(v)) {
      for (const k in v) {
        total += k.length;
        stack.push(v[k]);
      }
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------
// The file's door

/** `TAL-0A1B2C3D4E5`: the shape recordId() gives, with the platform's prefix. */
function idProblem(id: unknown, platform: Platform): string | undefined {
  if (typeof id !== 'string' || !/^[A-Z]{3}-[0-9A-Z]{11}$/.test(id)) return 'id: not a Sync History record id';
  if (id.slice(0, 4) !== recordId(platform, '').slice(0, 4)) return `id: not an id of a ${platform} record`;
  return undefined;
}

/** A record id on its own (rollback lists): any platform's shape. */
export function isRecordId(x: unknown): x is string {
  return PLATFORMS.some((p) => idProblem(x, p) === undefined);
}

function checkHistory(x: unknown, createdAt: number, latest: number): Checked<StatusChange[]> {
  if (!Array.isArray(x)) return fail('history: must be a list');
  if (x.length === 0) return fail('history: must not be empty');
  if (x.length > RECORD_LIMITS.historyInFile) return fail(`history: more than ${RECORD_LIMITS.historyInFile} entries`);
  const out: StatusChange[] = [];
  for (const [i, h] of x.entries()) {
    if (!isObj(h)) return fail(`history[${i}]: must be an object`);
    if (!oneOf(STATUSES, h.status)) return fail(`history[${i}].status: unknown status`);
    if (!checkTime(h.at, latest) || h.at < createdAt) return fail(`history[${i}].at: not a plausible time`);
    out.push({ status: h.status, at: h.at });
  }
  return { ok: true, value: capHistory(out) };
}

/**
 * Strict check of one record from an export file (or a rollback list). Unknown fields
 * are dropped; `listingUrl` must be an https link to the platform; a time more than a few
 * minutes ahead is refused (it would block real updates of that record). Errors name the field.
 */
export function checkRecord(x: unknown, now: number): Checked<ExportedRecord> {
  if (!isObj(x)) return fail('record: must be an object');
  if (!oneOf(PLATFORMS, x.platform)) return fail('platform: unknown platform');
  if (!oneOf(KINDS, x.kind)) return fail('kind: unknown kind');
  if (!oneOf(STATUSES, x.status)) return fail('status: unknown status');
  const idErr = idProblem(x.id, x.platform);
  if (idErr) return fail(idErr);
  const latest = now + RECORD_LIMITS.futureSkewMs;
  for (const f of ['createdAt', 'syncedAt'] as const) {
    const v = x[f];
    // A date a clock could show (Date's range), ahead of ours: say so; anything else is not a time.
    if (typeof v === 'number' && v > latest && v <= 8.64e15)
      return fail(`${f}: in the future (${new Date(v).toISOString()}); the computer that exported it may have a wrong clock`);
  }
  if (!checkTime(x.createdAt, latest)) return fail('createdAt: not a plausible time');
  if (!checkTime(x.syncedAt, latest)) return fail('syncedAt: not a plausible time');
  if (x.syncedAt < x.createdAt) return fail('syncedAt: before createdAt');
  const errors = checkErrors(x.errors, RECORD_LIMITS);
  if (!errors.ok) return errors;
  const changes = checkChanges(x.changes, RECORD_LIMITS);
  if (!changes.ok) return changes;
  const history = checkHistory(x.history, x.createdAt, latest);
  if (!history.ok) return history;
  const rec: ExportedRecord = {
    id: x.id as string,
    platform: x.platform,
    kind: x.kind,
    status: x.status,
    syncedAt: x.syncedAt,
    createdAt: x.createdAt,
    errors: errors.value,
    changes: changes.value,
    history: history.value,
  };
  const p = checkListingFields(x, x.platform, RECORD_LIMITS, rec, safeLink);
  if (p) return fail(p);
  return { ok: true, value: rec };
}
