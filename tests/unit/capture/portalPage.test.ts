import { describe, expect, it } from 'vitest';
import { CAPTURE_BUDGET } from '@/lib/background/limits';
import { type Exchange, TAP_LEAVING_MAX, TAP_SOURCE, TAP_VERSION } from '@/lib/capture/envelope';
import { CTX_KEY, createPortalPage, restoreContext } from '@/lib/capture/portalPage';
import { createRelay, OUTBOX_KEY, type OutboxItem } from '@/lib/capture/relay';
import type { Portal } from '@/lib/platforms/capture';
import { makroPortal } from '@/lib/platforms/makro/portal';
import { shopifyPortal } from '@/lib/platforms/shopify/portal';
import { takealotPortal } from '@/lib/platforms/takealot/portal';
import { exchangeOf, loadFixture } from '../../helpers/fixtures';

/**
 * Issue #10 items 2–4, the content script's side: what a hostile script in the portal
 * page can post (window messages) or write (sessionStorage) is checked like a fresh page
 * message, bound to this page's platform, before anything is queued.
 */
const NOW = Date.UTC(2026, 10, 27, 10, 30);
const envelope = (exchange: Exchange) => ({ source: TAP_SOURCE, v: TAP_VERSION, exchange });

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

/** The portal whose content script the browser runs on `href` (each script's `matches`). */
const portalOf = (href: string): Portal =>
  [takealotPortal, makroPortal, shopifyPortal].find((p) => p.isPage(new URL(href))) ?? takealotPortal;

function page(href: string, storage = memoryStorage(), portal = portalOf(href)) {
  const pushed: OutboxItem[] = [];
  const refused: string[] = [];
  let url = href;
  const p = createPortalPage({
    portal,
    href: () => url,
    storage,
    push: (item) => pushed.push(item),
    now: () => NOW,
    onRefused: (r) => refused.push(r),
  });
  const go = (to: string): void => {
    url = to;
  };
  return { p, pushed, refused, storage, go };
}

const failedUpdate = loadFixture('takealot/offer-update-validation-errors');

describe('platform binding in the page', () => {
  it('a Takealot page queues a Takealot exchange made from that page', () => {
    const { p, pushed } = page(failedUpdate.pageUrl);
    expect(p.onMessage(envelope(exchangeOf(failedUpdate)))).toBe(true);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.msg.captureId).toBe(pushed[0]!.id);
  });

  it("a Shopify page runs nothing on a forged Takealot exchange (another platform's API)", () => {
    const { p, pushed } = page('https://admin.shopify.com/store/kk/products/1');
    const forged = exchangeOf(failedUpdate, { pageUrl: 'https://admin.shopify.com/store/kk/products/1' });
    // Shopify's script knows Shopify's routes only: Takealot's API is nothing to it.
    expect(p.onMessage(envelope(forged))).toBe(false);
    expect(pushed).toEqual([]);
    // The same exchange from the Takealot page it names is captured: the forgery failed on the platform alone.
    expect(page(failedUpdate.pageUrl).p.onMessage(envelope(exchangeOf(failedUpdate)))).toBe(true);
  });

  it('a script on a page outside its portal captures nothing (the Takealot script on a Shopify page)', () => {
    const shopifyPage = 'https://admin.shopify.com/store/kk/products/1';
    const { p, pushed } = page(shopifyPage, memoryStorage(), takealotPortal);
    expect(p.platform).toBeUndefined();
    expect(p.onMessage(envelope(exchangeOf(failedUpdate, { pageUrl: shopifyPage })))).toBe(false);
    expect(pushed).toEqual([]);
  });

  it('refuses an exchange whose pageUrl is not this page; accepts a route this SPA has shown', () => {
    const { p, pushed, refused, go } = page(failedUpdate.pageUrl);
    const elsewhere = exchangeOf(failedUpdate, { pageUrl: 'https://sellers.takealot.com/somewhere-never-shown' });
    expect(p.onMessage(envelope(elsewhere))).toBe(false);
    expect(refused).toEqual(['an exchange whose pageUrl is not this page']);
    // Saved on one route, answered after the SPA moved on: still this page's.
    const start = exchangeOf(failedUpdate);
    go('https://sellers.takealot.com/offers/list');
    p.sawUrl('https://sellers.takealot.com/offers/list');
    expect(p.onMessage(envelope(start))).toBe(true);
    expect(pushed).toHaveLength(1);
  });

  it("the tap's leaving event (JSON in its detail) gets exactly the checks of a window message", () => {
    const { p, pushed, refused } = page(failedUpdate.pageUrl);
    const real = exchangeOf(failedUpdate);
    expect(p.onLeaving(JSON.stringify(envelope(real)))).toBe(true);
    expect(pushed).toHaveLength(1);
    // Hostile details: not a string, too long, not JSON, another platform's exchange, a replay.
    expect(p.onLeaving(envelope(exchangeOf(failedUpdate)))).toBe(false);
    expect(p.onLeaving(' '.repeat(TAP_LEAVING_MAX + 1))).toBe(false);
    expect(p.onLeaving('{"source":')).toBe(false);
    const shopify = exchangeOf(failedUpdate, {
      captureId: 'leaving-0000000002',
      url: 'https://admin.shopify.com/api/shopify/kk?operation=ProductUpdate&type=mutation',
    });
    expect(p.onLeaving(JSON.stringify(envelope(shopify)))).toBe(false);
    const edited = { ...real, status: 200, responseBody: { offer: { offer_id: 1, sku: 'FORGED' } } };
    expect(p.onLeaving(JSON.stringify(envelope(edited)))).toBe(false);
    expect(pushed).toHaveLength(1);
    expect(refused).toEqual([
      'a leaving message that is not JSON',
      expect.stringMatching(/^capture cap-\d+ was already recorded with other content$/),
    ]);
  });

  it('one captureId, one request: an edited replay is refused', () => {
    const { p, pushed, refused } = page(failedUpdate.pageUrl);
    const real = exchangeOf(failedUpdate);
    expect(p.onMessage(envelope(real))).toBe(true);
    const edited = { ...real, status: 200, responseBody: { offer: { offer_id: 1, sku: 'FORGED' } } };
    expect(p.onMessage(envelope(edited))).toBe(false);
    expect(pushed).toHaveLength(1);
    expect(refused[0]).toMatch(/^capture cap-\d+ was already recorded with other content$/);
  });

  it(`a flood of tap-shaped messages queues at most the page's budget (${CAPTURE_BUDGET.messagesPerMinute} a minute)`, () => {
    const { p, pushed, refused } = page(failedUpdate.pageUrl);
    for (let i = 0; i < 5000; i++) p.onMessage(envelope(exchangeOf(failedUpdate)));
    expect(pushed).toHaveLength(CAPTURE_BUDGET.messagesPerMinute);
    expect(refused).toHaveLength(5000 - CAPTURE_BUDGET.messagesPerMinute);
  });
});

describe('page-owned sessionStorage is untrusted (item 3)', () => {
  it.each([
    ['not JSON', '{'],
    ['a list', '[]'],
    ['a huge store id', JSON.stringify({ takealot: { storeId: 'x'.repeat(5000) } })],
    ['an email as store id', JSON.stringify({ takealot: { storeId: 'me@example.com' } })],
    ['a number', JSON.stringify({ takealot: { storeId: 42 } })],
    ['extra fields', JSON.stringify({ takealot: { storeId: '1001', evil: 'x' } })],
  ])('a context of the wrong shape is discarded: %s', (_name, raw) => {
    expect(restoreContext(raw, 'takealot')).toEqual({});
  });

  it("keeps a good context only for this page's platform", () => {
    const raw = JSON.stringify({ takealot: { storeId: '1001' }, shopify: { storeId: 'other' } });
    expect(restoreContext(raw, 'takealot')).toEqual({ takealot: { storeId: '1001' } });
    expect(restoreContext(raw, 'makro')).toEqual({});
  });

  it('a poisoned context no longer makes every real capture in the tab be refused', () => {
    const storage = memoryStorage({ [CTX_KEY]: JSON.stringify({ takealot: { storeId: 'y'.repeat(5000) } }) });
    const { p, pushed } = page(failedUpdate.pageUrl, storage);
    expect(p.context()).toEqual({});
    expect(p.onMessage(envelope(exchangeOf(failedUpdate)))).toBe(true);
    expect(pushed[0]!.msg.drafts.every((d) => (d.storeId ?? '').length < 200)).toBe(true);
  });

  it('a forged outbox entry (other platform, email store id, formula SKU, login link) is discarded on restore', async () => {
    const storage = memoryStorage();
    const forge = (id: string, draft: Record<string, unknown>) =>
      storage.setItem(
        `${OUTBOX_KEY}:${id}`,
        JSON.stringify({ seq: 1, msg: { type: 'capture', captureId: id, drafts: [draft], jobs: [], unrecognised: [] } }),
      );
    const base = { key: 'k', kind: 'publish', status: 'success', observedAt: NOW - 1000, errors: [], changes: [] };
    forge('forged-0001', { ...base, platform: 'shopify', sku: 'X' });
    forge('forged-0002', { ...base, platform: 'takealot', listingUrl: 'https://attacker.example/login' });
    forge('forged-0003', { ...base, platform: 'takealot', sku: 'z'.repeat(300) });
    forge('forged-0004', { ...base, platform: 'takealot', observedAt: NOW + 86_400_000 });
    const { p, refused } = page(failedUpdate.pageUrl, storage);
    const sent: unknown[] = [];
    const relay = createRelay({
      send: async (m) => {
        sent.push(m);
        return { ok: true, written: 1 };
      },
      storage,
      alive: () => true,
      accept: p.accept,
      onRefused: (r) => refused.push(r),
    });
    await relay.restore();
    expect(sent).toEqual([]);
    expect(refused).toHaveLength(4);
    expect([...storage.m.keys()]).toEqual([]);
  });
});
