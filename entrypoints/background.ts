import { openDb } from '@/lib/db/schema';
import { createHandler } from '@/lib/handlers';

/** Wiring only: the listener is registered synchronously so a waking worker hears its message. */
export default defineBackground(() => {
  const db = openDb();
  const handle = createHandler({
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    now: Date.now,
  });

  // Chromium's native onMessage ignores a returned promise: answer through sendResponse.
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
    handle(msg, sender).then(sendResponse, (err: unknown) =>
      sendResponse({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
    );
    return true;
  });
});
