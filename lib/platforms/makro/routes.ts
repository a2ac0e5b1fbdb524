import type { PageValue } from '../../capture/page-value';
import { MAKRO_PAGES } from '../portalPages';
import { named, type PlatformMatch, platformRoutes, type RouteMatch } from '../routing';

/** The page keeps the seller id at `localStorage.__appData.sellerConfig.sellerId` (PORTALS.md "Makro", M). */
const SELLER: PageValue = { key: '__appData', path: ['sellerConfig', 'sellerId'] };

/**
 * Makro's portal API (same host as the portal) and the requests its rules read, one match each
 * (what the MAIN-world tap loads, by value: no names; docs/PORTALS.md "Makro"). Its one API host
 * is `hosts` below, so no route names it.
 */
const createUpdateListings: RouteMatch = { methods: ['POST'], path: /^\/napi\/listing\/create-update-listings\/?$/ };
const productDraftCreate: RouteMatch = { methods: ['POST'], path: /^\/napi\/createProductV2\/create\/?$/ };
const productSubmit: RouteMatch = { methods: ['POST'], path: /^\/napi\/createProductV2\/submit\/?$/ };
// Observed as a POST (M-); a GET is read too, it is a read either way.
const qcPoll: RouteMatch = { methods: ['POST', 'GET'], path: /^\/napi\/listing\/inProgressSingle\/?$/ };
// `listing/` observed (M-); the `sfx/` variant is assumed (L).
// Its URL carries the seller's login (`userName`), never the seller id: the Store ID comes from the page.
const priceEdit: RouteMatch = { methods: ['POST'], path: /^\/napi\/(listing|sfx)\/updateSellingPrice\/?$/ };
const stockEdit: RouteMatch = { methods: ['POST'], path: /^\/napi\/sfx\/updateListingsInventory\/?$/ };

/** What the tap knows of Makro (lib/platforms/tapRoutes.ts). */
export const makroTap: PlatformMatch = {
  hosts: ['seller.makro.co.za'],
  // In the order of ROUTES (tests/unit/platforms/tap-routes.test.ts).
  routes: [createUpdateListings, productDraftCreate, productSubmit, qcPoll, priceEdit, stockEdit],
  // Image uploads and list/search reads are POSTs too, but not saves: not worth counting.
  isApi: (url) => url.pathname.startsWith('/napi/') && !/\/(scf\/uploadImage|(search|fetch|get|list)[A-Za-z]*)$/i.test(url.pathname),
};

/** The routes with their capture rules' names, and where the page keeps the Store ID for those that need it. */
export const ROUTES = named({
  createUpdateListings: [createUpdateListings, 'makro/create-update-listings'],
  productDraftCreate: [productDraftCreate, 'makro/product-draft-create', SELLER],
  productSubmit: [productSubmit, 'makro/product-submit', SELLER],
  qcPoll: [qcPoll, 'makro/qc-poll'],
  priceEdit: [priceEdit, 'makro/price-edit', SELLER],
  stockEdit: [stockEdit, 'makro/stock-edit'],
});

export const makroRoutes = platformRoutes('makro', MAKRO_PAGES, makroTap, ROUTES);
