import { definePortal } from '../capture';
import type { CaptureRule } from '../types';
import { batchCreate, batchStatusPoll } from './batches';
import { takealotLinks } from './identity';
import { loadsheetPoll, loadsheetSubmit } from './loadsheets';
import { v1OfferCreate, v1OfferUpdate, v2OfferWrite } from './offers';
import { ROUTES, takealotRoutes } from './routes';
import { sellerIdentity } from './seller';

/** Takealot's capture rules, one file per operation family (seller, offers, batches, loadsheets). */
export const takealotRules: CaptureRule[] = [
  { ...ROUTES.sellerIdentity, parse: sellerIdentity },
  { ...ROUTES.v2OfferWrite, parse: v2OfferWrite },
  { ...ROUTES.v1OfferCreate, parse: v1OfferCreate },
  { ...ROUTES.v1OfferUpdate, parse: v1OfferUpdate },
  { ...ROUTES.batchCreate, parse: batchCreate },
  { ...ROUTES.batchStatus, parse: batchStatusPoll },
  { ...ROUTES.loadsheetSubmit, parse: loadsheetSubmit },
  { ...ROUTES.loadsheetPoll, parse: loadsheetPoll },
];

/** What Takealot's content script runs (entrypoints/portal-takealot.content.ts): these routes and rules only. */
export const takealotPortal = /* @__PURE__ */ definePortal(takealotRoutes, takealotRules, takealotLinks);
