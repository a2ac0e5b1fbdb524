import type { Change, RecordError } from './record';

/**
 * Defence in depth behind the per-platform allowlists in lib/platforms: whatever a
 * rule lets through, nothing that looks like a credential or personal contact detail
 * reaches storage.
 */
const SECRET_FIELD =
  /(authori[sz]ation|cookie|token|secret|passw(or)?d|api[-_ ]?key|apikey|session|csrf|bearer|credential|email|phone|mobile)/i;

const SECRET_VALUE: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, '[redacted token]'],
  [/\b(api[-_ ]?key|token|password|secret|session(id)?|csrf[-_ ]?token)\s*[=:]\s*["']?[^\s"'&,;]+/gi, '$1=[redacted]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[redacted email]'],
  [/(?:\+27|\b0)[\s-]?\d{2}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[redacted phone]'],
];

export function redactText(s: string): string {
  let out = s;
  for (const [re, by] of SECRET_VALUE) out = out.replace(re, by);
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
    if (r !== undefined) out[k] = r;
  }
  return out;
}

export function redactChanges(changes: Change[]): Change[] {
  return changes
    .filter((c) => !isSecretField(c.field))
    .map((c) => ({ field: c.field, value: redactValue(c.value) }))
    .filter((c) => c.value !== undefined);
}

export function redactErrors(errors: RecordError[]): RecordError[] {
  return errors.map((e) => ({
    message: redactText(e.message),
    ...(e.code !== undefined ? { code: redactText(e.code) } : {}),
    ...(e.field !== undefined ? { field: redactText(e.field) } : {}),
  }));
}
