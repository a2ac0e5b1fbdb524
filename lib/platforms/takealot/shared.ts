import type { RecordError } from '../../records/record';
import type { RuleInput } from '../types';
import { errorList, idStr, messageCode, text } from '../util';

/**
 * What every Takealot rule shares. Shapes: docs/PORTALS.md "Takealot" and the seller-api v2
 * Swagger; fixtures in tests/fixtures/takealot/ reproduce each scenario.
 */
export const PORTAL = 'Takealot';

/** Fields of an offer write a seller would want to see again. Anything else is dropped. */
export const CHANGE_FIELDS = [
  'sku',
  'barcode',
  'selling_price',
  'rrp',
  'leadtime_days',
  'leadtime_stock',
  'status_action',
  'minimum_leadtime_days',
  // Marketplace API v1 stock: `[{seller_warehouse_id, quantity_available}]` (PORTALS.md "What third parties saw…", M-).
  'seller_warehouse_stock',
] as const;

/** The PLID of an `offer_url`, only when it is an https link on www.takealot.com. */
function plidOfUrl(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  try {
    const u = new URL(x);
    return u.protocol === 'https:' && u.hostname === 'www.takealot.com' ? /\/PLID(\d+)\/?$/i.exec(u.pathname)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

export const listingUrl = (offer: Record<string, unknown>): string | undefined => {
  const fromUrl = plidOfUrl(offer.offer_url);
  const plid = fromUrl ?? idStr(offer.productline_id)?.replace(/^PLID/i, '');
  return plid && /^\d+$/.test(plid) ? `https://www.takealot.com/x/PLID${plid}` : undefined;
};

export const draftIdOf = (page: URL): string | undefined => /\/single-product\/(\d+)/.exec(page.pathname)?.[1];

/** v1 error bodies: `{"errors":[{"status":429,"title":"Too Many Requests"}]}`; v2: `{"message": …}`. */
export const bodyErrors = (b: Record<string, unknown>): RecordError[] => {
  const list = errorList(b.errors, messageCode);
  const m = text(b.message);
  return m ? [{ message: m }, ...list] : list;
};

export const validationErrors = (x: unknown): RecordError[] => errorList(x, messageCode);

export const seg = (input: RuleInput, re: RegExp): string | undefined => re.exec(input.url.pathname)?.[1];
