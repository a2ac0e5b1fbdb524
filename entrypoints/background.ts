import { type BadgeView, refreshBadge } from '@/lib/badge';
import { openDb } from '@/lib/db/schema';
import { createHandler } from '@/lib/handlers';
import { createPruner } from '@/lib/retention';
import { keyValueStore } from '@/lib/storageArea';

const PRUNE_ALARM = 'prune-history';

/** Wiring only: listeners are registered synchronously so a waking worker hears its event. */
export default defineBackground(() => {
  const db = openDb();
  const report = (err: unknown) => console.error('[sync-history]', err);
  const store = keyValueStore(browser.storage.local);
  // MV3 has `action`; `browserAction` only for an MV2 build.
  const action = browser.action ?? browser.browserAction;
  const setBadge = async (view: BadgeView): Promise<void> => {
    await Promise.all([
      action.setBadgeText({ text: view.text }),
      action.setBadgeBackgroundColor({ color: view.color }),
      action.setTitle({ title: view.title }),
      // Chrome 110+ / Firefox 63+; without it Chrome picks a text colour itself.
      'setBadgeTextColor' in action ? action.setBadgeTextColor({ color: '#ffffff' }) : undefined,
    ]);
  };
  const badge = () => refreshBadge({ db, store, setBadge }).then(() => undefined, report);
  const prune = createPruner({ db, store, now: Date.now, afterPrune: badge });
  const startPrune = () => void prune().catch(report);

  const handle = createHandler({
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    now: Date.now,
    store,
    setBadge,
    startPrune,
    report,
  });

  // Chromium's native onMessage ignores a returned promise: answer through sendResponse.
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
    handle(msg, sender).then(sendResponse, (err: unknown) =>
      sendResponse({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), retry: true }),
    );
    return true;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) startPrune();
  });
  // create() with an existing name restarts its period: a worker that wakes more often
  // than daily would never let it fire, so create it only when it is missing.
  void browser.alarms
    .get(PRUNE_ALARM)
    .then(async (a) => {
      if (!a) await browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
    })
    .catch(report);

  // Every start of the worker: the badge is not kept across browser restarts, and a
  // prune with nothing to do is one empty index range.
  void badge();
  startPrune();
});
