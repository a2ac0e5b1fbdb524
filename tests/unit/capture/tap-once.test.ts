import { describe, expect, it } from 'vitest';
import type { Exchange } from '@/lib/capture/envelope';
import { installTap } from '@/lib/capture/tap';

/** The window's timer tasks, run by hand (`saveOnce`): no real time is waited on. */
const tasks: (() => void)[] = [];

/** A page window with a fetch that answers JSON, as the tap sees it. */
function fakeWindow() {
  const calls: string[] = [];
  tasks.length = 0;
  const win = {
    location: { href: 'https://sellers.takealot.com/offers', hostname: 'sellers.takealot.com' },
    setTimeout: (fn: () => void) => tasks.push(fn),
    Request,
    fetch: async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
  return { win: win as unknown as typeof globalThis, calls };
}

async function saveOnce(win: typeof globalThis): Promise<void> {
  await win.fetch('https://seller-api.takealot.com/v2/offers/offer/ID1', { method: 'PATCH', body: '{"sku":"A"}' });
  // Every task the taps deferred, and those they defer in turn, with their reads settled in between.
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 50; j++) await Promise.resolve();
    const task = tasks.shift();
    if (!task) return;
    task();
  }
  throw new Error('the taps kept deferring work');
}

describe('the tap, installed again into the same page (Firefox re-injects content scripts on reload/update)', () => {
  it('reports each save once when installed twice under the same key', async () => {
    const { win, calls } = fakeWindow();
    const seen: Exchange[] = [];
    const opts = {
      knowsHost: () => true,
      decide: () => 'read' as const,
      emit: (ex: Exchange) => seen.push(ex),
      once: 'sync-history:tap:test-1',
    };
    installTap(win, opts);
    installTap(win, opts);
    await saveOnce(win);
    expect(calls).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it('without the key (or under a new one) a second tap reports again: what the key prevents', async () => {
    const { win } = fakeWindow();
    const seen: Exchange[] = [];
    installTap(win, { knowsHost: () => true, decide: () => 'read', emit: (ex) => seen.push(ex), once: 'sync-history:tap:test-2a' });
    installTap(win, { knowsHost: () => true, decide: () => 'read', emit: (ex) => seen.push(ex), once: 'sync-history:tap:test-2b' });
    await saveOnce(win);
    expect(seen).toHaveLength(2);
  });
});
