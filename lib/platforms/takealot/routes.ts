import type { PlatformRoutes, RouteSpec } from '../routing';

/** Takealot's API hosts and the requests its rules read (docs/PORTALS.md "Takealot"). */
export const SELLER_API = /^seller-api\.takealot\.com$/;
export const MARKETPLACE_API = /^marketplace-api\.takealot\.com$/;
const EITHER_API = /^(seller-api|marketplace-api)\.takealot\.com$/;

/** The portal calls its API with `/v2/…` and `/1/…` path versions (M-); integrators `/v1/…`. */
export const ROUTES = {
  sellerIdentity: { name: 'takealot/seller-identity', methods: ['GET'], host: EITHER_API, path: /^\/(v[12]|1)\/(seller|whoami)\/?$/ },
  v2OfferWrite: {
    name: 'takealot/v2-offer-write',
    methods: ['PATCH', 'POST'],
    host: SELLER_API,
    path: /^\/(v2|1)\/offers\/offer\/[^/]+\/?$/,
  },
  v1OfferCreate: { name: 'takealot/v1-offer-create', methods: ['POST'], host: MARKETPLACE_API, path: /^\/v1\/offers\/?$/ },
  v1OfferUpdate: {
    name: 'takealot/v1-offer-update',
    methods: ['PATCH'],
    host: MARKETPLACE_API,
    path: /^\/v1\/offers\/(?!batch\b)[^/]+\/?$|^\/v1\/offers\/by_(sku|barcode)\/[^/]+\/?$/,
  },
  batchCreate: { name: 'takealot/batch-create', methods: ['POST'], host: EITHER_API, path: /^\/(v[12]|1)\/offers\/batch\/?$/ },
  batchStatus: { name: 'takealot/batch-status', methods: ['GET'], host: EITHER_API, path: /^\/(v[12]|1)\/offers\/batch\/[^/]+\/?$/ },
  loadsheetSubmit: {
    name: 'takealot/loadsheet-submit',
    methods: ['POST'],
    host: SELLER_API,
    path: /^\/(v2|1)\/loadsheets\/submissions\/?$/,
  },
  loadsheetPoll: {
    name: 'takealot/loadsheet-poll',
    methods: ['GET'],
    host: SELLER_API,
    path: /^\/(v2|1)\/loadsheets\/submissions\/[^/]+\/?$/,
  },
} as const satisfies Record<string, RouteSpec>;

export const takealotRoutes: PlatformRoutes = {
  platform: 'takealot',
  portalMatches: ['https://sellers.takealot.com/*', 'https://seller.takealot.com/*'],
  hosts: ['seller-api.takealot.com', 'marketplace-api.takealot.com'],
  routes: Object.values(ROUTES),
  isApi: (url) => SELLER_API.test(url.hostname) || MARKETPLACE_API.test(url.hostname),
};
