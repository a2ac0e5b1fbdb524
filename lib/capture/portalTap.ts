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
  installTap(win, {
    // Per envelope version: after an update that changes it, the old tap's messages are refused, the new tap reports.
    once: `sync-history:tap:v${TAP_VERSION}`,
    knownHost: tapRouter.knowsHost,
    decide: tapRouter.decide,
    emit: (exchange) => win.postMessage(message(exchange), win.location.origin),
    // The page is leaving: a window message would be delivered to no one. A DOM event runs
    // the content script's listener in this same task (a string crosses the worlds as is).
    emitNow: (exchange) => win.dispatchEvent(new CustomEvent(TAP_LEAVING, { detail: JSON.stringify(message(exchange)) })),
  });
}
