import type { PageValue } from '../../capture/page-value';
import type { PlatformRoutes, RouteSpec } from '../routing';

/** Makro's portal API (same host as the portal) and the requests its rules read (docs/PORTALS.md "Makro"). */
export const HOST = /^seller\.makro\.co\.za$/;

/** The page keeps the seller id at `localStorage.__appData.sellerConfig.sellerId` (PORTALS.md "Makro", M). */
const SELLER: PageValue = { key: '__appData', path: ['sellerConfig', 'sellerId'] };

export const ROUTES = {
  createUpdateListings: {
    name: 'makro/create-update-listings',
    methods: ['POST'],
    host: HOST,
    path: /^\/napi\/listing\/create-update-listings\/?$/,
  },
  productDraftCreate: {
    name: 'makro/product-draft-create',
    methods: ['POST'],
    host: HOST,
    path: /^\/napi\/createProductV2\/create\/?$/,
    pageStoreId: SELLER,
  },
  productSubmit: {
    name: 'makro/product-submit',
    methods: ['POST'],
    host: HOST,
    path: /^\/napi\/createProductV2\/submit\/?$/,
    pageStoreId: SELLER,
  },
  // Observed as a POST (M-); a GET is read too, it is a read either way.
  qcPoll: { name: 'makro/qc-poll', methods: ['POST', 'GET'], host: HOST, path: /^\/napi\/listing\/inProgressSingle\/?$/ },
  // `listing/` observed (M-); the `sfx/` variant is assumed (L).
  // Its URL carries the seller's login (`userName`), never the seller id: the Store ID comes from the page.
  priceEdit: {
    name: 'makro/price-edit',
    methods: ['POST'],
    host: HOST,
    path: /^\/napi\/(listing|sfx)\/updateSellingPrice\/?$/,
    pageStoreId: SELLER,
  },
  stockEdit: { name: 'makro/stock-edit', methods: ['POST'], host: HOST, path: /^\/napi\/sfx\/updateListingsInventory\/?$/ },
} as const satisfies Record<string, RouteSpec>;

export const makroRoutes: PlatformRoutes = {
  platform: 'makro',
  portalMatches: ['https://seller.makro.co.za/*'],
  hosts: ['seller.makro.co.za'],
  routes: Object.values(ROUTES),
  // Image uploads and list/search reads are POSTs too, but not saves: not worth counting.
  isApi: (url) =>
    HOST.test(url.hostname) &&
    url.pathname.startsWith('/napi/') &&
    !/\/(scf\/uploadImage|(search|fetch|get|list)[A-Za-z]*)$/i.test(url.pathname),
};
