import type { RuleInput, RuleOutput } from '../types';
import { idStr, is2xx, obj } from '../util';

/** Takealot seller ids are integers (PORTALS.md "Takealot" IDs, H). */
const SELLER_ID = /^\d{1,12}$/;

/**
 * Who the seller is, for the Store ID of later records. The portal asks `GET /v2/whoami`
 * (PORTALS.md "What third parties saw… Takealot", M-), whose shape is undocumented.
 * HYPOTHESIS (L): the seller id sits in one of the common places, `seller_id`/`sellerId` at the
 * top, or inside `seller`/`data`/`user`; fixture seller-identity-whoami.json is the guess.
 * `GET /v2/seller` (`{seller_id, display_name, slug}`, integrator code, M) is read the same way.
 * Only the id is learned: names, emails and every other personal field of the answer are
 * never read, so they never reach a record.
 */
export function sellerIdentity({ ex }: RuleInput): RuleOutput {
  if (!is2xx(ex.status)) return {};
  const b = obj(ex.responseBody);
  const places = [b, obj(b.seller), obj(b.data), obj(obj(b.data).seller), obj(b.user)];
  for (const o of places) {
    for (const v of [o.seller_id, o.sellerId, o === b ? undefined : o.id]) {
      const id = idStr(v);
      if (id && SELLER_ID.test(id)) return { learned: { storeId: id } };
    }
  }
  return {};
}
