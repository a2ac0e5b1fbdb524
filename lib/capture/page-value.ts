/**
 * One value the page keeps in its own storage, read in the MAIN world only for the routes that
 * ask for it (a route's `pageStoreId`): Makro's seller id at
 * `localStorage.__appData.sellerConfig.sellerId` (docs/PORTALS.md "Makro", M). Nothing else of
 * that object is kept: not the login, not the tokens beside it.
 */
export interface PageValue {
  /** The localStorage key holding a JSON object. */
  key: string;
  /** Own properties to follow inside it. */
  path: readonly string[];
}

/** What may be kept of it: a short id, never an email or free text. */
export const PAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The larger a stored object, the less it is worth parsing on the page's thread for one id. */
const MAX_STORED = 256 * 1024;

export function readPageValue(store: Pick<Storage, 'getItem'>, where: PageValue): string | undefined {
  try {
    const raw = store.getItem(where.key) ?? '';
    const v = where.path.reduce<unknown>(
      (o, k) => (typeof o === 'object' && o && !Array.isArray(o) && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined),
      raw.length > MAX_STORED ? undefined : JSON.parse(raw || '0'),
    );
    return typeof v === 'string' && PAGE_ID.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
