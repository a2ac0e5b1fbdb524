import { describe, expect, it } from 'vitest';
import { TAP_LEAVING, TAP_SOURCE, type TapMessage } from '@/lib/capture/envelope';
import { tapPortal } from '@/lib/capture/portalTap';

/**
 * The tap as shipped, its posts and the page leaving ("Save and close"). A window message is
 * dispatched in a later task: a page that leaves first drops it. Found by the clean-clone CI:
 * the tap had posted the save, the page left before the message was dispatched, and the
 * capture was lost. What was posted but not dispatched is handed over at pagehide.
 */
function fakeWindow() {
  const events = new EventTarget();
  const queued: TapMessage[] = [];
  const leaving: TapMessage[] = [];
  events.addEventListener(TAP_LEAVING, (e) => leaving.push(JSON.parse((e as CustomEvent<string>).detail) as TapMessage));
  const win = {
    fetch: async () => new Response(JSON.stringify({ offer: { offer_id: 1, sku: 'KK-SLIDE-07' } }), { status: 200 }),
    XMLHttpRequest: class {},
    Request,
    setTimeout,
    location: {
      href: 'https://sellers.takealot.com/offers/create',
      hostname: 'sellers.takealot.com',
      origin: 'https://sellers.takealot.com',
    },
    addEventListener: events.addEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    postMessage: (m: TapMessage) => void queued.push(m),
  };
  /** The browser dispatches the queued window messages (a later task). */
  const deliver = () => {
    for (const m of queued.splice(0)) events.dispatchEvent(Object.assign(new Event('message'), { data: m }));
  };
  const leave = () => events.dispatchEvent(new Event('pagehide'));
  return { win, queued, leaving, deliver, leave };
}

const save = async (win: { fetch: typeof fetch }) => {
  const res = await win.fetch('https://seller-api.takealot.com/v2/offers/offer/BARCODE6009801234574', {
    method: 'POST',
    body: JSON.stringify({ sku: 'KK-SLIDE-07' }),
  });
  await res.json();
  for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 0)); // the tap's deferred post
};

describe('tapPortal: posted but not dispatched when the page leaves', () => {
  it('a posted save whose message the page never dispatched is handed over at pagehide', async () => {
    const { win, queued, leaving, leave } = fakeWindow();
    tapPortal(win as never);
    await save(win as never);
    expect(queued).toHaveLength(1); // posted, waiting for its task
    leave(); // the navigation commits first: the queued message is dropped
    expect(leaving).toHaveLength(1);
    expect(leaving[0]).toMatchObject({ source: TAP_SOURCE, exchange: { captureId: queued[0]!.exchange.captureId, status: 200 } });
  });

  it('a dispatched message is not handed over again', async () => {
    const { win, leaving, deliver, leave } = fakeWindow();
    tapPortal(win as never);
    await save(win as never);
    deliver();
    leave();
    expect(leaving).toHaveLength(0);
  });
});
