import { tapRouter } from '../platforms/tapRoutes';
import { type Exchange, TAP_LEAVING, TAP_SOURCE, TAP_VERSION, type TapMessage } from './envelope';
import { installTap, type TapWindow } from './tap';

/**
 * The tap as the portal pages get it (entrypoints/tap.content.ts): the match half of the routing
 * table decides (lib/platforms/tapRoutes.ts),
 * each exchange is posted to this window for the isolated content script. One function, so
 * the benchmark measures exactly what ships.
 */
const message = (exchange: Exchange): TapMessage => ({ source: TAP_SOURCE, v: TAP_VERSION, exchange });

export function tapPortal(win: TapWindow & Pick<Window, 'postMessage' | 'dispatchEvent'> & { location: Pick<Location, 'origin'> }): void {
  const leave = (exchange: Exchange): void => {
    win.dispatchEvent(new CustomEvent(TAP_LEAVING, { detail: JSON.stringify(message(exchange)) }));
  };
  // Posted, not delivered yet: a window message is dispatched in a later task, and a page that
  // leaves first drops it. Its dispatch reaches this listener and the content script's together,
  // so what this listener has not seen, the content script has not either: handed over at pagehide.
  const inFlight = new Map<unknown, Exchange>();
  try {
    win.addEventListener('message', (e: Event) => {
      const data = (e as MessageEvent).data as { source?: unknown; exchange?: { captureId?: unknown } } | null;
      // Only string keys are kept: any other captureId deletes nothing.
      if (data?.source === TAP_SOURCE) inFlight.delete(data.exchange?.captureId);
    });
    win.addEventListener('pagehide', () => {
      for (const ex of inFlight.values()) leave(ex);
      inFlight.clear();
    });
  } catch {
    /* a page without events: messages only */
  }
  installTap(win, {
    // Per envelope version: after an update that changes it, the old tap's messages are refused, the new tap reports.
    once: `sync-history:tap:v${TAP_VERSION}`,
    // The routing table's `knowsHost` and `decide`.
    ...tapRouter,
    emit: (exchange) => {
      inFlight.set(exchange.captureId, exchange);
      win.postMessage(message(exchange), win.location.origin);
    },
    // The page is leaving: a window message would be delivered to no one. A DOM event runs
    // the content script's listener in this same task (a string crosses the worlds as is).
    emitNow: leave,
  });
}
