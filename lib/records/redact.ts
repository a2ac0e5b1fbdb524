import type { Change, ExportedRecord, JobSettlement, RecordDraft, RecordError, UnrecognisedOp } from './record';
import { ID_FIELDS } from './record';

/**
 * Defence in depth behind the per-platform allowlists in lib/platforms: whatever a rule
 * lets through, nothing that looks like a credential or personal contact detail reaches
 * storage. It is one explicit step in the background, between validation and the write
 * (lib/background/capture.ts, lib/background/imports.ts), and it covers every stored string.
 *
 * Every pattern runs in linear time (issue #10, item 1): each quantifier is bounded and
 * each pattern can only start where its token starts (a lookbehind for the character class
 * it repeats), so a long run of `a`s is scanned once, not once per starting position.
 * tests/unit/records/redact.test.ts checks the sources of these patterns for that.
 */
const SECRET_FIELD =
  /(authori[sz]ation|cookie|token|secret|passw(or)?d|passwd|pwd|api[-_ ]?key|apikey|access[-_]?key|private[-_]?key|session|csrf|xsrf|bearer|credential|hmac|signature|otp|e-?mail|phone|mobile|cell|login|user[-_]?name)/i;

/** Secret-looking query parameters and `key=value` / `"key": "value"` pairs. */
const SECRET_KEYS =
  'api[-_ ]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|token|client[-_]?secret|secret|passw(?:or)?d|passwd|pwd|session(?:[-_]?id)?|sid|csrf[-_]?token|xsrf[-_]?token|otp';
/** Only as URL query parameters: elsewhere "code: 42" is an error code. */
const URL_ONLY_KEYS = 'hmac|signature|sig|code|key';

/** A value after `=` or `:`: up to a separator. */
const VALUE = `[^\\s"'&,;<>]{1,4096}`;

export const SECRET_PATTERNS: readonly (readonly [RegExp, string])[] = [
  // PEM private keys: the marker and the base64 block after it.
  [/-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\s]{0,8192}(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g, '[redacted key]'],
  // Authorization / Cookie headers pasted into a message: the whole value.
  [
    /(?<![A-Za-z])(proxy-)?authori[sz]ation["']?\s{0,8}[=:]\s{0,8}["']?(?:[A-Za-z]{1,20}(?:\s|%20|\+){1,3})?[^\s"'&,;<>]{1,4096}/gi,
    'Authorization: [redacted]',
  ],
  [/(?<![A-Za-z-])(set-)?cookie["']?\s{0,8}:\s{0,8}[^\r\n"]{1,4096}/gi, 'Cookie: [redacted]'],
  [/(?<![A-Za-z])bearer(?:\s|%20|\+){1,3}[A-Za-z0-9\-._~+/]{8,4096}={0,3}/gi, 'Bearer [redacted]'],
  // JWTs, signed or not (`alg: none` leaves the signature empty).
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{0,4096}/g, '[redacted token]'],
  // Vendor tokens with a known prefix: Shopify (shpat/shpca/shppa/shpss/shpua), Stripe, GitHub, Slack, AWS, Google.
  [/(?<![A-Za-z0-9])shp(?:at|ca|pa|ss|ua|tka)_[A-Za-z0-9]{16,128}/g, '[redacted token]'],
  [/(?<![A-Za-z0-9])(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,128}/g, '[redacted token]'],
  [/(?<![A-Za-z0-9])(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,255}/g, '[redacted token]'],
  [/(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,255}/g, '[redacted token]'],
  [/(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g, '[redacted token]'],
  [/(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g, '[redacted token]'],
  // Credentials in a URL (https://user:pass@host).
  [/(?<=\/\/)[^\s/:@]{1,256}:[^\s/@]{1,256}@/g, '[redacted]@'],
  // key=value, "key": "value", ?key=value.
  [new RegExp(`(?<![A-Za-z])(${SECRET_KEYS})["']?\\s{0,8}[=:]\\s{0,8}["']?${VALUE}`, 'gi'), '$1=[redacted]'],
  [new RegExp(`([?&#;])(${URL_ONLY_KEYS})=[^&#\\s"'<>]{1,4096}`, 'gi'), '$1$2=[redacted]'],
  // Long hex runs: API keys and secrets (a Shopify API secret is 32 hex, many keys 64).
  [/(?<![A-Za-z0-9])[0-9a-f]{32,256}(?![A-Za-z0-9])/gi, '[redacted key]'],
  [
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g,
    '[redacted email]',
  ],
  // South African numbers in every common notation: +27 82 555 0199, 27 82…, +27 (0)82…,
  // (082) 123 4567, 082.123.4567, 082-123-4567, 0825550199.
  [
    /(?<![\w+])(?:(?:\+|00)27[\s.-]{0,2}(?:\(0\)[\s.-]{0,2})?|27[\s.-]{1,2}|\(0|0)[1-8]\d\)?[\s.-]{0,2}\d{3}[\s.-]{0,2}\d{4}(?!\d)/g,
    '[redacted phone]',
  ],
  // Any other number written in international form (+44 20 7946 0958).
  [/(?<![\w+])\+[1-9]\d{0,2}(?:[\s.-]{0,2}\(?\d{1,4}\)?){2,5}(?!\d)/g, '[redacted phone]'],
];

export function redactText(s: string): string {
  let out = s;
  for (const [re, by] of SECRET_PATTERNS) out = out.replace(re, by);
  return out;
}

export const isSecretField = (name: string): boolean => SECRET_FIELD.test(name);

const MAX_DEPTH = 4;

/** A JSON value with secret-looking keys dropped and secret-looking text masked. */
export function redactValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return redactText(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (depth >= MAX_DEPTH || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => redactValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, 50)) {
    if (isSecretField(k)) continue;
    const r = redactValue(x, depth + 1);
    if (r !== undefined) out[redactText(k)] = r;
  }
  return out;
}

export function redactChanges(changes: Change[]): Change[] {
  return changes
    .filter((c) => !isSecretField(c.field))
    .map((c) => ({ field: redactText(c.field), value: redactValue(c.value) }))
    .filter((c) => c.value !== undefined);
}

export function redactErrors(errors: RecordError[]): RecordError[] {
  return errors.map((e) => ({
    message: redactText(e.message),
    ...(e.code !== undefined ? { code: redactText(e.code) } : {}),
    ...(e.field !== undefined ? { field: redactText(e.field) } : {}),
  }));
}

type WithIds = Partial<Record<(typeof ID_FIELDS)[number], string>> & { title?: string; listingUrl?: string };

function redactIds<T extends WithIds>(x: T): T {
  const out = { ...x };
  for (const f of ID_FIELDS) {
    const v = out[f];
    if (v !== undefined) out[f] = redactText(v);
  }
  if (out.title !== undefined) out.title = redactText(out.title);
  if (out.listingUrl !== undefined && redactText(out.listingUrl) !== out.listingUrl) delete out.listingUrl;
  return out;
}

/**
 * A draft with every string it will store redacted: ids, title, errors, changes. A link
 * that carries a secret is dropped (a link with a mask in it would not open). The key is
 * not stored (it is hashed into the record id), so it is left as it is and the record id
 * stays stable.
 */
export function redactDraft(d: RecordDraft): RecordDraft {
  return { ...redactIds(d), errors: redactErrors(d.errors), changes: redactChanges(d.changes) };
}

export function redactJob(j: JobSettlement): JobSettlement {
  return { ...j, jobId: redactText(j.jobId), errors: redactErrors(j.errors) };
}

export function redactUnrecognised(op: UnrecognisedOp): UnrecognisedOp {
  const out = { ...op, endpoint: redactText(op.endpoint) };
  if (out.operation !== undefined) out.operation = redactText(out.operation);
  return out;
}

/** An imported record (a file is as untrusted as a page): every stored string. */
export function redactRecord(r: ExportedRecord): ExportedRecord {
  return { ...redactIds(r), errors: redactErrors(r.errors), changes: redactChanges(r.changes) };
}
