/**
 * First-run health (issue #11): Chrome does not inject content scripts into tabs that were
 * open before the extension was installed or updated, so those portal tabs record nothing
 * until they are reloaded. The popup asks each open portal tab's content script to answer
 * (the same `page-url` message "This listing" uses); a tab that cannot answer needs a reload.
 * Browser calls are injected so this stays testable.
 */
export interface PortalTab {
  id: number;
  title: string;
  url: string;
}

export interface HealthDeps {
  /** Open tabs whose address matches a portal (tabs.query with the portal match patterns). */
  portalTabs(): Promise<PortalTab[]>;
  /** Resolves when the tab's content script answers; rejects when no content script is there. */
  ping(tabId: number): Promise<unknown>;
}

/** How long a content script may take to answer before its tab counts as not recording. */
export const PING_TIMEOUT_MS = 1500;

/** The portal tabs that are not being recorded (no content script answers), in tab order. */
export async function tabsNeedingReload(deps: HealthDeps, timeoutMs = PING_TIMEOUT_MS): Promise<PortalTab[]> {
  const tabs = await deps.portalTabs();
  const answers = await Promise.all(
    tabs.map(async (t) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([deps.ping(t.id).then(() => true), late]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return tabs.filter((_, i) => !answers[i]);
}
