import { describe, expect, it } from 'vitest';
import { type CaptureMessage, createRelay, OUTBOX_KEY, type RelayDeps } from '@/lib/capture/relay';
import type { Reply } from '@/lib/messaging';

const msg = (n: number): CaptureMessage => ({
  type: 'capture',
  drafts: [],
  jobs: [],
  unrecognised: [{ platform: 'takealot', method: 'POST', endpoint: `x/${n}`, observedAt: 1 }],
});

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

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
    await r.push({ id: 'a', msg: msg(1) });
    expect(sent).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(r.pending()).toBe(0);
    expect(storage.m.has(OUTBOX_KEY)).toBe(false);
  });

  it('keeps a capture the background could not store yet (storage full) and sends it again', async () => {
    const { r, sent } = relay([
      { ok: false, error: 'QuotaExceededError', retry: true },
      { ok: false, error: 'QuotaExceededError', retry: true },
      { ok: true, written: 1 },
    ]);
    await r.push({ id: 'a', msg: msg(1) });
    expect(sent).toHaveLength(3);
    expect(r.pending()).toBe(0);
  });

  it('drops a capture the background refused as invalid (it would be refused forever)', async () => {
    const refused: string[] = [];
    const { r, sent } = relay([{ ok: false, error: 'drafts: item 0: unknown platform' }], { onRefused: (e) => refused.push(e) });
    await r.push({ id: 'a', msg: msg(1) });
    expect(sent).toHaveLength(1);
    expect(refused).toEqual(['drafts: item 0: unknown platform']);
  });

  it('when the extension was reloaded: keeps everything in sessionStorage and tells the page once per attempt', async () => {
    const dead: number[] = [];
    const { r, sent, storage } = relay([], { alive: () => false, onDead: (n) => dead.push(n) });
    await r.push({ id: 'a', msg: msg(1) });
    await r.push({ id: 'b', msg: msg(2) });
    expect(sent).toHaveLength(0);
    expect(dead).toEqual([1, 2]);
    expect(JSON.parse(storage.m.get(OUTBOX_KEY)!)).toHaveLength(2);

    // The reloaded page of the same tab finds the outbox and sends it, once per capture.
    const next = relay([
      { ok: true, written: 1 },
      { ok: true, written: 1 },
    ]);
    next.storage.m.set(OUTBOX_KEY, storage.m.get(OUTBOX_KEY)!);
    await next.r.restore();
    await next.r.restore();
    expect(next.sent.map((m) => m.unrecognised[0]!.endpoint)).toEqual(['x/1', 'x/2']);
    expect(next.storage.m.has(OUTBOX_KEY)).toBe(false);
  });

  it('ignores a corrupted or forged outbox', async () => {
    const { r, sent, storage } = relay([]);
    storage.m.set(OUTBOX_KEY, '{"not": "a list"');
    await r.restore();
    storage.m.set(OUTBOX_KEY, JSON.stringify([{ id: 1 }, { id: 'x', msg: { type: 'other' } }, null]));
    await r.restore();
    expect(sent).toHaveLength(0);
  });
});

describe('request()', () => {
  // Regression (found by the e2e fault test): a worker stopped mid-message answers
  // undefined; that was read as a refusal and the capture was dropped.
  it('an empty answer (worker stopped mid-message) is retried, not a refusal', async () => {
    const { request } = await import('@/lib/messaging');
    const reply = await request(async () => undefined, { type: 'capture', drafts: [], jobs: [], unrecognised: [] });
    expect(reply).toEqual({ ok: false, error: 'no answer from the background', retry: true });
  });
});

describe('orphaned content script', () => {
  it('"Extension context invalidated" stops sending, keeps the outbox and tells the page', async () => {
    const dead: number[] = [];
    const { r, sent, storage } = relay([new Error('Extension context invalidated.')], { onDead: (n) => dead.push(n) });
    await r.push({ id: 'a', msg: msg(1) });
    expect(sent).toHaveLength(1);
    expect(dead).toEqual([1]);
    expect(JSON.parse(storage.m.get(OUTBOX_KEY)!)).toHaveLength(1);
  });
});
