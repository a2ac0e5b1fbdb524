import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from '@playwright/test';
import { openDb } from '@/lib/db/schema';
import { createHandler } from '@/lib/handlers';
import type { RecordDraft } from '@/lib/records/record';
import { redactText } from '@/lib/records/redact';
import { LIMITS } from '@/lib/records/validate';
import { jsonClose, jsonOpen, jsonRecord } from '@/lib/transfer/exportFile';
import { readExport } from '@/lib/transfer/importFile';

/**
 * `npm run bench`, hostile inputs (issue #10 item 1). Prints how long the redaction takes on
 * inputs built to make backtracking patterns slow, against the patterns this replaced (the
 * baseline, in the same process), and the worst time a hostile capture of the capped size
 * takes in the background's handler and a hostile export file in the side panel's reader.
 * Nothing is asserted against a clock; tests/unit/records/redact.test.ts checks the patterns.
 */
const OLD_PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, '[redacted token]'],
  [/\b(api[-_ ]?key|token|password|secret|session(id)?|csrf[-_ ]?token)\s*[=:]\s*["']?[^\s"'&,;]+/gi, '$1=[redacted]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[redacted email]'],
  [/(?:\+27|\b0)[\s-]?\d{2}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[redacted phone]'],
];
const oldRedact = (s: string): string => OLD_PATTERNS.reduce((out, [re, by]) => out.replace(re, by), s);

/** Text shaped to make a backtracking pattern try every start position. */
const HOSTILE: Record<string, (n: number) => string> = {
  'a-run': (n) => 'a'.repeat(n),
  'email-local-part': (n) => `${'a.'.repeat(n >> 1)}`,
  'jwt-prefix': (n) => 'eyJ-'.repeat(n >> 2),
  'digit-spaces': (n) => '0 '.repeat(n >> 1),
  'bearer-token': (n) => `Bearer ${'A'.repeat(n)}`,
  'hex-runs': (n) => `${'f'.repeat(31)} `.repeat(n >> 5),
};

const ms = (f: () => unknown): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const r1 = (x: number): number => Math.round(x * 10) / 10;

test('hostile inputs: redaction, the capture handler and the import reader', async () => {
  const out: Record<string, unknown> = {};
  // 1. Redaction, new against old, on the same inputs.
  const redaction: Record<string, { chars: number; oldMs: number; newMs: number; ratio: number }> = {};
  for (const [name, make] of Object.entries(HOSTILE)) {
    for (const n of [8_000, 32_000]) {
      const s = make(n);
      const oldMs = ms(() => oldRedact(s));
      const newMs = Math.max(
        0.01,
        ms(() => redactText(s)),
      );
      redaction[`${name}@${n}`] = { chars: s.length, oldMs: r1(oldMs), newMs: r1(newMs), ratio: r1(oldMs / newMs) };
    }
  }
  out.redaction = redaction;

  // 2. The handler: a hostile capture just under the text cap, every string hostile.
  const db = openDb(`bench-hostile-${Date.now()}`);
  const data = new Map<string, unknown>();
  const handle = createHandler({
    db,
    extensionId: 'x'.repeat(32),
    extensionOrigin: 'chrome-extension://x',
    now: Date.now,
    store: { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v) },
    setBadge: async () => undefined,
    startPrune: () => undefined,
  });
  const kinds = Object.values(HOSTILE);
  const drafts: RecordDraft[] = [];
  let chars = 0;
  for (let i = 0; chars < LIMITS.textPerMessage * 0.97; i++) {
    const k = kinds[i % kinds.length]!;
    const d: RecordDraft = {
      key: `hostile-${i}`,
      platform: 'takealot',
      kind: 'publish',
      status: 'failed',
      observedAt: Date.now() - 1000,
      title: k(LIMITS.titleLength).slice(0, LIMITS.titleLength),
      errors: [{ message: k(LIMITS.messageLength).slice(0, LIMITS.messageLength) }],
      changes: [{ field: 'description', value: k(3800).slice(0, 3800) }],
    };
    chars += 500 + 2000 + 3800 + 60;
    drafts.push(d);
  }
  const sender = { id: 'x'.repeat(32), url: 'https://sellers.takealot.com/offers', tab: { id: 1 }, frameId: 0 };
  const t0 = performance.now();
  const reply = await handle({ type: 'capture', captureId: 'bench-hostile-1', drafts, jobs: [], unrecognised: [] }, sender);
  const handlerMs = performance.now() - t0;
  const redactOnlyMs = ms(() => {
    for (const d of drafts) {
      redactText(d.title!);
      redactText(d.errors[0]!.message);
      redactText(String(d.changes[0]!.value));
    }
  });
  out.handler = {
    drafts: drafts.length,
    chars,
    reply: reply.ok ? 'written' : reply.error,
    totalMs: r1(handlerMs),
    redactionMs: r1(redactOnlyMs),
  };

  // 3. The side panel's reader: a hostile export of 0.5 MB and of 8 MB (every record a worst case).
  const files: Record<string, { bytes: number; records: number; ok: boolean; ms: number }> = {};
  for (const target of [512 * 1024, 8 * 1024 * 1024]) {
    const parts = [jsonOpen(Date.now())];
    let n = 0;
    let size = parts[0]!.length;
    while (size < target) {
      const k = kinds[n % kinds.length]!;
      const at = Date.now() - 3_600_000;
      const rec = {
        id: `TAL-${String(n).padStart(11, '0')}`,
        platform: 'takealot' as const,
        kind: 'publish' as const,
        status: 'failed' as const,
        syncedAt: at,
        createdAt: at,
        title: k(1000).slice(0, 1000),
        errors: [{ message: k(4000).slice(0, 4000) }],
        changes: [],
        history: [{ status: 'failed' as const, at }],
      };
      const line = jsonRecord(rec, n++);
      parts.push(line);
      size += line.length;
    }
    parts.push(jsonClose());
    const text = parts.join('');
    const t = performance.now();
    const r = await readExport(text, { now: Date.now() + 1 });
    files[`${Math.round(target / 1024)}kB`] = { bytes: text.length, records: n, ok: r.ok, ms: r1(performance.now() - t) };
  }
  out.importReader = files;

  console.log(`[bench:hostile] ${JSON.stringify(out, null, 1)}`);
  const dir = resolve(import.meta.dirname, '..', '..', 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'hostile.json'), `${JSON.stringify(out, null, 2)}\n`);
});
