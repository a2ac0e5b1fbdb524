import { readPageValue } from '../../capture/page-value';
import { definePortal } from '../capture';
import type { CaptureRule } from '../types';
import { draftCreate, draftSubmit } from './drafts';
import { makroLinks } from './identity';
import { listingsWrite } from './listings';
import { priceEdit } from './price';
import { qcPoll } from './qc';
import { makroRoutes, ROUTES } from './routes';
import { stockEdit } from './stock';

/** Makro's capture rules, one file per operation family (errors, listings, drafts, qc, price, stock). */
export const makroRules: CaptureRule[] = [
  { ...ROUTES.createUpdateListings, parse: listingsWrite },
  { ...ROUTES.productDraftCreate, parse: draftCreate },
  { ...ROUTES.productSubmit, parse: draftSubmit },
  { ...ROUTES.qcPoll, parse: qcPoll },
  { ...ROUTES.priceEdit, parse: priceEdit },
  { ...ROUTES.stockEdit, parse: stockEdit },
];

/**
 * What Makro's content script runs (entrypoints/portal-makro.content.ts): these routes and rules
 * only, and the reader of the seller id the portal keeps in localStorage (its routes ask for it).
 */
export const makroPortal = /* @__PURE__ */ definePortal(makroRoutes, makroRules, makroLinks, readPageValue);
