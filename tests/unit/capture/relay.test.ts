import { describe, expect, it } from 'vitest';
import { type CaptureMessage, createRelay, OUTBOX_KEY, OUTBOX_MAX, type RelayDeps } from '@/lib/capture/relay';
import type { Reply } from '@/lib/messaging';

const msg = (n: number): CaptureMessage => ({
  type: 'capture',
  captureId: `capture-${String(n).padStart(4, '0')}`,
  drafts: [],
  jobs: [],
  unrecognised: [{ platform: 'takealot', method: 'POST', endpoint: `x/${n}`, observedAt: 1 }],
});

/** sessionStorage in memory, counting the characters written (the page's serialising work). */
function memoryStorage() {
  const m = new Map<string, string>();
  const writes = { chars: 0, calls: 0 };
  return {
    m,
    writes,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes.chars += v.length;
      writes.calls += 1;
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}
const outboxKeys = (m: Map<string, string>) => [...m.keys()].filter((k) => k.startsWith(`${OUTBOX_KEY}:`));
const item = (n: number) => ({ id: msg(n).captureId, msg: msg(n) });

function relay(replies: (Reply<'capture'> | Error | undefined)[], over: Partial<RelayDeps> = {}) {
  const sent: CaptureMessage[] = [];
  const waits: number[] = [];
  const storage = memoryStorage();
  const r = createRelay({
    send: async (m) => {
      sent.push(m);
      const next = replies.shift();
      if (next instanceof Error) throw next;
      return next;
    },
    storage,
    alive: () => true,
    wait: async (ms) => void waits.push(ms),
    ...over,
  });
  return { r, sent, waits, storage };
}

describe('content script outbox', () => {
  it('retries with backoff until the background acknowledges (worker asleep or restarting)', async () => {
    const { r, sent, waits, storage } = relay([
      new Error('Could not establish connection. Receiving end does not exist.'),
      undefined,
      { ok: true, written: 1 },
    ]);
    await r.push(item(1));
    expect(sent).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(r.pending()).toBe(0);
    expect(outboxKeys(storage.m)).toEqual([]);
  });

  it('keeps a capture the background could not store yet (storage full) and sends it again', async () => {
    const { r, sent } = relay([
      { ok: false, error: 'QuotaExceededError', retry: true },
      { ok: false, error: 'QuotaExceededError', retry: true },
      { ok: true, written: 1 },
    ]);
    await r.push(item(1));
    expect(sent).toHaveLength(3);
    expect(r.pending()).toBe(0);
  });

  it('drops a capture the background refused as invalid (it would be refused forever)', async () => {
    const refused: string[] = [];
    const { r, sent } = relay([{ ok: false, error: 'drafts: item 0: unknown platform' }], { onRefused: (e) => refused.push(e) });
    await r.push(item(1));
    expect(sent).toHaveLength(1);
    expect(refused).toEqual(['drafts: item 0: unknown platform']);
  });

  it('when the extension was reloaded: keeps everything in sessionStorage and tells the page once per attempt', async () => {
    const dead: number[] = [];
    const { r, sent, storage } = relay([], { alive: () => false, onDead: (n) => dead.push(n) });
    await r.push(item(1));
    await r.push(item(2));
    expect(sent).toHaveLength(0);
    expect(dead).toEqual([1, 2]);
    expect(outboxKeys(storage.m)).toHaveLength(2);

    // The reloaded page of the same tab finds the outbox and sends it, once per capture.
    const next = relay([
      { ok: true, written: 1 },
      { ok: true, written: 1 },
    ]);
    for (const k of outboxKeys(storage.m)) next.storage.m.set(k, storage.m.get(k)!);
    await next.r.restore();
    await next.r.restore();
    expect(next.sent.map((m) => m.unrecognised[0]!.endpoint)).toEqual(['x/1', 'x/2']);
    expect(outboxKeys(next.storage.m)).toEqual([]);
  });

  it('discards a corrupted or forged outbox entry, and says so', async () => {
    const refused: string[] = [];
    const { r, sent, storage } = relay([], { onRefused: (e) => refused.push(e) });
    storage.m.set(`${OUTBOX_KEY}:capture-0001`, '{"not": "a list"');
    storage.m.set(`${OUTBOX_KEY}:x`, JSON.stringify({ seq: 0, msg: { type: 'other' } }));
    // A well-formed message under another capture's key.
    storage.m.set(`${OUTBOX_KEY}:capture-0009`, JSON.stringify({ seq: 0, msg: msg(2) }));
    storage.m.set('unrelated', 'kept');
    await r.restore();
    expect(sent).toHaveLength(0);
    expect(refused).toHaveLength(3);
    expect([...storage.m.keys()]).toEqual(['unrelated']);
  });

  it('a restored entry passes the same checks as a fresh capture (accept), or is discarded', async () => {
    const refused: string[] = [];
    const { r, sent, storage } = relay([{ ok: true, written: 1 }], {
      onRefused: (e) => refused.push(e),
      accept: (m) => (m.captureId === 'capture-0001' ? { ok: true, value: m } : { ok: false, error: 'not a takealot capture' }),
    });
    for (const n of [1, 2]) storage.m.set(`${OUTBOX_KEY}:${msg(n).captureId}`, JSON.stringify({ seq: n, msg: msg(n) }));
    await r.restore();
    expect(sent.map((m) => m.captureId)).toEqual(['capture-0001']);
    expect(refused).toEqual(['outbox entry discarded: not a takealot capture']);
    expect(outboxKeys(storage.m)).toEqual([]);
  });

  it('writes each capture once, whatever the queue holds: O(1) per push (issue #10 item 4)', async () => {
    const { r, storage } = relay([], { alive: () => false });
    const perPush: number[] = [];
    for (let n = 0; n < 400; n++) {
      const before = storage.writes.chars;
      await r.push(item(n));
      perPush.push(storage.writes.chars - before);
    }
    // The 400th push writes what the 1st did (the old outbox rewrote the whole queue: 400×).
    expect(Math.max(...perPush)).toBeLessThanOrEqual(perPush[0]! + 8);
    expect(storage.writes.calls).toBe(400);
  });

  it(`holds at most ${OUTBOX_MAX} captures; beyond, a capture is refused with a reason`, async () => {
    const refused: string[] = [];
    const { r, storage } = relay([], { alive: () => false, onRefused: (e) => refused.push(e) });
    for (let n = 0; n < OUTBOX_MAX + 5; n++) await r.push(item(n));
    expect(r.pending()).toBe(OUTBOX_MAX);
    expect(outboxKeys(storage.m)).toHaveLength(OUTBOX_MAX);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toBe(`more than ${OUTBOX_MAX} captures are waiting to be saved`);
  });
});

describe('request()', () => {
  // Regression (found by the e2e fault test): a worker stopped mid-message answers
  // undefined; that was read as a refusal and the capture was dropped.
  it('an empty answer (worker stopped mid-message) is retried, not a refusal', async () => {
    const { request } = await import('@/lib/messaging');
    const reply = await request(async () => undefined, {
      type: 'capture',
      captureId: 'capture-0001',
      drafts: [],
      jobs: [],
      unrecognised: [],
    });
    expect(reply).toEqual({ ok: false, error: 'no answer from the background', retry: true });
  });
});

describe('orphaned content script', () => {
  it('"Extension context invalidated" stops sending, keeps the outbox and tells the page', async () => {
    const dead: number[] = [];
    const { r, sent, storage } = relay([new Error('Extension context invalidated.')], { onDead: (n) => dead.push(n) });
    await r.push(item(1));
    expect(sent).toHaveLength(1);
    expect(dead).toEqual([1]);
    expect(outboxKeys(storage.m)).toHaveLength(1);
  });
});
