import { TAKEALOT_PAGES } from '../portalPages';
import { named, type PlatformMatch, platformRoutes, type RouteMatch } from '../routing';

/** Takealot's API hosts and the requests its rules read (docs/PORTALS.md "Takealot"). */
export const SELLER_API = /^seller-api\.takealot\.com$/;
export const MARKETPLACE_API = /^marketplace-api\.takealot\.com$/;

/**
 * The requests its rules read, one match each (what the MAIN-world tap loads, by value: no
 * names). The portal calls its API with `/v2/…` and `/1/…` path versions (M-); integrators `/v1/…`.
 * A route without `host` takes either API host (`hosts` below decides).
 */
const sellerIdentity: RouteMatch = { methods: ['GET'], path: /^\/(v[12]|1)\/(seller|whoami)\/?$/ };
const v2OfferWrite: RouteMatch = { methods: ['PATCH', 'POST'], host: SELLER_API, path: /^\/(v2|1)\/offers\/offer\/[^/]+\/?$/ };
const v1OfferCreate: RouteMatch = { methods: ['POST'], host: MARKETPLACE_API, path: /^\/v1\/offers\/?$/ };
const v1OfferUpdate: RouteMatch = {
  methods: ['PATCH'],
  host: MARKETPLACE_API,
  path: /^\/v1\/offers\/(?!batch\b)[^/]+\/?$|^\/v1\/offers\/by_(sku|barcode)\/[^/]+\/?$/,
};
const batchCreate: RouteMatch = { methods: ['POST'], path: /^\/(v[12]|1)\/offers\/batch\/?$/ };
const batchStatus: RouteMatch = { methods: ['GET'], path: /^\/(v[12]|1)\/offers\/batch\/[^/]+\/?$/ };
const loadsheetSubmit: RouteMatch = { methods: ['POST'], host: SELLER_API, path: /^\/(v2|1)\/loadsheets\/submissions\/?$/ };
const loadsheetPoll: RouteMatch = { methods: ['GET'], host: SELLER_API, path: /^\/(v2|1)\/loadsheets\/submissions\/[^/]+\/?$/ };

/** What the tap knows of Takealot (lib/platforms/tapRoutes.ts). */
export const takealotTap: PlatformMatch = {
  hosts: ['seller-api.takealot.com', 'marketplace-api.takealot.com'],
  // In the order of ROUTES (tests/unit/platforms/tap-routes.test.ts).
  routes: [sellerIdentity, v2OfferWrite, v1OfferCreate, v1OfferUpdate, batchCreate, batchStatus, loadsheetSubmit, loadsheetPoll],
  // Every write to these hosts is the API.
  isApi: () => true,
};

/** The routes with their capture rules' names. */
export const ROUTES = named({
  sellerIdentity: [sellerIdentity, 'takealot/seller-identity'],
  v2OfferWrite: [v2OfferWrite, 'takealot/v2-offer-write'],
  v1OfferCreate: [v1OfferCreate, 'takealot/v1-offer-create'],
  v1OfferUpdate: [v1OfferUpdate, 'takealot/v1-offer-update'],
  batchCreate: [batchCreate, 'takealot/batch-create'],
  batchStatus: [batchStatus, 'takealot/batch-status'],
  loadsheetSubmit: [loadsheetSubmit, 'takealot/loadsheet-submit'],
  loadsheetPoll: [loadsheetPoll, 'takealot/loadsheet-poll'],
});

export const takealotRoutes = platformRoutes('takealot', TAKEALOT_PAGES, takealotTap, ROUTES);
